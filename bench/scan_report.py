"""Renders bench/run_scan.sh's results (scan_harness.py) as the 'scan-bench' section of
docs/benchmarks.md: the command, one table per workload, the thread scaling and the memory
figures, then bench/scan_analysis.md (the profile and what bounds each missed target)."""

from __future__ import annotations

from pathlib import Path

OURS = {"ours-cpp", "ours-cpp-stream", "ours-pyarrow", "ours-polars", "ours-stream"}
HERE = Path(__file__).resolve().parent


def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def render(meta: dict, results: list[dict]) -> str:
    out = [
        "## Scan execution: files to Arrow rows",
        "",
        "Produced by:",
        "",
        "```",
        meta["command"],
        "```",
        "",
        f"Machine: {meta['machine']}, shared with other work while it ran ({meta['date']}); "
        f"{meta['reps']} reps per reader, each reader in its own process (min and median over "
        "the reps; peak RSS is the process', Python readers include the interpreter and "
        "their imports). The tables (bench/scan_gen.py, written by this project's writer): "
        "10M rows, 8 columns (int64, date, strings, doubles, int32), partitioned by `region` "
        "(4 values), 3 MB files of 16k-row row groups. `ours-cpp` is `delta-scan-bench` "
        "(ReadScanBatches, batches kept until the end); `ours-pyarrow` / `ours-polars` read "
        "the scan's PyCapsule stream into pyarrow / Polars; `floor` is `delta-scan-floor`: "
        "Parquet C++ decoding exactly the planned files' columns (no DVs, filter or partition "
        "values) on every thread given, into the same memory pool as ours, its batches kept "
        "to the end like a materialising reader "
        "(dropped as decoded in the stream workload). DuckDB: "
        + ("the delta extension (`delta_scan`)." if meta.get("duckdb_delta") else
           "the delta extension could not be installed here (no extension host), so "
           "`duckdb-parquet` is `read_parquet` over the same planned file list with hive "
           "partitioning: it knows nothing of Delta (skipped for DVs and column mapping)."),
        "",
        "`CPU s` is the least user+system CPU time of one rep (all the process' threads): "
        "less disturbed than wall time by other work on the machine. "
        "Ratios: `/ peer` is min time over the fastest peer's min (non-`ours`, non-floor) in "
        "the same workload; `/ floor` is over the floor's min at the same thread count.",
        "",
    ]
    by_workload: dict[str, list[dict]] = {}
    for r in results:
        by_workload.setdefault(r["workload"], []).append(r)
    out += ["| workload | reader | threads | files | rows | min s | median s | peak RSS MB "
            "| CPU s | / peer | / floor | CPU / floor |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    wrong_notes = []
    for name, rows in by_workload.items():
        ok = [r for r in rows if "error" not in r]
        # A reader whose rows or non-null cells differ from ours returned other data: shown,
        # but never the fastest peer.
        ref = next((r for r in ok if r["reader"] in ("ours-pyarrow", "ours-stream")), None)
        for r in ok:
            if r["reader"] in OURS or r["reader"] == "floor" or ref is None:
                continue
            if r["rows"] != ref["rows"] or (r.get("nonnull") is not None
                                            and r["nonnull"] != ref.get("nonnull")):
                r["wrong"] = True
                wrong_notes.append(f"{name}: {r['reader']} returned {r['rows']:,} rows with "
                                   f"{r.get('nonnull', 0):,} non-null cells; ours "
                                   f"{ref['rows']:,} rows, {ref.get('nonnull', 0):,} cells")
        peers = [r["min"] for r in ok if r["reader"] not in OURS and r["reader"] != "floor"
                 and not r.get("wrong")]
        best_peer = min(peers) if peers else None
        floors = {r["threads"]: r["min"] for r in ok if r["reader"] == "floor"}
        floor_cpu = {r["threads"]: r["cpu_min"] for r in ok if r["reader"] == "floor"}
        for r in rows:
            if "error" in r:
                out.append(f"| {name} | {r['reader']} | {r['threads']} | {r['files']} | "
                           f"error: {r['error'].replace('|', '/')} | | | | | | | |")
                continue
            peer = f"{r['min'] / best_peer:.2f}" if best_peer else "-"
            fl = floors.get(r["threads"])
            floor = f"{r['min'] / fl:.2f}" if fl else "-"
            fc = floor_cpu.get(r["threads"])
            cpu_floor = f"{r['cpu_min'] / fc:.2f}" if fc else "-"
            reader = f"{r['reader']} (wrong data)" if r.get("wrong") else r["reader"]
            out.append(f"| {name} | {reader} | {r['threads']} | {r['files']} | "
                       f"{r['rows']:,} | {_fmt(r['min'])} | {_fmt(r['median'])} | "
                       f"{_fmt(r['peak_rss_mb'], 0)} | {_fmt(r['cpu_min'], 2)} | {peer} | {floor} | "
                       f"{cpu_floor} |")
    out.append("")
    if wrong_notes:
        out += ["Readers marked *wrong data* returned other values than the table holds (not "
                "counted as the fastest peer):", ""] + [f"- {n}" for n in wrong_notes] + [""]
    scaling = []
    for reader in ("ours-cpp", "ours-cpp-stream", "floor"):
        for wl in ("full", "stream"):
            t = {r["threads"]: r["min"] for r in by_workload.get(wl, [])
                 if r["reader"] == reader and "error" not in r}
            if 1 in t and 2 in t:
                scaling.append(f"{reader} ({wl}) {t[1]:.3f} s on 1 thread, {t[2]:.3f} s on 2: "
                               f"{t[1] / t[2]:.2f}x")
    if scaling:
        out += ["Thread scaling (target: 2 threads at least 1.7x faster than 1 on the full "
                "scan):", ""] + [f"- {s}" for s in scaling] + [""]
    full_py = [r for r in by_workload.get("full", []) if r["reader"] == "ours-pyarrow"
               and "error" not in r]
    if full_py and full_py[0].get("nbytes"):
        out += [f"Arrow data of the full scan (pyarrow `Table.nbytes`): "
                f"{full_py[0]['nbytes'] / 2**20:.0f} MB.", ""]
    analysis = HERE / "scan_analysis.md"
    if analysis.exists():
        out.append(analysis.read_text().strip())
    return "\n".join(out) + "\n"
