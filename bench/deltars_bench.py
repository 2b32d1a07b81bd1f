"""Peer measurement for bench/run.sh: delta-rs through its Python package `deltalake`.

Loads the latest table state with DeltaTable(path) and lists every live file with
file_uris(), `--repeat` times in one process. Prints one JSON object per repetition
({"rep", "snapshot_s", "files_s", "total_s", "files"}) and a final
{"peak_rss_kb", "baseline_rss_kb"}: the process' peak RSS, and its RSS right after the
imports (the interpreter's own share of the peak).
"""

import argparse
import json
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
    args = ap.parse_args()

    from deltalake import DeltaTable

    baseline = current_rss_kb()
    for rep in range(args.repeat):
        t0 = time.perf_counter()
        dt = DeltaTable(args.table)
        t1 = time.perf_counter()
        files = dt.file_uris()
        t2 = time.perf_counter()
        print(json.dumps({"rep": rep, "snapshot_s": t1 - t0, "files_s": t2 - t1,
                          "total_s": t2 - t0, "files": len(files), "version": dt.version()}),
              flush=True)
        del files, dt
    print(json.dumps({"peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "baseline_rss_kb": baseline}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
