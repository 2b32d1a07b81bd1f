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
# Environment:
#   DELTA_KERNEL_CACHE  cache root (default ~/.cache/delta-kernel-cpp): venvs, results
#   BENCH_BUILD_DIR     CMake build dir for the C++ side (default ./build-bench-release)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BUILD_DIR="${BENCH_BUILD_DIR:-$ROOT/build-bench-release}"
DELTALAKE_VERSION="1.6.6"
log() { printf '[bench-write] %s\n' "$*" >&2; }

# --- the project's own dependencies (apt packages, the pinned pyarrow venv) ----------------
SKIP_BUILD=1 bash "$ROOT/scripts/setup.sh"
VENV="$(cat "$ROOT/.venv-path")"
PYARROW_DIR="$("$VENV/bin/python" -c 'import pyarrow,os;print(os.path.dirname(pyarrow.__file__))')"
PYARROW_VERSION="$("$VENV/bin/python" -c 'import pyarrow;print(pyarrow.__version__)')"

# --- C++ side: the two write bench programs, optimised, no tests ---------------------------
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  log "configuring $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDELTA_PYARROW_DIR="$PYARROW_DIR" -DDELTA_BUILD_TESTS=OFF -DDELTA_BUILD_EXAMPLES=OFF \
    "${LAUNCHER[@]}" >/dev/null
fi
log "building delta-commit-bench and delta-write-bench"
cmake --build "$BUILD_DIR" -j "$(nproc)" --target delta-commit-bench delta-write-bench

# --- delta-rs: the deltalake Python package, in bench/run.sh's venv, with pyarrow ----------
BENCH_VENV="$CACHE/bench-venv"
STAMP="deltalake==$DELTALAKE_VERSION pyarrow==$PYARROW_VERSION"
if [ ! -x "$BENCH_VENV/bin/python" ]; then
  log "creating $BENCH_VENV"
  python3 -m venv "$BENCH_VENV"
fi
if [ "$(cat "$BENCH_VENV/.bench-write-stamp" 2>/dev/null)" != "$STAMP" ]; then
  log "installing $STAMP"
  "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check \
    "deltalake==$DELTALAKE_VERSION" "pyarrow==$PYARROW_VERSION"
  printf '%s' "$STAMP" > "$BENCH_VENV/.bench-write-stamp"
fi

# --- run -------------------------------------------------------------------------------------
CMD="bash bench/run_write.sh${*:+ $*}"
cd "$ROOT/bench"
exec "$BENCH_VENV/bin/python" write_harness.py \
  --commit-bench "$BUILD_DIR/bin/delta-commit-bench" \
  --write-bench "$BUILD_DIR/bin/delta-write-bench" \
  --python "$BENCH_VENV/bin/python" \
  --results "$CACHE/bench-results/write-latest.json" \
  --command "$CMD" "$@"
