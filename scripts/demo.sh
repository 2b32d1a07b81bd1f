#!/usr/bin/env bash
# The demo: sets everything up (scripts/setup.sh: packages, pinned pyarrow, build; idempotent),
# then shows the delta-kernel CLI on the sample table in examples/sample-table (info, history,
# files, time travel, scans with pruning and skipping) and a change data feed.
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
  local shown="" a
  for a in "$@"; do
    case "$a" in *[[:space:]\']*) shown+=" \"$a\"" ;; *) shown+=" $a" ;; esac
  done
  printf '%s$ delta-kernel%s%s\n' "$DIM" "$shown" "$RESET"
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

heading "A few rows"
run scan "$TABLE" --limit 5

heading "A filtered scan: partitions pruned and files skipped by their stats, then exact rows"
run scan "$TABLE" --where "region = 'eu-west' AND id < 45" --columns id,region,amount --limit 5
run scan "$TABLE" --where "region = 'eu-west' AND id < 45" --explain

# The change data feed needs a table written with delta.enableChangeDataFeed: use one of the
# conformance tables beside this repository when they are there.
CDF_ARCHIVE="$ROOT/../shared/conformance/tables/cdf-table.tar.zst"
if [ -f "$CDF_ARCHIVE" ]; then
  CDF_DIR="$(mktemp -d)"
  trap 'rm -rf "$CDF_DIR"' EXIT
  tar --zstd -xf "$CDF_ARCHIVE" -C "$CDF_DIR"
  heading "The change data feed of a CDF table: what each commit inserted, deleted or updated"
  run changes "$CDF_DIR/cdf-table" --from 0
fi

printf '\n%sMore: %s --help, and README.md.%s\n' "$DIM" "$CLI" "$RESET"
