"""Object-store benchmark (driven by bench/run_objstore.sh): this project, delta-kernel-rs and
delta-rs reading the same tables from one S3 server (versitygw on loopback) through one delay
proxy (bench/delay_proxy.go) that adds a fixed latency to every request and counts requests
and the peak number in flight.

Workloads (the tables are generated once into --tables, shared with bench/run.sh, and put into
the server's bucket once):
  10k-commits     10,000 commits, no checkpoint: snapshot load + file listing
  1m-v2-nostats   1.1M files, v2 checkpoint with 8 sidecars + 100 commits: load + listing
  scan-100-files  100 Parquet files x 10,000 rows: load + read every row

Every measurement is a fresh process; its wall time is taken inside the process around the
load (no process start); the proxy's counters are reset before it and read after it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402  (bench/harness.py: workloads, table generation, one run)

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "delta-bench"
ACCESS_KEY = "benchaccesskey"
SECRET_KEY = "benchsecretkey"
REGION = "us-east-1"


def workloads() -> list[harness.Workload]:
    by_name = {w.name: w for w in harness.workloads()}
    return [
        by_name["10k-commits"],
        by_name["1m-v2-nostats"],
        harness.Workload("scan-100-files", "100 data files x 10,000 rows, 8 columns (read all rows)",
                         ["--files", "100", "--commits", "1", "--checkpoint", "none",
                          "--rows-per-file", "10000", "--data", "real", "--columns", "8",
                          "--seed", "7"]),
    ]


def log(msg: str) -> None:
    print(f"[objbench] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen, what: str) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on port {port}")


class Servers:
    """versitygw (posix backend over a cached folder) and the delay proxy in front of it."""

    def __init__(self, versitygw: str, data: Path, proxy: str) -> None:
        self.data = data
        (data / BUCKET).mkdir(parents=True, exist_ok=True)
        self.s3_port = free_port()
        self.s3 = subprocess.Popen(
            [versitygw, "--port", f"127.0.0.1:{self.s3_port}", "--access", ACCESS_KEY,
             "--secret", SECRET_KEY, "--region", REGION, "--quiet", "posix", str(data)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_listening(self.s3_port, self.s3, "versitygw")
        self.port = free_port()
        self.proxy = subprocess.Popen(
            [proxy, "-upstream", f"127.0.0.1:{self.s3_port}", "-listen",
             f"127.0.0.1:{self.port}"],
            stderr=subprocess.DEVNULL, start_new_session=True)
        wait_listening(self.port, self.proxy, "delay proxy")
        log(f"versitygw on {self.s3_port}, delay proxy on {self.port}")

    def control(self, path: str) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__proxy/{path}") as r:
            return json.loads(r.read())

    def stop(self) -> None:
        for p in (self.proxy, self.s3):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()


def upload(w: harness.Workload, table: Path, data: Path, stamps: Path) -> None:
    """Puts the table into the bucket once per recipe. The posix backend serves a folder's
    files as objects, so the table is hard-linked into it (versitygw 1.8 did not keep
    pyarrow's S3 uploads, see docs/object-stores.md); every read goes through S3."""
    dest = data / BUCKET / w.name
    stamp = stamps / w.name
    recipe = (table.parent / ".bench-recipe").read_text()
    if dest.exists() and stamp.exists() and stamp.read_text() == recipe:
        return
    log(f"putting {w.name} into s3://{BUCKET}/{w.name}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-al", str(table), str(dest)], check=True)
    stamps.mkdir(parents=True, exist_ok=True)
    stamp.write_text(recipe)


def commands(args, w: harness.Workload, port: int) -> list[tuple[str, list[str]]]:
    url = f"s3://{BUCKET}/{w.name}"
    endpoint = f"http://127.0.0.1:{port}"
    read = w.name.startswith("scan-")
    ours = {"AWS_ENDPOINT_URL": endpoint, "AWS_ALLOW_HTTP": "true", "AWS_REGION": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    rs = {"aws_endpoint": endpoint, "aws_allow_http": "true", "aws_region": REGION,
          "aws_access_key_id": ACCESS_KEY, "aws_secret_access_key": SECRET_KEY}
    opt = lambda d: [x for k, v in d.items() for x in ("--option", f"{k}={v}")]  # noqa: E731
    cpp = [args.cpp, url, "--threads", str(os.cpu_count() or 1),
           "--io-concurrency", str(args.io_concurrency)] + opt(ours)
    if read:
        cpp += ["--mode", "read"]
    krs = [args.kernel_rs, url, "--threads", str(os.cpu_count() or 1)] + opt(rs)
    drs = [args.python, str(ROOT / "bench" / "deltars_bench.py"), url] + opt(ours)
    if read:
        krs.append("--read")
        drs.append("--read")
    out = [("cpp", cpp), ("kernel-rs", krs), ("delta-rs", drs)]
    if w.name == "10k-commits":  # the in-flight limits before this benchmark raised them
        out.append(("cpp-16", cpp + ["--option", "OBJECT_STORE_CONCURRENCY_LIMIT=16"]))
        out.append(("cpp-64", cpp + ["--option", "OBJECT_STORE_CONCURRENCY_LIMIT=64"]))
    return out


def measure(servers: Servers, cmd: list[str], delay_ms: float, reps: int, timeout: float) -> dict:
    runs = []
    for _ in range(reps):
        servers.control(f"reset?delay_ms={delay_ms}")
        r = harness.run_once(cmd, timeout)
        r.update({f"proxy_{k}": v for k, v in servers.control("stats").items()})
        runs.append(r)
    times = [r["total_s"] for r in runs]
    best = min(runs, key=lambda r: r["total_s"])
    out = {"cmd": cmd, "runs": runs, "min_s": min(times), "median_s": statistics.median(times),
           "peak_rss_kb": int(statistics.median(r["peak_rss_kb"] for r in runs)),
           "files": runs[0]["files"], "requests": best["proxy_requests"],
           "peak_in_flight": best["proxy_peak_in_flight"], "by_method": best["proxy_by_method"]}
    if "rows" in runs[0]:
        out["rows"] = runs[0]["rows"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    harness.add_program_args(ap)
    ap.add_argument("--versitygw", required=True, help="versitygw binary")
    ap.add_argument("--proxy", required=True, help="delay proxy binary (bench/delay_proxy.go)")
    ap.add_argument("--tables", required=True, help="generated tables (shared with run.sh)")
    ap.add_argument("--store", required=True, help="versitygw's data folder (kept: the cache)")
    ap.add_argument("--results", required=True, help="JSON file for the raw results")
    ap.add_argument("--reps", type=int, default=2, help="repetitions per measurement")
    ap.add_argument("--delays", default="20,50", help="per-request delays in ms")
    ap.add_argument("--io-concurrency", type=int, default=16, help="ours: requests in flight")
    ap.add_argument("--workloads", default="", help="comma-separated names (default: all)")
    ap.add_argument("--impls", default="cpp,kernel-rs,delta-rs,cpp-16,cpp-64", help="which to measure")
    ap.add_argument("--no-floor", action="store_true",
                    help="skip ours without added delay (the floor: CPU, transfer, server)")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    ap.add_argument("--command", default="bash bench/run_objstore.sh")
    args = ap.parse_args()

    selected = [w for w in workloads()
                if not args.workloads or w.name in args.workloads.split(",")]
    tables = Path(args.tables)
    tables.mkdir(parents=True, exist_ok=True)
    store = Path(args.store)
    paths = {w.name: harness.ensure_table(w, tables, Path(args.gen)) for w in selected}
    for w in selected:
        upload(w, paths[w.name], store / "data", store / "stamps")
    delays = [float(d) for d in args.delays.split(",")]
    res: dict = {"machine": harness.machine(), "git": harness.git_rev(), "command": args.command,
                 "started": datetime.datetime.now().isoformat(timespec="seconds"),
                 "reps": args.reps, "delays_ms": delays, "io_concurrency": args.io_concurrency,
                 "peer_versions": harness.peer_versions(args.python), "workloads": []}
    servers = Servers(args.versitygw, store / "data", args.proxy)
    try:
        for w in selected:
            for delay in ([] if args.no_floor else [0.0]) + delays:
                entry: dict = {"name": w.name, "title": w.title, "delay_ms": delay, "impls": {}}
                res["workloads"].append(entry)
                for name, cmd in commands(args, w, servers.port):
                    if name not in args.impls.split(",") or (delay == 0 and name != "cpp"):
                        continue
                    log(f"{w.name} @ {delay:g} ms: {name} x{args.reps}")
                    try:
                        m = measure(servers, cmd, delay, args.reps, 1800)
                    except (RuntimeError, subprocess.TimeoutExpired) as e:
                        log(f"  FAILED: {str(e)[-600:]}")
                        m = {"error": str(e)[-600:]}
                    entry["impls"][name] = m
                    if "median_s" in m:
                        log(f"  min {m['min_s']:.3f}s median {m['median_s']:.3f}s "
                            f"requests {m['requests']} peak in flight {m['peak_in_flight']} "
                            f"files {m['files']}" + (f" rows {m['rows']}" if "rows" in m else ""))
                    harness.save(res, args.results)
    finally:
        servers.stop()
    res["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    harness.save(res, args.results)
    if not args.no_docs:
        import objstore_report

        objstore_report.write(res, ROOT / "docs" / "benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
