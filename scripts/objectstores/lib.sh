# Shared by the object-store server scripts (sourced): free ports, starting a server in the
# background with its pid in a state directory, waiting until it answers, stopping it.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# server_running STATE: true when STATE/pid names a live process.
server_running() {
  [ -f "$1/pid" ] && kill -0 "$(cat "$1/pid")" 2>/dev/null
}

# await_server STATE ENDPOINT PROBE...: runs PROBE until it succeeds (10 s at most), then
# records ENDPOINT in STATE/endpoint. On failure prints the server's log and stops it.
await_server() {
  local state="$1" endpoint="$2"; shift 2
  for _ in $(seq 1 100); do
    if "$@" 2>/dev/null; then
      echo "$endpoint" >"$state/endpoint"
      return 0
    fi
    server_running "$state" || break
    sleep 0.1
  done
  echo "server did not start; its log:" >&2
  cat "$state/log" >&2
  stop_server "$state"
  return 1
}

stop_server() {
  if [ -f "$1/pid" ]; then
    kill "$(cat "$1/pid")" 2>/dev/null || true
    rm -f "$1/pid" "$1/endpoint"
  fi
}
