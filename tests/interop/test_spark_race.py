"""Delta Spark and this kernel committing to one table at the same time: Spark appends from the
test's thread while our CLI appends from another process. Neither side may lose or duplicate a
commit: the versions are contiguous, every row either side wrote is there exactly once, and
Spark, delta-rs and our kernel read every version alike."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from peers import assert_rows_equal, delta_rs_rows, kernel_rows, spark_rows, spark_write

SPARK_COMMITS = 6
OUR_COMMITS = 12


def batch(writer: str, n: int) -> pa.Table:
    return pa.table({"id": pa.array([n], pa.int64()), "writer": pa.array([writer])})


def test_spark_and_our_cli_race_on_one_table(spark, cli: Path, tmp_path: Path):
    root = tmp_path / "race"
    first = tmp_path / "first.parquet"
    pq.write_table(batch("init", 0), first)
    subprocess.run([str(cli), "append", str(root), str(first)], check=True,
                   capture_output=True, text=True, timeout=120)

    files = []
    for n in range(OUR_COMMITS):
        f = tmp_path / f"ours-{n}.parquet"
        pq.write_table(batch("ours", n), f)
        files.append(f)

    ours_out: list[str] = []
    errors: list[BaseException] = []

    def our_writer() -> None:
        try:
            for f in files:
                done = subprocess.run([str(cli), "append", str(root), str(f)], check=True,
                                      capture_output=True, text=True, timeout=120)
                ours_out.append(done.stdout.strip())
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    thread = threading.Thread(target=our_writer)
    thread.start()
    for n in range(SPARK_COMMITS):
        spark_write(spark, root, batch("spark", n), mode="append")
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert not errors, errors

    # Every acknowledged commit of ours names a distinct version.
    versions = [int(line.rsplit(" ", 1)[1]) for line in ours_out]
    assert len(versions) == OUR_COMMITS
    assert len(set(versions)) == OUR_COMMITS

    expected = [{"id": 0, "writer": "init"}]
    expected += [{"id": n, "writer": "ours"} for n in range(OUR_COMMITS)]
    expected += [{"id": n, "writer": "spark"} for n in range(SPARK_COMMITS)]
    latest = 1 + OUR_COMMITS + SPARK_COMMITS - 1
    assert_rows_equal(kernel_rows(root), expected, "our kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")
    log = sorted(p.name for p in (root / "_delta_log").glob("*.json"))
    assert log == [f"{v:020d}.json" for v in range(latest + 1)]
    # Every version reads the same in Spark and in our kernel.
    for v in range(latest + 1):
        assert_rows_equal(kernel_rows(root, v), spark_rows(spark, root, v), f"version {v}")
