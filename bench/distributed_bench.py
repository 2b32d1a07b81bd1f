"""Distributed-read benchmark: one table of many small files read by the kernel alone (one
process) and through each integration (Ray Data, Dask, PySpark data source) on 1 and 2 local
workers. Every run's rows are checked against the local scan's (a digest of the rows sorted by
id); times are min / median over the reps of one read (planning on the driver + reading on the
workers + collecting the rows on the driver), the engine's start-up not included. Each
(engine, workers) runs in a fresh process; its peak RSS is that driver process's.

    python bench/distributed_bench.py --files 10000 --reps 3 [--no-docs]

Not a test: run by bench/run_distributed.sh, which writes section 'distributed-bench' of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("ray", "dask", "spark")


def log(msg: str) -> None:
    print(f"[bench-distributed] {msg}", file=sys.stderr, flush=True)


# --- the table ------------------------------------------------------------------------------


def make_table(path: Path, files: int, rows_per_file: int) -> None:
    import pyarrow as pa

    import delta_kernel as dk

    stamp = path / ".bench-complete"
    want = f"{files} {rows_per_file}"
    if stamp.exists() and stamp.read_text() == want:
        return
    if path.exists():
        subprocess.run(["rm", "-rf", str(path)], check=True)
    log(f"writing {files} files of {rows_per_file} rows to {path}")
    n = files * rows_per_file
    t = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "v": pa.array([i * 0.5 for i in range(n)], pa.float64()),
        "g": pa.array([f"g{i % 97}" for i in range(n)]),
    })
    # One row group per file and a 1-byte target: every batch of rows_per_file rows is a file.
    reader = pa.RecordBatchReader.from_batches(t.schema, iter(t.to_batches(rows_per_file)))
    dk.write_table(str(path), reader, target_file_size=1, row_group_rows=rows_per_file)
    got = len(dk.Table(str(path)).scan().files())
    if got != files:
        raise SystemExit(f"expected {files} files, the write made {got}")
    stamp.write_text(want)


def digest(table) -> tuple[int, str]:
    """Row count and a SHA-256 of the rows sorted by id: equal digests mean equal rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    table = table.select(["id", "v", "g"]).combine_chunks()
    table = table.take(pc.sort_indices(table, [("id", "ascending")]))
    h = hashlib.sha256()
    h.update(table.column("id").to_numpy().tobytes())
    h.update(table.column("v").to_numpy().tobytes())
    h.update("\n".join(table.column("g").cast(pa.string()).to_pylist()).encode())
    return table.num_rows, h.hexdigest()


# --- one (engine, workers) configuration, in its own process ---------------------------------


def run_local(path: str, workers: int, files_per_task: int):
    import pyarrow as pa

    import delta_kernel as dk

    def read():
        return pa.table(dk.Table(path).scan())

    return (lambda: None), read


def run_ray(path: str, workers: int, files_per_task: int):
    import pyarrow as pa
    import ray

    from delta_kernel.integrations.ray import DeltaDatasource

    ray.init(num_cpus=workers, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False, configure_logging=False)

    def read():
        source = DeltaDatasource(path, max_files_per_task=files_per_task)
        ds = ray.data.read_datasource(source)
        return pa.concat_tables(ray.get(ds.to_arrow_refs()))

    return ray.shutdown, read


def run_dask(path: str, workers: int, files_per_task: int):
    import pyarrow as pa
    from distributed import Client, LocalCluster

    from delta_kernel.integrations.dask import read_delta

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)

    def read():
        df = read_delta(path, files_per_partition=files_per_task)
        return pa.Table.from_pandas(client.compute(df).result(), preserve_index=False)

    def stop():
        client.close()
        cluster.close()

    return stop, read


def run_spark(path: str, workers: int, files_per_task: int):
    from pyspark.sql import SparkSession

    from delta_kernel.integrations.spark import register

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(f"local[{workers}]")
             .config("spark.driver.memory", "1g")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    register(spark)

    def read():
        df = (spark.read.format("delta_kernel")
              .option("files_per_partition", str(files_per_task)).load(path))
        return df.toArrow()

    return spark.stop, read


def run_one(args) -> None:
    start = time.monotonic()
    stop, read = globals()[f"run_{args.engine}"](args.table, args.workers, args.files_per_task)
    startup = time.monotonic() - start
    times, digests = [], set()
    try:
        for _ in range(args.reps):
            t0 = time.monotonic()
            rows = read()
            times.append(time.monotonic() - t0)
            digests.add(digest(rows))
            del rows
    finally:
        stop()
    print(json.dumps({
        "engine": args.engine, "workers": args.workers, "startup_s": startup, "times_s": times,
        "digests": sorted(digests),
        "driver_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


# --- the run and the report --------------------------------------------------------------------


def configuration(python: str, engine: str, workers: int, args) -> dict:
    log(f"{engine} on {workers} worker(s)")
    cmd = [python, __file__, "--one", engine, "--workers", str(workers), "--table",
           str(args.table), "--reps", str(args.reps), "--files-per-task",
           str(args.files_per_task)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=3600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def versions() -> dict:
    out = {"python": platform.python_version()}
    for name in ("ray", "dask", "pyspark", "pyarrow"):
        try:
            out[name] = __import__(name).__version__
        except ImportError:
            out[name] = "missing"
    return out


def report(results: list[dict], args, command: str) -> str:
    local = next(r for r in results if r["engine"] == "local")
    reference = local["digests"][0]
    lines = [
        "## Distributed reads (Ray, Dask, Spark)",
        "",
        f"Command: `{command}`. One table of {args.files} files x {args.rows_per_file} rows "
        f"(id long, v double, g string; {args.files * args.rows_per_file} rows), read whole "
        f"by each integration on 1 and 2 local workers, {args.files_per_task} files a task; "
        f"{args.reps} reps each (few: this 2-core machine is shared with other engineers' "
        "builds, so the figures are noisy). A rep = planning on the driver + reading on the "
        "workers + collecting every row on the driver; engine start-up is listed apart and "
        "not included. Rows: every rep's rows, sorted by id, hash equal to the local scan's.",
        "",
        "| engine | workers | min s | median s | speed-up (median, 1 -> 2) | start-up s | "
        "driver peak RSS MiB | rows identical |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_key = {(r["engine"], r["workers"]): r for r in results}
    for r in results:
        med = statistics.median(r["times_s"])
        one = by_key.get((r["engine"], 1))
        speedup = ""
        if r["workers"] == 2 and one is not None:
            speedup = f"{statistics.median(one['times_s']) / med:.2f}x"
        same = r["digests"] == [reference]
        lines.append(
            f"| {r['engine']} | {r['workers'] if r['engine'] != 'local' else '1 process'} | "
            f"{min(r['times_s']):.2f} | {med:.2f} | {speedup} | {r['startup_s']:.1f} | "
            f"{r['driver_peak_rss_mib']:.0f} | {'yes' if same else 'NO'} ({r['digests'][0][0]} rows) |")
    v = versions()
    lines += ["", "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + "."]
    analysis = Path(__file__).with_name("distributed_analysis.md")
    if analysis.exists():
        lines += ["", analysis.read_text().strip()]
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--files", type=int, default=10000)
    p.add_argument("--rows-per-file", type=int, default=100)
    p.add_argument("--files-per-task", type=int, default=50)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--engines", default=",".join(ENGINES))
    p.add_argument("--workers", default="1,2")
    p.add_argument("--table", type=Path,
                   default=Path(os.environ.get("DELTA_KERNEL_CACHE",
                                               Path.home() / ".cache/delta-kernel-cpp"))
                   / "bench-tables" / "distributed")
    p.add_argument("--results", type=Path)
    p.add_argument("--command", default="python bench/distributed_bench.py")
    p.add_argument("--no-docs", action="store_true")
    p.add_argument("--one", choices=("local",) + ENGINES)
    p.add_argument("--from-results", type=Path,
                   help="render the report of an earlier run's --results (with its arguments)")
    args = p.parse_args()
    if args.one:
        args.engine = args.one
        args.workers = int(args.workers)
        args.table = str(args.table)
        run_one(args)
        return 0
    if args.from_results:
        results = json.loads(args.from_results.read_text())
    else:
        table = args.table / f"{args.files}x{args.rows_per_file}"
        make_table(table, args.files, args.rows_per_file)
        args.table = table
        results = [configuration(sys.executable, "local", 1, args)]
        for engine in args.engines.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                results.append(configuration(sys.executable, engine, workers, args))
    text = report(results, args, args.command)
    print(text)
    if args.results:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(results, indent=1))
    if not args.no_docs:
        sys.path.insert(0, str(Path(__file__).parent))
        from doc_sections import write_section

        write_section(ROOT / "docs" / "benchmarks.md", "distributed-bench", text)
        log("wrote section 'distributed-bench' of docs/benchmarks.md")
    bad = [r for r in results if r["digests"] != results[0]["digests"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
