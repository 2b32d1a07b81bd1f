#!/usr/bin/env bash
# Side-by-side benchmark: this project vs delta-kernel-rs vs delta-rs, snapshot load + file
# listing on the same tables in one run. Writes docs/benchmarks.md and docs/benchmarks.png.
#
#   bash bench/run.sh                 # everything (tables are generated once, then reused)
#   bash bench/run.sh --quick         # small workloads only
#   bash bench/run.sh --workloads 300k-json,1m-v2-nostats --reps 3 --no-docs
#
# Installs what it needs itself: the project's dependencies (scripts/setup.sh SKIP_BUILD=1),
# a bench venv with deltalake + matplotlib, and a release build of bench/rust-kernel (cargo,
# persistent target dir). Not part of CI.
#
# Environment:
#   DELTA_KERNEL_CACHE  cache root (default ~/.cache/delta-kernel-cpp): venvs, tables, cargo target
#   BENCH_BUILD_DIR     CMake build dir for the C++ side (default ./build-bench-release)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BUILD_DIR="${BENCH_BUILD_DIR:-$ROOT/build-bench-release}"
DELTALAKE_VERSION="1.6.6"
MATPLOTLIB_VERSION="3.10.8"
log() { printf '[bench] %s\n' "$*" >&2; }

# --- the project's own dependencies (apt packages, the pinned pyarrow venv) ----------------
SKIP_BUILD=1 bash "$ROOT/scripts/setup.sh"
VENV="$(cat "$ROOT/.venv-path")"
PYARROW_DIR="$("$VENV/bin/python" -c 'import pyarrow,os;print(os.path.dirname(pyarrow.__file__))')"

# --- C++ side: only the two bench programs, optimised, no tests ----------------------------
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  log "configuring $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDELTA_PYARROW_DIR="$PYARROW_DIR" -DDELTA_BUILD_TESTS=OFF -DDELTA_BUILD_EXAMPLES=OFF \
    "${LAUNCHER[@]}" >/dev/null
fi
log "building delta-kernel-bench and delta-table-gen"
cmake --build "$BUILD_DIR" -j "$(nproc)" --target delta-kernel-bench delta-table-gen

# --- delta-rs: the deltalake Python package, in its own venv -------------------------------
BENCH_VENV="$CACHE/bench-venv"
STAMP="deltalake==$DELTALAKE_VERSION matplotlib==$MATPLOTLIB_VERSION"
if [ ! -x "$BENCH_VENV/bin/python" ]; then
  log "creating $BENCH_VENV"
  python3 -m venv "$BENCH_VENV"
fi
if [ "$(cat "$BENCH_VENV/.bench-stamp" 2>/dev/null)" != "$STAMP" ]; then
  log "installing $STAMP"
  "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check \
    "deltalake==$DELTALAKE_VERSION" "matplotlib==$MATPLOTLIB_VERSION"
  printf '%s' "$STAMP" > "$BENCH_VENV/.bench-stamp"
fi

# --- delta-kernel-rs: bench/rust-kernel against the published crate ------------------------
if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v cargo >/dev/null || { log "cargo is required (https://rustup.rs)"; exit 1; }
export CARGO_TARGET_DIR="$CACHE/bench-rust-target"
log "building bench/rust-kernel (release; first build takes a while)"
(cd "$ROOT/bench/rust-kernel" && cargo build --release --locked -q)

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
