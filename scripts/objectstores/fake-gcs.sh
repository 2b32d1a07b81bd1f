#!/usr/bin/env bash
# fake-gcs-server (Google Cloud Storage's JSON API) for the GCS tests.
#   fake-gcs.sh install   go-installs the pinned version into the cache (idempotent)
#   fake-gcs.sh start     starts it on 127.0.0.1 at a free port, plain HTTP, in memory;
#                         prints "FAKE_GCS_ENDPOINT=http://127.0.0.1:PORT"
#   fake-gcs.sh stop      stops the server this script started
# Environment: DELTA_KERNEL_CACHE (default ~/.cache/delta-kernel-cpp), FAKE_GCS_STATE_DIR.
set -euo pipefail

FAKE_GCS_VERSION="v1.56.1"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
GOBIN_DIR="$CACHE/fake-gcs-server-$FAKE_GCS_VERSION/bin"
BIN="$GOBIN_DIR/fake-gcs-server"
STATE="${FAKE_GCS_STATE_DIR:-${TMPDIR:-/tmp}/delta-kernel-fake-gcs-$(id -u)}"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

log() { printf '[fake-gcs] %s\n' "$*" >&2; }

install() {
  if [ -x "$BIN" ]; then return 0; fi
  command -v go >/dev/null || { log "go not found: install Go 1.22 or later"; return 1; }
  log "installing fake-gcs-server@$FAKE_GCS_VERSION into $GOBIN_DIR"
  mkdir -p "$GOBIN_DIR"
  GOBIN="$GOBIN_DIR" GOFLAGS=-mod=mod go install \
    "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION" >&2
  [ -x "$BIN" ]
}

start() {
  install
  mkdir -p "$STATE"
  if server_running "$STATE"; then
    echo "FAKE_GCS_ENDPOINT=$(cat "$STATE/endpoint")"
    return 0
  fi
  local port; port="$(free_port)"
  "$BIN" -host 127.0.0.1 -port "$port" -scheme http -backend memory \
    -public-host "127.0.0.1:$port" -external-url "http://127.0.0.1:$port" \
    -log-level error >"$STATE/log" 2>&1 &
  echo $! >"$STATE/pid"
  local endpoint="http://127.0.0.1:$port"
  await_server "$STATE" "$endpoint" python3 -c "import urllib.request; urllib.request.urlopen('$endpoint/storage/v1/b', timeout=0.5)"
  echo "FAKE_GCS_ENDPOINT=$endpoint"
}

stop() { stop_server "$STATE"; }

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
