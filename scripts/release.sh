#!/usr/bin/env bash
# Prepares a release and checks its artifacts the way a user on a clean machine would get them.
#
#   scripts/release.sh VERSION        e.g. 0.2.0
#
# 1. Bumps the version (CMakeLists.txt, pyproject.toml), turns CHANGELOG.md's "Unreleased"
#    section into "VERSION (date)", and freezes the documented examples and their output under
#    tests/api/vVERSION (docs/versioning.md).
# 2. Builds the release in build-release/ and checks the C ABI against abi/delta_kernel_c.abi:
#    an incompatible change with an unchanged SOVERSION stops the release. Then records the new
#    ABI as the baseline.
# 3. Commits "Release VERSION" and tags vVERSION (locally; nothing is pushed).
# 4. Writes dist/VERSION/: the source archive, the Python sdist and wheel, and the C/C++ install
#    tree (headers, libraries, CMake package, pkg-config file) as a tarball.
# 5. Checks them: the install tree unpacked into an empty prefix builds examples/c with
#    find_package and with pkg-config and reads the sample table; the wheel installed into a new
#    venv reads the sample table and writes and reads back a table.
# Needs a clean git tree. DELTA_RELEASE_SKIP_WHEEL=1 skips the Python artifacts (they compile
# the kernel once more, which takes a while on a small machine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[release] %s\n' "$*" >&2; }
die() { printf '[release] error: %s\n' "$*" >&2; exit 1; }

[ $# -eq 1 ] || { sed -n '2,21p' "$0" >&2; exit 2; }
VERSION="$1"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must be MAJOR.MINOR.PATCH, not '$VERSION'"
[ -z "$(git status --porcelain)" ] || die "the work tree has uncommitted changes"
git rev-parse -q --verify "refs/tags/v$VERSION" >/dev/null && die "tag v$VERSION exists already"
CURRENT="$(sed -n 's/^project(delta_kernel_cpp VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
[ "$(printf '%s\n%s\n' "$CURRENT" "$VERSION" | sort -V | tail -1)" = "$VERSION" ] \
  && [ "$CURRENT" != "$VERSION" ] || die "VERSION $VERSION is not newer than $CURRENT"
grep -q '^## Unreleased' CHANGELOG.md || die "CHANGELOG.md has no '## Unreleased' section"

# --- 1. version, changelog ----------------------------------------------------------------
log "bumping $CURRENT -> $VERSION"
sed -i "s/^project(delta_kernel_cpp VERSION $CURRENT/project(delta_kernel_cpp VERSION $VERSION/" CMakeLists.txt
sed -i "s/^version = \"$CURRENT\"/version = \"$VERSION\"/" pyproject.toml
sed -i "s/^## Unreleased$/## Unreleased\n\n## $VERSION ($(date -u +%Y-%m-%d))/" CHANGELOG.md
# The C example asks CMake for the release it documents (SameMinorVersion before 1.0).
sed -i "s/find_package(DeltaKernel [0-9.]* /find_package(DeltaKernel ${VERSION%.*} /" examples/c/CMakeLists.txt

# --- 2. build, ABI ------------------------------------------------------------------------
BUILD="$ROOT/build-release"
log "building in $BUILD"
# simdjson and CRoaring vendored and static: the install tree then needs no Debian package.
BUILD_DIR="$BUILD" BUILD_TYPE=RelWithDebInfo CMAKE_EXTRA_ARGS="-DDELTA_VENDORED_DEPS=ON" \
  bash scripts/setup.sh
ABI_ARGS=(abi/delta_kernel_c.abi src/c/exported_symbols.txt include/delta/c include/delta/arrow_c.h)
# The loader (libdelta_kernel_c.so) has no DWARF of the functions: check the implementation
# under the loader's SONAME (scripts/abi-check-impl.sh).
LIBS=("$BUILD/libdelta_kernel_c_impl.so.1" "$BUILD/libdelta_kernel_c.so")
if ! bash scripts/abi-check-impl.sh "${LIBS[@]}" "${ABI_ARGS[@]}"; then
  git checkout -- CMakeLists.txt pyproject.toml CHANGELOG.md examples/c/CMakeLists.txt
  die "the C ABI changed incompatibly; restore it or bump SOVERSION (docs/versioning.md)"
fi
bash scripts/abi-check-impl.sh --update "${LIBS[@]}" "${ABI_ARGS[@]}"

# The examples as this release ships them, with their output, for tests/api.
FROZEN="tests/api/v$VERSION"
mkdir -p "$FROZEN/expected"
cp examples/cpp/read_snapshot.cc examples/cpp/write_table.cc examples/c/read_table.c "$FROZEN/"
cp examples/c/write_table.c "$FROZEN/write_table_c.c"
cp examples/c/expected/* "$FROZEN/expected/"
"$BUILD/bin/read_snapshot" examples/sample-table | LC_ALL=C sort > "$FROZEN/expected/read_snapshot.txt"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$BUILD/bin/write_table" "$scratch/written" > "$FROZEN/expected/write_table.txt"

# --- 3. commit and tag --------------------------------------------------------------------
git add CMakeLists.txt pyproject.toml CHANGELOG.md examples/c/CMakeLists.txt abi "$FROZEN"
git commit -q -m "Release $VERSION"
git tag -a "v$VERSION" -m "delta-kernel-cpp $VERSION"
log "committed and tagged v$VERSION (not pushed)"

# --- 4. artifacts -------------------------------------------------------------------------
DIST="$ROOT/dist/$VERSION"
rm -rf "$DIST"; mkdir -p "$DIST"
git archive --format=tar.gz --prefix="delta-kernel-cpp-$VERSION/" -o "$DIST/delta-kernel-cpp-$VERSION.tar.gz" "v$VERSION"
cmake -S "$ROOT" -B "$BUILD" >/dev/null   # the new version into the build's config files
cmake --build "$BUILD" -j "$(nproc)" >/dev/null
stage="$scratch/stage/delta-kernel-cpp-$VERSION"
cmake --install "$BUILD" --prefix "$stage" >/dev/null
tar -C "$scratch/stage" -czf "$DIST/delta-kernel-cpp-$VERSION-linux-$(uname -m).tar.gz" "delta-kernel-cpp-$VERSION"
PY="$(cat "$ROOT/.venv-path")/bin/python"
if [ "${DELTA_RELEASE_SKIP_WHEEL:-0}" != 1 ]; then
  log "building the Python sdist and wheel (compiles the kernel once more)"
  "$PY" -m pip install -q build
  # From the source archive, as a user building from it would.
  mkdir -p "$scratch/src"
  tar -C "$scratch/src" --strip-components=1 -xzf "$DIST/delta-kernel-cpp-$VERSION.tar.gz"
  "$PY" -m build --sdist --wheel --outdir "$DIST" "$scratch/src" > "$scratch/build.log" 2>&1 \
    || { tail -30 "$scratch/build.log" >&2; die "building the Python package failed"; }
fi

# --- 5. check the artifacts as a user would -------------------------------------------------
log "checking the install tree in an empty prefix"
mkdir -p "$scratch/prefix"
tar -C "$scratch/prefix" --strip-components=1 -xzf "$DIST/delta-kernel-cpp-$VERSION-linux-$(uname -m).tar.gz"
prefix="$scratch/prefix"
# Nothing outside the tree but the C and C++ runtimes.
for lib in "$prefix"/lib*/*.so*; do
  [ -L "$lib" ] && continue
  foreign="$(readelf -d "$lib" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' \
    | { grep -vE '^(libc|libm|libstdc\+\+|libgcc_s|ld-linux-[a-z0-9_-]+|libpthread|libdl|librt)\.so' || true; } \
    | while read -r need; do [ -e "$(dirname "$lib")/$need" ] || echo "$need"; done)"
  [ -z "$foreign" ] || die "$(basename "$lib") needs libraries outside the install tree: $foreign"
done
cmake -S examples/c -B "$scratch/c-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$scratch/c-build" >/dev/null
pc_dir="$(dirname "$(find "$prefix" -name delta_kernel.pc)")"
PKG_CONFIG_PATH="$pc_dir" cc -std=c99 -o "$scratch/read_table_pc" examples/c/read_table.c \
  $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs delta_kernel) \
  -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir delta_kernel)"
for exe in "$scratch/c-build/read_table" "$scratch/read_table_pc"; do
  "$exe" examples/sample-table "region = 'eu-west' AND id < 45" | LC_ALL=C sort > "$scratch/rows"
  diff -u examples/c/expected/rows.txt "$scratch/rows" || die "$exe read the wrong rows"
done
if [ "${DELTA_RELEASE_SKIP_WHEEL:-0}" != 1 ]; then
  log "checking the wheel in a new venv"
  python3 -m venv "$scratch/venv"
  # First without pyarrow (the scan's stream feeds the write), then with it to read back.
  "$scratch/venv/bin/pip" install -q "$DIST"/*.whl
  (cd "$scratch" && "$scratch/venv/bin/python" -c "
import delta_kernel as dk
dk.write_table('$scratch/no-pyarrow', dk.Table('$ROOT/examples/sample-table').scan(['id']))
print('wheel ok without pyarrow')") || die "the installed wheel failed without pyarrow"
  "$scratch/venv/bin/pip" install -q pyarrow
  (cd "$scratch" && "$scratch/venv/bin/python" - "$ROOT/examples/sample-table" "$scratch/py-table" <<'PY'
import sys
import delta_kernel as dk
source, target = sys.argv[1], sys.argv[2]
scan = dk.Table(source).scan(["id", "region"], "region = 'eu-west' AND id < 45")
dk.write_table(target, scan)  # the scan's Arrow stream straight into a new table
back = dk.Table(target).scan().to_arrow()
ids = sorted(back.column("id").to_pylist())
assert ids and all(i < 45 for i in ids), ids
assert set(back.column("region").to_pylist()) == {"eu-west"}
print(f"wheel ok: {len(ids)} rows written and read back")
PY
  ) || die "the installed wheel failed its check"
fi
ls -l "$DIST"
log "release $VERSION is ready in $DIST; push with: git push origin main v$VERSION"
