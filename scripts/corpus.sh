#!/usr/bin/env bash
# Generates the project's conformance corpus (scripts/corpus/generate.py: tables Delta Spark and
# delta-rs write, with their own readings as expected results) once per machine, into
#   $DELTA_KERNEL_CACHE/corpus/<key>/      (default ~/.cache/delta-kernel-cpp/corpus/<key>)
# where <key> hashes the generator's sources and the peers' pins: unchanged, it is reused at
# once. A run writes into a temporary directory beside it and renames that into place, so an
# interrupted run never leaves half a corpus. Records the directory in <repo>/.corpus-path,
# where tests/conformance/test_corpus.py and tests/unit/corpus_test.cc find it (or set
# DELTA_CORPUS_DIR). docs/testing.md, "The corpus".
#
# Needs Delta Spark (scripts/setup-peers.sh, Java 17+) and delta-rs (in setup.sh's venv). When
# they are missing or generation fails: with CI=true this fails; elsewhere it says why, records
# the reason in <repo>/.corpus-unavailable and exits 0, and the corpus suites skip saying so.
#
# Environment: DELTA_KERNEL_CACHE as in setup.sh; SKIP_CORPUS=1 does nothing;
# CORPUS_FORCE=1 regenerates even when the cached corpus is current.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"
log() { printf '[corpus] %s\n' "$*" >&2; }
unavailable() {
  if [ "${CI:-}" = "true" ]; then log "error: $*"; exit 1; fi
  printf '%s\n' "$*" > "$ROOT/.corpus-unavailable"
  rm -f "$ROOT/.corpus-path"
  log "no corpus: $*; its suites will skip (run scripts/corpus.sh once that is fixed)"
  exit 0
}

[ "${SKIP_CORPUS:-0}" = "1" ] && { log "SKIP_CORPUS=1: nothing generated"; exit 0; }
[ -f "$ROOT/.venv-path" ] || unavailable "no project venv: run scripts/setup.sh first"
VENV="$(cat "$ROOT/.venv-path")"

# The key: what the corpus is made by (generator, the Spark session it starts) and with
# (the pinned Delta Spark, delta-rs and pyarrow versions).
KEY="$( {
  cat "$ROOT"/scripts/corpus/*.py "$ROOT/tests/interop/peers.py"
  grep -E '^(PYSPARK_VERSION|DELTA_SPARK_VERSION)=' "$ROOT/scripts/setup-peers.sh"
  grep -E '^PYARROW_VERSION=' "$ROOT/scripts/setup.sh"
  grep -E '^deltalake==' "$ROOT/scripts/requirements-test.txt"
} | sha256sum | cut -c1-16)"
DIR="$CACHE/corpus/$KEY"

if [ -f "$DIR/index.json" ] && [ "${CORPUS_FORCE:-0}" != "1" ]; then
  echo "$DIR" > "$ROOT/.corpus-path"; rm -f "$ROOT/.corpus-unavailable"
  log "up to date: $DIR"
  exit 0
fi

REASON="$(cd "$ROOT/tests/interop" && "$VENV/bin/python" -c \
  'import peers; print(peers.spark_unavailable_reason() or "")' 2>&1)" \
  || unavailable "cannot check for Delta Spark: $REASON"
[ -z "$REASON" ] || unavailable "$REASON"

mkdir -p "$CACHE/corpus"
# Leftovers of runs that were killed (a live run's temporary directory is younger).
find "$CACHE/corpus" -maxdepth 1 -name '.tmp-*' -mmin +60 -exec rm -rf {} + 2>/dev/null || true
TMP="$(mktemp -d "$CACHE/corpus/.tmp-$KEY.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
log "generating into $DIR (one Spark session; a few minutes)"
if ! "$VENV/bin/python" "$ROOT/scripts/corpus/generate.py" "$TMP/corpus" >"$TMP/log" 2>&1; then
  grep -vE '^\s+at |WARN' "$TMP/log" | tail -n 30 >&2
  unavailable "generation failed (log above)"
fi
grep '^corpus:' "$TMP/log" | tail -n 1 >&2
[ "${CORPUS_FORCE:-0}" = "1" ] && rm -rf "$DIR"
# Another run may have finished first: then its corpus (the same key) stays.
mv -T "$TMP/corpus" "$DIR" 2>/dev/null || [ -f "$DIR/index.json" ]
echo "$DIR" > "$ROOT/.corpus-path"; rm -f "$ROOT/.corpus-unavailable"
log "ready: $DIR"
