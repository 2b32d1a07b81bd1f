#!/usr/bin/env bash
# Scan execution benchmark: this project (C++ and Python) vs Polars, delta-rs, DuckDB and the
# Parquet C++ decode floor, reading the same Delta tables into Arrow, peers in the same run.
# Writes the 'scan-bench' section of docs/benchmarks.md.
#
#   bash bench/run_scan.sh                          # every workload, 3 reps
#   bash bench/run_scan.sh --workloads full,dv --reps 2 --no-docs
#
# Installs what it needs itself (idempotent): the project's dependencies, an optimised build
# of the bench programs and the Python module, the bench venv with deltalake, polars, duckdb
# and numpy, and the tables (bench/scan_gen.py, ~1 GB, generated once under
# $DELTA_KERNEL_CACHE/scan-tables). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh).
set -euo pipefail

POLARS_VERSION="1.44.2"
DUCKDB_VERSION="1.5.6"
NUMPY_VERSION="2.4.6"
log() { printf '[bench] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
# The Python module is measured too: the bench build needs it configured.
bench_configure_python
bench_build delta-scan-bench delta-scan-floor delta_kernel_python
bench_venv_install .scan-bench-stamp "deltalake==$DELTALAKE_VERSION" "polars==$POLARS_VERSION" \
  "duckdb==$DUCKDB_VERSION" "numpy==$NUMPY_VERSION"

TABLES="$CACHE/scan-tables"
PYPATH="$BUILD_DIR/python"
PYTHONPATH="$PYPATH" "$BENCH_VENV/bin/python" "$ROOT/bench/scan_gen.py" "$TABLES"

CMD="bash bench/run_scan.sh${*:+ $*}"
cd "$ROOT/bench"
exec env PYTHONPATH="$PYPATH" "$BENCH_VENV/bin/python" scan_harness.py \
  --bench "$BUILD_DIR/bin/delta-scan-bench" \
  --floor "$BUILD_DIR/bin/delta-scan-floor" \
  --python "$BENCH_VENV/bin/python" \
  --pythonpath "$PYPATH" \
  --tables "$TABLES" \
  --results "$CACHE/bench-results/scan-latest.json" \
  --command "$CMD" "$@"
