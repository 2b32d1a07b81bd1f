#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan) and runs each for a fixed time.
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   (default: 60 s, every target;
#        0 only builds)
#   CI runs it briefly (scripts/test.sh); run it longer by hand, e.g. scripts/fuzz.sh 600.
# Environment:
#   FUZZ_BUILD_DIR   build directory (default ./build-fuzz); its corpus/ keeps what each target
#                    found between runs, artifacts/ the crashing inputs
#   FUZZ_CLANG       clang version to use (default 19, from Debian 12's clang-19 and
#                    libclang-rt-19-dev, which has libFuzzer)
# Seeds: tests/fuzz/seeds (checked in), tests/fuzz/regressions (inputs that once crashed), and,
# when ../shared/conformance exists, inputs taken from the conformance tables.
# Exit status 1 when a target crashed, leaked, timed out or broke an invariant; the input is
# in artifacts/<target>/: fix the bug and keep the input in tests/fuzz/regressions/<target>/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-60}"
shift || true
BUILD_DIR="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
CLANG_VERSION="${FUZZ_CLANG:-19}"
log() { printf '[fuzz] %s\n' "$*" >&2; }

# Dependencies: the project's own (setup.sh, idempotent) plus clang and its libFuzzer runtime.
DELTA_EXTRA_APT_PACKAGES="clang-$CLANG_VERSION libclang-rt-$CLANG_VERSION-dev" SKIP_BUILD=1 \
  "$ROOT/scripts/setup.sh"
VENV="$(cat "$ROOT/.venv-path")"
PYARROW_DIR="$("$VENV/bin/python" -c 'import pyarrow,os;print(os.path.dirname(pyarrow.__file__))')"

# Only the core library, the vendored CRoaring (instrumented too: the DV decoder hands it
# bytes) and the small targets are built: no tests, tools, benchmarks or examples. simdjson is
# the system's (the vendored 3.6 header does not compile with clang 19).
LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
CONFIG_STAMP="clang-$CLANG_VERSION $PYARROW_DIR roaring-vendored"
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ "$(cat "$BUILD_DIR/.delta-config" 2>/dev/null)" != "$CONFIG_STAMP" ]; then
  log "configuring $BUILD_DIR"
  # -O1 -g without NDEBUG: assertions stay on, stacks stay readable.
  CC="clang-$CLANG_VERSION" CXX="clang++-$CLANG_VERSION" cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_C_FLAGS_FUZZ="-O1 -g" -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g" \
    -DDELTA_BUILD_FUZZ=ON -DDELTA_BUILD_TESTS=OFF -DDELTA_BUILD_TOOLS=OFF \
    -DDELTA_BUILD_BENCH=OFF -DDELTA_BUILD_EXAMPLES=OFF -DDELTA_VENDORED_DEPS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_roaring=ON \
    -DDELTA_PYARROW_DIR="$PYARROW_DIR" "${LAUNCHER[@]}" >/dev/null
  echo "$CONFIG_STAMP" > "$BUILD_DIR/.delta-config"
fi
log "building"
cmake --build "$BUILD_DIR" --target delta_fuzz -j "$(nproc)"
[ "$SECONDS_PER_TARGET" = 0 ] && exit 0

TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then
  for exe in "$BUILD_DIR"/bin/fuzz_*; do TARGETS+=("${exe##*/fuzz_}"); done
fi

# Seeds from the conformance tables, when this clone sits next to them.
CONFORMANCE="$ROOT/../shared/conformance"
GENERATED="$BUILD_DIR/seeds"
if [ -d "$CONFORMANCE" ] && [ ! -f "$GENERATED/.done" ]; then
  log "collecting seeds from $CONFORMANCE"
  rm -rf "$GENERATED"
  "$VENV/bin/python" "$ROOT/tests/fuzz/make_seeds.py" "$CONFORMANCE" "$GENERATED"
  touch "$GENERATED/.done"
fi

# Stacks for UBSan reports too; leaks count as failures (libFuzzer's default with ASan).
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
failed=()
for t in "${TARGETS[@]}"; do
  exe="$BUILD_DIR/bin/fuzz_$t"
  [ -x "$exe" ] || { log "no target $t"; exit 2; }
  corpus="$BUILD_DIR/corpus/$t"
  artifacts="$BUILD_DIR/artifacts/$t/"
  mkdir -p "$corpus" "$artifacts"
  dirs=("$corpus")
  for d in "$ROOT/tests/fuzz/seeds/$t" "$ROOT/tests/fuzz/regressions/$t" "$GENERATED/$t"; do
    [ -d "$d" ] && dirs+=("$d")
  done
  case "$t" in
    json_*|checksum|last_checkpoint|schema|stats|checkpoint_batch) dict=(-dict="$ROOT/tests/fuzz/dicts/json.dict") ;;
    expression|table_properties) dict=(-dict="$ROOT/tests/fuzz/dicts/$t.dict") ;;
    *) dict=() ;;
  esac
  log "$t: ${SECONDS_PER_TARGET}s"
  # New inputs go to the first directory (corpus/), never into the checked-in seeds.
  # DELTA_FUZZ_SEED fixes libFuzzer's mutation sequence (CI sets it, so a run explores what the
  # same run explored before it landed); 0, the default, picks a new one each run.
  if ! "$exe" -seed="${DELTA_FUZZ_SEED:-0}" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 \
       -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" \
       "${dirs[@]}" > "$BUILD_DIR/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "$BUILD_DIR/$t.log" >&2
  else
    grep -E '^stat::(number_of_executed_units|new_units_added)' "$BUILD_DIR/$t.log" \
      | tr '\n' ' ' | sed "s/^/[fuzz] $t: /; s/\$/\n/" >&2
  fi
done
if ((${#failed[@]})); then
  log "FAILED: ${failed[*]} (inputs in $BUILD_DIR/artifacts/; full logs in $BUILD_DIR/<target>.log)"
  exit 1
fi
log "all ${#TARGETS[@]} targets clean"
