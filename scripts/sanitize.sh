#!/usr/bin/env bash
# Builds the C++ tests with sanitizers and runs them:
#   asan  -> AddressSanitizer + UndefinedBehaviorSanitizer, every unit test and the fuzz
#            replay (tests/fuzz seeds and regressions)
#   tsan  -> ThreadSanitizer, the tests that exercise threads (replay, pools, storage,
#            commits, DML and maintenance, which scan and write on the thread pools)
# Usage: scripts/sanitize.sh [asan|tsan|all]   (default: all)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-all}"

run() {
  local name="$1" flags="$2" filter="$3"
  local dir="$ROOT/build-$name"
  # The bench target brings delta-table-gen, which the streamed-snapshot tests generate with.
  # The Python module and the examples are not tested here: not built (a third less to build).
  BUILD_DIR="$dir" BUILD_TYPE=Debug SKIP_BUILD=0 \
    CMAKE_EXTRA_ARGS="-DDELTA_SANITIZE=$flags -DDELTA_BUILD_TOOLS=OFF -DDELTA_BUILD_BENCH=ON -DDELTA_BUILD_PYTHON=OFF -DDELTA_BUILD_EXAMPLES=OFF" \
    "$ROOT/scripts/setup.sh"
  echo "[sanitize] running $name tests (filter: $filter)" >&2
  # Arrow's own (uninstrumented) allocations are not ours to report. TSan's lock-order
  # (deadlock) detector is off: mutexes that Arrow's inline header code locks and libarrow
  # unlocks out of its sight pile up as "held" until its 64-lock table overflows and TSan
  # aborts itself; races are still reported.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  TSAN_OPTIONS="halt_on_error=1:detect_deadlocks=0:suppressions=$ROOT/scripts/tsan.supp" \
    "$dir/bin/delta_unit_tests" --gtest_filter="$filter" --gtest_brief=1
  if [ "$name" = asan ]; then
    # The fuzz seeds and the inputs that once crashed a fuzzer, under ASan + UBSan too.
    echo "[sanitize] replaying fuzz inputs under $name" >&2
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "$dir/bin/delta_fuzz_replay" "$ROOT/tests/fuzz/seeds" "$ROOT/tests/fuzz/regressions" 2>&1 \
      | tail -n 40 >&2
    test "${PIPESTATUS[0]}" -eq 0
  fi
}

case "$which" in
  asan) run asan address,undefined '*' ;;
  tsan) run tsan thread 'Snapshot*:LogSegment*:ThreadPool*:Parallel*:Latency*:MemoryFileSystem*:Conformance*:*Streamed*:Transaction*:CommitFault*:WriteTable*:CreateTable*:Spark/ConflictMatrix*:*Checksum*:DeleteRows*:UpdateRows*:MergeInto*:DmlProperty*:Optimize*:CheckpointWrite*:Vacuum*:Restore*' ;;
  all)
    run asan address,undefined '*'
    run tsan thread 'Snapshot*:LogSegment*:ThreadPool*:Parallel*:Latency*:MemoryFileSystem*:Conformance*:*Streamed*:Transaction*:CommitFault*:WriteTable*:CreateTable*:Spark/ConflictMatrix*:*Checksum*:DeleteRows*:UpdateRows*:MergeInto*:DmlProperty*:Optimize*:CheckpointWrite*:Vacuum*:Restore*'
    ;;
  *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
