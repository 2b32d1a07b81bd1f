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

log() { printf '[azurite] %s\n' "$*" >&2; }

install() {
  if [ -x "$BIN" ]; then return 0; fi
  command -v npm >/dev/null || { log "npm not found: install Node.js and npm"; return 1; }
  log "installing azurite@$AZURITE_VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  npm install --silent --no-audit --no-fund --prefix "$PREFIX" "azurite@$AZURITE_VERSION" >&2
  [ -x "$BIN" ]
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start() {
  install
  mkdir -p "$STATE"
  if [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; then
    echo "AZURITE_ENDPOINT=$(cat "$STATE/endpoint")"
    return 0
  fi
  local port; port="$(free_port)"
  "$BIN" --blobHost 127.0.0.1 --blobPort "$port" --inMemoryPersistence --skipApiVersionCheck \
    --loose --silent >"$STATE/log" 2>&1 &
  echo $! >"$STATE/pid"
  local endpoint="http://127.0.0.1:$port/devstoreaccount1"
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then
      echo "$endpoint" >"$STATE/endpoint"
      echo "AZURITE_ENDPOINT=$endpoint"
      return 0
    fi
    kill -0 "$(cat "$STATE/pid")" 2>/dev/null || break
    sleep 0.1
  done
  log "azurite did not start; its log:"; cat "$STATE/log" >&2
  stop; return 1
}

stop() {
  if [ -f "$STATE/pid" ]; then
    kill "$(cat "$STATE/pid")" 2>/dev/null || true
    rm -f "$STATE/pid" "$STATE/endpoint"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
