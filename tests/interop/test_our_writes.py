"""Tables our writer makes, read back by Delta Spark and delta-rs: the C++ example
examples/cpp/write_table.cc (create partitioned with the change data feed, an idempotent append
run twice, a partition overwrite), then Spark appends to the table and every reader agrees."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyarrow as pa
import pytest

from peers import (
    assert_change_feeds,
    assert_peers_read,
    assert_rows_equal,
    kernel_rows,
    spark_rows,
    spark_write,
)


@pytest.fixture(scope="session")
def write_table_example(cli: Path) -> Path:
    path = cli.parent / "write_table"
    assert path.is_file(), f"{path} does not exist: build first (scripts/setup.sh)"
    return path


def rows(first: int, count: int, day: str) -> list[dict]:
    return [{"id": i, "day": day} for i in range(first, first + count)]


def test_example_writer_read_by_peers(spark, write_table_example, tmp_path):
    root = tmp_path / "events"
    out = subprocess.run([str(write_table_example), str(root)], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert out.splitlines() == [
        "created version 0",
        "batch 42, run 1: committed version 1 after 1 attempt(s)",
        "batch 42, run 2: already in version 1 after 0 attempt(s)",
        "replaced 2026-12-01 in version 2",
    ]
    expected = rows(0, 900, "2026-12-01") + rows(1000, 500, "2026-12-02")
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    # Every version reads the same in Spark as in ours.
    for version in range(3):
        assert spark_rows(spark, root, version) == kernel_rows(root, version), version

    detail = spark.sql(f"DESCRIBE DETAIL delta.`{root}`").toArrow().to_pylist()[0]
    assert detail["partitionColumns"] == ["day"]
    assert dict(detail["properties"])["delta.enableChangeDataFeed"] == "true"

    # The change feed: Spark derives it from our commits exactly as we do.
    def feed(change: str, version: int, changed: list[dict]) -> list[dict]:
        return [{**r, "_change_type": change, "_commit_version": version} for r in changed]

    assert_change_feeds(
        spark, root, 0,
        feed("insert", 0, rows(0, 1000, "2026-12-01"))
        + feed("insert", 1, rows(1000, 500, "2026-12-02"))
        + feed("delete", 2, rows(0, 1000, "2026-12-01"))
        + feed("insert", 2, rows(0, 900, "2026-12-01")),
    )

    # Spark appends to our table; all three readers see its rows.
    more = pa.table({"id": pa.array([5000, 5001], pa.int64()), "day": ["2026-12-03", None]})
    spark_write(spark, root, more)
    expected += [{"id": 5000, "day": "2026-12-03"}, {"id": 5001, "day": None}]
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's append")

