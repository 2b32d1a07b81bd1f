"""bench/run_scan.sh's driver: scan execution (files -> Arrow rows) of this project against
Polars, delta-rs, DuckDB and the decode floor, peers in the same run. Writes the results JSON
and the 'scan-bench' section of docs/benchmarks.md.

Every (reader, workload) runs in its own process, --reps times in-process; min and median are
over those reps, peak RSS is the process' (Python readers include the interpreter and their
imports, about 60-120 MB).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from doc_sections import write_section  # noqa: E402

D = "datetime.date(2020, 1, 11)"
WORKLOADS = [
    {"name": "full", "table": "plain", "what": "every row, every column"},
    {"name": "cols-1of8", "table": "plain", "columns": ["amount"], "what": "1 of 8 columns"},
    {"name": "cols-3of8", "table": "plain", "columns": ["id", "customer", "amount"],
     "what": "3 of 8 columns"},
    {"name": "selective", "table": "plain", "what": "partition + file stats (~2.5% of rows)",
     "filter": "region = 'eu-west' AND id < 1000000",
     "polars": "(pl.col('region') == 'eu-west') & (pl.col('id') < 1000000)",
     "pyarrow": "(ds.field('region') == 'eu-west') & (ds.field('id') < 1000000)",
     "dnf": "[('region', '=', 'eu-west'), ('id', '<', 1000000)]",
     "sql": "region = 'eu-west' AND id < 1000000"},
    {"name": "rowgroup", "table": "plain",
     "what": "`day` has no file stats: only row-group stats skip (1% of rows)",
     "filter": "day < DATE '2020-01-11'",
     "polars": f"pl.col('day') < {D}",
     "pyarrow": f"ds.field('day') < pa.scalar({D})",
     "dnf": f"[('day', '<', {D})]",
     "sql": "day < DATE '2020-01-11'"},
    {"name": "dv", "table": "dv", "what": "deletion vectors, 10% of rows deleted"},
    {"name": "colmap", "table": "cm", "what": "column mapping (name mode)"},
    {"name": "stream", "table": "plain", "stream": True,
     "what": "full scan consumed batch by batch (peak RSS is the point)"},
]
PY_MATERIALIZE = ["ours-pyarrow", "ours-polars", "polars-read", "polars-scan", "deltars-table",
                  "deltars-dataset", "duckdb"]
PY_STREAM = ["ours-stream", "deltars-stream"]
OURS = {"ours-cpp", "ours-cpp-stream", "ours-pyarrow", "ours-polars", "ours-stream"}


def log(msg: str) -> None:
    print(f"[scan-bench] {msg}", file=sys.stderr, flush=True)


def run_json(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": err[:200]}
    reps, peak = [], None
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        if "peak_rss_kb" in d:
            peak = d["peak_rss_kb"]
        else:
            reps.append(d)
    secs = [r["seconds"] for r in reps]
    cpu = [r.get("cpu_seconds", 0.0) for r in reps]
    return {"min": min(secs), "median": statistics.median(secs), "reps": len(secs),
            "cpu_min": min(cpu),
            "rows": reps[-1]["rows"], "nbytes": reps[-1].get("nbytes", 0),
            "nonnull": reps[-1].get("nonnull"),
            "peak_rss_mb": round(peak / 1024, 1) if peak else None}


def plan_files(table: Path, w: dict, listing: Path) -> tuple[int, list[str]]:
    """The live files the scan plans (after pruning and skipping), written to `listing`."""
    import delta_kernel

    files = delta_kernel.Table(str(table)).scan(w.get("columns"), w.get("filter")).files()
    paths = [f.location.removeprefix("file://") for f in files]
    listing.write_text("\n".join(paths) + "\n")
    return len(paths), paths


def duckdb_has_delta(python: str) -> bool:
    code = ("import duckdb; c = duckdb.connect(); c.execute('INSTALL delta'); "
            "c.execute('LOAD delta')")
    try:
        return subprocess.run([python, "-c", code], capture_output=True, timeout=60).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="delta-scan-bench")
    ap.add_argument("--floor", required=True, help="delta-scan-floor")
    ap.add_argument("--python", required=True)
    ap.add_argument("--pythonpath", required=True, help="where delta_kernel is importable")
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--results", type=Path, required=True)
    ap.add_argument("--command", default="bash bench/run_scan.sh")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--workloads", default="")
    ap.add_argument("--no-docs", action="store_true")
    args = ap.parse_args()

    env = dict(os.environ, PYTHONPATH=args.pythonpath)
    workloads = [w for w in WORKLOADS
                 if not args.workloads or w["name"] in args.workloads.split(",")]
    duck_delta = duckdb_has_delta(args.python)
    log(f"duckdb delta extension: {'loaded' if duck_delta else 'unavailable, read_parquet'}")
    tmp = Path(tempfile.mkdtemp(prefix="scan-bench-"))
    results: list[dict] = []

    def record(w: dict, reader: str, threads: int, r: dict, files: int) -> None:
        threads = threads or os.cpu_count() or 1
        row = {"workload": w["name"], "reader": reader, "threads": threads, "files": files, **r}
        results.append(row)
        log(f"{w['name']:10} {reader:18} t={threads} "
            + (r["error"] if "error" in r else f"min {r['min']:.3f}s rows {r['rows']}"
               f" rss {r['peak_rss_mb']} MB"))

    for w in workloads:
        table = args.tables / w["table"]
        listing = tmp / f"{w['name']}.files"
        nfiles, _ = plan_files(table, w, listing)
        cpp = [args.bench, str(table), "--repeat", str(args.reps)]
        if w.get("columns"):
            cpp += ["--columns", ",".join(w["columns"])]
        if w.get("filter"):
            cpp += ["--filter", w["filter"]]
        floor = [args.floor, str(listing), "--repeat", str(args.reps)]
        if w.get("columns") and w["table"] != "cm":
            floor += ["--columns", ",".join(w["columns"])]
        thread_counts = [1, 2] if w["name"] in ("full", "stream") else [0]
        for t in thread_counts:
            mode = ["--mode", "stream"] if w.get("stream") else []
            reader = "ours-cpp-stream" if w.get("stream") else "ours-cpp"
            record(w, reader, t, run_json(cpp + mode + ["--threads", str(t)], env), nfiles)
            keep = [] if w.get("stream") else ["--keep"]
            record(w, "floor", t, run_json(floor + keep + ["--threads", str(t)]), nfiles)
        for tool in PY_STREAM if w.get("stream") else PY_MATERIALIZE:
            name = tool
            if tool == "duckdb":
                if w["table"] in ("dv", "cm") and not duck_delta:
                    continue  # read_parquet ignores deletion vectors and column mapping
                name = "duckdb-delta" if duck_delta else "duckdb-parquet"
            if tool == "polars-read" and w.get("filter"):
                continue  # read_delta has no filter; polars-scan covers it
            spec = {k: w.get(k) for k in ("columns", "filter", "polars", "pyarrow", "dnf", "sql")}
            cmd = [args.python, str(ROOT / "bench" / "scan_py.py"), name, str(table),
                   json.dumps(spec), "--repeat", str(args.reps), "--files", str(listing)]
            record(w, name, 0, run_json(cmd, env), nfiles)

    meta = {"command": args.command, "reps": args.reps, "duckdb_delta": duck_delta,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    log(f"results: {args.results}")
    if not args.no_docs:
        from scan_report import render

        write_section(ROOT / "docs" / "benchmarks.md", "scan-bench", render(meta, results))
        log("wrote docs/benchmarks.md (scan-bench)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
