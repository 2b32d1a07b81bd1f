#!/usr/bin/env bash
# Installs the built project into a temporary prefix, builds examples/c/read_table.c and
# write_table.c against the installed library twice (a CMake project using find_package(DeltaKernel), and a plain
# compiler call with pkg-config), and checks both programs' output on the sample table.
# Usage: install_example_test.sh BUILD_DIR SOURCE_DIR [CMAKE]
set -euo pipefail
build="$1" src="$2" cmake="${3:-cmake}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"

"$cmake" --install "$build" --prefix "$prefix" >/dev/null

# 1. CMake package.
"$cmake" -S "$src/examples/c" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-Wall -Wextra -Wpedantic -Werror" >/dev/null
"$cmake" --build "$tmp/cmake-build" >/dev/null
# 2. pkg-config (the .pc file is relocatable: its paths are relative to itself).
libdir="$(dirname "$(find "$prefix" -name delta_kernel.pc)")/.."
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$tmp/read_table_pc" "$src/examples/c/read_table.c" \
  $(pkg-config --cflags --libs delta_kernel) -Wl,-rpath,"$(pkg-config --variable=libdir delta_kernel)"
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$tmp/write_table_pc" "$src/examples/c/write_table.c" \
  $(pkg-config --cflags --libs delta_kernel) -Wl,-rpath,"$(pkg-config --variable=libdir delta_kernel)"

# Rows and files come in no particular order: compare sorted output.
expected="$src/examples/c/expected"
check() {
  local name="$1"; shift
  for exe in "$tmp/cmake-build/read_table" "$tmp/read_table_pc"; do
    (cd "$src" && "$exe" "$@") | LC_ALL=C sort > "$tmp/actual"
    if ! diff -u "$expected/$name" "$tmp/actual"; then
      echo "FAIL: $exe $* differs from $expected/$name" >&2
      exit 1
    fi
  done
  echo "OK: read_table $* (find_package and pkg-config builds)"
}
check rows.txt examples/sample-table "region = 'eu-west' AND id < 45"
check files.txt --files examples/sample-table "region = 'us-east'"

# Writes: a new table from a scan's stream, an append, and two racing removes.
for exe in "$tmp/cmake-build/write_table" "$tmp/write_table_pc"; do
  out="$tmp/written-$(basename "$exe")"
  (cd "$src" && "$exe" examples/sample-table "$out") > "$tmp/actual"
  if ! diff -u "$expected/write.txt" "$tmp/actual"; then
    echo "FAIL: $exe differs from $expected/write.txt" >&2
    exit 1
  fi
done
echo "OK: write_table (find_package and pkg-config builds)"

# The pkg-config URL is the project's, never the Delta protocol's.
if grep -n '^URL:.*delta-io/delta' "$libdir/pkgconfig/delta_kernel.pc"; then
  echo "FAIL: delta_kernel.pc points at the Delta protocol, not this project" >&2; exit 1
fi
echo "OK: delta_kernel.pc URL"

# Every shared library the installed C library needs at run time (besides the C/C++ runtime)
# is named in docs/c-api.md, which tells users to install it.
lib="$(find "$prefix" -name 'libdelta_kernel_c.so.1' | head -1)"
for needed in $(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  base="${needed%%.so*}"
  case "$base" in libc|libm|libstdc++|libgcc_s|ld-linux-*|libpthread|libdl|librt) continue ;; esac
  if ! grep -qF "\`$base" "$src/docs/c-api.md"; then
    echo "FAIL: $lib needs $needed at run time; docs/c-api.md does not name \`$base" >&2; exit 1
  fi
done
echo "OK: run-time libraries documented"

# Errors reach the caller with kind and message.
if out="$(cd "$src" && "$tmp/read_table_pc" "$tmp/no-such-table" 2>&1)"; then
  echo "FAIL: reading a missing table succeeded" >&2; exit 1
fi
case "$out" in
  *"error: snapshot: NotFound: "*"$tmp/no-such-table"*) echo "OK: missing table -> NotFound" ;;
  *) echo "FAIL: unexpected error output: $out" >&2; exit 1 ;;
esac
