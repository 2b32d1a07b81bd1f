#!/usr/bin/env bash
# Checkpoint benchmark: this project vs delta-rs (create_checkpoint) writing a checkpoint of
# 1M-file log-only tables with and without statistics, and our incremental v2 checkpoint after
# 1% of the files changed, in one run. Writes the 'checkpoint-bench' section of
# docs/benchmarks.md. delta-kernel-rs is not measured: its 0.30 API hands out the checkpoint's
# rows for the engine to write (Snapshot::checkpoint / CheckpointWriter), and the bench crate
# has no Parquet writing for them yet. Delta Spark is not measured either (see the doc).
#
#   bash bench/run_checkpoint.sh                  # 1M tables, 2 repetitions
#   bash bench/run_checkpoint.sh --reps 3 --ten-m # and the 10M-file table, ours alone
#
# Installs what it needs itself (the project's dependencies, an optimised build, the bench venv
# with deltalake). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh); tables go to
# $DELTA_KERNEL_CACHE/checkpoint-bench-tables, scratch copies to $TMPDIR.
set -euo pipefail

log() { printf '[bench-checkpoint] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_build delta-kernel delta-table-gen
bench_venv_install .bench-checkpoint-stamp "deltalake==$DELTALAKE_VERSION" \
  "pyarrow==$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')"

CMD="bash bench/run_checkpoint.sh${*:+ $*}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/checkpoint-bench.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$ROOT/bench"
"$BENCH_VENV/bin/python" checkpoint_harness.py \
  --cli "$BUILD_DIR/bin/delta-kernel" \
  --gen "$BUILD_DIR/bin/delta-table-gen" \
  --python "$BENCH_VENV/bin/python" \
  --tables "$CACHE/checkpoint-bench-tables" \
  --scratch "$SCRATCH" \
  --results "$CACHE/bench-results/checkpoint-latest.json" \
  --command "$CMD" "$@"
