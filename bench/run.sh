#!/usr/bin/env bash
# Side-by-side benchmark: this project vs delta-kernel-rs vs delta-rs, snapshot load + file
# listing on the same tables in one run. Writes docs/benchmarks.md and docs/benchmarks.png.
#
#   bash bench/run.sh                 # everything (tables are generated once, then reused)
#   bash bench/run.sh --quick         # small workloads only
#   bash bench/run.sh --workloads 300k-json,1m-v2-nostats --reps 3 --no-docs
#   bash bench/run.sh --mode scan     # cpp lists ScanFiles instead of metadata batches
#   bash bench/run.sh --help          # every option (nothing is built)
#
# Installs what it needs itself: the project's dependencies (scripts/setup.sh SKIP_BUILD=1),
# a bench venv with deltalake + matplotlib, and a release build of bench/rust-kernel (cargo,
# persistent target dir). Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh); the cargo target
# directory is under DELTA_KERNEL_CACHE.
set -euo pipefail

MATPLOTLIB_VERSION="3.10.8"
log() { printf '[bench] %s\n' "$*" >&2; }
# --help prints the harness' options without installing or building anything.
for arg in "$@"; do
  case "$arg" in -h | --help) exec python3 "$(dirname "${BASH_SOURCE[0]}")/harness.py" --help ;; esac
done
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_build delta-kernel-bench delta-table-gen
# delta-rs: the deltalake Python package, in its own venv.
bench_venv_install .bench-stamp "deltalake==$DELTALAKE_VERSION" "matplotlib==$MATPLOTLIB_VERSION"

# --- delta-kernel-rs: bench/rust-kernel against the published crate ------------------------
bench_build_kernel_rs

# --- run -------------------------------------------------------------------------------------
CMD="bash bench/run.sh${*:+ $*}"
cd "$ROOT/bench"
exec "$BENCH_VENV/bin/python" harness.py \
  --cpp "$BUILD_DIR/bin/delta-kernel-bench" \
  --gen "$BUILD_DIR/bin/delta-table-gen" \
  --kernel-rs "$CARGO_TARGET_DIR/release/delta-kernel-rs-bench" \
  --python "$BENCH_VENV/bin/python" \
  --tables "$CACHE/bench-tables" \
  --results "$CACHE/bench-results/latest.json" \
  --command "$CMD" "$@"
