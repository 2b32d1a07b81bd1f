"""OPTIMIZE of a clustered table (Delta Spark's CREATE TABLE ... CLUSTER BY) by this kernel:
the files Spark appended are rewritten sorted by the clustering column and marked
clusteringProvider "liquid"; Delta Spark and delta-rs read exactly the rows from before, Spark
sees an OPTIMIZE commit clustered by the table's column, and Spark appends to and clusters the
table after us."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from peers import (
    assert_peers_read,
    assert_rows_equal,
    kernel_rows,
    spark_rows,
    spark_sql,
    spark_write,
)


def _adds(root) -> list[dict]:
    """The add actions of the newest commit."""
    newest = sorted((root / "_delta_log").glob("*.json"))[-1]
    lines = [json.loads(line) for line in newest.read_text().splitlines() if line]
    return [a["add"] for a in lines if "add" in a]


def test_spark_clustered_table_optimized_by_us(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "clustered"
    spark_sql(spark, "CREATE TABLE {root} (id BIGINT, k STRING) USING delta CLUSTER BY (id)",
              root=root)
    # Each append spans the whole id range: no file can be skipped for an id range.
    for f in range(4):
        ids = list(range(f, 400, 4))
        spark_write(spark, root, pa.table({"id": pa.array(ids, pa.int64()),
                                           "k": [f"k{i % 7}" for i in ids]}))
    expected = kernel_rows(root)
    assert len(expected) == 400

    with pytest.raises(dk.exceptions.InvalidArgumentError, match="clustered by"):
        dk.Table(str(root)).optimize(z_order=["k"])

    total = sum(dk.Table(str(root)).files().column("size").to_pylist())
    r = dk.Table(str(root)).optimize(target_size=total // 8)
    assert r.files_removed == 8 and r.files_added >= 2  # Spark wrote two files per append
    assert r.rows_written == 400
    adds = _adds(root)
    assert [a["clusteringProvider"] for a in adds] == ["liquid"] * r.files_added
    assert all(a["dataChange"] is False for a in adds)
    # Sorted by id: the files' id ranges do not overlap.
    ranges = sorted((json.loads(a["stats"])["minValues"]["id"],
                     json.loads(a["stats"])["maxValues"]["id"]) for a in adds)
    assert all(ranges[i][1] < ranges[i + 1][0] for i in range(len(ranges) - 1)), ranges

    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after clustering")
    history = spark.sql(f"DESCRIBE HISTORY delta.`{root}` LIMIT 1").toArrow().to_pylist()[0]
    assert history["operation"] == "OPTIMIZE"
    assert dict(history["operationParameters"])["clusterBy"] == '["id"]'

    # Spark appends and clusters after us; we read its commits.
    more = pa.table({"id": pa.array([1000, -1], pa.int64()), "k": ["x", "y"]})
    spark_write(spark, root, more)
    spark_sql(spark, "OPTIMIZE {root}", root=root)
    expected = expected + more.to_pylist()
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's optimize")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark after its optimize")

