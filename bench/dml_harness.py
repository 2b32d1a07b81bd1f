"""DML benchmark: DELETE 1% of the rows of a 10M-row table, UPDATE 1%, and MERGE 1% changed +
1% new rows, with deletion vectors and copy-on-write; this project's Python API against
delta-rs (deltalake) and Delta Spark in the same run.

The table (generated once by our writer and cached): 10,000,000 rows of id int64 (0..N-1),
k int64 = id * 761 mod 1000 (a permutation of 0..999 within every 1,000 consecutive ids, so
each k range of width 10 is exactly 1% of every file's rows), v double = (id mod 10007) / 4
(sums exact in any order), s string = 'name-<id>'; 50 files of 200,000 rows. Two copies of it:
one with delta.enableDeletionVectors=true, one without. The statements:
  delete: WHERE k < 10                                       (100,000 rows, in every file)
  update: SET v = v + 1 WHERE k >= 10 AND k < 20             (100,000 rows, in every file)
  merge:  a source of the 100,000 rows with 20 <= k < 30, v + 1000 and s || '-m', plus
          100,000 new ids; ON target.id = source.id, WHEN MATCHED UPDATE SET *,
          WHEN NOT MATCHED INSERT *
Every run works on a fresh copy of the template (cp -a, not timed). Measured per run: wall time
of the process (ours, delta-rs: Python start-up, imports, reading the merge source, the
operation), the operation alone (timed in the process; for Spark the statement in a warm
session), peak RSS (ours, delta-rs: the process; Spark: the JVM's high-water mark over the whole
session), the files the operation wrote (new files in the copy: data, deletion vectors, log)
and the add/remove actions of its commit. Every result is read back by our reader and, where it
can read it (no deletion vectors), by deltalake, and its row count and column sums compared with
the expected ones; a run that differs is
reported as such and left out of every ratio. Writes the 'dml-bench' section of
docs/benchmarks.md. Not part of CI; run through bench/run_dml.sh."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from checkpoint_harness import ensure_generated, run_measured
from doc_sections import write_section
from harness import git_rev, machine

ROOT = Path(__file__).resolve().parent.parent
SECTION = "dml-bench"
ROWS = 10_000_000
FILES = 50
RECIPE = "v1"
DELETE_PRED = "k < 10"
UPDATE_PRED = "k >= 10 AND k < 20"
OPS = ("delete", "update", "merge")
CHECK_KEYS = ("rows", "sum_id", "sum_k", "sum_v", "sum_len_s")


def log(msg: str) -> None:
    print(f"[bench-dml] {msg}", file=sys.stderr, flush=True)


# ---------- generation (our writer; the bench venv with our module on PYTHONPATH) ----------

GEN = r"""
import json, os, sys
import numpy as np
import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq
import delta_kernel
out, rows, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = rows // files

def batch(ids):
    ids = np.asarray(ids, dtype=np.int64)
    s = pc.binary_join_element_wise("name-", pc.cast(pa.array(ids), pa.string()), "")
    return pa.record_batch({"id": pa.array(ids), "k": pa.array(ids * 761 % 1000),
                            "v": pa.array((ids % 10007) * 0.25), "s": s})

def stats(b):
    return {"rows": b.num_rows, "sum_id": int(pc.sum(b["id"]).as_py() or 0),
            "sum_k": int(pc.sum(b["k"]).as_py() or 0), "sum_v": float(pc.sum(b["v"]).as_py() or 0),
            "sum_len_s": int(pc.sum(pc.utf8_length(b["s"])).as_py() or 0)}

def add(a, b, sign=1):
    return {k: a[k] + sign * b[k] for k in a}

batches = [batch(np.arange(i * per, (i + 1) * per)) for i in range(files)]
zero = dict.fromkeys(("rows", "sum_id", "sum_k", "sum_v", "sum_len_s"), 0)
base, deleted, updated, changed = dict(zero), dict(zero), 0, []
for b in batches:
    base = add(base, stats(b))
    deleted = add(deleted, stats(b.filter(pc.less(b["k"], 10))))
    in_update = pc.and_(pc.greater_equal(b["k"], 10), pc.less(b["k"], 20))
    updated += pc.sum(in_update.cast(pa.int64())).as_py()
    c = b.filter(pc.and_(pc.greater_equal(b["k"], 20), pc.less(b["k"], 30)))
    changed.append(pa.record_batch({"id": c["id"], "k": c["k"], "v": pc.add(c["v"], 1000.0),
                                    "s": pc.binary_join_element_wise(c["s"], "-m", "")}))
n_changed = sum(c.num_rows for c in changed)
new = batch(np.arange(rows, rows + n_changed))
source = pa.Table.from_batches(changed + [new])
os.makedirs(out, exist_ok=True)
pq.write_table(source, os.path.join(out, "source.parquet"))
expected = {
    "delete": add(base, deleted, -1),
    "update": {**base, "sum_v": base["sum_v"] + updated},
    "merge": {**add(base, stats(new)),
              "sum_v": base["sum_v"] + stats(new)["sum_v"] + 1000.0 * n_changed,
              "sum_len_s": base["sum_len_s"] + stats(new)["sum_len_s"] + 2 * n_changed},
}
counts = {"deleted": deleted["rows"], "updated": updated, "merge_changed": n_changed,
          "merge_new": new.num_rows}
# One file (of one row group) per batch.
delta_kernel.write_table(os.path.join(out, "table"), batches, target_file_size=1,
                         row_group_rows=per)
delta_kernel.write_table(os.path.join(out, "table-dv"), batches, target_file_size=1,
                         row_group_rows=per, properties={"delta.enableDeletionVectors": "true"})
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"base": base, "expected": expected, "counts": counts}, f)
"""


# ---------- the measured programs ----------

OURS = r"""
import json, sys, time
import pyarrow.parquet as pq
import delta_kernel
op, table, source, dpred, upred = sys.argv[1:6]
src = pq.read_table(source) if op == "merge" else None
t0 = time.perf_counter()
t = delta_kernel.Table(table)
if op == "delete":
    r = t.delete(dpred)
    m = {"deleted": r.num_deleted_rows}
elif op == "update":
    r = t.update({"v": "v + 1"}, upred)
    m = {"updated": r.num_updated_rows}
else:
    r = (t.merge(src, on="target.id = source.id")
         .when_matched_update_all().when_not_matched_insert_all().execute())
    m = {"updated": r.num_target_rows_updated, "inserted": r.num_target_rows_inserted}
print(json.dumps({"in_process_s": time.perf_counter() - t0, **m}))
"""

DELTARS = r"""
import json, sys, time
import pyarrow.parquet as pq
from deltalake import DeltaTable
op, table, source, dpred, upred = sys.argv[1:6]
src = pq.read_table(source) if op == "merge" else None
t0 = time.perf_counter()
dt = DeltaTable(table)
if op == "delete":
    r = dt.delete(dpred)
    m = {"deleted": r.get("num_deleted_rows")}
elif op == "update":
    r = dt.update(updates={"v": "v + 1"}, predicate=upred)
    m = {"updated": r.get("num_updated_rows")}
else:
    r = (dt.merge(source=src, predicate="target.id = source.id", source_alias="source",
                  target_alias="target")
         .when_matched_update_all().when_not_matched_insert_all().execute())
    m = {"updated": r.get("num_target_rows_updated"), "inserted": r.get("num_target_rows_inserted")}
print(json.dumps({"in_process_s": time.perf_counter() - t0, **m}))
"""

VERIFY = r"""
import json, sys
import pyarrow.compute as pc
import delta_kernel

def sums(batches):
    out = dict.fromkeys(("rows", "sum_id", "sum_k", "sum_v", "sum_len_s"), 0)
    for b in batches:
        out["rows"] += b.num_rows
        out["sum_id"] += pc.sum(b["id"]).as_py() or 0
        out["sum_k"] += pc.sum(b["k"]).as_py() or 0
        out["sum_v"] += pc.sum(b["v"]).as_py() or 0
        out["sum_len_s"] += pc.sum(pc.utf8_length(b["s"])).as_py() or 0
    return out

cols = ["id", "k", "v", "s"]
ours = sums(delta_kernel.Table(sys.argv[1]).scan(cols).to_reader())
try:  # an independent reader where it can read the table (deltalake has no DV reads)
    from deltalake import DeltaTable
    peer = sums(DeltaTable(sys.argv[1]).to_pyarrow_dataset().to_batches(columns=cols))
except Exception as e:
    peer = {"error": f"{type(e).__name__}: {str(e)[:200]}"}
print(json.dumps({**ours, "reader": "delta-kernel-cpp",
                  "deltalake": "agrees" if peer == ours else peer}))
"""


# ---------- what an operation wrote ----------

def inventory(root: Path) -> dict[str, int]:
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = Path(dirpath) / n
            files[str(p.relative_to(root))] = p.stat().st_size
    return files


def written(before: dict[str, int], copy: Path) -> dict:
    """New files in the copy by kind, and the add/remove actions of the new commits."""
    out = {"data_bytes": 0, "dv_bytes": 0, "log_bytes": 0, "data_files": 0, "dv_files": 0,
           "adds": 0, "removes": 0, "adds_with_dv": 0, "commits": 0}
    for rel, size in inventory(copy).items():
        if rel in before:
            continue
        name = os.path.basename(rel)
        if rel.startswith("_delta_log"):
            out["log_bytes"] += size
            if name.endswith(".json") and name[:20].isdigit():
                out["commits"] += 1
                for line in (copy / rel).read_text().splitlines():
                    a = json.loads(line) if line.strip() else {}
                    if "add" in a:
                        out["adds"] += 1
                        out["adds_with_dv"] += bool(a["add"].get("deletionVector"))
                    elif "remove" in a:
                        out["removes"] += 1
        elif name.startswith("deletion_vector"):
            out["dv_bytes"] += size
            out["dv_files"] += 1
        elif not name.startswith("."):  # Spark's and Hadoop's .crc side files are not data
            out["data_bytes"] += size
            out["data_files"] += 1
        else:
            out["log_bytes"] += size
    return out


def fresh_copy(template: Path, dest: Path) -> float:
    if dest.exists():
        shutil.rmtree(dest)
    t0 = time.perf_counter()
    subprocess.run(["cp", "-a", str(template), str(dest)], check=True)
    return time.perf_counter() - t0


class Context:
    def __init__(self, args, gen: Path):
        self.scratch = Path(args.scratch)
        self.peer_py = ["env", "PYTHONPATH=", args.python]
        self.ours_py = ["env", f"PYTHONPATH={args.module_path}", args.python]
        self.timeout = args.timeout
        self.templates = {"dv": gen / "table-dv", "cow": gen / "table"}
        self.inventories = {m: inventory(t) for m, t in self.templates.items()}
        self.source = gen / "source.parquet"
        info = json.loads((gen / "expected.json").read_text())
        self.expected, self.counts = info["expected"], info["counts"]

    def check(self, copy: Path) -> dict:
        p = subprocess.run([*self.ours_py, "-c", VERIFY, str(copy)], capture_output=True,
                           text=True)
        if p.returncode != 0:
            return {"error": p.stderr.strip()[-300:]}
        return json.loads(p.stdout)


def verdict(ctx: Context, op: str, run: dict) -> str:
    if "error" in run:
        return "FAILED: " + run["error"][:200]
    got, want = run["check"], ctx.expected[op]
    if "error" in got:
        return "UNREADABLE: " + got["error"][:200]
    bad = [f"{k} {got.get(k)} != {want[k]}" for k in CHECK_KEYS if got.get(k) != want[k]]
    peer = got.get("deltalake")
    if isinstance(peer, dict) and "error" not in peer:
        bad.append(f"deltalake reads {peer}")
    return "ok" if not bad else "DIFFERS: " + "; ".join(bad)


def finish_run(ctx: Context, op: str, mode: str, copy: Path, run: dict) -> dict:
    run["written"] = written(ctx.inventories[mode], copy)
    run["check"] = ctx.check(copy)
    run["verdict"] = verdict(ctx, op, run)
    shutil.rmtree(copy, ignore_errors=True)
    return run


def measure_process(ctx: Context, label: str, script: str, py: list[str], op: str, mode: str,
                    reps: int) -> dict:
    runs = []
    for i in range(reps):
        copy = ctx.scratch / "copy"
        copy_s = fresh_copy(ctx.templates[mode], copy)
        cmd = [*py, "-c", script, op, str(copy), str(ctx.source), DELETE_PRED, UPDATE_PRED]
        try:
            r = run_measured(cmd, ctx.timeout)
            r["op_s"] = r["out"].get("in_process_s")
        except RuntimeError as e:
            r = {"error": str(e)[-1000:], "out": {}}
        r["copy_s"] = copy_s
        finish_run(ctx, op, mode, copy, r)
        log(f"  {label} {op} ({mode}) rep {i + 1}: "
            + (f"{r['wall_s']:.2f}s wall, op {r['op_s']:.2f}s, {r['peak_rss_mb']:.0f} MB; "
               if "wall_s" in r else "") + f"{r['out']} {r['verdict']}")
        runs.append(r)
    return summarise(label, op, mode, runs)


def summarise(label: str, op: str, mode: str, runs: list[dict]) -> dict:
    ok = [r for r in runs if r["verdict"] == "ok"]
    s = {"label": label, "op": op, "mode": mode, "reps": len(runs), "runs": runs,
         "ok": len(ok) == len(runs) and bool(runs),
         "verdict": next((r["verdict"] for r in runs if r["verdict"] != "ok"), "ok"),
         "written": runs[0].get("written", {}), "check": runs[0].get("check", {}),
         "out": runs[0].get("out", {})}
    timed = ok or runs
    ops = [r["op_s"] for r in timed if r.get("op_s") is not None]
    walls = [r["wall_s"] for r in timed if r.get("wall_s") is not None]
    rss = [r["peak_rss_mb"] for r in timed if r.get("peak_rss_mb") is not None]
    if ops:
        s.update(op_min_s=min(ops), op_median_s=statistics.median(ops))
    if walls:
        s.update(wall_min_s=min(walls), wall_median_s=statistics.median(walls))
    if rss:
        s["peak_rss_mb"] = statistics.median(rss)
    return s


def measure_spark(ctx: Context, args, reps: int, modes: tuple[str, ...], summaries: list
                  ) -> dict:
    """One warm Spark session runs every (op, mode, rep); the harness copies each table. The
    summaries go to `summaries` as they are made (kept when the session fails later)."""
    spark_scratch = ctx.scratch / "spark"
    errlog = ctx.scratch / "spark.log"
    cmd = [args.spark_python, str(ROOT / "bench" / "dml_spark.py"), "--scratch",
           str(spark_scratch), "--memory", args.spark_memory, "--delete-pred", DELETE_PRED,
           "--update-pred", UPDATE_PRED]
    log("starting Delta Spark (local[2], driver memory " + args.spark_memory + ")")
    with open(errlog, "w") as err:
        # Its own process group: the JVM that pyspark starts goes with it on a failure.
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                             text=True, env={**os.environ, "PYTHONPATH": ""},
                             start_new_session=True)
        try:
            session = _spark_jobs(ctx, p, errlog, reps, modes, summaries)
        finally:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
    shutil.rmtree(spark_scratch, ignore_errors=True)
    return session


def _spark_jobs(ctx: Context, p: subprocess.Popen, errlog: Path, reps: int,
                modes: tuple[str, ...], summaries: list) -> dict:
    def reply() -> dict:
        for line in p.stdout:
            if line.startswith("@@ "):
                return json.loads(line[3:])
        raise RuntimeError(f"Delta Spark exited; see {errlog}: "
                           + errlog.read_text()[-2000:])

    session = reply()
    log(f"  Spark up in {session['startup_s']:.1f}s, warm-up {session['warmup_s']:.1f}s")
    for op in OPS:
        for mode in modes:
            runs = []
            for i in range(reps):
                copy = ctx.scratch / "copy"
                copy_s = fresh_copy(ctx.templates[mode], copy)
                p.stdin.write(json.dumps({"op": op, "table": str(copy),
                                          "source": str(ctx.source)}) + "\n")
                p.stdin.flush()
                r = reply()
                r["copy_s"] = copy_s
                if "statement_s" in r:
                    r["op_s"] = r["statement_s"]
                    m = r.get("metrics", {})
                    r["out"] = {k: m[k] for k in ("num_affected_rows", "num_deleted_rows",
                                                  "num_updated_rows", "num_inserted_rows")
                                if k in m}
                else:
                    r["out"] = {}
                finish_run(ctx, op, mode, copy, r)
                log(f"  Delta Spark {op} ({mode}) rep {i + 1}: "
                    + (f"statement {r['op_s']:.2f}s; " if "op_s" in r else "")
                    + f"{r['out']} {r['verdict']}")
                runs.append(r)
            summaries.append(summarise("Delta Spark", op, mode, runs))
    p.stdin.write(json.dumps({"quit": True}) + "\n")
    p.stdin.flush()
    session.update(reply())
    try:
        p.wait(timeout=120)
    except subprocess.TimeoutExpired:
        pass  # killed by the caller
    return session


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--python", required=True, help="python with deltalake and pyarrow")
    ap.add_argument("--module-path", required=True, help="PYTHONPATH of our delta_kernel module")
    ap.add_argument("--spark-python", default="",
                    help="python with pyspark + delta-spark (empty: Spark not measured)")
    ap.add_argument("--spark-memory", default="2g")
    ap.add_argument("--tables", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--rows", type=int, default=ROWS, help="table rows (a smoke run: fewer)")
    ap.add_argument("--files", type=int, default=FILES)
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--peers", default="ours,delta-rs,spark",
                    help="comma-separated subset of ours,delta-rs,spark")
    ap.add_argument("--ops", default=",".join(OPS),
                    help="comma-separated subset of delete,update,merge (ours and delta-rs)")
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--command", default="bash bench/run_dml.sh")
    ap.add_argument("--from-results", action="store_true",
                    help="only rewrite the doc section from the saved --results of a run")
    args = ap.parse_args()
    if args.from_results:
        saved = json.loads(Path(args.results).read_text())
        write_section(ROOT / "docs" / "benchmarks.md", SECTION,
                      report(saved, saved.get("command", args.command)))
        return 0

    peers = set(args.peers.split(","))
    ops = [op for op in OPS if op in args.ops.split(",")]
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    ours_py = ["env", f"PYTHONPATH={args.module_path}", args.python]
    name = "dml-10m" if args.rows == ROWS else f"dml-{args.rows}"
    out = Path(args.tables) / name
    ensure_generated(out, json.dumps([RECIPE, args.rows, args.files]),
                     [*ours_py, "-c", GEN, str(out), str(args.rows), str(args.files)],
                     f"{name} ({args.rows:,} rows in {args.files} files, DVs on and off)")
    ctx = Context(args, out)
    results = {"machine": machine(), "git": git_rev(), "reps": args.reps,
               "command": args.command, "rows": args.rows, "files": args.files,
               "counts": ctx.counts, "expected": ctx.expected,
               "template_bytes": {m: sum(inv.values()) for m, inv in ctx.inventories.items()},
               "spark_memory": args.spark_memory, "runs": [], "spark": None}
    log(f"table: {args.rows:,} rows, {args.files} files; {ctx.counts}")
    if "ours" in peers:
        for op in ops:
            for mode in ("dv", "cow"):
                results["runs"].append(measure_process(ctx, "delta-kernel-cpp", OURS,
                                                       ctx.ours_py, op, mode, args.reps))
    if "delta-rs" in peers:
        for op in ops:
            results["runs"].append(measure_process(ctx, "delta-rs", DELTARS, ctx.peer_py, op,
                                                   "cow", args.reps))
    if "spark" in peers and args.spark_python:
        try:
            results["spark"] = measure_spark(ctx, args, args.reps, ("dv", "cow"),
                                             results["runs"])
        except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as e:
            log(f"Delta Spark not measured: {e}")
            results["spark"] = {"error": str(e)[-500:]}
    shutil.rmtree(scratch / "copy", ignore_errors=True)

    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(results, indent=2))
    if not args.no_docs:
        write_section(ROOT / "docs" / "benchmarks.md", SECTION, report(results, args.command))
    print(report(results, args.command))
    return 0


# ---------- the doc section ----------

MODE_TITLE = {"dv": "deletion vectors", "cow": "copy-on-write"}


def _mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


def _f(x, fmt="{:.2f}") -> str:
    return fmt.format(x) if x is not None else "-"


def report(results: dict, command: str) -> str:
    m = results["machine"]
    c = results["counts"]
    sp = results.get("spark") or {}
    tb = results.get("template_bytes", {})
    out = ["## DML: delete, update and merge", "",
           f"Command: `{command}` (git {results['git']}, {results['reps']} repetition(s) of "
           f"each; {m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB; load average at start "
           f"{m['loadavg_at_start'][0]:.1f}; the findings below say what else ran on the "
           "machine meanwhile).", "",
           f"Table: {results['rows']:,} rows (id, k, v double, s string) in {results['files']} "
           f"files of {results['rows'] // results['files']:,} rows written by our writer, "
           f"{_mb(tb.get('cow', 0))} MB; a copy with `delta.enableDeletionVectors=true`. "
           f"Delete `{DELETE_PRED}` ({c['deleted']:,} rows), update `SET v = v + 1 WHERE "
           f"{UPDATE_PRED}` ({c['updated']:,} rows), merge on `id` of {c['merge_changed']:,} "
           f"changed and {c['merge_new']:,} new rows (UPDATE SET * / INSERT *). The affected "
           "rows are spread over every file (1% of each), the case where deletion vectors "
           "save most and data skipping saves nothing.", "",
           "Each run works on a fresh copy of the table (not timed). *op s* is the operation "
           "alone: for ours and delta-rs timed inside the process from opening the table to "
           "the commit; for Delta Spark the SQL statement in a warm session (JVM start-up "
           f"{_f(sp.get('startup_s'), '{:.1f}')} s and a warm-up of every statement on small "
           f"tables, {_f(sp.get('warmup_s'), '{:.1f}')} s, are excluded). *wall s* is the "
           "whole process (ours, delta-rs: Python start-up, imports, reading the merge source "
           "from Parquet). Peak RSS is the process's (ours, delta-rs); for Delta Spark the "
           "JVM's high-water mark over the whole session (local[2], driver memory "
           f"{results.get('spark_memory', '2g')}), "
           f"{_f(sp.get('jvm_peak_rss_mb'), '{:.0f}')} MB, given once. *written MB* is the "
           "size of the files the operation added to the table directory: data / deletion "
           "vectors / log. *+/-* are the add and remove actions of its commit (adds carrying "
           "a DV in brackets). The check reads every result back with our reader and, where it "
           "can, with deltalake (whose pyarrow reader refuses tables with deletion vectors), "
           "and compares the row count and the sums of id, k, v and the lengths of s with "
           "the expected values (and the two readers with each other); a run that differs is "
           "marked and left out of the ratios.", "",
           "| op | mode | implementation | op min s | op median s | wall median s | peak RSS MB "
           "| op ratio to ours (same mode) | written MB (data / DV / log) | +/- | check |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    runs = results["runs"]
    ours = {(r["op"], r["mode"]): r for r in runs if r["label"] == "delta-kernel-cpp"}
    for op in OPS:
        for mode in ("dv", "cow"):
            for r in [r for r in runs if r["op"] == op and r["mode"] == mode]:
                base = ours.get((op, mode))
                ratio = "-"
                if (base and base["ok"] and r["ok"] and base.get("op_median_s")
                        and r.get("op_median_s") is not None):
                    ratio = f"{r['op_median_s'] / base['op_median_s']:.2f}"
                w = r["written"]
                wr = (f"{_mb(w['data_bytes'])} / {_mb(w['dv_bytes'])} / "
                      f"{w['log_bytes'] / 1e6:.2f}") if w else "-"
                pm = f"+{w['adds']} ({w['adds_with_dv']}) / -{w['removes']}" if w else "-"
                rss = _f(r.get("peak_rss_mb"), "{:.0f}") if r["label"] != "Delta Spark" else "JVM"
                wall = _f(r.get("wall_median_s")) if r["label"] != "Delta Spark" else "-"
                out.append(f"| {op} | {MODE_TITLE[mode]} | {r['label']} | "
                           f"{_f(r.get('op_min_s'))} | {_f(r.get('op_median_s'))} | {wall} | "
                           f"{rss} | {ratio} | {wr} | {pm} | {check_text(r)} |")
    if sp.get("error"):
        out += ["", f"Delta Spark was not measured in this run: {sp['error']}"]
    out += ["", "### What the figures say", ""]
    out += analysis_lines(results)
    notes = ROOT / "bench" / "dml_analysis.md"
    if notes.exists():
        out += ["", notes.read_text().strip()]
    return "\n".join(out) + "\n"


def _faster(a: float, b: float) -> str:
    """a against b, as 'N.Nx faster' or 'N.Nx slower'."""
    return f"{b / a:.1f}x faster" if a <= b else f"{a / b:.1f}x slower"


def _payload(r: dict) -> int:
    return r["written"].get("data_bytes", 0) + r["written"].get("dv_bytes", 0)


def check_text(r: dict) -> str:
    if r["verdict"] != "ok":
        return r["verdict"]
    return "ok, deltalake agrees" if r["check"].get("deltalake") == "agrees" else "ok (our reader)"


def analysis_lines(results: dict) -> list[str]:
    """Ratios computed from this run's figures (ok runs only)."""
    runs = {(r["label"], r["op"], r["mode"]): r for r in results["runs"]}
    lines = []
    for op in OPS:
        for label, who in (("delta-kernel-cpp", "our"), ("Delta Spark", "Delta Spark's")):
            dv, cow = runs.get((label, op, "dv")), runs.get((label, op, "cow"))
            if dv and cow and dv["ok"] and cow["ok"] and dv.get("op_median_s"):
                lines.append(
                    f"- {op}: {who} deletion vectors took {dv['op_median_s']:.2f}s against "
                    f"{cow['op_median_s']:.2f}s copy-on-write "
                    f"({_faster(dv['op_median_s'], cow['op_median_s'])}) and wrote "
                    f"{_mb(_payload(dv))} MB of data and DVs against {_mb(_payload(cow))} MB.")
        for peer, mode in (("delta-rs", "cow"), ("Delta Spark", "dv"), ("Delta Spark", "cow")):
            ours, other = runs.get(("delta-kernel-cpp", op, mode)), runs.get((peer, op, mode))
            if not (ours and other):
                continue
            if not (ours["ok"] and other["ok"]):
                bad = "ours" if not ours["ok"] else peer
                why = (ours if bad == "ours" else other)["verdict"][:120]
                lines.append(f"- {op} ({MODE_TITLE[mode]}): not compared with {peer}, "
                             f"{bad}'s result differs or failed ({why}).")
                continue
            lines.append(
                f"- {op} ({MODE_TITLE[mode]}): ours {ours['op_median_s']:.2f}s, {peer} "
                f"{other['op_median_s']:.2f}s: {peer} took "
                f"{other['op_median_s'] / ours['op_median_s']:.2f}x our time and wrote "
                f"{_mb(_payload(other))} MB of data and DVs against our {_mb(_payload(ours))} MB.")
    return lines


if __name__ == "__main__":
    sys.exit(main())
