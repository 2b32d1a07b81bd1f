#!/usr/bin/env bash
# fake-gcs-server (Google Cloud Storage's JSON API, BSD-2-Clause) on 127.0.0.1 for the GCS
# tests.
#
#   fake-gcs.sh install     go install the pinned version into the cache (idempotent)
#   fake-gcs.sh start DIR   install, start it in memory over plain HTTP on a free port, wait
#                           until it answers, and print the test environment on stdout:
#                           DELTA_TEST_GCS_ENDPOINT=http://127.0.0.1:PORT (anonymous access)
#   fake-gcs.sh stop DIR    stop the server started under DIR and remove DIR
#
# Exit status 2: fake-gcs-server cannot be installed here (no Go, or the module proxy
# unreachable); the tests then skip, except in CI, where scripts/test.sh turns that into a
# failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# v1.56.1: the first tried here that refuses an ifGenerationMatch=0 upload of an existing
# object (v1.52.3 overwrote it).
VERSION="v1.56.1"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BIN_DIR="$CACHE/fake-gcs-server-$VERSION"
BIN="$BIN_DIR/fake-gcs-server"

log() { printf '[fake-gcs] %s\n' "$*" >&2; }

install() {
  [ -x "$BIN" ] && return 0
  if ! command -v go >/dev/null 2>&1; then
    log "go is not installed: cannot install fake-gcs-server"
    return 2
  fi
  log "installing fake-gcs-server $VERSION into $BIN_DIR"
  mkdir -p "$BIN_DIR"
  if ! GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install \
      "github.com/fsouza/fake-gcs-server@$VERSION" >&2; then
    log "go install failed"
    return 2
  fi
}

start() {
  local dir="$1"
  install || return $?
  mkdir -p "$dir"
  local port
  port="$(free_port)"
  local endpoint="http://127.0.0.1:$port"
  nohup "$BIN" -host 127.0.0.1 -port "$port" -scheme http -backend memory \
    -public-host "127.0.0.1:$port" -external-url "$endpoint" -log-level error \
    >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  await_server "$dir" fake-gcs \
    python3 -c "import urllib.request; urllib.request.urlopen('$endpoint/storage/v1/b', timeout=0.5)"
  echo "DELTA_TEST_GCS_ENDPOINT=$endpoint"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?usage: fake-gcs.sh start DIR}" ;;
  stop) stop_server "${2:?usage: fake-gcs.sh stop DIR}" ;;
  *) echo "usage: fake-gcs.sh install | start DIR | stop DIR" >&2; exit 64 ;;
esac
