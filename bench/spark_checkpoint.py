"""Delta Spark as a checkpoint-writing peer for bench/checkpoint_harness.py: one warm local
SparkSession (Delta jars from tests/interop/peers.py's .spark-jars-path), then one checkpoint per
table path read from stdin, each timed inside the session (JVM start excluded).

Per path: DeltaLog.clearCache(), then timed: DeltaLog.forTable(spark, path) (loads the latest
snapshot) and DeltaLog.checkpoint() (writes the checkpoint of that snapshot and
_last_checkpoint). Prints one JSON line per path: {"wall_s", "version", "jvm_peak_rss_mb"}; the
JVM's peak RSS is its VmHWM, reset before each checkpoint through /proc/PID/clear_refs ("5",
Linux 4.0+), so it is the peak during that checkpoint (the heap kept from earlier work included:
a JVM rarely returns memory). The first line printed is {"startup_s", "jvm_pid", ...}.

Run with the project venv's python (pyspark + delta-spark, scripts/setup-peers.sh):
    python bench/spark_checkpoint.py --driver-memory 6g < paths
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "interop"))
from peers import spark_unavailable_reason, start_spark  # noqa: E402


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def checkpoint(spark, path: str) -> int:
    jvm = spark.sparkContext._jvm
    delta_log = jvm.org.apache.spark.sql.delta.DeltaLog
    log = delta_log.forTable(spark._jsparkSession, path)
    log.checkpoint()
    return int(log.unsafeVolatileSnapshot().version())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--driver-memory", default="6g")
    args = ap.parse_args()
    reason = spark_unavailable_reason()
    if reason:
        print(json.dumps({"unavailable": reason}), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="spark-ckpt-bench-") as tmp:
        scratch = Path(tmp)
        t0 = time.perf_counter()
        # As the interop tests start it (local[2], 2 state partitions), with a driver
        # large enough for a 1M-file snapshot and the JVM's default JIT and GC.
        spark = start_spark(scratch, memory=args.driver_memory, quick_jvm=False)
        startup = time.perf_counter() - t0
        pid = spark.sparkContext._gateway.proc.pid
        # Warm-up (not timed): a small table written and checkpointed loads Delta's classes.
        t1 = time.perf_counter()
        warm = str(scratch / "warm")
        spark.range(1000).repartition(10).write.format("delta").save(warm)
        spark.range(1000).write.format("delta").mode("append").save(warm)
        checkpoint(spark, warm)
        print(json.dumps({"startup_s": startup, "warmup_s": time.perf_counter() - t1,
                          "jvm_pid": pid, "driver_memory": args.driver_memory,
                          "spark": spark.version}), flush=True)
        for line in sys.stdin:
            path = line.strip()
            if not path:
                continue
            spark.sparkContext._jvm.org.apache.spark.sql.delta.DeltaLog.clearCache()
            spark.sparkContext._jvm.System.gc()
            peak_ok = reset_peak(pid)
            t = time.perf_counter()
            try:
                version = checkpoint(spark, path)
            except Exception as e:  # reported to the harness, which fails the run
                print(json.dumps({"error": str(e)[-2000:]}), flush=True)
                continue
            wall = time.perf_counter() - t
            print(json.dumps({"wall_s": wall, "version": version,
                              "jvm_peak_rss_mb": vm_hwm_mb(pid) if peak_ok else None}),
                  flush=True)
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
