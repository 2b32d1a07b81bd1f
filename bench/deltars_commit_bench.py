"""delta-rs' side of the commit benchmark (bench/run_write.sh): W writer processes each making
N blind-append commits to one local table, the same protocol as bench/commit_bench.cc.

    python deltars_commit_bench.py --writers W --commits N --dir D [--mode add|write]

Each writer process opens the table, makes one untimed warm-up commit, waits for the others,
then per commit: refreshes its DeltaTable (update_incremental, timed apart) and appends:
  --mode add    one made-up add through DeltaTable.create_write_transaction (no data file
                written; what the C++ side does with Transaction::AddFiles).
  --mode write  write_deltalake(dt, one_row_table, mode="append"): a real one-row Parquet file
                and the commit in one call (timed as one).
delta-rs runs with its default post-commit hooks: a checkpoint every 100 versions (without
them its refresh and commit slow down with every version since the last checkpoint: about 9 ms
at 100 versions, 85 ms at 400, measured here); the C++ side writes no checkpoints yet.
delta-rs retries a lost race itself (max_commit_retries, default 15: it lists the log, checks
the winners for conflicts, and puts the next version with no backoff); a CommitFailedError
after that is counted and the append redone from a fresh refresh, as an application would.
Prints one JSON line like the C++ side's.
"""

import argparse
import glob
import json
import multiprocessing as mp
import os
import time

from deltalake import DeltaTable, Field, Schema, write_deltalake
from deltalake.exceptions import CommitFailedError
from deltalake.schema import PrimitiveType
from deltalake.transaction import AddAction, CommitProperties

SCHEMA = Schema(
    [
        Field("id", PrimitiveType("long"), nullable=True),
        Field("value", PrimitiveType("double"), nullable=True),
    ]
)


def one_row(seq):
    import arro3.core as ac

    return ac.Table.from_pydict(
        {
            "id": ac.Array([seq], ac.DataType.int64()),
            "value": ac.Array([0.5], ac.DataType.float64()),
        }
    )


def append(dt, path, mode, writer, seq):
    marker = f"w{writer}-{seq}"
    props = CommitProperties(custom_metadata={"marker": marker})
    if mode == "add":
        stats = json.dumps(
            {
                "numRecords": 1,
                "minValues": {"id": seq, "value": 0.5},
                "maxValues": {"id": seq, "value": 0.5},
                "nullCount": {"id": 0, "value": 0},
            }
        )
        add = AddAction(f"{marker}.parquet", 600, {}, 1, True, stats)
        dt.create_write_transaction([add], mode="append", schema=SCHEMA, commit_properties=props)
    else:
        write_deltalake(dt, one_row(seq), mode="append", commit_properties=props)


def writer_main(path, writer, commits, mode, barrier, out_path):
    dt = DeltaTable(path)
    append(dt, path, mode, writer, -1)  # warm-up, untimed
    barrier.wait()
    rows = []
    for seq in range(commits):
        refresh_ms = commit_ms = 0.0
        failures = 0
        while True:
            t0 = time.perf_counter()
            dt.update_incremental()
            read_version = dt.version()
            t1 = time.perf_counter()
            try:
                append(dt, path, mode, writer, seq)
                ok = True
            except CommitFailedError:
                ok = False
            t2 = time.perf_counter()
            refresh_ms += (t1 - t0) * 1e3
            commit_ms += (t2 - t1) * 1e3
            if ok:
                break
            failures += 1
        rows.append((f"w{writer}-{seq}", read_version, refresh_ms, commit_ms, failures))
    with open(out_path, "w") as f:
        json.dump(rows, f)


def percentile(values, p):
    v = sorted(values)
    if not v:
        return 0.0
    rank = max(1, min(len(v), int(p / 100.0 * len(v) + 0.999999)))
    return v[rank - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=1)
    ap.add_argument("--commits", type=int, default=100)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--mode", choices=["add", "write"], default="add")
    a = ap.parse_args()
    if os.path.exists(a.dir):
        raise SystemExit(f"{a.dir} exists; give a new directory")
    path = os.path.abspath(a.dir)
    DeltaTable.create(path, SCHEMA)

    ctx = mp.get_context("spawn")  # no Tokio runtime inherited across fork
    barrier = ctx.Barrier(a.writers + 1)
    outs = [f"{path}.w{w}" for w in range(a.writers)]
    procs = [
        ctx.Process(target=writer_main, args=(path, w, a.commits, a.mode, barrier, outs[w]))
        for w in range(a.writers)
    ]
    for p in procs:
        p.start()
    barrier.wait()
    start = time.perf_counter()
    for p in procs:
        p.join()
    wall_s = time.perf_counter() - start
    if any(p.exitcode != 0 for p in procs):
        raise SystemExit("a writer process failed")

    rows = []
    for o in outs:
        with open(o) as f:
            rows.extend(json.load(f))
        os.remove(o)
    # Where each commit landed.
    landed_at = {}
    for log in glob.glob(os.path.join(path, "_delta_log", "*.json")):
        version = int(os.path.basename(log).split(".")[0])
        with open(log) as f:
            for line in f:
                info = json.loads(line).get("commitInfo")
                if info and "marker" in info:
                    landed_at[info["marker"]] = version
    timed = [r for r in rows if r[0] in landed_at]
    if len(timed) != a.writers * a.commits:
        raise SystemExit(f"expected {a.writers * a.commits} commits in the log, found {len(timed)}")
    rebased = sum(landed_at[r[0]] - r[1] - 1 for r in timed)
    commit = [r[3] for r in timed]
    refresh = [r[2] for r in timed]
    total = [r[2] + r[3] for r in timed]
    print(
        json.dumps(
            {
                "side": "delta-rs",
                "mode": a.mode,
                "writers": a.writers,
                "commits_per_writer": a.commits,
                "landed": len(timed),
                "wall_s": round(wall_s, 4),
                "commits_per_s": round(len(timed) / wall_s, 2),
                "commit_p50_ms": round(percentile(commit, 50), 3),
                "commit_p99_ms": round(percentile(commit, 99), 3),
                "refresh_p50_ms": round(percentile(refresh, 50), 3),
                "refresh_p99_ms": round(percentile(refresh, 99), 3),
                "total_p50_ms": round(percentile(total, 50), 3),
                "total_p99_ms": round(percentile(total, 99), 3),
                "put_retries": None,  # 1.6.6 writes no numRetries; its retries are not observable
                "rebased_over": rebased,
                "failed_commits": sum(r[4] for r in timed),
            }
        )
    )


if __name__ == "__main__":
    main()
