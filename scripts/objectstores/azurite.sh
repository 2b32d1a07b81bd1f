#!/usr/bin/env bash
# Azurite (the Azure Storage emulator, npm "azurite") for the Azure Blob tests.
#   azurite.sh install   installs the pinned version into the cache (idempotent)
#   azurite.sh start     starts the blob service on 127.0.0.1 at a free port, in-memory;
#                        prints "AZURITE_ENDPOINT=http://127.0.0.1:PORT/devstoreaccount1"
#   azurite.sh stop      stops the server this script started
# Environment: DELTA_KERNEL_CACHE (default ~/.cache/delta-kernel-cpp), AZURITE_STATE_DIR
# (where the pid and log live; default a per-user temp dir).
set -euo pipefail

AZURITE_VERSION="3.37.0"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
PREFIX="$CACHE/azurite-$AZURITE_VERSION"
BIN="$PREFIX/node_modules/.bin/azurite-blob"
STATE="${AZURITE_STATE_DIR:-${TMPDIR:-/tmp}/delta-kernel-azurite-$(id -u)}"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

log() { printf '[azurite] %s\n' "$*" >&2; }

install() {
  if [ -x "$BIN" ]; then return 0; fi
  command -v npm >/dev/null || { log "npm not found: install Node.js and npm"; return 1; }
  log "installing azurite@$AZURITE_VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  npm install --silent --no-audit --no-fund --prefix "$PREFIX" "azurite@$AZURITE_VERSION" >&2
  [ -x "$BIN" ]
}

start() {
  install
  mkdir -p "$STATE"
  if server_running "$STATE"; then
    echo "AZURITE_ENDPOINT=$(cat "$STATE/endpoint")"
    return 0
  fi
  local port; port="$(free_port)"
  "$BIN" --blobHost 127.0.0.1 --blobPort "$port" --inMemoryPersistence --skipApiVersionCheck \
    --loose --silent >"$STATE/log" 2>&1 &
  echo $! >"$STATE/pid"
  local endpoint="http://127.0.0.1:$port/devstoreaccount1"
  await_server "$STATE" "$endpoint" python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)"
  echo "AZURITE_ENDPOINT=$endpoint"
}

stop() { stop_server "$STATE"; }

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
