"""Peer measurement for bench/run.sh: delta-rs through its Python package `deltalake`.

Loads the latest table state with DeltaTable(path) and lists every live file with
file_uris(), `--repeat` times in one process. Prints one JSON object per repetition
({"rep", "snapshot_s", "files_s", "total_s", "files"}) and a final
{"peak_rss_kb", "baseline_rss_kb"}: the process' peak RSS, and its RSS right after the
imports (the interpreter's own share of the peak).

A table URL (s3://bucket/path) is opened with `--option KEY=VALUE` as storage_options (e.g.
AWS_ENDPOINT_URL, AWS_ALLOW_HTTP). `--read` also reads every row (to_pyarrow_table) and
reports "rows".
"""

import argparse
import json
import os
import resource
import sys
import time


def current_rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--option", action="append", default=[], help="storage option KEY=VALUE")
    ap.add_argument("--read", action="store_true", help="also read every row")
    args = ap.parse_args()
    options = dict(o.split("=", 1) for o in args.option) or None

    from deltalake import DeltaTable

    baseline = current_rss_kb()
    for rep in range(args.repeat):
        t0 = time.perf_counter()
        dt = DeltaTable(args.table, storage_options=options)
        t1 = time.perf_counter()
        files = dt.file_uris()
        extra = {}
        if args.read:
            extra["rows"] = dt.to_pyarrow_table().num_rows
        t2 = time.perf_counter()
        print(json.dumps({"rep": rep, "snapshot_s": t1 - t0, "files_s": t2 - t1,
                          "total_s": t2 - t0, "files": len(files), "version": dt.version(),
                          **extra}),
              flush=True)
        del files, dt
    print(json.dumps({"peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "baseline_rss_kb": baseline}), flush=True)
    if args.read:
        # pyarrow's S3 file system (used by to_pyarrow_table) sometimes aborts in its teardown
        # at exit ("terminate called without an active exception") after all work is done.
        os._exit(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
