#!/usr/bin/env bash
# Regenerates examples/sample-table (or the directory given) with delta-table-gen. The output
# is deterministic (fixed seed and timestamps): the committed table must be byte-identical to
# what this writes, which tests/interop/test_generated_tables.py checks.
#
# Usage: scripts/make-sample-table.sh [OUTPUT]
# Environment: DELTA_TABLE_GEN (the generator; default $BUILD_DIR/bin or build/bin).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/examples/sample-table}"
GEN="${DELTA_TABLE_GEN:-${BUILD_DIR:-$ROOT/build}/bin/delta-table-gen}"
if [ ! -x "$GEN" ]; then
  echo "error: $GEN not found: build first (bash scripts/setup.sh)" >&2
  exit 1
fi

# 12 files of 20 rows over 6 commits (versions 0-5), partitioned by region; versions 3 and 5
# remove one file each; a classic checkpoint at version 4; in-commit timestamps, so history
# and time travel by timestamp do not depend on file modification times after a git checkout.
exec "$GEN" "$OUT" --force \
  --files 12 --commits 6 --removes 17 \
  --partitioned 3 --columns 8 --rows-per-file 20 \
  --checkpoint classic --checkpoint-interval 4 \
  --stats on --data real --in-commit-timestamps \
  --seed 2024 --start-time 2024-01-15T09:00:00Z --commit-interval-ms 3600000
