#!/usr/bin/env bash
# The C ABI check (scripts/abi-check.sh) on the implementation behind the loader: the loader,
# libdelta_kernel_c.so, holds only trampolines and has no DWARF of the functions, while
# libdelta_kernel_c_impl.so.1 has the real signatures. A copy of it is checked under the
# loader's SONAME, the ABI version programs link against.
# Usage: abi_check_impl.sh IMPL LOADER ABI_CHECK_ARGS... (the arguments after LIBRARY)
set -euo pipefail
impl="$1" loader="$2"
shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
soname="$(readelf -d "$loader" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
cp "$impl" "$work/$soname"
patchelf --set-soname "$soname" "$work/$soname"
bash "$(dirname "$0")/../../scripts/abi-check.sh" "$work/$soname" "$@"
