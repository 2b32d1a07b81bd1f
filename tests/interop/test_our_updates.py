"""Rows our UPDATE (Table.update) changes, read back by Delta Spark and delta-rs: copy-on-write
rewrites, deletion vectors (merged over two updates), partition columns moved, and the change
data feed of the updated rows, which must equal Spark's feed for the same statement run on a
copy of the table. Spark then updates our table and we read its result."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pytest

import delta_kernel as dk
from peers import (
    assert_change_feeds,
    assert_peers_read,
    assert_rows_equal,
    kernel_rows,
    spark_rows,
    spark_sql,
)


def data(ids: list[int], part: str) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "part": [part] * len(ids)})


def rows(ids: list[int], part: str) -> list[dict]:
    return [{"id": i, "part": part} for i in ids]


@pytest.mark.parametrize(
    "properties,partitioned",
    [
        ({}, False),
        ({}, True),
        ({"delta.enableDeletionVectors": "true"}, False),
        ({"delta.enableDeletionVectors": "true"}, True),
        ({"delta.columnMapping.mode": "name", "delta.enableDeletionVectors": "true"}, True),
        ({"delta.columnMapping.mode": "id"}, False),
    ],
    ids=[
        "copy-on-write",
        "copy-on-write-partitioned",
        "deletion-vectors",
        "dv-partitioned",
        "mapping-name-dv-partitioned",
        "mapping-id-copy-on-write",
    ],
)
def test_updates_read_by_peers(spark, tmp_path, properties, partitioned):
    root = tmp_path / "t"
    part_by = ["part"] if partitioned else None
    dk.write_table(str(root), data([1, 2, 3, 4], "a"), properties=properties, partition_by=part_by)
    dk.write_table(str(root), data([5, 6, 7], "b"), mode="append")
    table = dk.Table(str(root))

    r1 = table.update({"id": "id * 10"}, "id = 2 OR id = 6")
    assert (r1.num_updated_rows, r1.commit.version) == (2, 2)
    r2 = table.update({"id": "id + 100"}, "id = 3")  # a second DV on the same file merges
    assert r2.num_updated_rows == 1
    r3 = table.update({"part": "'a'"}, "part = 'b' AND id > 6")  # moves partition
    assert r3.num_updated_rows == 2
    expected = rows([1, 20, 103, 4, 60, 7], "a") + rows([5], "b")
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_peers_read(spark, root, expected)
    for version in range(2, 5):
        assert spark_rows(spark, root, version) == kernel_rows(root, version), version

    # Spark updates our table; we read its result.
    spark_sql(spark, "UPDATE {root} SET id = id - 1 WHERE id = 60", root=root)
    expected = rows([1, 20, 103, 4, 59, 7], "a") + rows([5], "b")
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's update")


@pytest.mark.parametrize("dvs", [False, True], ids=["copy-on-write", "deletion-vectors"])
def test_update_change_feed_matches_spark(spark, tmp_path, dvs):
    props = {"delta.enableChangeDataFeed": "true"}
    if dvs:
        props["delta.enableDeletionVectors"] = "true"
    ours = tmp_path / "ours"
    dk.write_table(str(ours), data([1, 2, 3], "a"), properties=props)
    theirs = tmp_path / "theirs"
    shutil.copytree(ours, theirs)

    result = dk.Table(str(ours)).update({"id": "id * 10 + 1", "part": "'b'"}, "id >= 2")
    assert (result.num_updated_rows, result.num_added_change_files) == (2, 1)
    spark_sql(spark, "UPDATE {t} SET id = id * 10 + 1, part = 'b' WHERE id >= 2", t=theirs)

    expected_rows = rows([1], "a") + rows([21, 31], "b")
    assert_peers_read(spark, ours, expected_rows)
    feed = (
        [{**r, "_change_type": "insert", "_commit_version": 0} for r in rows([1, 2, 3], "a")]
        + [{**r, "_change_type": "update_preimage", "_commit_version": 1}
           for r in rows([2, 3], "a")]
        + [{**r, "_change_type": "update_postimage", "_commit_version": 1}
           for r in rows([21, 31], "b")]
    )
    assert_change_feeds(spark, ours, 0, feed)
    assert_change_feeds(spark, theirs, 0, feed)
