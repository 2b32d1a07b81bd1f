"""Delta Spark side of the DML benchmark (bench/dml_harness.py): one local Spark session that
runs the harness's statements one at a time and times each in the warm session.

Runs in the project venv (pyspark + delta-spark from scripts/setup-peers.sh; the Delta jars
recorded in .spark-jars-path). Protocol on stdin/stdout, one JSON object a line; stdout lines
of the protocol start with '@@ ' (anything else the JVM or pyspark prints is not ours):
  -> '@@ {"ready": true, "startup_s": .., "warmup_s": ..}' once the session is up and warm
  <- '{"op": "delete"|"update"|"merge", "table": PATH, "source": PARQUET}'
  -> '@@ {"statement_s": .., "metrics": {...}}'   (or '@@ {"error": "..."}')
  <- '{"quit": true}'
  -> '@@ {"jvm_peak_rss_mb": .., "jvm_cpu_s": ..}'
The harness makes each fresh table copy before sending its job; only the statement is timed
(spark.sql(...).collect(): Delta's DML commands run eagerly; the MERGE source is read from
Parquet inside the statement)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(obj: dict) -> None:
    print("@@ " + json.dumps(obj), flush=True)


def statement(op: str, table: str, preds: dict) -> str:
    t = f"delta.`{table}`"
    if op == "delete":
        return f"DELETE FROM {t} WHERE {preds['delete']}"
    if op == "update":
        return f"UPDATE {t} SET v = v + 1 WHERE {preds['update']}"
    return (f"MERGE INTO {t} AS target USING dml_source AS source ON target.id = source.id "
            "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")


def start(scratch: Path, memory: str):
    """The interop tests' session (tests/interop/peers.py: local[2], the recorded Delta jars),
    with more memory and the JVM's default JIT and GC: a benchmark, not a short test."""
    sys.path.insert(0, str(ROOT / "tests" / "interop"))
    from peers import spark_unavailable_reason, start_spark

    reason = spark_unavailable_reason()
    if reason:
        raise SystemExit(reason)
    return start_spark(scratch, memory=memory, quick_jvm=False)


def warm_up(spark, scratch: Path, preds: dict) -> None:
    """Every statement once on small tables (DVs on and off): the code paths are loaded and
    compiled before anything is timed."""
    src = scratch / "warm-source"
    spark.range(0, 2000).selectExpr("id", "id * 761 % 1000 AS k", "id * 0.25 AS v",
                                    "concat('name-', id) AS s") \
        .where("k >= 20 AND k < 30 OR id >= 1000").write.mode("overwrite").parquet(str(src))
    spark.read.parquet(str(src)).createOrReplaceTempView("dml_source")
    for dv in ("true", "false"):
        t = scratch / f"warm-{dv}"
        spark.range(0, 1000).selectExpr("id", "id * 761 % 1000 AS k", "id * 0.25 AS v",
                                        "concat('name-', id) AS s") \
            .repartition(4).write.format("delta").save(str(t))
        spark.sql(f"ALTER TABLE delta.`{t}` SET TBLPROPERTIES "
                  f"('delta.enableDeletionVectors' = '{dv}')")
        for op in ("delete", "update", "merge"):
            spark.sql(statement(op, str(t), preds)).collect()


def jvm_usage(spark) -> dict:
    out = {}
    try:
        pid = spark.sparkContext._gateway.proc.pid
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                out["jvm_peak_rss_mb"] = int(line.split()[1]) / 1024
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        out["jvm_cpu_s"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, ValueError, IndexError):
        pass
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scratch", required=True)
    ap.add_argument("--memory", default="2g")
    ap.add_argument("--delete-pred", required=True)
    ap.add_argument("--update-pred", required=True)
    args = ap.parse_args()
    preds = {"delete": args.delete_pred, "update": args.update_pred}
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    spark = start(scratch, args.memory)
    t1 = time.perf_counter()
    warm_up(spark, scratch, preds)
    say({"ready": True, "startup_s": t1 - t0, "warmup_s": time.perf_counter() - t1})
    for line in sys.stdin:
        job = json.loads(line)
        if job.get("quit"):
            break
        try:
            if job["op"] == "merge":
                spark.read.parquet(job["source"]).createOrReplaceTempView("dml_source")
            sql = statement(job["op"], job["table"], preds)
            t = time.perf_counter()
            rows = spark.sql(sql).collect()
            elapsed = time.perf_counter() - t
            say({"statement_s": elapsed, "metrics": rows[0].asDict() if rows else {}})
        except Exception as e:  # reported to the harness as this run's result
            say({"error": f"{type(e).__name__}: {str(e)[:1000]}"})
    say(jvm_usage(spark))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
