#!/usr/bin/env bash
# DML benchmark: DELETE 1%, UPDATE 1% and MERGE 1% changed + 1% new rows of a 10M-row table,
# with deletion vectors and copy-on-write: this project's Python API, delta-rs (deltalake;
# copy-on-write only) and Delta Spark (SQL in a warm local[2] session) in one run. Writes the
# 'dml-bench' section of docs/benchmarks.md (analysis: bench/dml_analysis.md).
#
#   bash bench/run_dml.sh                      # 2 repetitions
#   bash bench/run_dml.sh --reps 1 --peers ours,delta-rs --no-docs   # a quick look
#
# Installs what it needs itself (the project's dependencies, an optimised build of the Python
# module, the bench venv with deltalake, Delta Spark through scripts/setup-peers.sh; without
# Java, Spark is left out and the section says so). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR, BENCH_NO_BUILD (see bench/bench_env.sh);
# the table (about 130 MB, twice: DVs on and off) goes to $DELTA_KERNEL_CACHE/dml-bench-tables,
# the per-run copies to $TMPDIR.
set -euo pipefail

log() { printf '[bench-dml] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_configure_python
bench_build delta_kernel_python
bench_venv_install .bench-dml-stamp "deltalake==$DELTALAKE_VERSION" \
  "pyarrow==$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')" numpy
SPARK_PY=""
if bash "$ROOT/scripts/setup-peers.sh" && "$VENV/bin/python" -c 'import pyspark, delta' 2>/dev/null \
    && [ -f "$ROOT/.spark-jars-path" ]; then
  SPARK_PY="$VENV/bin/python"
else
  log "Delta Spark unavailable: measuring ours and delta-rs only"
fi

CMD="bash bench/run_dml.sh${*:+ $*}"
[ -n "${BENCH_NO_BUILD:-}" ] && CMD="BENCH_NO_BUILD=$BENCH_NO_BUILD $CMD"
[ -n "${BENCH_BUILD_DIR:-}" ] && CMD="BENCH_BUILD_DIR=$BENCH_BUILD_DIR $CMD"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/dml-bench.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$ROOT/bench"
"$BENCH_VENV/bin/python" dml_harness.py \
  --python "$BENCH_VENV/bin/python" \
  --module-path "$BUILD_DIR/python" \
  --spark-python "$SPARK_PY" \
  --tables "$CACHE/dml-bench-tables" \
  --scratch "$SCRATCH" \
  --results "$CACHE/bench-results/dml-latest.json" \
  --command "$CMD" "$@"
