#!/usr/bin/env bash
# Checkpoint benchmark: this project vs delta-rs (create_checkpoint), delta-kernel-rs
# (Snapshot::checkpoint, bench/rust-kernel --checkpoint) and Delta Spark (DeltaLog.checkpoint()
# in a warm session, bench/spark_checkpoint.py) writing a checkpoint of 1M-file log-only tables
# with and without statistics, and our incremental v2 checkpoint after 1% of the files changed,
# in one run. Writes the 'checkpoint-bench' section of docs/benchmarks.md.
#
#   bash bench/run_checkpoint.sh                  # 1M tables, 2 repetitions
#   bash bench/run_checkpoint.sh --reps 3 --ten-m # and the 10M-file table, ours alone
#   bash bench/run_checkpoint.sh --peers delta-rs,delta-kernel-rs  # Delta Spark left out
#
# Installs what it needs itself (the project's dependencies, an optimised build, the bench venv
# with deltalake, the delta-kernel-rs bench crate; cargo is required). Delta Spark runs from the
# project venv when scripts/setup-peers.sh has installed it (else it is skipped, and the doc
# says so). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh); tables go to
# $DELTA_KERNEL_CACHE/checkpoint-bench-tables, scratch copies to $TMPDIR.
# SPARK_DRIVER_MEMORY (default 6g): the Delta Spark driver's heap.
set -euo pipefail

log() { printf '[bench-checkpoint] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_build delta-kernel delta-table-gen
bench_build_kernel_rs
bench_venv_install .bench-checkpoint-stamp "deltalake==$DELTALAKE_VERSION" \
  "pyarrow==$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')"

SPARK_ARGS=()
if "$VENV/bin/python" -c 'import pyspark, delta' 2>/dev/null && [ -s "$ROOT/.spark-jars-path" ]; then
  SPARK_ARGS=(--spark-python "$VENV/bin/python" --spark-driver-memory "${SPARK_DRIVER_MEMORY:-6g}")
else
  log "Delta Spark not installed (scripts/setup-peers.sh): not measured"
fi

CMD="bash bench/run_checkpoint.sh${*:+ $*}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/checkpoint-bench.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$ROOT/bench"
"$BENCH_VENV/bin/python" checkpoint_harness.py \
  --cli "$BUILD_DIR/bin/delta-kernel" \
  --gen "$BUILD_DIR/bin/delta-table-gen" \
  --python "$BENCH_VENV/bin/python" \
  --kernel-rs "$CARGO_TARGET_DIR/release/delta-kernel-rs-bench" \
  "${SPARK_ARGS[@]}" \
  --tables "$CACHE/checkpoint-bench-tables" \
  --scratch "$SCRATCH" \
  --results "$CACHE/bench-results/checkpoint-latest.json" \
  --command "$CMD" "$@"
