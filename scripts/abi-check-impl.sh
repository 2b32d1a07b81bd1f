#!/usr/bin/env bash
# The C ABI check (scripts/abi-check.sh) on the implementation behind the loader: the loader,
# libdelta_kernel_c.so, holds only trampolines and has no DWARF of the functions, while
# libdelta_kernel_c_impl.so.1 has the real signatures. A copy of it is checked (or, with
# --update, recorded) under the loader's SONAME, the ABI version programs link against.
# Usage: abi-check-impl.sh [--update] IMPL LOADER BASELINE SYMBOL_LIST HEADER_DIR [EXTRA_HEADER...]
# (build/libdelta_kernel_c_impl.so.1 build/libdelta_kernel_c.so, then abi-check.sh's arguments)
set -euo pipefail
update=()
if [ "${1:-}" = "--update" ]; then update=(--update); shift; fi
if [ $# -lt 5 ]; then sed -n '2,8p' "$0" >&2; exit 2; fi
impl="$1" loader="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
soname="$(readelf -d "$loader" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
cp "$impl" "$work/$soname"
patchelf --set-soname "$soname" "$work/$soname"
bash "$(dirname "$0")/abi-check.sh" "${update[@]}" "$work/$soname" "$@"
