#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite (C++ via ctest, Python via pytest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"
# Delta Spark for the interop tests (tests/interop): skipped without Java, except in CI.
"$ROOT/scripts/setup-peers.sh"
# Ray and Dask for the distributed-read integrations (python/delta_kernel/integrations/).
"$ROOT/scripts/setup-distrib.sh"
# The project's corpus (tables the peers write, with their readings): generated once per
# machine into the cache; without the peers its suites skip, except in CI (scripts/corpus.sh).
"$ROOT/scripts/corpus.sh"
# Boundary check: only the default engine and the operations that run on it (src/ops) may
# include Arrow C++ or Parquet C++.
if grep -rnE '#include <(arrow|parquet)/' "$ROOT/include" "$ROOT/src" --include='*.h' --include='*.cc' \
     | grep -vE "^$ROOT/src/(engine|ops)/"; then
  echo "error: Arrow C++ headers included outside src/engine/ and src/ops/" >&2; exit 1
fi
# Object-store servers on 127.0.0.1 for the tests that need them (scripts/objectstores/:
# versitygw for S3, Azurite for Azure, fake-gcs-server for GCS):
# started once, stopped on exit, found by the tests through DELTA_TEST_* variables. Tests
# skip when a server cannot be installed here, except in CI, where that is a failure.
OBJECTSTORE_DIRS=()
stop_objectstores() {
  for d in "${OBJECTSTORE_DIRS[@]}"; do
    "$ROOT/scripts/objectstores/${d%%:*}.sh" stop "${d#*:}" || true
    rm -rf "${d#*:}"
  done
}
trap stop_objectstores EXIT
start_objectstore() {  # NAME: scripts/objectstores/NAME.sh
  local dir env rc=0
  dir="$(mktemp -d "${TMPDIR:-/tmp}/delta-$1.XXXXXX")"
  env="$("$ROOT/scripts/objectstores/$1.sh" start "$dir")" || rc=$?
  if [ "$rc" -ne 0 ]; then
    rm -rf "$dir"
    if [ "${CI:-}" = "true" ]; then echo "error: $1 could not be started" >&2; exit 1; fi
    echo "warning: $1 unavailable; its tests will skip" >&2
    return 0
  fi
  OBJECTSTORE_DIRS+=("$1:$dir")
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<<"$env"
}
start_objectstore versitygw
start_objectstore azurite
start_objectstore fake-gcs

cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"

# Python tests (tests/conformance, see pytest.ini) against the CLI just built, in the venv
# setup.sh recorded. pytest exits 5 when it collected no tests: that is a failure here too.
CLI="$PWD/bin/delta-kernel"  # still in $BUILD_DIR, which may be a relative path
BUILD_ABS="$PWD"
cd "$ROOT"
rc=0
# tests/python imports the delta_kernel package the build laid out in $BUILD_DIR/python.
DELTA_KERNEL_CLI="$CLI" PYTHONPATH="$BUILD_ABS/python${PYTHONPATH:+:$PYTHONPATH}" \
  "$(cat "$ROOT/.venv-path")/bin/python" -m pytest || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
[ "$rc" -eq 0 ] || exit "$rc"

# In CI (CI=true, which .ci/run sets) the sanitizer builds and a short fuzzing pass run too;
# any report fails. DELTA_CI_SANITIZE=0 skips the sanitizers, DELTA_CI_FUZZ_SECONDS=0 the
# fuzzing. What each takes on the 2-core CI machine: docs/testing.md.
if [ "${CI:-}" = "true" ]; then
  if [ "${DELTA_CI_SANITIZE:-1}" != "0" ]; then
    "$ROOT/scripts/sanitize.sh" asan
    "$ROOT/scripts/sanitize.sh" tsan
  fi
  if [ "${DELTA_CI_FUZZ_SECONDS:-10}" != "0" ]; then
    DELTA_FUZZ_SEED="${DELTA_FUZZ_SEED:-1}" "$ROOT/scripts/fuzz.sh" "${DELTA_CI_FUZZ_SECONDS:-10}"
  fi
fi
