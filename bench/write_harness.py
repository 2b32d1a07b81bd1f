"""Write benchmarks, this project against delta-rs (and pyarrow alone), in one run; renders
docs/benchmarks-write.md. Driven by bench/run_write.sh, which builds and installs what it needs.

1. Commits: for W racing writer processes (1, 2, 4, 8) each making N small blind appends,
   delta-commit-bench against bench/deltars_commit_bench.py, in two modes: `add` (a made-up add,
   no data file: the commit path alone) and `write` (a real one-row Parquet file per commit).
2. One large write: R generated rows (default 10M) by delta-write-bench (WriteTable, and the
   transaction calls under it), delta-rs' write_deltalake and pyarrow's write_dataset (the
   floor), each repetition a fresh process, in turn; plus each generator alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import git_rev, machine

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(f"[bench-write] {msg}", file=sys.stderr, flush=True)


def run_json(cmd: list[str], timeout: float) -> dict:
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def commit_bench(args, scratch: Path) -> list[dict]:
    """Each (mode, writers) `commit_reps` times per side, the sides alternating; the row shown
    is each side's repetition with the median commits/s."""
    out = []
    for mode in args.commit_modes:
        for w in args.writers:
            row = {"mode": mode, "writers": w, "commits": args.commits}
            runs: dict[str, list[dict]] = {"cpp": [], "delta-rs": []}
            sides = [("cpp", [args.commit_bench]),
                     ("delta-rs", [args.python, "deltars_commit_bench.py"])]
            for rep in range(args.commit_reps):
                for name, cmd in (sides if rep % 2 == 0 else sides[::-1]):
                    d = scratch / f"commit-{mode}-{w}-{name}-{rep}"
                    log(f"commits: {name} mode={mode} writers={w} x {args.commits}, "
                        f"rep {rep + 1}/{args.commit_reps}")
                    t0 = time.time()
                    r = run_json(cmd + ["--writers", str(w), "--commits", str(args.commits),
                                        "--dir", str(d), "--mode", mode], timeout=1800)
                    r["loadavg_1m"] = os.getloadavg()[0]
                    runs[name].append(r)
                    log(f"  {r['commits_per_s']} commits/s ({time.time() - t0:.0f} s)")
                    shutil.rmtree(d, ignore_errors=True)
            for name, rs in runs.items():
                ranked = sorted(rs, key=lambda r: r["commits_per_s"])
                row[name] = dict(ranked[(len(ranked) - 1) // 2])
                row[name]["all_commits_per_s"] = [r["commits_per_s"] for r in rs]
            out.append(row)
    return out


def summarize(runs: list[dict]) -> dict:
    secs = [r["seconds"] for r in runs]
    s = {"median_s": statistics.median(secs), "min_s": min(secs), "max_s": max(secs),
         "cpu_median_s": statistics.median(r["cpu_s"] for r in runs),
         "cpu_min_s": min(r["cpu_s"] for r in runs),
         "peak_rss_kb": int(statistics.median(r["peak_rss_kb"] for r in runs)),
         "files": runs[0]["files"], "bytes": runs[0]["bytes"], "runs": runs}
    if "baseline_rss_kb" in runs[0]:
        s["baseline_rss_kb"] = int(statistics.median(r["baseline_rss_kb"] for r in runs))
    return s


def check_same_rows(python: str, dirs: list[Path]) -> dict:
    """Reads each side's Parquet files back and compares row count and column aggregates."""
    code = (
        "import sys, json, glob, pyarrow.dataset as ds, pyarrow.compute as pc\n"
        "out = {}\n"
        "for d in sys.argv[1:]:\n"
        "    t = ds.dataset(glob.glob(d + '/*.parquet'), format='parquet').to_table()\n"
        "    out[d] = [t.num_rows, pc.sum(t['id']).as_py(), round(pc.sum(t['value']).as_py(), 3),\n"
        "              pc.count_distinct(t['name']).as_py(), str(pc.min(t['ts'])), str(pc.max(t['ts']))]\n"
        "print(json.dumps(out))\n")
    p = subprocess.run([python, "-c", code] + [str(d) for d in dirs], capture_output=True,
                       text=True, check=True)
    return json.loads(p.stdout)


def write_bench(args, scratch: Path) -> dict:
    impls = {
        "cpp": lambda d: [args.write_bench, "--dir", str(d), "--rows", str(args.rows)],
        "cpp-txn": lambda d: [args.write_bench, "--api", "txn", "--dir", str(d),
                              "--rows", str(args.rows)],
        "delta-rs": lambda d: [args.python, "deltars_write_bench.py", "--side", "deltars",
                               "--dir", str(d), "--rows", str(args.rows)],
        "pyarrow": lambda d: [args.python, "deltars_write_bench.py", "--side", "pyarrow",
                              "--dir", str(d), "--rows", str(args.rows)],
        "cpp-gen": lambda d: [args.write_bench, "--dry", "--rows", str(args.rows)],
        "py-gen": lambda d: [args.python, "deltars_write_bench.py", "--side", "gen",
                             "--rows", str(args.rows)],
    }
    runs: dict[str, list[dict]] = {k: [] for k in impls}
    check = None
    for rep in range(args.reps):
        order = list(impls)
        if rep % 2 == 1:
            order.reverse()
        for name in order:
            if name.endswith("-gen") and rep >= 3:
                continue  # the generators alone: three repetitions are plenty
            d = scratch / f"write-{name}-{rep}"
            log(f"write: {name} rep {rep + 1}/{args.reps}")
            r = run_json(impls[name](d), timeout=1800)
            r["loadavg_1m"] = os.getloadavg()[0]
            runs[name].append(r)
            log(f"  {r['seconds']:.2f} s, {r['peak_rss_kb'] // 1024} MiB")
        if rep == 0:
            check = check_same_rows(args.python, [scratch / f"write-{n}-0" for n in
                                                  ("cpp", "delta-rs", "pyarrow")])
        for name in impls:
            shutil.rmtree(scratch / f"write-{name}-{rep}", ignore_errors=True)
    return {"rows": args.rows, "reps": args.reps,
            "impls": {k: summarize(v) for k, v in runs.items()}, "check": check}


def peer_versions(python: str) -> dict:
    code = "import deltalake, pyarrow; print(deltalake.__version__, pyarrow.__version__)"
    dl, pa = subprocess.run([python, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    return {"deltalake (PyPI)": dl, "pyarrow (PyPI)": pa}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--commit-bench", required=True, help="delta-commit-bench binary")
    ap.add_argument("--write-bench", required=True, help="delta-write-bench binary")
    ap.add_argument("--python", required=True, help="python of the venv with deltalake, pyarrow")
    ap.add_argument("--results", required=True, help="JSON file for the raw results")
    ap.add_argument("--command", default="bash bench/run_write.sh")
    ap.add_argument("--writers", default="1,2,4,8")
    ap.add_argument("--commits", type=int, default=60, help="commits per writer")
    ap.add_argument("--commit-reps", type=int, default=3, help="repetitions of each commit run")
    ap.add_argument("--commit-modes", default="add,write")
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    ap.add_argument("--skip", default="", help="commits or write")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks-write.md")
    ap.add_argument("--scratch", default=None, help="directory for the tables (default: a temp dir)")
    args = ap.parse_args()
    args.writers = [int(x) for x in args.writers.split(",")]
    args.commit_modes = args.commit_modes.split(",")
    if args.quick:
        args.commits, args.rows, args.reps, args.commit_reps = 10, 200_000, 2, 1
    scratch = Path(tempfile.mkdtemp(prefix="delta-bench-write-", dir=args.scratch))

    res: dict = {"machine": machine(), "git": git_rev(), "command": args.command,
                 "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "peer_versions": peer_versions(args.python)}
    try:
        if "commits" not in args.skip:
            res["commits"] = commit_bench(args, scratch)
        if "write" not in args.skip:
            res["write"] = write_bench(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    res["loadavg_at_end"] = os.getloadavg()
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps(res, indent=1))
    log(f"results in {args.results}")
    if not args.no_docs:
        import write_report

        write_report.write(res, ROOT / "docs" / "benchmarks-write.md")
        log("wrote docs/benchmarks-write.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
