#!/usr/bin/env bash
# Maintenance benchmark: this project's Python API vs delta-rs (deltalake) on a vacuum of
# 100,000 unreferenced files (full listing and log-based/lite modes) and an optimize of 10,000
# small files, in one run. Writes the 'maintenance-bench' section of docs/benchmarks.md.
# Delta Spark is not measured (see the doc section).
#
#   bash bench/run_maintenance.sh              # 2 repetitions
#   bash bench/run_maintenance.sh --reps 3
#
# Installs what it needs itself (the project's dependencies, an optimised build of the Python
# module, the bench venv with deltalake). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR, BENCH_NO_BUILD (see bench/bench_env.sh);
# tables go to $DELTA_KERNEL_CACHE/maintenance-bench-tables, scratch copies to $TMPDIR.
set -euo pipefail

log() { printf '[bench-maintenance] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_configure_python
bench_build delta_kernel_python
bench_venv_install .bench-maintenance-stamp "deltalake==$DELTALAKE_VERSION" \
  "pyarrow==$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')"

CMD="bash bench/run_maintenance.sh${*:+ $*}"
[ -n "${BENCH_NO_BUILD:-}" ] && CMD="BENCH_NO_BUILD=$BENCH_NO_BUILD $CMD"
[ -n "${BENCH_BUILD_DIR:-}" ] && CMD="BENCH_BUILD_DIR=$BENCH_BUILD_DIR $CMD"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/maintenance-bench.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
cd "$ROOT/bench"
"$BENCH_VENV/bin/python" maintenance_harness.py \
  --python "$BENCH_VENV/bin/python" \
  --module-path "$BUILD_DIR/python" \
  --tables "$CACHE/maintenance-bench-tables" \
  --scratch "$SCRATCH" \
  --results "$CACHE/bench-results/maintenance-latest.json" \
  --command "$CMD" "$@"
