"""OPTIMIZE by this kernel, read by Delta Spark and delta-rs: a Spark table whose deletion
vectors hide rows (the rows stay deleted after we compact it), and our partitioned table
Z-ordered; both peers read exactly the rows from before, Spark sees an OPTIMIZE commit with
its metrics, and Spark can append to and OPTIMIZE the table after us."""

from __future__ import annotations

import pyarrow as pa

from peers import (
    assert_peers_read,
    assert_rows_equal,
    kernel_rows,
    spark_rows,
    spark_sql,
    spark_write,
)


def test_spark_table_with_deletion_vectors_optimized_by_us(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "dv"
    spark_sql(
        spark,
        "CREATE TABLE {root} (id BIGINT, v STRING) USING delta "
        "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')",
        root=root,
    )
    for first in (0, 10, 20):
        data = pa.table({"id": pa.array(range(first, first + 10), pa.int64()),
                         "v": [f"v{i}" for i in range(first, first + 10)]})
        spark_write(spark, root, data)
    spark_sql(spark, "DELETE FROM {root} WHERE id % 3 = 0", root=root)
    expected = [{"id": i, "v": f"v{i}"} for i in range(30) if i % 3 != 0]
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel before optimize")

    r = dk.Table(str(root)).optimize()
    assert r.files_removed >= 3 and r.files_added == 1
    assert r.deletion_vectors_removed >= 1
    assert r.rows_written == 20
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after optimize")
    # Every version before ours reads alike in Spark and in ours.
    for version in range(r.commit.version + 1):
        assert spark_rows(spark, root, version) == kernel_rows(root, version), version

    history = spark.sql(f"DESCRIBE HISTORY delta.`{root}` LIMIT 1").toArrow().to_pylist()[0]
    assert history["operation"] == "OPTIMIZE"
    metrics = dict(history["operationMetrics"])
    assert metrics["numAddedFiles"] == "1"
    assert metrics["numRemovedFiles"] == str(r.files_removed)
    assert metrics["numDeletionVectorsRemoved"] == str(r.deletion_vectors_removed)


def test_our_zordered_table_read_appended_and_optimized_by_spark(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "z"
    for f in range(4):
        data = pa.table({
            "x": pa.array([x for x in range(8 * f, 8 * f + 8) for _ in range(8)], pa.int64()),
            "y": pa.array([y for _ in range(8) for y in range(8)], pa.int64()),
            "part": ["p" if f % 2 else "q"] * 64,
        })
        dk.write_table(str(root), data, mode="append", partition_by=["part"],
                       properties={"delta.columnMapping.mode": "name"})
    expected = kernel_rows(root)
    assert len(expected) == 256

    r = dk.Table(str(root)).optimize(z_order=["x", "y"])
    assert (r.files_removed, r.partitions_optimized) == (4, 2)
    assert_peers_read(spark, root, expected, delta_rs=False)  # column mapping: Spark only
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after z-order")

    # Spark appends and optimizes after us; we read its commits.
    more = pa.table({"x": pa.array([100], pa.int64()), "y": pa.array([100], pa.int64()),
                     "part": ["q"]})
    spark_write(spark, root, more)
    spark_sql(spark, "OPTIMIZE {root}", root=root)
    expected = expected + more.to_pylist()
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's optimize")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark after its optimize")


def test_delta_rs_reads_our_optimized_partitioned_table(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "rs"
    for i in range(3):
        dk.write_table(str(root), pa.table({"id": pa.array([2 * i, 2 * i + 1], pa.int64()),
                                            "region": ["a", "b"]}),
                       mode="append", partition_by=["region"])
    expected = kernel_rows(root)
    r = dk.Table(str(root)).optimize(predicate="region = 'a'")
    assert (r.files_removed, r.files_added) == (3, 1)
    assert_peers_read(spark, root, expected)
