"""Maintenance benchmark: vacuum of 100,000 unreferenced files and optimize (bin-packing
compaction) of 10,000 small files, this project's Python API against delta-rs in the same run.

Tables are generated once and cached:
- vacuum-100k: a few live files written by our writer (`delta_kernel.write_table`), then one
  commit adding 100,000 small Parquet files (distinct files, one small Parquet body each) and
  one removing them all, with deletionTimestamp and file modification times 30 days old.
- optimize-10k: 1,000,000 rows (id int64, v double) written by our writer in one commit as
  10,000 files of 100 rows each (`target_file_size=1`: one file per 100-row batch).

Every repetition works on a fresh copy of the template, made before the clock starts: hard
links (`cp -al`) for vacuum (unlinking a link keeps the template), a plain `cp -a` for optimize.
Time is the measured process's wall time (Python start-up, imports, loading the snapshot and the
operation); peak RSS its ru_maxrss (wait4). Results are checked: files deleted and files left
after vacuum; rows after optimize (count and sum of `id`, read back by one reader, deltalake,
for every copy). Writes the 'maintenance-bench' section of docs/benchmarks.md. Not part of CI;
run through bench/run_maintenance.sh."""

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

from checkpoint_harness import ensure_generated, run_measured
from doc_sections import write_section
from harness import git_rev, machine

ROOT = Path(__file__).resolve().parent.parent
SECTION = "maintenance-bench"
VACUUM_FILES = 100_000
LIVE_FILES = 5
OPT_FILES = 10_000
OPT_ROWS_PER_FILE = 100
OLD_S = 30 * 86400  # deletionTimestamp and mtimes: 30 days old
RECIPE = "v1"


def log(msg: str) -> None:
    print(f"[bench-maintenance] {msg}", file=sys.stderr, flush=True)


# ---------- generation (runs in the bench venv with our module on PYTHONPATH) ----------

GEN_VACUUM = r"""
import io, json, os, sys, time, uuid
import pyarrow as pa, pyarrow.parquet as pq
import delta_kernel
out, n, live, old_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
batches = [pa.record_batch({"id": pa.array(range(i * 10, i * 10 + 10), pa.int64()),
                            "v": pa.array([float(j) for j in range(10)])}) for i in range(live)]
delta_kernel.write_table(out, batches, target_file_size=1)
buf = io.BytesIO()
pq.write_table(pa.table({"id": pa.array([1], pa.int64()), "v": pa.array([1.0])}), buf)
body = buf.getvalue()
old = time.time() - old_s
old_ms = int(old * 1000)
paths = [f"part-{i:05d}-{uuid.uuid4()}-c000.snappy.parquet" for i in range(n)]
for p in paths:
    with open(os.path.join(out, p), "wb") as f:
        f.write(body)
    os.utime(os.path.join(out, p), (old, old))
log_dir = os.path.join(out, "_delta_log")
def commit(version, op, actions):
    with open(os.path.join(log_dir, f"{version:020d}.json"), "w") as f:
        f.write(json.dumps({"commitInfo": {"timestamp": old_ms, "operation": op}}) + "\n")
        for a in actions:
            f.write(json.dumps(a) + "\n")
stats = json.dumps({"numRecords": 1, "minValues": {"id": 1, "v": 1.0},
                    "maxValues": {"id": 1, "v": 1.0}, "nullCount": {"id": 0, "v": 0}})
commit(1, "WRITE", ({"add": {"path": p, "partitionValues": {}, "size": len(body),
                             "modificationTime": old_ms, "dataChange": True, "stats": stats}}
                    for p in paths))
commit(2, "DELETE", ({"remove": {"path": p, "deletionTimestamp": old_ms, "dataChange": True,
                                 "extendedFileMetadata": True, "partitionValues": {},
                                 "size": len(body)}} for p in paths))
"""

GEN_OPTIMIZE = r"""
import random, sys
import pyarrow as pa
import delta_kernel
out, files, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(42)
def batches():
    for i in range(files):
        yield pa.record_batch({"id": pa.array(range(i * rows, (i + 1) * rows), pa.int64()),
                               "v": pa.array([rng.random() for _ in range(rows)])})
delta_kernel.write_table(out, list(batches()), target_file_size=1)
"""


def ensure_table(name: str, script: str, args: list[str], tables: Path, ours_python: list[str]
                 ) -> Path:
    out = tables / name
    return ensure_generated(out, json.dumps([RECIPE, args]),
                            [*ours_python, "-c", script, str(out / "table"), *args],
                            f"{name} ({' '.join(args)})")


# ---------- the measured programs ----------

OURS_VACUUM = r"""
import json, sys, time
import delta_kernel
t0 = time.perf_counter()
r = delta_kernel.Table(sys.argv[1]).vacuum(retention_hours=0, dry_run=False,
                                           enforce_retention=False, lite=sys.argv[2] == "lite")
print(json.dumps({"in_process_s": time.perf_counter() - t0, "deleted": len(r.files)}))
"""

DELTARS_VACUUM = r"""
import json, sys, time
from deltalake import DeltaTable
t0 = time.perf_counter()
files = DeltaTable(sys.argv[1]).vacuum(retention_hours=0, dry_run=False,
                                       enforce_retention_duration=False,
                                       full=sys.argv[2] == "full")
print(json.dumps({"in_process_s": time.perf_counter() - t0, "deleted": len(files)}))
"""

OURS_OPTIMIZE = r"""
import json, sys, time
import delta_kernel
t0 = time.perf_counter()
r = delta_kernel.Table(sys.argv[1]).optimize()
print(json.dumps({"in_process_s": time.perf_counter() - t0, "removed": r.files_removed,
                  "added": r.files_added}))
"""

DELTARS_OPTIMIZE = r"""
import json, sys, time
from deltalake import DeltaTable
t0 = time.perf_counter()
m = DeltaTable(sys.argv[1]).optimize.compact()
print(json.dumps({"in_process_s": time.perf_counter() - t0, "removed": m["numFilesRemoved"],
                  "added": m["numFilesAdded"]}))
"""

VERIFY_ROWS = r"""
import json, sys
import pyarrow.compute as pc
from deltalake import DeltaTable
dt = DeltaTable(sys.argv[1])
t = dt.to_pyarrow_table(columns=["id"])
print(json.dumps({"rows": t.num_rows, "id_sum": pc.sum(t["id"]).as_py(),
                  "live_files": len(dt.file_uris())}))
"""


def data_files_left(table: Path) -> int:
    n = 0
    for dirpath, dirnames, filenames in os.walk(table):
        dirnames[:] = [d for d in dirnames if d != "_delta_log"]
        n += sum(1 for f in filenames if not f.startswith((".", "_")))
    return n


def fresh_copy(template: Path, dest: Path, hard_links: bool) -> float:
    if dest.exists():
        shutil.rmtree(dest)
    t0 = time.perf_counter()
    subprocess.run(["cp", "-al" if hard_links else "-a", str(template), str(dest)], check=True)
    return time.perf_counter() - t0


def measure(label: str, template: Path, scratch: Path, cmd: list[str], reps: int,
            hard_links: bool, timeout: float, check) -> dict:
    runs = []
    for i in range(reps):
        copy = scratch / "copy"
        copy_s = fresh_copy(template, copy, hard_links)
        r = run_measured(_with_table(cmd, copy), timeout)
        r["copy_s"] = copy_s
        r["check"] = check(copy)
        log(f"  {label} rep {i + 1}: {r['wall_s']:.2f}s (in process "
            f"{r['out'].get('in_process_s', 0):.2f}s), {r['peak_rss_mb']:.0f} MB; copy "
            f"{copy_s:.1f}s untimed; {r['out']} {r['check']}")
        runs.append(r)
    shutil.rmtree(scratch / "copy", ignore_errors=True)
    times = [r["wall_s"] for r in runs]
    return {"label": label, "min_s": min(times), "median_s": statistics.median(times),
            "in_process_median_s": statistics.median(r["out"].get("in_process_s", 0)
                                                     for r in runs),
            "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
            "cpu_median_s": statistics.median(r.get("cpu_s", 0) for r in runs),
            "out": runs[0]["out"], "check": runs[0]["check"], "reps": reps,
            "consistent": all(_result(r) == _result(runs[0]) for r in runs)}


def _result(run: dict) -> dict:
    """What a run produced, without its timings."""
    return {**{k: v for k, v in run["out"].items() if k != "in_process_s"}, **run["check"]}


def _with_table(cmd: list[str], copy: Path) -> list[str]:
    """cmd holds the placeholder '{table}'."""
    return [str(copy) if c == "{table}" else c for c in cmd]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--python", required=True, help="python with deltalake and pyarrow")
    ap.add_argument("--module-path", required=True, help="PYTHONPATH of our delta_kernel module")
    ap.add_argument("--tables", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--command", default="bash bench/run_maintenance.sh")
    ap.add_argument("--from-results", action="store_true",
                    help="only rewrite the doc section from the saved --results of a run")
    args = ap.parse_args()
    if args.from_results:
        saved = json.loads(Path(args.results).read_text())
        write_section(ROOT / "docs" / "benchmarks.md", SECTION,
                      report(saved, saved.get("command", args.command)))
        return 0

    tables, scratch = Path(args.tables), Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    ours_py = ["env", f"PYTHONPATH={args.module_path}", args.python]
    peer_py = ["env", "PYTHONPATH=", args.python]
    results = {"machine": machine(), "git": git_rev(), "reps": args.reps, "workloads": [],
               "command": args.command}

    vac = ensure_table("vacuum-100k", GEN_VACUUM,
                       [str(VACUUM_FILES), str(LIVE_FILES), str(OLD_S)], tables, ours_py)
    opt = ensure_table("optimize-10k", GEN_OPTIMIZE,
                       [str(OPT_FILES), str(OPT_ROWS_PER_FILE)], tables, ours_py)

    log(f"vacuum-100k: {VACUUM_FILES} unreferenced files, {LIVE_FILES} live")
    entry = {"name": "vacuum-100k",
             "title": f"vacuum of {VACUUM_FILES:,} unreferenced files ({LIVE_FILES} live)",
             "runs": []}
    vcheck = lambda t: {"files_left": data_files_left(t)}  # noqa: E731
    for label, py, script, mode in (
            ("delta-kernel-cpp (full listing)", ours_py, OURS_VACUUM, "full"),
            ("delta-kernel-cpp (lite=True)", ours_py, OURS_VACUUM, "lite"),
            ("delta-rs (full=True)", peer_py, DELTARS_VACUUM, "full"),
            ("delta-rs (full=False)", peer_py, DELTARS_VACUUM, "lite")):
        entry["runs"].append(measure(label, vac, scratch, [*py, "-c", script, "{table}", mode],
                                     args.reps, True, args.timeout, vcheck))
    results["workloads"].append(entry)

    log(f"optimize-10k: {OPT_FILES} files of {OPT_ROWS_PER_FILE} rows")
    entry = {"name": "optimize-10k",
             "title": f"optimize (compaction) of {OPT_FILES:,} files of {OPT_ROWS_PER_FILE} rows "
                      f"({OPT_FILES * OPT_ROWS_PER_FILE:,} rows)", "runs": []}

    def ocheck(t: Path) -> dict:
        p = subprocess.run([*peer_py, "-c", VERIFY_ROWS, str(t)], capture_output=True,
                           text=True, check=True)
        return json.loads(p.stdout)

    for label, py, script in (("delta-kernel-cpp", ours_py, OURS_OPTIMIZE),
                              ("delta-rs", peer_py, DELTARS_OPTIMIZE)):
        entry["runs"].append(measure(label, opt, scratch, [*py, "-c", script, "{table}"],
                                     args.reps, False, args.timeout, ocheck))
    results["workloads"].append(entry)

    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(results, indent=2))
    if not args.no_docs:
        write_section(ROOT / "docs" / "benchmarks.md", SECTION, report(results, args.command))
    print(report(results, args.command))
    return 0


def expected(workload: str) -> dict:
    if workload == "vacuum-100k":
        return {"deleted": VACUUM_FILES, "files_left": LIVE_FILES}
    return {"rows": OPT_FILES * OPT_ROWS_PER_FILE,
            "id_sum": sum(range(OPT_FILES * OPT_ROWS_PER_FILE))}


def verdict(workload: str, run: dict) -> str:
    got = {**run["out"], **run["check"]}
    bad = [f"{k} {got.get(k)} != {v}" for k, v in expected(workload).items() if got.get(k) != v]
    if not run.get("consistent", True):
        bad.append("repetitions disagree")
    return "ok" if not bad else "DIFFERS: " + "; ".join(bad)


def fmt_cpu(run: dict) -> str:
    """User + system CPU seconds of the whole process (older results have none)."""
    return f"{run['cpu_median_s']:.2f}" if run.get("cpu_median_s") else "-"


def report(results: dict, command: str) -> str:
    m = results["machine"]
    out = ["## Maintenance: vacuum and optimize", "",
           f"Command: `{command}` (git {results['git']}, {results['reps']} repetitions each; "
           f"{m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB; load average at start "
           f"{m['loadavg_at_start'][0]:.1f}: the machine's 2 cores were shared with other "
           "engineers' builds and tests during this run, so the wall times are indicative "
           "only; the CPU column, user + system seconds of the whole process, waits for no "
           "core).", "",
           "Every repetition works on a fresh copy of a cached table, made before the clock "
           "starts (hard links for vacuum, a plain copy for optimize). Time is the whole "
           "Python process (start-up and imports, loading the snapshot, the operation, its "
           "commit); \"in process\" is the operation alone as the process timed it; peak RSS "
           "is the process's maximum resident set. Both tables are written by our writer "
           "(`delta_kernel.write_table`) except the vacuum table's 100,000 removed files, which "
           "the harness writes itself (one small Parquet body each, an add commit and a remove "
           "commit with 30-day-old deletionTimestamp and modification times). The check column "
           "compares each result with the expected one: files deleted and data files left "
           "after vacuum; after optimize the rows read back by deltalake (count and sum of "
           "`id`).", "",
           "| workload | implementation | min s | median s | in process median s | "
           "CPU median s | peak RSS MB | ratio to ours (median) | result | check |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for w in results["workloads"]:
        base = w["runs"][0]["median_s"]
        for r in w["runs"]:
            o, c = r["out"], r["check"]
            if w["name"] == "vacuum-100k":
                res = f"{o.get('deleted')} deleted, {c.get('files_left')} left"
            else:
                res = (f"{o.get('removed')} -> {o.get('added')} files; {c.get('rows')} rows, "
                       f"sum(id) {c.get('id_sum')}")
            out.append(f"| {w['name']} | {r['label']} | {r['min_s']:.2f} | {r['median_s']:.2f} "
                       f"| {r['in_process_median_s']:.2f} | {fmt_cpu(r)} "
                       f"| {r['peak_rss_mb']:.0f} | {r['median_s'] / base:.2f} | {res} "
                       f"| {verdict(w['name'], r)} |")
    out += ["", "### Analysis", ""]
    for w in results["workloads"]:
        runs = {r["label"]: r for r in w["runs"]}
        if w["name"] == "vacuum-100k":
            pairs = (("delta-kernel-cpp (full listing)", "delta-rs (full=True)"),
                     ("delta-kernel-cpp (lite=True)", "delta-rs (full=False)"))
        else:
            pairs = (("delta-kernel-cpp", "delta-rs"),)
        for a, b in pairs:
            if a in runs and b in runs:
                ra, rb = runs[a], runs[b]
                out.append(f"- {w['name']}: {a} took {ra['median_s'] / rb['median_s']:.2f}x "
                           f"{b}'s median time ({ra['in_process_median_s']:.2f}s against "
                           f"{rb['in_process_median_s']:.2f}s in process; {fmt_cpu(ra)} "
                           f"against {fmt_cpu(rb)} CPU seconds) with "
                           f"{ra['peak_rss_mb'] / rb['peak_rss_mb']:.2f}x its peak memory.")
    out += ["",
            "Vacuum of 100,000 files is loading the log (200,000 actions), the unlinks (one "
            "syscall each on a local disk) and, in full mode, the listing (how these split was "
            "not measured); the lite modes take their candidates from the "
            "log's removes. On a local file system the two modes differ little; on an object "
            "store, where listing is paged requests, lite saves those. Optimize of 10,000 files "
            "of 100 rows is opening and decoding 10,000 small Parquet files and writing one; "
            "both write one file here (1M rows of an int64 and a double, 16 MB before "
            "compression, are under either target size: ours "
            "defaults to the table's delta.targetFileSize else 1 GiB, delta-rs to 100 MiB).",
            "",
            "Where our vacuum's memory went (measured on this table with heaptrack and "
            "/proc/self/statm at its phases, by hand, not in this run): the run of git 0a708ed "
            "peaked at 254 MB (full) and 259 MB (lite) against delta-rs's 156 and 133, and "
            "heaptrack put its heap peak at 187 MB. Three things made it. (1) Padding a commit's "
            "bytes for the JSON parser with std::string::reserve doubled the buffer (the 33 MB "
            "add commit took 66 MB, the 21 MB remove commit 43 MB), and a commit parsed in "
            "parts was joined into vectors grown by doubling; both now allocate once, exactly. "
            "(2) Vacuum read the tombstones by parsing the whole log again and kept every batch "
            "(all 200,000 actions with their statistics) through the listing; it now streams "
            "them a batch at a time (the checkpoint's remove columns only, commits in windows "
            "of 16 MB, each dropped once its removes are seen), keeps file keys as hashed views "
            "rather than strings, filters the listing in place and moves the locations into the "
            "result instead of copying them. That brought the heap peak to 117 MB. (3) The "
            "rest was glibc keeping freed memory: with MALLOC_MMAP_THRESHOLD_=65536 the same "
            "build peaked at 145 MB instead of 227; vacuum now hands freed memory back "
            "(malloc_trim) after the snapshot load and after the tombstones. What remains is "
            "the snapshot load itself (both commits parsed to find the 5 live files) and the "
            "second parse for the tombstones, which the snapshot does not keep (the 33 MB "
            "commit of 100,000 adds parses to about 60 MB while its removes are looked for); "
            "lite mode also holds the 100,000 expired removes' paths, and the Python result "
            "every deleted file's URI. Lite is no faster than the full listing on a local "
            "disk, where listing 100,000 entries costs little next to unlinking them.",
            "",
            "With the machine this loaded (2 cores shared with other engineers' work) "
            "repetitions of one command vary; compare the min and CPU columns and treat ratios "
            "near 1 as ties.", "",
            "Not measured: Delta Spark (optional in the issue; a JVM start-up plus a local "
            "Spark session costs tens of seconds and ~1 GB on this 2-core machine while the CI "
            "runs, which would swamp the measured operations and slow the CI), and object "
            "stores (local disk only)."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
