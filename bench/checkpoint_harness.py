"""Checkpoint benchmark: writing a checkpoint of 1M-file log-only tables (a previous checkpoint
at version 1000, then 100 commits of 1000 adds each), this project against delta-rs
(`DeltaTable.create_checkpoint`), delta-kernel-rs (`Snapshot::checkpoint`, bench/rust-kernel
--checkpoint) and Delta Spark (`DeltaLog.checkpoint()` in a warm session, bench/
spark_checkpoint.py) in the same run; and an incremental v2 checkpoint after 1% of the files
changed. Every repetition runs on a fresh copy of the table's log (copied with new modification
times, so no log cleanup is due). Time is the process's wall time (Spark: the in-session time,
JVM start excluded); peak RSS its ru_maxrss (Spark: the JVM's VmHWM during the checkpoint).
Each writer's first checkpoint is then checked: with every commit up to it and every older
checkpoint deleted, our kernel and delta-rs must read the table's version and file count from it.
Writes the 'checkpoint-bench' section of docs/benchmarks.md (bench/doc_sections.py).
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


# The --peers names of the peers.
PEER_KEYS = ("delta-rs", "delta-kernel-rs", "spark")


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
    """Wall time, CPU seconds (user + system) and peak RSS (wait4) of one process; its JSON
    output as `out`. On a shared machine the CPU seconds compare better than the wall time: a
    process waiting for a core uses none."""
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
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024, "out": parsed}


DELTARS = """
import json, sys, time
from deltalake import DeltaTable
t0 = time.perf_counter()
DeltaTable(sys.argv[1]).create_checkpoint()
print(json.dumps({"in_process_s": time.perf_counter() - t0}))
"""


def summarise(label: str, runs: list[dict], reps: int, verified: dict | None) -> dict:
    times = [r["wall_s"] for r in runs]
    rss = [r["peak_rss_mb"] for r in runs if r["peak_rss_mb"] is not None]
    cpu = [r["cpu_s"] for r in runs if r.get("cpu_s") is not None]
    return {"label": label, "min_s": min(times), "median_s": statistics.median(times),
            "cpu_median_s": statistics.median(cpu) if cpu else None,
            "peak_rss_mb": statistics.median(rss) if rss else None,
            "out": runs[0]["out"], "reps": reps, "verified": verified}


def measure(label: str, table: Path, scratch: Path, cmd_of, reps: int, timeout: float,
            prepare=None, verify=None) -> dict:
    runs = []
    verified = None
    for i in range(reps):
        copy = fresh_copy(table, scratch)
        if prepare is not None:
            prepare(copy)
        r = run_measured(cmd_of(copy), timeout)
        log(f"  {label} rep {i + 1}: {r['wall_s']:.2f}s, {r['cpu_s']:.2f} CPU-s, "
            f"{r['peak_rss_mb']:.0f} MB")
        runs.append(r)
        if i == 0 and verify is not None:
            verified = verify(copy)
    shutil.rmtree(scratch, ignore_errors=True)
    return summarise(label, runs, reps, verified)


class SparkPeer:
    """bench/spark_checkpoint.py: one warm SparkSession for the whole run, fed table paths."""

    def __init__(self, python: str, driver_memory: str):
        self.proc = subprocess.Popen(
            [python, str(ROOT / "bench" / "spark_checkpoint.py"), "--driver-memory",
             driver_memory], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.info = self._reply()
        if "unavailable" in self.info:
            log(f"Delta Spark unavailable: {self.info['unavailable']}")
        else:
            log(f"  Spark {self.info['spark']} up in {self.info['startup_s']:.1f}s "
                f"(warm-up {self.info['warmup_s']:.1f}s, driver memory {driver_memory})")

    def _reply(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("bench/spark_checkpoint.py exited early")
        return json.loads(line)

    def available(self) -> bool:
        return "unavailable" not in self.info

    def checkpoint(self, path: Path) -> dict:
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        r = self._reply()
        if "error" in r:
            raise RuntimeError(f"Delta Spark checkpoint of {path} failed: {r['error']}")
        return {"wall_s": r["wall_s"], "peak_rss_mb": r["jvm_peak_rss_mb"],
                "out": {"version": r["version"]}}

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=120)


def measure_spark(spark: SparkPeer, table: Path, scratch: Path, reps: int, verify) -> dict:
    """As measure(), each repetition on its own path (Delta caches a DeltaLog per path)."""
    runs = []
    verified = None
    for i in range(reps):
        copy = fresh_copy(table, scratch.with_name(f"{scratch.name}-spark-{i}"))
        r = spark.checkpoint(copy)
        log(f"  Delta Spark rep {i + 1}: {r['wall_s']:.2f}s, {r['peak_rss_mb'] or 0:.0f} MB")
        runs.append(r)
        if i == 0:
            verified = verify(copy)
        shutil.rmtree(copy, ignore_errors=True)
    return summarise("Delta Spark", runs, reps, verified)


DELTARS_READ = """
import json, sys
from deltalake import DeltaTable
t = DeltaTable(sys.argv[1])
print(json.dumps({"version": t.version(), "numFiles": len(t.file_uris())}))
"""


def read_back(cli: str, python: str, table: Path) -> dict:
    """(version, number of files) of the table as our kernel and delta-rs read it."""
    got = {}
    for who, cmd in (("ours", [cli, "info", str(table), "--json"]),
                     ("delta-rs", [python, "-c", DELTARS_READ, str(table)])):
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            got[who] = {"error": (p.stderr.strip() or p.stdout.strip())[-300:]}
            continue
        o = json.loads(p.stdout[p.stdout.index("{"):])
        got[who] = {"version": o["version"], "numFiles": o["numFiles"]}
    return got


def checkpoint_only(copy: Path, version: int) -> dict:
    """Leaves in copy's log only the checkpoint of `version` (and its sidecars) and
    _last_checkpoint: every commit and checksum up to it and every older checkpoint deleted, so a
    reader can only get the table from that checkpoint. Returns what was written (files, bytes,
    the add struct's fields) or the problem."""
    import pyarrow.parquet as pq
    log_dir = copy / "_delta_log"
    last = log_dir / "_last_checkpoint"
    if not last.exists():
        return {"problem": "no _last_checkpoint written"}
    hint = json.loads(last.read_text())
    if hint.get("version") != version:
        return {"problem": f"_last_checkpoint names version {hint.get('version')}, not {version}"}
    mine = sorted(p for p in log_dir.iterdir()
                  if p.name[:20].isdigit() and int(p.name[:20]) == version
                  and ".checkpoint." in p.name)
    if not mine:
        return {"problem": f"no checkpoint file of version {version}"}
    sidecars = sorted((log_dir / "_sidecars").glob("*.parquet")) if (
        log_dir / "_sidecars").exists() else []
    written = {"files": [p.name for p in mine], "sidecars_present": len(sidecars),
               "bytes": sum(p.stat().st_size for p in mine)}
    if mine[0].suffix == ".parquet":
        add = pq.read_schema(mine[0]).field("add").type
        written["add_fields"] = [add.field(i).name for i in range(add.num_fields)]
    for p in log_dir.iterdir():
        if p.is_file() and p.name[:20].isdigit() and int(p.name[:20]) <= version and p not in mine:
            p.unlink()
    return written


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
    ap.add_argument("--kernel-rs", help="bench/rust-kernel binary (delta-kernel-rs peer)")
    ap.add_argument("--spark-python", help="python with pyspark + delta-spark (Delta Spark peer)")
    ap.add_argument("--spark-driver-memory", default="6g")
    ap.add_argument("--tables", required=True)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--ten-m", action="store_true", help="also the 10M-file table, ours alone")
    ap.add_argument("--peers", default=",".join(PEER_KEYS),
                    help="comma-separated peers to measure next to ours (default: "
                         f"{','.join(PEER_KEYS)}); Delta Spark takes minutes per run")
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--command", default="bash bench/run_checkpoint.sh")
    ap.add_argument("--from-results", action="store_true",
                    help="only rewrite the doc section from the saved --results of a run")
    args = ap.parse_args()
    peers_wanted = {p.strip() for p in args.peers.split(",") if p.strip()}
    unknown = peers_wanted - set(PEER_KEYS)
    if unknown:
        ap.error(f"unknown peers {sorted(unknown)}; choose from {','.join(PEER_KEYS)}")
    if "delta-kernel-rs" not in peers_wanted:
        args.kernel_rs = None
    if "spark" not in peers_wanted:
        args.spark_python = None
    if args.from_results:
        saved = json.loads(Path(args.results).read_text())
        write_section(ROOT / "docs" / "benchmarks.md", "checkpoint-bench",
                      report(saved, saved.get("command", args.command)))
        return 0

    def save(results: dict) -> None:
        Path(args.results).parent.mkdir(parents=True, exist_ok=True)
        Path(args.results).write_text(json.dumps(results, indent=2))

    tables, scratch = Path(args.tables), Path(args.scratch)
    results = {"machine": machine(), "git": git_rev(), "reps": args.reps, "workloads": [],
               "command": args.command, "peers": sorted(peers_wanted)}
    ours = lambda t: [args.cli, "checkpoint", str(t), "--json"]  # noqa: E731
    deltars = lambda t: [args.python, "-c", DELTARS, str(t)]  # noqa: E731
    kernel_rs = lambda t: [args.kernel_rs, str(t), "--checkpoint"]  # noqa: E731
    spark = None
    if args.spark_python:
        spark = SparkPeer(args.spark_python, args.spark_driver_memory)
        results["spark"] = dict(spark.info)
        if not spark.available():
            spark = None
    for name, title, gen_args, peers in workloads(args.ten_m):
        table = ensure_table(name, gen_args, tables, Path(args.gen))
        log(f"{name}: {title}")
        entry = {"name": name, "title": title, "runs": []}
        expected = read_back(args.cli, args.python, table) if peers else None
        entry["expected"] = expected

        def verify(copy: Path, expected=expected) -> dict:
            version = expected["ours"]["version"]
            written = checkpoint_only(copy, version)
            got = {"written": written}
            if "problem" not in written:
                got.update(read_back(args.cli, args.python, copy))
            got["ok"] = (got.get("ours") == expected["ours"]
                         and got.get("delta-rs") == expected["ours"])
            log(f"    read back from its checkpoint alone: {got}")
            return got

        vfy = verify if peers else None
        entry["runs"].append(measure("delta-kernel-cpp", table, scratch / name, ours, args.reps,
                                     args.timeout, verify=vfy))
        if peers:
            # A peer that fails is a row saying why, not the end of the run.
            def peer(label: str, run) -> None:
                try:
                    entry["runs"].append(run())
                except RuntimeError as e:
                    log(f"  {label} failed: {e}")
                    entry["runs"].append({"label": label, "error": str(e)[-600:]})
                    shutil.rmtree(scratch / name, ignore_errors=True)

            if "delta-rs" in peers_wanted:
                peer("delta-rs", lambda: measure("delta-rs", table, scratch / name, deltars,
                                                 args.reps, args.timeout, verify=vfy))
            if args.kernel_rs:
                peer("delta-kernel-rs", lambda: measure("delta-kernel-rs", table, scratch / name,
                                                        kernel_rs, args.reps, args.timeout,
                                                        verify=vfy))
            if spark is not None:
                peer("Delta Spark", lambda: measure_spark(spark, table, scratch / name,
                                                          args.reps, vfy))
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
        save(results)  # a later failure keeps what was measured
    if spark is not None:
        spark.close()
    results["loadavg_at_end"] = list(os.getloadavg())
    save(results)
    if not args.no_docs:
        write_section(ROOT / "docs" / "benchmarks.md", "checkpoint-bench",
                      report(results, args.command))
    print(report(results, args.command))
    return 0


PEERS = ("delta-rs", "delta-kernel-rs", "Delta Spark")


def fmt_rss(mb) -> str:
    return "n/a" if mb is None else f"{mb:.0f}"


def fmt_written(r: dict) -> str:
    """What the writer wrote, from the check after its first repetition."""
    v = r.get("verified")
    if not v:
        o = r["out"]
        return f"{len(o.get('files', []))} files, {o.get('sidecarsReused', 0)} sidecars reused" \
            if o else ""
    w = v.get("written", {})
    if "problem" in w:
        return f"**{w['problem']}**"
    fields = w.get("add_fields", [])
    extra = [f for f in ("stats", "stats_parsed", "partitionValues_parsed") if f in fields]
    return (f"{len(w['files'])} file{'s' if len(w['files']) > 1 else ''}, "
            f"{w['bytes'] / 1e6:.0f} MB; add has {', '.join(extra) or 'no stats columns'}")


def fmt_read_back(r: dict, expected: dict) -> str:
    v = r.get("verified")
    if not v:
        return ""
    if "problem" in v.get("written", {}):
        return "not checked"
    parts = []
    for who in ("ours", "delta-rs"):
        got = v.get(who, {})
        if "error" in got:
            parts.append(f"{who}: error {got['error'][:120]}")
        elif got == expected["ours"]:
            parts.append(f"{who}: v{got['version']}, {got['numFiles']:,} files")
        else:
            parts.append(f"{who}: **v{got.get('version')}, {got.get('numFiles')} files "
                         f"(expected v{expected['ours']['version']}, "
                         f"{expected['ours']['numFiles']:,})**")
    return "; ".join(parts)


def report(results: dict, command: str) -> str:
    m = results["machine"]
    spark = results.get("spark")
    out = ["## Checkpoint writing", "",
           f"Command: `{command}` (git {results['git']}, {results['reps']} repetitions each; "
           f"{m['cpu']}, {m['cores']} cores, {m['mem_gb']} GB; load average at start "
           f"{m['loadavg_at_start'][0]:.1f}, at the end "
           f"{results.get('loadavg_at_end', [float('nan')])[0]:.1f} on its 2 cores; the "
           "analysis below says what else ran meanwhile).", "",
           "Each repetition writes a checkpoint of the table's newest version on a fresh copy "
           "of its log. For ours (`delta-kernel checkpoint`), delta-rs "
           "(`DeltaTable(path).create_checkpoint()`) and delta-kernel-rs (bench/rust-kernel "
           "`--checkpoint`: `Snapshot::checkpoint(engine, None)` with the default engine's "
           "Parquet writer on its multi-threaded Tokio executor) time is the whole process "
           "(start-up, loading the snapshot, writing), CPU s its user + system CPU time (on a "
           "machine this busy a process spends much of its wall time waiting for a core, which "
           "costs no CPU, so CPU seconds compare the work better) and peak RSS the process's "
           "maximum resident set."]
    if spark and "unavailable" not in spark:
        out[-1] += (f" Delta Spark {spark['spark']} (bench/spark_checkpoint.py, `local[2]`, "
                    f"driver memory {spark['driver_memory']}) runs in one warm session: "
                    f"`DeltaLog.forTable(spark, path)` (which loads the snapshot) and "
                    "`.checkpoint()` are timed inside it, so its JVM start "
                    f"({spark['startup_s']:.1f} s) and a warm-up checkpoint of a small table "
                    f"({spark['warmup_s']:.1f} s) are not in its figures; its peak RSS is the "
                    "JVM's VmHWM, reset before each checkpoint, which includes whatever heap the "
                    "JVM kept from earlier work (it rarely returns memory; the heap may grow to "
                    "the driver memory).")
    out += ["",
            "After each writer's first repetition the checkpoint is checked: every commit up to "
            "its version and every older checkpoint are deleted, so the table can only be read "
            "from it, and our kernel (`delta-kernel info`) and delta-rs must read the same "
            "version and file count as from the untouched table.", ""]
    for w in results["workloads"]:
        base = w["runs"][0]
        expected = w.get("expected")
        out += [f"### {w['name']}", "", f"{w['title']}.", ""]
        if expected:
            out += ["| writer | min s | median s | median CPU s | peak RSS MB | "
                    "time / ours (median) | RSS / ours | checkpoint written | "
                    "read back from it alone |",
                    "|---|---:|---:|---:|---:|---:|---:|---|---|"]
        else:
            out += ["| writer | min s | median s | median CPU s | peak RSS MB | "
                    "time / ours (median) | RSS / ours | files written / reused |",
                    "|---|---:|---:|---:|---:|---:|---:|---|"]
        for r in w["runs"]:
            if "error" in r:
                why = " ".join(r["error"][-300:].replace("|", "/").split())
                out.append(f"| {r['label']} | failed: {why} |" +
                           " |" * (7 if expected else 6))
                continue
            rss_ratio = ("n/a" if r["peak_rss_mb"] is None or not base["peak_rss_mb"]
                         else f"{r['peak_rss_mb'] / base['peak_rss_mb']:.2f}")
            cpu = r.get("cpu_median_s")
            row = (f"| {r['label']} | {r['min_s']:.2f} | {r['median_s']:.2f} | "
                   f"{'n/a' if cpu is None else f'{cpu:.2f}'} | {fmt_rss(r['peak_rss_mb'])} | {r['median_s'] / base['median_s']:.2f} | "
                   f"{rss_ratio} | {fmt_written(r)} |")
            if expected:
                row += f" {fmt_read_back(r, expected)} |"
            out.append(row)
        out.append("")
    out += ["### Analysis", ""]
    for w in results["workloads"]:
        runs = {r["label"]: r for r in w["runs"]}
        ours = runs.get("delta-kernel-cpp")
        peers = [runs[p] for p in PEERS if p in runs and "error" not in runs[p]]
        if ours and peers:
            parts = []
            for p in peers:
                rss = ("" if p["peak_rss_mb"] is None
                       else f" and {ours['peak_rss_mb'] / p['peak_rss_mb']:.2f}x its peak memory")
                parts.append(f"{ours['median_s'] / p['median_s']:.2f}x {p['label']}'s median "
                             f"time{rss}")
            out.append(f"- {w['name']}: ours took " + "; ".join(parts) + ".")
            bad = [r["label"] for r in w["runs"] if r.get("verified") and not r["verified"]["ok"]]
            out.append(f"- {w['name']}: " + (
                "every writer's checkpoint read back alone with the table's version and file "
                "count by ours and delta-rs." if not bad else
                f"the read-back check failed for {', '.join(bad)} (see the table)."))
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
    out += ["", (ROOT / "bench" / "checkpoint_analysis.md").read_text().strip()]
    not_measured = ["delta-rs, delta-kernel-rs and Delta Spark on the v2 table (the incremental "
                    "case is ours alone)"]
    left_out = "spark" not in results.get("peers", PEER_KEYS)
    if not (spark and "unavailable" not in spark):
        reason = (spark["unavailable"] if spark else
                  "left out of this run (--peers)" if left_out else
                  "not given to the harness (--spark-python)")
        not_measured.insert(0, f"Delta Spark ({reason})")
    if not any(r["label"] == "delta-kernel-rs" for w in results["workloads"] for r in w["runs"]):
        not_measured.insert(0, "delta-kernel-rs (left out (--peers) or no --kernel-rs binary)")
    if "delta-rs" not in results.get("peers", PEER_KEYS):
        not_measured.insert(0, "delta-rs (left out of this run, --peers)")
    if "10m-multipart-nostats" not in by_name:
        not_measured.append("the 10M-file table (`--ten-m`)")
    else:
        not_measured.append("the peers on the 10M-file table (ours alone, as the issue asks)")
    out += ["", "Not measured in this run: " + "; ".join(not_measured) + "."]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
