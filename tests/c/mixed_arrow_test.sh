#!/usr/bin/env bash
# The C library in a process that already holds another Arrow C++: builds tests/c/
# mixed_arrow_host.c linked against a different pyarrow wheel's libarrow (first, so it is in the
# global scope) and libdelta_kernel_c.so, runs it on the sample table, and checks
#   - exact rows read through delta_* and the host's Arrow answering as its own version;
#   - the dynamic linker's bindings (LD_DEBUG): nothing of the kernel binds to the host's Arrow,
#     nothing of the host's Arrow binds to the kernel's private copies, and the kernel's
#     implementation does bind to its private Arrow;
#   - the loader exports only delta_* and needs no Arrow library.
# The other Arrow comes from the pyarrow 26 venv of scripts/setup-arrow-compat.sh; without it the
# test is skipped (exit 77).
# Usage: mixed_arrow_test.sh LOADER(libdelta_kernel_c.so) SOURCE_DIR
set -euo pipefail
loader="$1" src="$2"
cache="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
host_arrow="$(ls "$cache"/arrow-compat/pyarrow26/lib/python3*/site-packages/pyarrow/libarrow.so.26[0-9][0-9] 2>/dev/null | head -1 || true)"
if [ -z "$host_arrow" ]; then
  echo "SKIP: no pyarrow 26 libarrow under $cache/arrow-compat (run scripts/setup-arrow-compat.sh)"
  exit 77
fi
major="$(basename "$host_arrow" | sed 's/libarrow\.so\.\([0-9]*\)00$/\1/')"
libdir="$(cd "$(dirname "$loader")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cc -std=c11 -Wall -Wextra -Werror -I"$src/include" -o "$work/host" "$src/tests/c/mixed_arrow_host.c" \
  -Wl,--no-as-needed "$host_arrow" -L"$libdir" -ldelta_kernel_c \
  -Wl,-rpath,"$(dirname "$host_arrow")":"$libdir"
# The host's Arrow comes first in its NEEDED list, so it is loaded (globally) before the kernel.
first="$(readelf -d "$work/host" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | head -1)"
[ "$first" = "$(basename "$host_arrow")" ] || { echo "FAIL: host needs $first first" >&2; exit 1; }

(cd "$src" && LD_DEBUG=bindings LD_DEBUG_OUTPUT="$work/ld" \
  "$work/host" examples/sample-table "region = 'eu-west' AND id < 45") > "$work/out"
{
  echo "host arrow $major (threads > 0: 1)"
  echo "columns id:l name:u"
  printf 'row %s\n' "40 pine-250" "41 iris-284" "42 birch-226" "43 pine-470" "44 harbor-154"
  echo "host arrow $major (threads > 0: 1)"
} > "$work/expected"
# Batches come in no particular order: the rows are compared sorted, between the two host lines.
{ head -2 "$work/out"; sed '1,2d;$d' "$work/out" | LC_ALL=C sort; tail -1 "$work/out"; } > "$work/actual"
diff -u "$work/expected" "$work/actual"

bindings="$(cat "$work"/ld.*)"
host_name="$(basename "$host_arrow")"
if grep -E "binding file [^ ]*libdelta_[^ ]* .* to [^ ]*/lib(arrow|parquet)[a-z_]*\.so\.${major}00 " <<< "$bindings"; then
  echo "FAIL: the kernel binds to the host's Arrow (above)" >&2
  exit 1
fi
if grep -E "binding file [^ ]*/lib(arrow|parquet)[a-z_]*\.so\.${major}00 .* to [^ ]*libdelta_" <<< "$bindings"; then
  echo "FAIL: the host's Arrow binds to the kernel's libraries (above)" >&2
  exit 1
fi
if ! grep -qE "binding file [^ ]*libdelta_kernel_c_impl[^ ]* .* to [^ ]*libdelta_private_arrow[^ ]* " <<< "$bindings"; then
  echo "FAIL: the kernel's implementation does not use its private Arrow" >&2
  exit 1
fi
grep -q "to [^ ]*/$host_name .*GetBuildInfo" <<< "$bindings" || {
  echo "FAIL: the host's own Arrow calls did not bind to $host_name" >&2
  exit 1
}

exported="$(nm -D --defined-only "$loader" | awk '{print $3}' | grep -v '^delta_' || true)"
[ -z "$exported" ] || { echo "FAIL: the loader exports more than delta_*: $exported" >&2; exit 1; }
if readelf -d "$loader" | grep -E 'NEEDED.*lib(arrow|parquet)'; then
  echo "FAIL: the loader needs an Arrow library (above)" >&2
  exit 1
fi
echo "OK: libdelta_kernel_c.so beside $host_name (Arrow $major): rows, bindings, exports"
