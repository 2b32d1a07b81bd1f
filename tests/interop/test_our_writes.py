"""Tables our writer makes, read back by Delta Spark and delta-rs: the C++ example
examples/cpp/write_table.cc (create partitioned with the change data feed, an idempotent append
run twice, a partition overwrite), then Spark appends to the table and every reader agrees."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pyarrow as pa
import pytest

from peers import (
    delta_rs_rows,
    sorted_rows,
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



# Tables our Python writer creates with one feature each, then appends to: Delta Spark (and
# delta-rs, where it reads the feature) must read exactly what we wrote, and Spark must be able
# to append to them in turn.
FEATURES = {
    "plain": ({}, True),
    "deletion_vectors": ({"delta.enableDeletionVectors": "true"}, True),
    "in_commit_timestamps": ({"delta.enableInCommitTimestamps": "true"}, True),
    "row_tracking": ({"delta.enableRowTracking": "true"}, True),
    "change_data_feed": ({"delta.enableChangeDataFeed": "true"}, True),
    "column_mapping_name": ({"delta.columnMapping.mode": "name"}, True),
    "column_mapping_id": ({"delta.columnMapping.mode": "id"}, True),
    "append_only_check": ({"delta.appendOnly": "true", "delta.constraints.pos": "id >= 0"}, True),
    "v2_checkpoint_policy": ({"delta.checkpointPolicy": "v2"}, True),
}


# Readers may give the timestamps in different zones: compare the instants (naive = UTC).
def instants(rows):
    def utc(t):
        if t is None:
            return None
        return t.astimezone(datetime.timezone.utc) if t.tzinfo else t.replace(
            tzinfo=datetime.timezone.utc)
    return sorted_rows([{**r, "ts": utc(r["ts"])} for r in rows])


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_tables_we_create_with_each_feature_are_read_and_appended_by_peers(spark, tmp_path, feature):
    import delta_kernel as dk

    properties, delta_rs_reads = FEATURES[feature]
    root = tmp_path / feature
    first = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "part": pa.array(["a b", "", None]),
        "ts": pa.array([datetime.datetime(2026, 12, 4, 1, 2, 3)] * 3, pa.timestamp("us", tz="UTC")),
    })
    dk.write_table(str(root), first, partition_by=["part"], properties=properties)
    second = pa.table({
        "id": pa.array([4], pa.int64()),
        "part": pa.array(["a b"]),
        "ts": pa.array([datetime.datetime(2026, 12, 5)], pa.timestamp("us", tz="UTC")),
    })
    dk.write_table(str(root), second, mode="append")
    # An empty partition value is null to every reader (PROTOCOL.md, "Partition Value
    # Serialization").
    expected = [{**r, "part": r["part"] or None} for r in first.to_pylist() + second.to_pylist()]
    assert instants(kernel_rows(root)) == instants(expected)
    spark_read = spark_rows(spark, root)
    assert instants(spark_read) == instants(expected)
    if delta_rs_reads:
        assert instants(delta_rs_rows(root)) == instants(expected)

    # Spark appends to our table; we read its commit.
    more = pa.table({"id": pa.array([5], pa.int64()), "part": pa.array(["z"]),
                     "ts": pa.array([None], pa.timestamp("us", tz="UTC"))})
    spark_write(spark, root, more)
    assert instants(kernel_rows(root)) == instants(expected + more.to_pylist())
