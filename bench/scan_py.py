"""One Python-side reader of bench/run_scan.sh, timed in-process: prints one JSON line per
repetition ({"rep", "seconds", "cpu_seconds", "rows", "nbytes", "nonnull": non-null cells,
so a reader that returns the right row count but wrong values shows up) and then {"peak_rss_kb"}, like the C++
programs. Run by scan_harness.py; one process per (tool, workload) so peak RSS is its own.

    python scan_py.py TOOL TABLE WORKLOAD_JSON [--repeat R] [--threads N] [--files LIST]

TOOL: ours-pyarrow (the scan's PyCapsule stream read into a pyarrow Table), ours-polars (the
same stream into a Polars DataFrame), ours-stream (the stream consumed batch by batch),
polars-read (pl.read_delta), polars-scan (pl.scan_delta ... collect), deltars-table
(to_pyarrow_table), deltars-dataset (to_pyarrow_dataset().to_table), deltars-stream
(to_pyarrow_dataset().to_batches), duckdb-delta (the delta extension's delta_scan),
duckdb-parquet (read_parquet over the planned live files, given by --files).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
import time


def cpu_seconds() -> float:
    """User + system CPU time of the process so far, all threads."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def set_threads(n: int) -> None:
    if n <= 0:
        return
    for var in ("POLARS_MAX_THREADS", "RAYON_NUM_THREADS", "OMP_NUM_THREADS",
                "TOKIO_WORKER_THREADS"):
        os.environ[var] = str(n)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tool")
    ap.add_argument("table")
    ap.add_argument("workload")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--files", default="")
    args = ap.parse_args()
    set_threads(args.threads)  # before the libraries start their pools
    w = json.loads(args.workload)
    columns = w.get("columns")
    import pyarrow as pa
    import pyarrow.compute as pc  # noqa: F401  (used by the workloads' expressions)
    import pyarrow.dataset as ds  # noqa: F401

    if args.threads > 0:
        pa.set_cpu_count(args.threads)
        pa.set_io_thread_count(args.threads)

    def nonnull(t) -> int:
        return sum(len(c) - c.null_count for c in t.columns)

    def df_nonnull(df) -> int:
        return sum(df.height - n for n in df.null_count().row(0))

    def run_once() -> tuple[int, int, int]:
        tool = args.tool
        if tool.startswith("ours"):
            import delta_kernel

            scan = delta_kernel.Table(args.table).scan(columns, w.get("filter"))
            if tool == "ours-pyarrow":
                t = pa.RecordBatchReader.from_stream(scan).read_all()
                return t.num_rows, t.nbytes, nonnull(t)
            if tool == "ours-polars":
                import polars as pl

                df = pl.DataFrame(scan)
                return df.height, df.estimated_size(), df_nonnull(df)
            rows = cells = 0
            for batch in pa.RecordBatchReader.from_stream(scan):
                rows += batch.num_rows
                cells += nonnull(batch)
            return rows, 0, cells
        if tool.startswith("polars"):
            import polars as pl

            if tool == "polars-read":
                df = pl.read_delta(args.table, columns=columns)
            else:
                lf = pl.scan_delta(args.table)
                if w.get("polars"):
                    lf = lf.filter(eval(w["polars"], {"pl": pl, "datetime": datetime}))
                if columns:
                    lf = lf.select(columns)
                df = lf.collect()
            return df.height, df.estimated_size(), df_nonnull(df)
        if tool.startswith("deltars"):
            from deltalake import DeltaTable

            dt = DeltaTable(args.table)
            names = {"pc": pc, "ds": ds, "pa": pa, "datetime": datetime}
            expr = eval(w["pyarrow"], names) if w.get("pyarrow") else None
            if tool == "deltars-table":
                filters = eval(w["dnf"], names) if w.get("dnf") else None
                t = dt.to_pyarrow_table(columns=columns, filters=filters)
                return t.num_rows, t.nbytes, nonnull(t)
            dataset = dt.to_pyarrow_dataset()
            if tool == "deltars-dataset":
                t = dataset.to_table(columns=columns, filter=expr)
                return t.num_rows, t.nbytes, nonnull(t)
            rows = cells = 0
            for batch in dataset.to_batches(columns=columns, filter=expr):
                rows += batch.num_rows
                cells += nonnull(batch)
            return rows, 0, cells
        if tool.startswith("duckdb"):
            import duckdb

            con = duckdb.connect()
            if args.threads > 0:
                con.execute(f"SET threads = {args.threads}")
            select = ", ".join(f'"{c}"' for c in columns) if columns else "*"
            where = f" WHERE {w['sql']}" if w.get("sql") else ""
            if tool == "duckdb-delta":
                con.execute("LOAD delta")
                source = f"delta_scan('{args.table}')"
            else:
                with open(args.files) as f:
                    files = [line.strip() for line in f if line.strip()]
                source = f"read_parquet({files!r}, hive_partitioning = true)"
            t = con.execute(f"SELECT {select} FROM {source}{where}").fetch_arrow_table()
            return t.num_rows, t.nbytes, nonnull(t)
        raise SystemExit(f"unknown tool {tool}")

    for rep in range(args.repeat):
        start, cpu0 = time.perf_counter(), cpu_seconds()
        rows, nbytes, cells = run_once()
        secs = time.perf_counter() - start
        cpu = cpu_seconds() - cpu0
        print(json.dumps({"rep": rep, "seconds": round(secs, 6), "cpu_seconds": round(cpu, 6),
                          "rows": rows,
                          "nbytes": nbytes, "nonnull": cells}), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_rss_kb": peak}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
