# Shared set-up of bench/run.sh and bench/run_write.sh (sourced, not run): the project's
# dependencies, an optimised build of the bench programs, and the bench venv with the peers.
#
# Environment:
#   DELTA_KERNEL_CACHE  cache root (default ~/.cache/delta-kernel-cpp): venvs, tables, results
#   BENCH_BUILD_DIR     CMake build dir for the C++ side (default ./build-bench-release)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BUILD_DIR="${BENCH_BUILD_DIR:-$ROOT/build-bench-release}"
BENCH_VENV="$CACHE/bench-venv"
DELTALAKE_VERSION="1.6.6"

# The project's own dependencies (apt packages, the pinned pyarrow venv): sets VENV, PYARROW_DIR.
bench_project_deps() {
  SKIP_BUILD=1 bash "$ROOT/scripts/setup.sh"
  VENV="$(cat "$ROOT/.venv-path")"
  PYARROW_DIR="$("$VENV/bin/python" -c 'import pyarrow,os;print(os.path.dirname(pyarrow.__file__))')"
}

# Builds the given targets, optimised, without tests. BENCH_NO_BUILD=1 uses BUILD_DIR as it is
# (e.g. a shared, up-to-date build that must not be rebuilt or reconfigured).
bench_build() {
  if [ "${BENCH_NO_BUILD:-0}" = "1" ]; then
    [ -d "$BUILD_DIR/bin" ] || { log "BENCH_NO_BUILD=1 but $BUILD_DIR has no build"; exit 1; }
    log "using $BUILD_DIR as built (BENCH_NO_BUILD=1)"
    return
  fi
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    log "configuring $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DDELTA_PYARROW_DIR="$PYARROW_DIR" -DDELTA_BUILD_TESTS=OFF -DDELTA_BUILD_EXAMPLES=OFF \
      "${launcher[@]}" >/dev/null
  fi
  log "building $*"
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target "$@"
}

# Configures BUILD_DIR with the Python module (delta_kernel._core) enabled.
bench_configure_python() {
  [ "${BENCH_NO_BUILD:-0}" = "1" ] && return
  if [ -f "$BUILD_DIR/CMakeCache.txt" ] && ! grep -q '^DELTA_BUILD_PYTHON:BOOL=ON' "$BUILD_DIR/CMakeCache.txt"; then
    cmake "$BUILD_DIR" -DDELTA_BUILD_PYTHON=ON -DPython_EXECUTABLE="$VENV/bin/python" >/dev/null
  fi
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DDELTA_PYARROW_DIR="$PYARROW_DIR" -DDELTA_BUILD_TESTS=OFF -DDELTA_BUILD_EXAMPLES=OFF \
      -DDELTA_BUILD_PYTHON=ON -DPython_EXECUTABLE="$VENV/bin/python" >/dev/null
  fi
}

# Installs the given pinned packages into the bench venv unless STAMP_FILE (a file name in the
# venv) already records exactly them.
bench_venv_install() {
  local stamp_file="$BENCH_VENV/$1"
  shift
  if [ ! -x "$BENCH_VENV/bin/python" ]; then
    log "creating $BENCH_VENV"
    python3 -m venv "$BENCH_VENV"
  fi
  if [ "$(cat "$stamp_file" 2>/dev/null)" != "$*" ]; then
    log "installing $*"
    "$BENCH_VENV/bin/pip" install -q --disable-pip-version-check "$@"
    printf '%s' "$*" > "$stamp_file"
  fi
}

# Builds bench/rust-kernel (delta-kernel-rs from crates.io, --locked) into a persistent target
# directory; sets CARGO_TARGET_DIR (the binary: $CARGO_TARGET_DIR/release/delta-kernel-rs-bench).
bench_build_kernel_rs() {
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null || { log "cargo is required (https://rustup.rs)"; exit 1; }
  export CARGO_TARGET_DIR="$CACHE/bench-rust-target"
  log "building bench/rust-kernel (release; first build takes a while)"
  (cd "$ROOT/bench/rust-kernel" && cargo build --release --locked -q)
}
