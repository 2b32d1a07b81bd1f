#!/usr/bin/env bash
# versitygw (an S3 gateway, Apache-2.0) on 127.0.0.1 for the object-store tests.
#
#   versitygw.sh install     go install at the pinned version into the cache (idempotent)
#   versitygw.sh start DIR   install, start on a free port with the posix backend under DIR
#                            (bucket "delta-test" created), wait until it answers, and print
#                            the test environment (DELTA_TEST_S3_*=...) on stdout
#   versitygw.sh stop DIR    stop the server started under DIR and remove DIR
#
# Exit status 2: versitygw cannot be installed here (no Go, or the module proxy unreachable);
# the tests then skip, except in CI, where scripts/test.sh turns that into a failure.
set -euo pipefail

VERSION="v1.8.0"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BIN_DIR="$CACHE/versitygw-$VERSION"
BIN="$BIN_DIR/versitygw"
# Fixed credentials of the throwaway server (it listens on loopback only).
ACCESS_KEY="deltatestaccesskey"
SECRET_KEY="deltatestsecretkey"
BUCKET="delta-test"

log() { printf '[versitygw] %s\n' "$*" >&2; }

install() {
  [ -x "$BIN" ] && return 0
  if ! command -v go >/dev/null 2>&1; then
    log "go is not installed: cannot install versitygw"
    return 2
  fi
  log "installing versitygw $VERSION into $BIN_DIR"
  mkdir -p "$BIN_DIR"
  if ! GOBIN="$BIN_DIR" GOFLAGS=-mod=mod go install \
      "github.com/versity/versitygw/cmd/versitygw@$VERSION" >&2; then
    log "go install failed"
    return 2
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local dir="$1"
  install || return $?
  mkdir -p "$dir/data/$BUCKET"
  local port
  port="$(free_port)"
  nohup "$BIN" --port "127.0.0.1:$port" --access "$ACCESS_KEY" --secret "$SECRET_KEY" \
    --region us-east-1 --quiet posix "$dir/data" >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  # Up to 30 s for it to listen (bounded: a broken start fails instead of hanging).
  for _ in $(seq 1 300); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then
      cat <<ENV
DELTA_TEST_S3_ENDPOINT=http://127.0.0.1:$port
DELTA_TEST_S3_BUCKET=$BUCKET
DELTA_TEST_S3_ACCESS_KEY_ID=$ACCESS_KEY
DELTA_TEST_S3_SECRET_ACCESS_KEY=$SECRET_KEY
DELTA_TEST_S3_DATA_DIR=$dir/data
ENV
      return 0
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "versitygw did not start; its log:"
  cat "$dir/server.log" >&2 || true
  stop "$dir"
  return 1
}

stop() {
  local dir="$1"
  if [ -f "$dir/pid" ]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    wait "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?usage: versitygw.sh start DIR}" ;;
  stop) stop "${2:?usage: versitygw.sh stop DIR}" ;;
  *) echo "usage: versitygw.sh install | start DIR | stop DIR" >&2; exit 64 ;;
esac
