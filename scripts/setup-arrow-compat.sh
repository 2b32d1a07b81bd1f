#!/usr/bin/env bash
# Creates (idempotently) the virtual environments the Arrow compatibility tests run the build
# tree's delta_kernel in (tests/python/test_py_arrow_compat.py): one per pyarrow major version
# other than the pinned build one, and one with no pyarrow at all (polars and nanoarrow read the
# streams there). They live under the shared cache, beside the build venv:
#   $DELTA_KERNEL_CACHE/arrow-compat/{pyarrow24,pyarrow26,no-pyarrow}  (default ~/.cache/delta-kernel-cpp)
# Each venv uses this machine's python3, the interpreter the module is built for.
set -euo pipefail

CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
ROOT_DIR="$CACHE/arrow-compat"
log() { printf '[arrow-compat] %s\n' "$*" >&2; }

# name -> packages. polars/duckdb versions follow scripts/requirements-test.txt.
declare -A ENVS=(
  [pyarrow24]="pyarrow==24.* polars==1.44.2"
  [pyarrow26]="pyarrow==26.* polars==1.44.2"
  [no-pyarrow]="polars==1.44.2 nanoarrow==0.7.*"
)

mkdir -p "$ROOT_DIR"
for name in "${!ENVS[@]}"; do
  venv="$ROOT_DIR/$name"
  want="${ENVS[$name]}"
  if [ "$(cat "$venv/.delta-stamp" 2>/dev/null)" = "$want" ]; then
    continue
  fi
  log "creating $venv ($want)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086  # the package list is split on purpose
  "$venv/bin/pip" install -q --disable-pip-version-check $want
  printf '%s' "$want" > "$venv/.delta-stamp"
done
