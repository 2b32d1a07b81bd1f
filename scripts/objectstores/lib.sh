# Shared by the object-store server scripts (sourced): free ports, waiting until a server
# started in the background answers, stopping it. A server's state (pid, log) lives in the
# DIR given to `start DIR` / `stop DIR`.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# await_server DIR NAME PROBE...: runs PROBE until it succeeds (30 s at most: a broken start
# fails instead of hanging). On failure prints the server's log, stops it and returns 1.
await_server() {
  local dir="$1" name="$2"; shift 2
  for _ in $(seq 1 300); do
    if "$@" 2>/dev/null; then return 0; fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.1
  done
  printf '[%s] did not start; its log:\n' "$name" >&2
  cat "$dir/server.log" >&2 || true
  stop_server "$dir"
  return 1
}

# Stops the server started under DIR (Azurite takes seconds to shut down: it gets 5 s, then
# SIGKILL) and removes DIR.
stop_server() {
  local dir="$1"
  if [ -f "$dir/pid" ]; then
    local pid
    pid="$(cat "$dir/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
