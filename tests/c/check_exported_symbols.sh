#!/usr/bin/env bash
# Checks that a shared library exports exactly the symbols listed in a file (one per line,
# sorted): the C ABI's surface changes only on purpose. On a difference prints a diff ("+" =
# exported but not listed, "-" = listed but missing) and how to update the list.
# Usage: check_exported_symbols.sh LIBRARY EXPECTED_LIST
set -euo pipefail
lib="$1" expected="$2"
actual="$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | LC_ALL=C sort -u)"
if ! diff -u "$expected" <(printf '%s\n' "$actual") --label "$expected" --label "exported by $lib"; then
  echo "exported symbols differ; if intended, regenerate the list with:" >&2
  echo "  nm -D --defined-only $lib | awk '{print \$3}' | sed 's/@.*//' | LC_ALL=C sort -u > $expected" >&2
  exit 1
fi
echo "OK: $(printf '%s\n' "$actual" | wc -l) exported symbols match $expected"
