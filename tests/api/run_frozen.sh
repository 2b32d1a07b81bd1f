#!/usr/bin/env bash
# Runs one release's frozen examples (built by tests/api/CMakeLists.txt) on the sample table and
# compares their output with what they printed when that release shipped.
# Usage: run_frozen.sh BIN_DIR EXPECTED_DIR SOURCE_DIR
set -euo pipefail
bin="$1" expected="$2" src="$3"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
# same NAME COMMAND...: the command's output (sorted where SORT=1: file order is not defined)
# must equal expected/NAME.
same() {
  local name="$1"; shift
  if ! (cd "$src" && "$@") > "$tmp/raw" 2> "$tmp/err"; then
    echo "FAIL: $* exited non-zero:"; cat "$tmp/err"; failures=$((failures + 1)); return
  fi
  if [ "${SORT:-0}" = 1 ]; then LC_ALL=C sort "$tmp/raw" > "$tmp/actual"; else cp "$tmp/raw" "$tmp/actual"; fi
  if diff -u "$expected/$name" "$tmp/actual"; then echo "ok: $name"; else
    echo "FAIL: $* differs from $expected/$name"; failures=$((failures + 1)); fi
}
SORT=1 same read_snapshot.txt "$bin/read_snapshot" examples/sample-table
same write_table.txt "$bin/write_table" "$tmp/cpp-written"
SORT=1 same rows.txt "$bin/read_table_c" examples/sample-table "region = 'eu-west' AND id < 45"
SORT=1 same files.txt "$bin/read_table_c" --files examples/sample-table "region = 'us-east'"
same write.txt "$bin/write_table_c" examples/sample-table "$tmp/c-written"
[ "$failures" -eq 0 ] || exit 1
echo "frozen examples of $(basename "$bin"): all 5 as shipped"
