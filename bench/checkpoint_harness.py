"""Checkpoint benchmark: writing a checkpoint of 1M-file log-only tables (a previous checkpoint
at version 1000, then 100 commits of 1000 adds each), this project against delta-rs
(`DeltaTable.create_checkpoint`) in the same run; and an incremental v2 checkpoint after 1% of
the files changed. Every repetition runs on a fresh copy of the table's log (copied with new
modification times, so no log cleanup is due). Time is the process's wall time; peak RSS its
ru_maxrss. Writes the 'checkpoint-bench' section of docs/benchmarks.md (bench/doc_sections.py).
Not part of CI; run through bench/run_checkpoint.sh."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from doc_sections import write_section
from harness import ONE_M, COLS, git_rev, machine

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(f"[bench-checkpoint] {msg}", file=sys.stderr, flush=True)


def workloads(ten_m: bool) -> list[tuple[str, str, list[str], bool]]:
    """(name, title, delta-table-gen flags, peers)."""
    w = []
    for stats in ("off", "on"):
        sfx = "stats" if stats == "on" else "nostats"
        w.append((f"1m-multipart-{sfx}",
                  f"1M files: 8-part classic checkpoint at v1000 + 100 commits, stats {stats}",
                  ONE_M + ["--checkpoint", "multipart:8", "--stats", stats] + COLS, True))
    w.append(("1m-v2-nostats",
              "1M files: v2 checkpoint with 8 sidecars at v1000 + 100 commits, stats off",
              ONE_M + ["--checkpoint", "v2-parquet", "--sidecars", "8", "--stats", "off"] + COLS,
              False))
    if ten_m:
        w.append(("10m-multipart-nostats",
                  "10M files: 8-part classic checkpoint at v10000 + 100 commits, stats off",
                  ["--files", "10100000", "--commits", "10100", "--checkpoint-interval", "10000",
                   "--checkpoint", "multipart:8", "--stats", "off"] + COLS, False))
    return w


def ensure_generated(out: Path, recipe: str, command: list[str], what: str) -> Path:
    """out/table, made by `command` (which writes it) unless out/.bench-recipe says it was
    made from this very recipe; a stale table is removed first. Shared by the bench harnesses."""
    table = out / "table"
    stamp = out / ".bench-recipe"
    if stamp.exists() and stamp.read_text() == recipe:
        return table
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    log(f"generating {what}")
    t0 = time.time()
    subprocess.run(["nice", *command], check=True)
    log(f"  ready in {time.time() - t0:.1f}s")
    stamp.write_text(recipe)
    return table


def ensure_table(name: str, gen_args: list[str], tables: Path, gen: Path) -> Path:
    out = tables / name
    return ensure_generated(out, json.dumps(gen_args),
                            [str(gen), str(out / "table"), "-q", *gen_args],
                            f"{name}: delta-table-gen {' '.join(gen_args)}")


def fresh_copy(table: Path, scratch: Path) -> Path:
    """The table's log copied (new modification times: nothing is old enough to clean up)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(table, scratch, copy_function=shutil.copy)
    return scratch


def run_measured(cmd: list[str], timeout: float) -> dict:
    """Wall time and peak RSS (wait4) of one process; its JSON output as `out`."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {err.strip()[-2000:]}")
    lines = [line for line in out.splitlines() if line.lstrip().startswith("{")]
    parsed = {}
    if lines:
        try:
            parsed = json.loads(out[out.index("{"):])
        except ValueError:
            parsed = json.loads(lines[-1])
    return {"wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024, "out": parsed}


DELTARS = """
import json, sys, time
from deltalake import DeltaTable
t0 = time.perf_counter()
DeltaTable(sys.argv[1]).create_checkpoint()
print(json.dumps({"in_process_s": time.perf_counter() - t0}))
"""


def measure(label: str, table: Path, scratch: Path, cmd_of, reps: int, timeout: float,
            prepare=None) -> dict:
    runs = []
    for i in range(reps):
        copy = fresh_copy(table, scratch)
        if prepare is not None:
            prepare(copy)
        r = run_measured(cmd_of(copy), timeout)
        log(f"  {label} rep {i + 1}: {r['wall_s']:.2f}s, {r['peak_rss_mb']:.0f} MB")
        runs.append(r)
    shutil.rmtree(scratch, ignore_errors=True)
    times = [r["wall_s"] for r in runs]
    return {"label": label, "min_s": min(times), "median_s": statistics.median(times),
            "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
            "out": runs[0]["out"], "reps": reps}


def change_one_percent(copy: Path) -> None:
    """Commits, after the table's newest version, removes of 1% of the live files (10,000 of
    one sidecar of the previous checkpoint, i.e. a contiguous slice of the table) and 10,000
    new adds in their place."""
    import pyarrow.parquet as pq
    log_dir = copy / "_delta_log"
    version = max(int(p.name[:20]) for p in log_dir.glob("*.json") if p.name[:20].isdigit())
    sidecars = sorted((log_dir / "_sidecars").glob("*.parquet"), key=lambda p: p.stat().st_size)
    adds = pq.read_table(sidecars[-1], columns=["add"]).column("add").to_pylist()
    adds = [a for a in adds if a is not None][:10_000]
    now = int(time.time() * 1000)
    lines = [json.dumps({"commitInfo": {"timestamp": now, "operation": "DELETE"}})]
    for a in adds:
        lines.append(json.dumps({"remove": {"path": a["path"], "deletionTimestamp": now,
                                            "dataChange": True, "size": a["size"],
                                            "partitionValues": dict(a["partitionValues"] or [])}}))
        b = dict(a)
        b["path"] = "rewritten-" + a["path"].replace("/", "-")
        b["partitionValues"] = dict(a["partitionValues"] or [])
        b["tags"] = None
        b = {k: v for k, v in b.items() if v is not None}
        lines.append(json.dumps({"add": b}))
    (log_dir / f"{version + 1:020d}.json").write_text("\n".join(lines) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cli", required=True, help="delta-kernel CLI")
    ap.add_argument("--gen", required=True, help="delta-table-gen")
    ap.add_argument("--python", required=True, help="python with deltalake")
    ap.add_argument("--tables", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--ten-m", action="store_true", help="also the 10M-file table, ours alone")
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--command", default="bash bench/run_checkpoint.sh")
    ap.add_argument("--from-results", action="store_true",
                    help="only rewrite the doc section from the saved --results of a run")
    args = ap.parse_args()
    if args.from_results:
        saved = json.loads(Path(args.results).read_text())
        write_section(ROOT / "docs" / "benchmarks.md", "checkpoint-bench",
                      report(saved, saved.get("command", args.command)))
        return 0

    tables, scratch = Path(args.tables), Path(args.scratch)
    results = {"machine": machine(), "git": git_rev(), "reps": args.reps, "workloads": [],
               "command": args.command}
    ours = lambda t: [args.cli, "checkpoint", str(t), "--json"]  # noqa: E731
    deltars = lambda t: [args.python, "-c", DELTARS, str(t)]  # noqa: E731
    for name, title, gen_args, peers in workloads(args.ten_m):
        table = ensure_table(name, gen_args, tables, Path(args.gen))
        log(f"{name}: {title}")
        entry = {"name": name, "title": title, "runs": []}
        entry["runs"].append(measure("delta-kernel-cpp", table, scratch / name, ours, args.reps,
                                     args.timeout))
        if peers:
            entry["runs"].append(measure("delta-rs", table, scratch / name, deltars, args.reps,
                                         args.timeout))
        if name == "1m-v2-nostats":
            # The incremental case: our checkpoint at v1100 first (not timed), then 1% changed,
            # then the checkpoint measured.
            def prepare(copy: Path) -> None:
                subprocess.run(ours(copy), check=True, capture_output=True)
                change_one_percent(copy)
            entry["runs"].append(measure("delta-kernel-cpp, incremental after 1% changed", table,
                                         scratch / name, ours, args.reps, args.timeout,
                                         prepare=prepare))
        results["workloads"].append(entry)
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(results, indent=2))
    if not args.no_docs:
        write_section(ROOT / "docs" / "benchmarks.md", "checkpoint-bench",
                      report(results, args.command))
    print(report(results, args.command))
    return 0


def report(results: dict, command: str) -> str:
    m = results["machine"]
    out = ["## Checkpoint writing", "",
           f"Command: `{command}` (git {results['git']}, {results['reps']} repetitions each; "
           f"{m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB; load average at start "
           f"{m['loadavg_at_start'][0]:.1f}: the machine was shared with other builds, so the "
           "times are indicative only).", "",
           "Each repetition writes a checkpoint of the table's newest version on a fresh copy "
           "of its log; time is the whole process (start-up, loading the snapshot, writing), "
           "peak RSS the process's maximum resident set.", "",
           "| table | writer | min s | median s | peak RSS MB | ratio to ours (median) | "
           "files written / reused |", "|---|---|---|---|---|---|---|"]
    for w in results["workloads"]:
        base = w["runs"][0]["median_s"]
        for r in w["runs"]:
            o = r["out"]
            written = "" if not o else (f"{len(o.get('files', []))} / {o.get('sidecarsReused', 0)}")
            out.append(f"| {w['name']} | {r['label']} | {r['min_s']:.2f} | {r['median_s']:.2f} | "
                       f"{r['peak_rss_mb']:.0f} | {r['median_s'] / base:.2f} | {written} |")
    out += ["", "### Analysis", ""]
    for w in results["workloads"]:
        runs = {r["label"]: r for r in w["runs"]}
        ours, peer = runs.get("delta-kernel-cpp"), runs.get("delta-rs")
        if ours and peer:
            out.append(f"- {w['name']}: ours took {ours['median_s'] / peer['median_s']:.2f}x "
                       f"delta-rs's median time with {ours['peak_rss_mb'] / peer['peak_rss_mb']:.2f}x "
                       "its peak memory.")
        inc = runs.get("delta-kernel-cpp, incremental after 1% changed")
        if ours and inc:
            o = inc["out"]
            first = ours["out"]
            out.append(f"- {w['name']}: the checkpoint after the generator's 100 append-only "
                       f"commits named {first.get('sidecarsReused', 0)} sidecars of the "
                       f"generator's checkpoint again and wrote {len(first.get('files', [])) - 1} "
                       f"(the commits' adds); after 1% of the files changed (10,000 removed from "
                       f"one sidecar, 10,000 added), the next one named "
                       f"{o.get('sidecarsReused', 0)} again and wrote "
                       f"{len(o.get('files', [])) - 1} (the touched sidecar without the removed "
                       f"files, and the new actions), in {inc['median_s'] / ours['median_s']:.2f}x "
                       "the time.")
    by_name = {w["name"]: w["runs"][0] for w in results["workloads"]}
    if "10m-multipart-nostats" in by_name and "1m-multipart-nostats" in by_name:
        one, ten = by_name["1m-multipart-nostats"], by_name["10m-multipart-nostats"]
        out.append(f"- 10m-multipart-nostats (ours alone): ten times the files took "
                   f"{ten['median_s'] / one['median_s']:.1f}x the time of the 1M table and "
                   f"{ten['peak_rss_mb']:.0f} MB peak RSS against {one['peak_rss_mb']:.0f} MB: "
                   "memory does not grow with the table.")
    out += ["",
            "With the machine this loaded, compare the min columns: repetitions of one command "
            "differed by up to 2x.", "",
            "Our checkpoint streams the previous checkpoint's adds batch by batch (docs/"
            "checkpoints.md, \"Streamed, bounded memory\"): what remains in memory is the 100 "
            "newer commits' adds and keys (100k files), one Parquet batch per file being read or "
            "written, and the Parquet writer's current row group (128k rows; with statistics "
            "these are large strings, which is why the stats-on table peaks higher). delta-rs "
            "loads its whole table state before writing. Run alone, the same 1M-file table "
            "without statistics took our previous writer (the whole file list in memory, one "
            "1M-row row group) 666 MB peak RSS; streaming alone brought that to 343 MB and the "
            "128k-row row groups to 299 MB (each measured once by hand with /usr/bin/time on "
            "this machine, not part of this run).",
            "",
            "An incremental v2 checkpoint saves the writing of untouched sidecars, not their "
            "reading: whether a newer commit touched one is found by reading its adds' keys, so "
            "its time stays close to a checkpoint that rewrites everything unless writing "
            "dominates (statistics, slow object stores). Where delta-rs is faster (the table "
            "without statistics) we have not profiled why yet.",
            "",
            "Not measured: delta-kernel-rs (its 0.30 API, `Snapshot::checkpoint` -> "
            "`CheckpointWriter::checkpoint_data`, hands the rows to the engine to write; the "
            "bench crate does not write them to Parquet yet), Delta Spark (too heavy for a "
            "2-core machine shared by five engineers), delta-rs on the v2 table (the incremental "
            "case is ours alone), and the 10M-file table unless `--ten-m` is given."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
