#!/usr/bin/env bash
# Write benchmarks: this project vs delta-rs (and pyarrow alone) in one run: small-append commit
# latency and throughput under 1, 2, 4 and 8 racing writer processes, and one 10M-row write.
# Writes docs/benchmarks-write.md (the analysis appended is bench/write_analysis.md).
#
#   bash bench/run_write.sh                       # everything (a quarter of an hour or so)
#   bash bench/run_write.sh --quick --no-docs     # small sizes, a smoke test
#   bash bench/run_write.sh --writers 1,8 --commits 50 --rows 1000000 --reps 3
#
# Installs what it needs itself: the project's dependencies (scripts/setup.sh SKIP_BUILD=1),
# the bench venv of bench/run.sh with deltalake, plus pyarrow for the generator and the floor.
# Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh).
set -euo pipefail

log() { printf '[bench-write] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
PYARROW_VERSION="$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')"
bench_build delta-commit-bench delta-write-bench
# delta-rs: the deltalake Python package, in bench/run.sh's venv, with pyarrow for the generator
# and the floor.
bench_venv_install .bench-write-stamp "deltalake==$DELTALAKE_VERSION" "pyarrow==$PYARROW_VERSION"

# --- run -------------------------------------------------------------------------------------
CMD="bash bench/run_write.sh${*:+ $*}"
cd "$ROOT/bench"
exec "$BENCH_VENV/bin/python" write_harness.py \
  --commit-bench "$BUILD_DIR/bin/delta-commit-bench" \
  --write-bench "$BUILD_DIR/bin/delta-write-bench" \
  --python "$BENCH_VENV/bin/python" \
  --results "$CACHE/bench-results/write-latest.json" \
  --command "$CMD" "$@"
