#!/usr/bin/env bash
# Azurite (the Azure Storage emulator, npm "azurite", MIT) on 127.0.0.1 for the Azure tests.
#
#   azurite.sh install     npm-install the pinned version into the cache (idempotent)
#   azurite.sh start DIR   install, start the blob service in memory on a free port, wait
#                          until it answers, and print the test environment on stdout:
#                          DELTA_TEST_AZURE_ENDPOINT=http://127.0.0.1:PORT/devstoreaccount1
#                          (account devstoreaccount1 with the emulator's well-known key)
#   azurite.sh start-oauth DIR CERT KEY
#                          the same over HTTPS (CERT/KEY: PEM files) with --oauth basic, so
#                          bearer tokens are checked (issuer, audience, lifetime; no signature)
#   azurite.sh stop DIR    stop the server started under DIR and remove DIR
#
# Exit status 2: Azurite cannot be installed here (no npm, or the registry unreachable); the
# tests then skip, except in CI, where scripts/test.sh turns that into a failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="3.37.0"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
PREFIX="$CACHE/azurite-$VERSION"
BIN="$PREFIX/node_modules/.bin/azurite-blob"

log() { printf '[azurite] %s\n' "$*" >&2; }

install() {
  [ -x "$BIN" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    log "npm is not installed: cannot install Azurite"
    return 2
  fi
  log "installing azurite@$VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  if ! npm install --silent --no-audit --no-fund --prefix "$PREFIX" "azurite@$VERSION" >&2; then
    log "npm install failed"
    return 2
  fi
}

# start DIR [CERT KEY]: with CERT and KEY the server speaks HTTPS and checks OAuth tokens.
start() {
  local dir="$1" cert="${2:-}" key="${3:-}"
  install || return $?
  mkdir -p "$dir"
  local port
  port="$(free_port)"
  # --skipApiVersionCheck: the client's x-ms-version may be newer than this Azurite knows.
  local scheme=http extra=()
  if [ -n "$cert" ]; then
    scheme=https
    extra=(--cert "$cert" --key "$key" --oauth basic)
  fi
  nohup "$BIN" --blobHost 127.0.0.1 --blobPort "$port" --inMemoryPersistence \
    --skipApiVersionCheck --loose --silent "${extra[@]}" >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  await_server "$dir" azurite \
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)"
  echo "DELTA_TEST_AZURE_ENDPOINT=$scheme://127.0.0.1:$port/devstoreaccount1"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?usage: azurite.sh start DIR}" ;;
  start-oauth) start "${2:?usage: azurite.sh start-oauth DIR CERT KEY}" "${3:?CERT}" "${4:?KEY}" ;;
  stop) stop_server "${2:?usage: azurite.sh stop DIR}" ;;
  *) echo "usage: azurite.sh install | start DIR | start-oauth DIR CERT KEY | stop DIR" >&2; exit 64 ;;
esac
