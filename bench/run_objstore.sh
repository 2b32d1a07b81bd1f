#!/usr/bin/env bash
# Object-store benchmark: this project vs delta-kernel-rs vs delta-rs reading the same tables
# from one S3 server (versitygw on loopback) through one delay proxy (bench/delay_proxy.go:
# a fixed delay per request, 20 and 50 ms by default; it counts requests and the peak in
# flight), in one run. Writes section 'objstore-bench' of docs/benchmarks.md.
#
#   bash bench/run_objstore.sh                              # all workloads, 20 and 50 ms
#   bash bench/run_objstore.sh --workloads scan-100-files --delays 20 --reps 1 --no-docs
#
# The tables are generated once (shared with bench/run.sh under DELTA_KERNEL_CACHE/bench-tables)
# and put into the server's folder once (DELTA_KERNEL_CACHE/objbench-s3). Not part of CI.
# Environment: DELTA_KERNEL_CACHE, BENCH_BUILD_DIR (see bench/bench_env.sh).
set -euo pipefail

log() { printf '[objbench] %s\n' "$*" >&2; }
source "$(dirname "${BASH_SOURCE[0]}")/bench_env.sh"

bench_project_deps
bench_build delta-kernel-bench delta-table-gen
bench_venv_install .bench-stamp-objstore "deltalake==$DELTALAKE_VERSION"

# The S3 server, at the version the tests pin.
bash "$ROOT/scripts/objectstores/versitygw.sh" install
VERSITYGW="$CACHE/versitygw-$(sed -n 's/^VERSION="\(.*\)"$/\1/p' "$ROOT/scripts/objectstores/versitygw.sh")/versitygw"

# The delay proxy (Go standard library only).
command -v go >/dev/null || { [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"; }
command -v go >/dev/null || { log "go is required to build bench/delay_proxy.go"; exit 1; }
PROXY="$CACHE/objbench-delay-proxy"
if [ ! -x "$PROXY" ] || [ "$ROOT/bench/delay_proxy.go" -nt "$PROXY" ]; then
  log "building the delay proxy"
  go build -o "$PROXY" "$ROOT/bench/delay_proxy.go"
fi

# delta-kernel-rs: bench/rust-kernel against the published crate (S3 through object_store).
bench_build_kernel_rs

CMD="bash bench/run_objstore.sh${*:+ $*}"
cd "$ROOT/bench"
exec "$BENCH_VENV/bin/python" objstore_harness.py \
  --cpp "$BUILD_DIR/bin/delta-kernel-bench" \
  --gen "$BUILD_DIR/bin/delta-table-gen" \
  --kernel-rs "$CARGO_TARGET_DIR/release/delta-kernel-rs-bench" \
  --python "$BENCH_VENV/bin/python" \
  --versitygw "$VERSITYGW" \
  --proxy "$PROXY" \
  --tables "$CACHE/bench-tables" \
  --store "$CACHE/objbench-s3" \
  --results "$CACHE/bench-results/objstore-latest.json" \
  --command "$CMD" "$@"
