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

# The change data feed needs a table written with delta.enableChangeDataFeed: the project
# corpus's (Delta Spark wrote it; scripts/corpus.sh) when it has been generated, else a small
# one written here with the CLI itself.
CDF_TABLE=""
if [ -f "$ROOT/.corpus-path" ] && [ -d "$(cat "$ROOT/.corpus-path")/cdf/delta/_delta_log" ]; then
  CDF_TABLE="$(cat "$ROOT/.corpus-path")/cdf/delta"
  heading "The change data feed of a table Delta Spark wrote: what each commit inserted, deleted or updated"
else
  CDF_DIR="$(mktemp -d)"
  trap 'rm -rf "$CDF_DIR"' EXIT
  CDF_TABLE="$CDF_DIR/cdf-table"
  printf 'id,name\n1,ada\n2,grace\n3,edsger\n' > "$CDF_DIR/people.csv"
  heading "A change data feed: a table with delta.enableChangeDataFeed, then an update and a delete"
  run append "$CDF_TABLE" "$CDF_DIR/people.csv" --property delta.enableChangeDataFeed=true
  run update "$CDF_TABLE" --set "name='Grace'" --where "id = 2"
  run delete "$CDF_TABLE" --where "id = 3"
fi
run changes "$CDF_TABLE" --from 0

printf '\n%sMore: %s --help, and README.md.%s\n' "$DIM" "$CLI" "$RESET"
