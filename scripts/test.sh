#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite (C++ via ctest, Python via pytest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
"$ROOT/scripts/setup.sh"
# Delta Spark for the interop tests (tests/interop): skipped without Java, except in CI.
"$ROOT/scripts/setup-peers.sh"
# Boundary check: only the default engine and the operations that run on it (src/ops) may
# include Arrow C++ or Parquet C++.
if grep -rnE '#include <(arrow|parquet)/' "$ROOT/include" "$ROOT/src" --include='*.h' --include='*.cc' \
     | grep -vE "^$ROOT/src/(engine|ops)/"; then
  echo "error: Arrow C++ headers included outside src/engine/ and src/ops/" >&2; exit 1
fi
# Object-store servers on 127.0.0.1 (Azurite, fake-gcs-server) for the Azure and GCS store
# tests, which find them through DELTA_TEST_AZURE_ENDPOINT / DELTA_TEST_GCS_ENDPOINT. Each
# runs under its own temporary directory and is stopped on exit. A server that cannot be
# installed (exit 2) leaves its tests to skip, except in CI, where that is a failure too.
SERVERS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/delta-objectstores-XXXXXX")"
trap '"$ROOT/scripts/objectstores/azurite.sh" stop "$SERVERS_DIR/azurite";
      "$ROOT/scripts/objectstores/fake-gcs.sh" stop "$SERVERS_DIR/fake-gcs"; rm -rf "$SERVERS_DIR"' EXIT
for server in azurite fake-gcs; do
  rc=0
  env_lines="$("$ROOT/scripts/objectstores/$server.sh" start "$SERVERS_DIR/$server")" || rc=$?
  if [ "$rc" -eq 0 ]; then
    while IFS= read -r line; do export "${line?}"; done <<<"$env_lines"
  elif [ "$rc" -eq 2 ] && [ "${CI:-}" != "true" ]; then
    echo "warning: $server cannot be installed here; its store tests will skip" >&2
  else
    echo "error: $server could not be started" >&2; exit 1
  fi
done
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
