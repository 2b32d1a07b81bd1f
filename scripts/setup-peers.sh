#!/usr/bin/env bash
# Installs the peers the interop tests read and write tables with: Delta Spark (pyspark +
# delta-spark from PyPI, the Delta jars from Maven Central) into the venv of scripts/setup.sh.
# delta-rs (deltalake) is already in scripts/requirements-test.txt. Kept apart from setup.sh
# so that building the library never needs Java. Idempotent: quick when already done.
#
# Java 17 or newer is required. Without it: with CI=true this fails; elsewhere it says so and
# exits 0, and the Spark tests skip naming the reason (tests/interop/peers.py).
#
# Environment:
#   DELTA_KERNEL_CACHE  as in setup.sh; the jars go to $DELTA_KERNEL_CACHE/spark-peers
#   SKIP_PEERS=1        do nothing (the Spark tests then skip, or fail in CI)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${DELTA_KERNEL_CACHE:-$HOME/.cache/delta-kernel-cpp}"

# Spark 4.0 runs on Java 17 and 21; delta-spark 4.0.x is built for it (Scala 2.13).
PYSPARK_VERSION="4.0.1"
DELTA_SPARK_VERSION="4.0.1"
DELTA_PACKAGE="io.delta:delta-spark_2.13:$DELTA_SPARK_VERSION"
JARS_DIR="$CACHE/spark-peers/delta-$DELTA_SPARK_VERSION"

log() { printf '[setup-peers] %s\n' "$*" >&2; }
fail_or_skip() {
  if [ "${CI:-}" = "true" ]; then log "error: $*"; exit 1; fi
  log "skipping Delta Spark: $*; its tests will skip"; exit 0
}

[ "${SKIP_PEERS:-0}" = "1" ] && { log "SKIP_PEERS=1: nothing installed"; exit 0; }

# --- Java --------------------------------------------------------------------
command -v java >/dev/null || fail_or_skip "no java on PATH (Delta Spark needs Java 17+; Debian: apt-get install openjdk-17-jre-headless)"
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
JAVA_MAJOR="${JAVA_MAJOR#1.}"
[ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null || fail_or_skip "java is version ${JAVA_MAJOR:-unknown}, Delta Spark needs 17+"

# --- pyspark + delta-spark into the project venv --------------------------------
[ -f "$ROOT/.venv-path" ] || SKIP_BUILD=1 "$ROOT/scripts/setup.sh"
VENV="$(cat "$ROOT/.venv-path")"
STAMP="pyspark==$PYSPARK_VERSION delta-spark==$DELTA_SPARK_VERSION"
if [ "$(cat "$VENV/.peers-stamp" 2>/dev/null)" != "$STAMP" ]; then
  log "installing $STAMP into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION" \
    "delta-spark==$DELTA_SPARK_VERSION"
  printf '%s' "$STAMP" > "$VENV/.peers-stamp"
fi

# --- the Delta jars, resolved once by Spark's own ivy, Maven Central only -------------
# The tests then put these files on spark.jars: no resolution (and no network) per run.
if [ ! -f "$JARS_DIR/.complete" ]; then
  log "fetching $DELTA_PACKAGE and its dependencies into $JARS_DIR"
  rm -rf "$JARS_DIR" "$JARS_DIR.ivy"
  mkdir -p "$JARS_DIR"
  SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$VENV/bin/python" "$VENV/bin/spark-submit" \
    --conf spark.jars.ivySettings="$ROOT/scripts/peers/ivysettings.xml" \
    --conf spark.jars.ivy="$JARS_DIR.ivy" \
    --packages "$DELTA_PACKAGE" "$ROOT/scripts/peers/noop.py" >"$JARS_DIR.log" 2>&1 \
    || { cat "$JARS_DIR.log" >&2; log "error: could not resolve $DELTA_PACKAGE"; exit 1; }
  cp "$JARS_DIR.ivy"/jars/*.jar "$JARS_DIR/"
  ls "$JARS_DIR"/io.delta_delta-spark_2.13-*.jar >/dev/null
  rm -rf "$JARS_DIR.ivy" "$JARS_DIR.log"
  touch "$JARS_DIR/.complete"
fi
# Where the tests find the jars (tests/interop/peers.py reads it).
echo "$JARS_DIR" > "$ROOT/.spark-jars-path"
log "Delta Spark $DELTA_SPARK_VERSION on pyspark $PYSPARK_VERSION, Java $JAVA_MAJOR: ready"
