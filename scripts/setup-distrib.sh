#!/usr/bin/env bash
# Installs the optional engines of the distributed-read integrations (Ray Data, Dask; PySpark
# comes with scripts/setup-peers.sh) from scripts/requirements-distrib.txt into the venv of
# scripts/setup.sh. Idempotent: quick when already done (a stamp in the venv).
#
# Without them the integration tests skip, except in CI (CI=true), where they must run.
#
# Environment:
#   SKIP_DISTRIB=1   do nothing (the tests then skip, or fail in CI)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[setup-distrib] %s\n' "$*" >&2; }

[ "${SKIP_DISTRIB:-0}" = "1" ] && { log "SKIP_DISTRIB=1: nothing installed"; exit 0; }
[ -f "$ROOT/.venv-path" ] || SKIP_BUILD=1 "$ROOT/scripts/setup.sh"
VENV="$(cat "$ROOT/.venv-path")"
STAMP="$(grep -v '^#' "$ROOT/scripts/requirements-distrib.txt" | tr '\n' ' ')"
if [ "$(cat "$VENV/.distrib-stamp" 2>/dev/null)" != "$STAMP" ]; then
  log "installing $STAMP into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/scripts/requirements-distrib.txt"
  printf '%s' "$STAMP" > "$VENV/.distrib-stamp"
fi
