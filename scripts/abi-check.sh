#!/usr/bin/env bash
# Checks that a shared library keeps the C ABI recorded in a baseline (libabigail's abidiff):
# removing a function, changing a signature, a public struct's layout or an enum value fails;
# additions pass. A library whose SONAME differs from the baseline's (the ABI version bumped on
# purpose) passes with a reminder to refresh the baseline. docs/versioning.md says when.
#
# Usage: abi-check.sh [--update] LIBRARY BASELINE SYMBOL_LIST HEADER_DIR [EXTRA_HEADER...]
#   SYMBOL_LIST  the exported functions, one per line (src/c/exported_symbols.txt)
#   HEADER_DIR   the public headers whose types are the ABI (include/delta/c); EXTRA_HEADER are
#                single public headers outside it (include/delta/arrow_c.h)
#   --update     writes BASELINE from LIBRARY instead of comparing
# Exit: 0 compatible (or updated), 1 incompatible, 2 usage or tool error. Needs abigail-tools
# (scripts/setup.sh installs it) and a library built with debug information.
set -euo pipefail
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
if [ $# -lt 4 ]; then sed -n '2,14p' "$0" >&2; exit 2; fi
lib="$1" baseline="$2" symbols="$3" headers="$4"; shift 4
for tool in abidw abidiff readelf; do
  command -v "$tool" >/dev/null || { echo "abi-check: $tool not found (apt-get install abigail-tools binutils)" >&2; exit 2; }
done
[ -f "$lib" ] || { echo "abi-check: no library at $lib" >&2; exit 2; }
# (Whole output first: grep -q closing the pipe early would fail the pipeline under pipefail.)
sections="$(readelf -S "$lib")"
if ! grep -q '\.debug_info' <<< "$sections"; then
  echo "abi-check: $lib has no debug information; build with RelWithDebInfo or Debug" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# libabigail's symbol list format: a section header, then one symbol per line. When comparing,
# the baseline's functions count too, so a function dropped from the list is still a removal.
{
  echo "[abi_whitelist]"
  { sed -e '/^$/d' "$symbols"
    if [ "$update" = 0 ] && [ -f "$baseline" ]; then
      sed -n "s/.*<elf-symbol name='\([^']*\)'.*/\1/p" "$baseline"
    fi; } | LC_ALL=C sort -u | sed 's/^/  /'
} > "$work/symbols"
header_args=(--headers-dir "$headers")
for h in "$@"; do header_args+=(--header-file "$h"); done

soname() { readelf -d "$1" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p'; }

if [ "$update" = 1 ]; then
  abidw -w "$work/symbols" "${header_args[@]}" --exported-interfaces-only --drop-private-types \
    --drop-undefined-syms --no-corpus-path --short-locs --no-comp-dir-path --no-elf-needed \
    --type-id-style hash --out-file "$baseline" "$lib"
  echo "abi-check: wrote $baseline ($(soname "$lib"), $(grep -c '<function-decl' "$baseline") functions)"
  exit 0
fi

[ -f "$baseline" ] || { echo "abi-check: no baseline at $baseline (create it with --update)" >&2; exit 2; }
old_soname="$(sed -n "s/.*soname='\([^']*\)'.*/\1/p" "$baseline" | head -1)"
new_soname="$(soname "$lib")"
if [ -n "$old_soname" ] && [ "$old_soname" != "$new_soname" ]; then
  echo "abi-check: ABI version changed ($old_soname -> $new_soname): not compared;"
  echo "  refresh the baseline: $0 --update $lib $baseline $symbols $headers $*"
  exit 0
fi

rc=0
# No header filter on the library's side: its DWARF paths may name another checkout (ccache),
# and the listed C functions reach only public types anyway.
abidiff --no-added-syms -w "$work/symbols" "$baseline" "$lib" > "$work/report" 2>&1 || rc=$?
# abidiff's exit status is a bit set: 1 tool error, 2 usage error, 4 ABI change, 8 incompatible.
if (( rc & 3 )); then
  cat "$work/report" >&2
  echo "abi-check: abidiff failed (status $rc)" >&2
  exit 2
fi
if (( rc != 0 )); then
  cat "$work/report"
  echo "abi-check: $lib is not compatible with $baseline ($new_soname)." >&2
  echo "  Restore the old declarations, or bump the ABI version (SOVERSION and DELTA_C_ABI_VERSION)" >&2
  echo "  on purpose and refresh the baseline: $0 --update $lib $baseline $symbols $headers $*" >&2
  exit 1
fi
echo "abi-check: $lib is compatible with $baseline ($new_soname, $(grep -c '<function-decl' "$baseline") functions in the baseline)"
