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
# tests, which find them through AZURITE_ENDPOINT / FAKE_GCS_ENDPOINT. Without them those
# tests skip, except in CI, where a server that cannot be installed or started is a failure.
# State (pids, logs) lives in the build directory, so parallel clones do not share servers.
BUILD_ABS_FOR_SERVERS="$(cd "$BUILD_DIR" && pwd)"
export AZURITE_STATE_DIR="$BUILD_ABS_FOR_SERVERS/objectstores/azurite"
export FAKE_GCS_STATE_DIR="$BUILD_ABS_FOR_SERVERS/objectstores/fake-gcs"
for server in azurite fake-gcs; do
  if out="$("$ROOT/scripts/objectstores/$server.sh" start)"; then
    export "${out?}"
    trap '"$ROOT/scripts/objectstores/azurite.sh" stop; "$ROOT/scripts/objectstores/fake-gcs.sh" stop' EXIT
  elif [ "${CI:-}" = "true" ]; then
    echo "error: $server could not be started" >&2; exit 1
  else
    echo "warning: $server could not be started; its store tests will skip" >&2
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
