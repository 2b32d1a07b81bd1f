#!/usr/bin/env bash
# Installs everything the build needs and configures + builds the project.
# Idempotent: each step checks first and returns quickly when already done.
#
# Environment:
#   DELTA_KERNEL_CACHE  where the Python venv with the pinned pyarrow lives
#                       (default ~/.cache/delta-kernel-cpp; shared by all clones)
#   BUILD_DIR           build directory (default ./build)
#   BUILD_TYPE          CMake build type (default RelWithDebInfo)
#   SKIP_BUILD=1        only install dependencies
#   DELTA_EXTRA_APT_PACKAGES  more Debian packages to install (e.g. scripts/fuzz.sh's clang)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"

# Exact pin: the C++ build links against the Arrow/Parquet libraries inside this wheel.
# Not 26.x: its libparquet exports simdjson's symbols, which interpose on Debian's libsimdjson
# at run time and crash the kernel's JSON parser (see docs/dependencies.md).
PYARROW_VERSION="25.0.1"

log() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------
APT_PACKAGES=(build-essential cmake ninja-build ccache pkg-config zstd
  libsimdjson-dev libroaring-dev libcli11-dev libgtest-dev googletest clang-format abigail-tools
  python3 python3-venv python3-dev ${DELTA_EXTRA_APT_PACKAGES:-})
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Python venv with the pinned pyarrow (Arrow C++ + Parquet C++) ----------
VENV="$CACHE/venv-py$(python3 -c 'import sys;print(f"{sys.version_info[0]}{sys.version_info[1]}")')"
REQ_STAMP="pyarrow==$PYARROW_VERSION $(cat "$ROOT/scripts/requirements-test.txt")"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv $VENV"
  mkdir -p "$CACHE"
  python3 -m venv "$VENV"
fi
if [ "$(cat "$VENV/.delta-stamp" 2>/dev/null)" != "$REQ_STAMP" ]; then
  log "installing Python packages into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyarrow==$PYARROW_VERSION" \
    -r "$ROOT/scripts/requirements-test.txt"
  printf '%s' "$REQ_STAMP" > "$VENV/.delta-stamp"
fi
PYARROW_DIR="$("$VENV/bin/python" -c 'import pyarrow,os;print(os.path.dirname(pyarrow.__file__))')"

echo "$VENV" > "$ROOT/.venv-path"
[ "${SKIP_BUILD:-0}" = "1" ] && exit 0

# --- configure and build ------------------------------------------------------
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# Let every clone (CI uses a fresh one) share cache hits: hash paths relative to the repo.
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
# The Python module (python/) is built too, against the venv's Python and nanobind.
PYTHON_ARGS=(-DDELTA_BUILD_PYTHON=ON -DPython_EXECUTABLE="$VENV/bin/python")
CONFIG_STAMP="$BUILD_TYPE $PYARROW_DIR ${PYTHON_ARGS[*]} ${CMAKE_EXTRA_ARGS:-}"
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ "$(cat "$BUILD_DIR/.delta-config" 2>/dev/null)" != "$CONFIG_STAMP" ]; then
  log "configuring $BUILD_DIR ($BUILD_TYPE)"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    -DDELTA_PYARROW_DIR="$PYARROW_DIR" "${PYTHON_ARGS[@]}" "${LAUNCHER[@]}" ${CMAKE_EXTRA_ARGS:-} >/dev/null
  echo "$CONFIG_STAMP" > "$BUILD_DIR/.delta-config"
fi
log "building"
cmake --build "$BUILD_DIR" -j "$(nproc)"
