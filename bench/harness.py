"""Side-by-side benchmark of snapshot loading plus file listing (driven by bench/run.sh).

Measures, in one run on the same tables:
  cpp       this project: bench/bench_snapshot.cc (delta-kernel-bench)
  kernel-rs delta-kernel-rs (crates.io delta_kernel + its default engine): bench/rust-kernel
  delta-rs  the `deltalake` Python package: bench/deltars_bench.py

Every measurement is a fresh process running one load; wall time is taken inside the process
around the load (no process start or imports), peak RSS is the process' high-water mark.
Writes the raw results as JSON and, unless --no-docs, docs/benchmarks.md and docs/benchmarks.png.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Workload:
    name: str
    title: str
    gen_args: list[str] = field(default_factory=list)  # delta-table-gen flags
    tarball: str | None = None  # or: a conformance table to extract
    peers: bool = True  # also measure kernel-rs and delta-rs
    big: bool = False  # 1M files: fewer repetitions, thread scaling measured
    quick: bool = False  # part of --quick


CONFORMANCE = ROOT.parent / "shared" / "conformance" / "tables"
COLS = ["--columns", "8", "--data", "fake", "--seed", "7"]
ONE_M = ["--files", "1101000", "--commits", "1101", "--checkpoint-interval", "1000"]


def workloads() -> list[Workload]:
    w = [
        Workload("300k-json", "300k adds in a JSON log (conformance table, no stats)",
                 tarball="300k-add-files-100-col-partitioned.tar.zst", quick=True),
    ]
    for stats in ("on", "off"):
        sfx = "stats" if stats == "on" else "nostats"
        w += [
            Workload(f"100k-json-{sfx}", f"100k files over 1,000 commits, no checkpoint, stats {stats}",
                     ["--files", "100000", "--commits", "1000", "--checkpoint", "none",
                      "--stats", stats] + COLS, quick=True),
            Workload(f"1m-multipart-{sfx}",
                     f"1M files in an 8-part checkpoint + 100 commits, stats {stats}",
                     ONE_M + ["--checkpoint", "multipart:8", "--stats", stats] + COLS, big=True),
            Workload(f"1m-v2-{sfx}",
                     f"1M files in a v2 checkpoint with 8 sidecars + 100 commits, stats {stats}",
                     ONE_M + ["--checkpoint", "v2-parquet", "--sidecars", "8", "--stats", stats]
                     + COLS, big=True),
        ]
    w.append(Workload("10k-commits", "10,000 commits, no checkpoint (latency workload)",
                      ["--files", "20000", "--commits", "10000", "--checkpoint", "none",
                       "--stats", "on"] + COLS, peers=False))
    return w


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def ensure_table(w: Workload, tables: Path, gen: Path) -> Path:
    """Generates (or extracts) the workload's table once; reused while its recipe is unchanged."""
    out = tables / w.name
    recipe = json.dumps({"gen": w.gen_args, "tar": w.tarball})
    stamp = out / ".bench-recipe"
    if stamp.exists() and stamp.read_text() == recipe:
        return table_dir(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    t0 = time.time()
    if w.tarball:
        log(f"extracting {w.tarball}")
        subprocess.run(["tar", "--zstd", "-xf", str(CONFORMANCE / w.tarball), "-C", str(out)],
                       check=True)
    else:
        log(f"generating {w.name}: delta-table-gen {' '.join(w.gen_args)}")
        subprocess.run(["nice", str(gen), str(out / "table"), "-q", *w.gen_args], check=True)
    log(f"  ready in {time.time() - t0:.1f}s")
    stamp.write_text(recipe)
    return table_dir(out)


def table_dir(out: Path) -> Path:
    subdirs = [p for p in out.iterdir() if p.is_dir()]
    return subdirs[0]


def run_once(cmd: list[str], timeout: float) -> dict:
    """Runs one measurement process; returns its first repetition plus its peak RSS."""
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    rows = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    reps = [r for r in rows if "rep" in r]
    tail = [r for r in rows if "peak_rss_kb" in r][-1]
    result = dict(reps[0])
    result.update(tail)
    return result


def measure(cmd: list[str], reps: int, timeout: float) -> dict:
    runs = [run_once(cmd, timeout) for _ in range(reps)]
    times = [r["total_s"] for r in runs]
    rss = [r["peak_rss_kb"] for r in runs]
    out = {
        "cmd": cmd,
        "runs": runs,
        "min_s": min(times),
        "median_s": statistics.median(times),
        "snapshot_median_s": statistics.median(r["snapshot_s"] for r in runs),
        "files_median_s": statistics.median(r["files_s"] for r in runs),
        "peak_rss_kb": int(statistics.median(rss)),
        "files": runs[0]["files"],
    }
    if "baseline_rss_kb" in runs[0]:
        out["baseline_rss_kb"] = int(statistics.median(r["baseline_rss_kb"] for r in runs))
    for k in ("requests", "peak_in_flight"):
        if k in runs[0]:
            out[k] = runs[0][k]
    return out


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gb": round(mem_gb, 1),
            "kernel": platform.release(), "os": platform.platform(),
            "loadavg_at_start": os.getloadavg()}


def git_rev() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def add_program_args(ap: argparse.ArgumentParser) -> None:
    """The measured programs and the table generator (shared with objstore_harness.py)."""
    ap.add_argument("--cpp", required=True, help="delta-kernel-bench binary")
    ap.add_argument("--gen", required=True, help="delta-table-gen binary")
    ap.add_argument("--kernel-rs", required=True, help="delta-kernel-rs-bench binary")
    ap.add_argument("--python", required=True, help="python of the venv with deltalake")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    add_program_args(ap)
    ap.add_argument("--tables", required=True, help="directory for the generated tables")
    ap.add_argument("--results", required=True, help="JSON file for the raw results")
    ap.add_argument("--reps", type=int, default=5, help="repetitions per measurement")
    ap.add_argument("--big-reps", type=int, default=3, help="repetitions on 1M-file tables")
    ap.add_argument("--quick", action="store_true", help="only the small workloads")
    ap.add_argument("--workloads", default="", help="comma-separated names (default: all)")
    ap.add_argument("--latency-ms", type=float, default=2.0,
                    help="per-request delay of the latency workload")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.*")
    ap.add_argument("--generate-only", action="store_true", help="only create the tables")
    ap.add_argument("--command", default="bash bench/run.sh", help="recorded in the report")
    ap.add_argument("--mode", choices=("batches", "scan"), default="batches",
                    help="how cpp lists the files: Scan::MetadataBatches() (batches: Arrow "
                         "batches with a selection vector) or Scan::FileIterator() (scan: a "
                         "ScanFile per file); with batches, ScanFiles are measured too "
                         "(cpp-scanfiles)")
    args = ap.parse_args()

    tables = Path(args.tables)
    tables.mkdir(parents=True, exist_ok=True)
    selected = [w for w in workloads()
                if (not args.quick or w.quick)
                and (not args.workloads or w.name in args.workloads.split(","))]
    if args.generate_only:
        for w in selected:
            ensure_table(w, tables, Path(args.gen))
        return 0
    ncpu = os.cpu_count() or 1
    deltars = [args.python, str(ROOT / "bench" / "deltars_bench.py")]
    res: dict = {"machine": machine(), "git": git_rev(), "command": args.command,
                 "started": datetime.datetime.now().isoformat(timespec="seconds"),
                 "reps": args.reps, "big_reps": args.big_reps, "cpp_mode": args.mode,
                 "workloads": [],
                 "peer_versions": peer_versions(args.python)}
    for w in selected:
        path = ensure_table(w, tables, Path(args.gen))
        reps = args.big_reps if w.big else args.reps
        entry: dict = {"name": w.name, "title": w.title, "path": str(path), "impls": {}}
        res["workloads"].append(entry)
        if w.name == "10k-commits":
            entry["latency_ms"] = args.latency_ms
            for conc in (1, 64):
                log(f"{w.name}: cpp, {args.latency_ms} ms latency, {conc} in flight")
                cmd = [args.cpp, str(path), "--latency-ms", str(args.latency_ms),
                       "--io-concurrency", str(conc)]
                entry["impls"][f"cpp-latency-{conc}"] = measure(cmd, 1 if conc == 1 else 3, 900)
            log(f"{w.name}: cpp, no latency")
            entry["impls"]["cpp"] = measure([args.cpp, str(path)], reps, 900)
            save(res, args.results)
            continue
        mode = ["--mode", args.mode]
        runs = [("cpp", [args.cpp, str(path), "--threads", str(ncpu)] + mode)]
        if args.mode == "batches" and w.peers:  # the ScanFile layer over the same batches
            runs.append(("cpp-scanfiles", [args.cpp, str(path), "--threads", str(ncpu),
                                           "--mode", "scan"]))
        if w.big or w.name == "300k-json":
            runs.append(("cpp-1-thread", [args.cpp, str(path), "--threads", "1"] + mode))
        if w.big:  # checkpointed tables: also with the whole file list in the snapshot
            runs.append(("cpp-in-memory", [args.cpp, str(path), "--threads", str(ncpu),
                                           "--file-list", "in-memory"] + mode))
        if w.peers:
            runs.append(("kernel-rs", [args.kernel_rs, str(path), "--threads", str(ncpu)]))
            runs.append(("delta-rs", deltars + [str(path)]))
        for name, cmd in runs:
            log(f"{w.name}: {name} x{reps}")
            try:
                entry["impls"][name] = measure(cmd, reps, 1800)
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                log(f"  FAILED: {e}")
                entry["impls"][name] = {"error": str(e)[-500:]}
            m = entry["impls"][name]
            if "median_s" in m:
                log(f"  median {m['median_s']:.3f}s min {m['min_s']:.3f}s "
                    f"rss {m['peak_rss_kb'] / 1024:.0f} MiB files {m['files']}")
        save(res, args.results)
    res["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    save(res, args.results)
    if not args.no_docs:
        import report  # bench/report.py

        report.write(res, ROOT / "docs" / "benchmarks.md", ROOT / "docs" / "benchmarks.png")
    return 0


def peer_versions(python: str) -> dict:
    v = {"delta_kernel (crates.io)": "0.30.1"}
    try:
        v["deltalake (PyPI)"] = subprocess.run(
            [python, "-c", "import deltalake;print(deltalake.__version__)"],
            capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        v["deltalake (PyPI)"] = "unknown"
    return v


def save(res: dict, path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(path + ".tmp")
    tmp.write_text(json.dumps(res, indent=1))
    tmp.replace(path)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
