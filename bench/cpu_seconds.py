"""CPU seconds (user + system, whole process) of the planning benchmark's programs, for runs on a
machine too busy for wall times to compare: a process that waits for a core uses no CPU.

    python bench/cpu_seconds.py --cpp BUILD/bin/delta-kernel-bench \
        --kernel-rs .../delta-kernel-rs-bench --python BENCH_VENV/bin/python --reps 3 TABLE...

Runs each program on each table `--reps` times (fresh processes) and prints, per table and
program, the median and min CPU seconds as a Markdown table. Process start and, for delta-rs,
the interpreter and imports are included (the `baseline` row measures `import deltalake`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(cmd: list[str]) -> float:
    before = os.times()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cpp", required=True)
    ap.add_argument("--kernel-rs", required=True)
    ap.add_argument("--python", required=True, help="python of the venv with deltalake")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("tables", nargs="+")
    args = ap.parse_args()
    t = ["--threads", str(args.threads)]
    print("| table | program | CPU s median (min) |")
    print("|---|---|---:|")
    baseline = [args.python, "-c", "import deltalake"]
    runs = [("delta-rs import (baseline)", lambda _: baseline)]
    for table in args.tables:
        programs = [
            ("cpp batches", [args.cpp, table, "--mode", "batches"] + t),
            ("cpp ScanFiles", [args.cpp, table, "--mode", "scan"] + t),
            ("kernel-rs", [args.kernel_rs, table] + t),
            ("delta-rs", [args.python, str(ROOT / "bench" / "deltars_bench.py"), table]),
        ]
        for name, cmd in programs:
            xs = [cpu_seconds(cmd) for _ in range(args.reps)]
            print(f"| {Path(table).parent.name}/{Path(table).name} | {name} | "
                  f"{statistics.median(xs):.2f} ({min(xs):.2f}) |", flush=True)
    for name, make in runs:
        xs = [cpu_seconds(make(None)) for _ in range(args.reps)]
        print(f"| - | {name} | {statistics.median(xs):.2f} ({min(xs):.2f}) |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
