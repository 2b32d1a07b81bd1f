#!/usr/bin/env bash
# Distributed-read benchmark (bench/distributed_bench.py): a table of 10k small files read by
# the kernel alone and through the Ray, Dask and Spark integrations on 1 and 2 local workers,
# rows checked against the local scan. Writes section 'distributed-bench' of
# docs/benchmarks.md (analysis: bench/distributed_analysis.md).
#
#   bash bench/run_distributed.sh                          # 10k files, 3 reps
#   bash bench/run_distributed.sh --files 500 --reps 1 --no-docs   # a smoke run
#
# Installs what it needs through the project's scripts (setup.sh's venv and build with the
# Python module, setup-distrib.sh's Ray and Dask, setup-peers.sh's PySpark); the table is made
# once into $DELTA_KERNEL_CACHE/bench-tables. Not part of CI.
#
# Environment: DELTA_KERNEL_CACHE; BUILD_DIR (default ./build, the setup.sh build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
log() { printf '[bench-distributed] %s\n' "$*" >&2; }

[ -f "$BUILD_DIR/build.ninja" ] || BUILD_DIR="$BUILD_DIR" bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/setup-peers.sh"
bash "$ROOT/scripts/setup-distrib.sh"
log "building the Python module in $BUILD_DIR"
cmake --build "$BUILD_DIR" -j "$(nproc)" --target delta_kernel_python >/dev/null

CMD="bash bench/run_distributed.sh${*:+ $*}"
export PYTHONPATH="$BUILD_DIR/python${PYTHONPATH:+:$PYTHONPATH}"
cd "$ROOT"
exec "$(cat "$ROOT/.venv-path")/bin/python" bench/distributed_bench.py --command "$CMD" "$@"
