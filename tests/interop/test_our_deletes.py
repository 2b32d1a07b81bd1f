"""Rows our DELETE (Table.delete) and replaceWhere over data columns remove, read back by Delta
Spark and delta-rs: copy-on-write rewrites, deletion vectors (merged over two deletes),
partition drops, and the change data feed of the deleted rows, which Spark must read exactly as
we do. Spark then deletes from our table and we read its result."""

from __future__ import annotations

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
    "properties,partitioned,delta_rs",
    [
        ({}, False, True),
        ({}, True, True),
        ({"delta.enableDeletionVectors": "true"}, False, True),
        ({"delta.enableDeletionVectors": "true"}, True, True),
        ({"delta.columnMapping.mode": "name", "delta.enableDeletionVectors": "true"}, True, True),
        ({"delta.columnMapping.mode": "id"}, False, True),
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
def test_deletes_read_by_peers(spark, tmp_path, properties, partitioned, delta_rs):
    root = tmp_path / "t"
    part_by = ["part"] if partitioned else None
    dk.write_table(str(root), data([1, 2, 3, 4], "a"), properties=properties, partition_by=part_by)
    dk.write_table(str(root), data([5, 6, 7], "b"), mode="append")
    table = dk.Table(str(root))

    r1 = table.delete("id = 2 OR id = 6")
    assert r1.num_deleted_rows == 2 and r1.commit.version == 2
    r2 = table.delete("id = 3")  # a second DV on the same file merges with the first
    assert r2.num_deleted_rows == 1
    r3 = table.delete("part = 'b' AND id > 6")
    assert r3.num_deleted_rows == 1
    expected = rows([1, 4], "a") + rows([5], "b")
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_peers_read(spark, root, expected, delta_rs=delta_rs)
    for version in range(2, 5):
        assert spark_rows(spark, root, version) == kernel_rows(root, version), version

    # replaceWhere over a data column: rows with id >= 4 replaced by 40 and 41.
    dk.write_table(str(root), data([40, 41], "a"), mode="overwrite", predicate="id >= 4")
    expected = rows([1, 40, 41], "a")
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after replaceWhere")
    assert_peers_read(spark, root, expected, delta_rs=delta_rs)

    # Spark deletes from our table; we read its result.
    spark_sql(spark, "DELETE FROM {root} WHERE id = 40", root=root)
    assert_rows_equal(kernel_rows(root), rows([1, 41], "a"), "delta_kernel after Spark's delete")


@pytest.mark.parametrize("dvs", [False, True], ids=["copy-on-write", "deletion-vectors"])
def test_delete_change_feed_matches_spark(spark, tmp_path, dvs):
    root = tmp_path / "cdf"
    props = {"delta.enableChangeDataFeed": "true"}
    if dvs:
        props["delta.enableDeletionVectors"] = "true"
    dk.write_table(str(root), data([1, 2, 3], "a"), properties=props)
    result = dk.Table(str(root)).delete("id >= 2")
    assert result.num_added_change_files == 1
    assert_peers_read(spark, root, rows([1], "a"))
    assert_change_feeds(
        spark, root, 0,
        [{**r, "_change_type": "insert", "_commit_version": 0} for r in rows([1, 2, 3], "a")]
        + [{**r, "_change_type": "delete", "_commit_version": 1} for r in rows([2, 3], "a")],
    )


def test_replace_where_change_feed_matches_spark(spark, tmp_path):
    """A replaceWhere that keeps part of a file writes change files for the commit: the
    deleted and the inserted rows, read alike by Spark."""
    root = tmp_path / "cdf-replace"
    dk.write_table(str(root), data([1, 2, 3], "a"),
                   properties={"delta.enableChangeDataFeed": "true"})
    dk.write_table(str(root), data([30], "a"), mode="overwrite", predicate="id >= 3")
    assert_peers_read(spark, root, rows([1, 2, 30], "a"))
    assert_change_feeds(
        spark, root, 1,
        [{"id": 3, "part": "a", "_change_type": "delete", "_commit_version": 1},
         {"id": 30, "part": "a", "_change_type": "insert", "_commit_version": 1}],
    )
