#!/usr/bin/env bash
# The demo: sets everything up (scripts/setup.sh: packages, pinned pyarrow, build; idempotent),
# then shows the delta-kernel CLI on the sample table in examples/sample-table.
#
# Environment: BUILD_DIR (default ./build), as for scripts/setup.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$PWD/$BUILD_DIR" ;; esac
export BUILD_DIR

bash "$ROOT/scripts/setup.sh"

CLI="$BUILD_DIR/bin/delta-kernel"
cd "$ROOT"  # so the table shows up as a short relative path below
TABLE=examples/sample-table

if [ -t 1 ]; then BOLD=$'\033[1m'; DIM=$'\033[2m'; RESET=$'\033[0m'; else BOLD=""; DIM=""; RESET=""; fi
heading() { printf '\n%s== %s ==%s\n' "$BOLD" "$*" "$RESET"; }
run() {
  printf '%s$ delta-kernel %s%s\n' "$DIM" "$*" "$RESET"
  "$CLI" "$@"
}

heading "The table now: version, protocol, schema, partitioning, size"
run info "$TABLE"

heading "Its history: one line per commit, newest first"
run history "$TABLE"

heading "The live files, with record counts from the per-file stats"
run files "$TABLE"

heading "Time travel: the same table as of version 2"
run info "$TABLE" --version 2

# `scan` is newer than the other commands; show it only when this build has it.
if "$CLI" --help | grep -qE '^[[:space:]]+scan[[:space:]]'; then
  heading "A few rows"
  run scan "$TABLE" --limit 5
fi

printf '\n%sMore: %s --help, and README.md.%s\n' "$DIM" "$CLI" "$RESET"
