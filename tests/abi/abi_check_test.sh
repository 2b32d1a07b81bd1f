#!/usr/bin/env bash
# Tests scripts/abi-check.sh itself on a tiny C library built in several variants: additions
# pass; a changed signature, a removed function (even one dropped from the symbol list), a
# changed struct layout and a changed enum value fail; a bumped SONAME passes.
# Usage: abi_check_test.sh REPO_ROOT
set -euo pipefail
root="$1"
check="$root/scripts/abi-check.sh"
if ! command -v abidiff >/dev/null; then
  echo "SKIP: abidiff not installed (apt-get install abigail-tools; scripts/setup.sh does)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# build NAME SONAME_VERSION HEADER SOURCE SYMBOLS: a debug-built libmini in $work/NAME.
build() {
  local dir="$work/$1"
  mkdir -p "$dir/include"
  printf '%s\n' "$3" > "$dir/include/mini.h"
  printf '#include "mini.h"\n%s\n' "$4" > "$dir/mini.c"
  printf '%s\n' $5 > "$dir/symbols.txt"
  cc -g -O0 -shared -fPIC -I"$dir/include" -Wl,-soname,"libmini.so.$2" -o "$dir/libmini.so" "$dir/mini.c"
}

base_h='#include <stdint.h>
struct mini_result { int64_t rows; int32_t files; };
enum mini_mode { MINI_READ = 0, MINI_WRITE = 1 };
int mini_open(const char* path, enum mini_mode mode);
int mini_stats(struct mini_result* out);'
base_c='int mini_open(const char* path, enum mini_mode mode) { return path && mode == MINI_READ; }
int mini_stats(struct mini_result* out) { out->rows = 1; out->files = 2; return 0; }'

build base 1 "$base_h" "$base_c" "mini_open mini_stats"
bash "$check" --update "$work/base/libmini.so" "$work/baseline.abi" "$work/base/symbols.txt" \
  "$work/base/include" > /dev/null

failures=0
# expect NAME WANTED_STATUS: runs the check of variant NAME against the baseline.
expect() {
  local rc=0
  bash "$check" "$work/$1/libmini.so" "$work/baseline.abi" "$work/$1/symbols.txt" \
    "$work/$1/include" > "$work/$1.out" 2>&1 || rc=$?
  if [ "$rc" -ne "$2" ]; then
    echo "FAIL: variant '$1' exited $rc, expected $2"; cat "$work/$1.out"; failures=$((failures + 1))
  else
    echo "ok: variant '$1' exited $rc"
  fi
}

expect base 0
build added 1 "$base_h
int mini_close(void);" "$base_c
int mini_close(void) { return 0; }" "mini_close mini_open mini_stats"
expect added 0
build signature 1 "${base_h/enum mini_mode mode);/enum mini_mode mode, int flags);}" \
  "${base_c/enum mini_mode mode) \{/enum mini_mode mode, int flags) \{ (void)flags;}" \
  "mini_open mini_stats"
expect signature 1
build removed 1 "${base_h/int mini_stats(struct mini_result\* out);/}" \
  "${base_c/int mini_stats*/}" "mini_open"
expect removed 1
build layout 1 "${base_h/int64_t rows;/int32_t flags; int64_t rows;}" "$base_c" "mini_open mini_stats"
expect layout 1
build enum 1 "${base_h/MINI_WRITE = 1/MINI_WRITE = 2}" "$base_c" "mini_open mini_stats"
expect enum 1
build bumped 2 "${base_h/int mini_stats(struct mini_result\* out);/}" \
  "${base_c/int mini_stats*/}" "mini_open"
expect bumped 0
grep -q "ABI version changed (libmini.so.1 -> libmini.so.2)" "$work/bumped.out" \
  || { echo "FAIL: bumped variant did not say the version changed"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || { echo "$failures variant(s) failed"; exit 1; }
echo "abi-check self-test: all 7 variants as expected"
