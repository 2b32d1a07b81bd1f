#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite (C++ via ctest, Python via pytest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"
# Boundary check: only the default engine may include Arrow C++ or Parquet C++.
if grep -rnE '#include <(arrow|parquet)/' "$ROOT/include" "$ROOT/src" --include='*.h' --include='*.cc' \
     | grep -v "^$ROOT/src/engine/"; then
  echo "error: Arrow C++ headers included outside src/engine/" >&2; exit 1
fi
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"
