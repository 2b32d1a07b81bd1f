"""Our restore and vacuum, checked against Delta Spark and delta-rs: after our RESTORE commit
every peer reads every version as we do and Spark's history shows our metrics; our vacuum
chooses exactly the files Spark's VACUUM ... DRY RUN chooses, and after it deletes them the
peers still read the latest version as we do. One expected failure records a writer issue
Spark's own VACUUM exposes on partitioned tables."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pytest

from peers import assert_peers_read, assert_rows_equal, kernel_rows, spark_rows

EIGHT_DAYS = 8 * 86400


def batch(ids: list[int], parts: list[str]) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "part": pa.array(parts)})


def relative(root: Path, location: str) -> str:
    """A file's path under `root`, decoded, from our URI or Spark's path."""
    text = unquote(location)
    marker = str(root.resolve()) + "/"
    assert marker in text, (marker, location)
    return text.split(marker, 1)[1]


def age_data_files(root: Path) -> None:
    then = time.time() - EIGHT_DAYS
    for f in root.rglob("*"):
        if f.is_file() and "_delta_log" not in f.parts:
            os.utime(f, (then, then))


def spark_vacuum_dry_run(spark, root: Path) -> set[str]:
    rows = spark.sql(f"VACUUM delta.`{root}` RETAIN 0 HOURS DRY RUN").collect()
    return {relative(root, r[0]) for r in rows}


def test_restore_then_vacuum_read_alike_by_peers(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "t"
    dk.write_table(str(root), batch([1, 2, 3], ["a", "a", "b"]))
    dk.write_table(str(root), batch([4], ["b"]), mode="append")
    dk.write_table(str(root), batch([10, 11], ["a", "c"]), mode="overwrite")
    table = dk.Table(str(root))
    restored = table.restore(1)
    assert restored.commit.version == 3
    expected = batch([1, 2, 3, 4], ["a", "a", "b", "b"]).to_pylist()
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after restore")
    assert_peers_read(spark, root, expected)
    for version in range(4):
        assert spark_rows(spark, root, version) == kernel_rows(root, version), version

    last = spark.sql(f"DESCRIBE HISTORY delta.`{root}` LIMIT 1").collect()[0].asDict()
    assert last["version"] == 3
    assert last["operation"] == "RESTORE"
    assert last["operationParameters"] == {"version": "1"}
    metrics = last["operationMetrics"]
    assert metrics["numRestoredFiles"] == str(restored.num_restored_files)
    assert metrics["numRemovedFiles"] == str(restored.num_removed_files)
    assert metrics["tableSizeAfterRestore"] == str(restored.table_size_after)

    # An unreferenced file, and everything old enough for any retention.
    (root / "orphan.parquet").write_bytes(b"not parquet")
    age_data_files(root)
    spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false")
    try:
        spark_would_delete = spark_vacuum_dry_run(spark, root)
        ours = table.vacuum(retention_hours=0, dry_run=True, enforce_retention=False)
        assert {relative(root, f) for f in ours.files} == spark_would_delete
        # The orphan and the overwrite's file (removed by the restore).
        assert "orphan.parquet" in spark_would_delete
        assert len(spark_would_delete) == 2

        done = table.vacuum(retention_hours=0, dry_run=False, enforce_retention=False)
        assert {relative(root, f) for f in done.files} == spark_would_delete
        assert spark_vacuum_dry_run(spark, root) == set()
    finally:
        spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "true")

    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after vacuum")
    assert_peers_read(spark, root, expected)
    history = spark.sql(f"DESCRIBE HISTORY delta.`{root}` LIMIT 2").collect()
    assert [h["operation"] for h in history] == ["VACUUM END", "VACUUM START"]


def test_spark_vacuum_keeps_the_live_files_of_partitioned_tables_we_write(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "p"
    dk.write_table(str(root), batch([1, 2], ["a", "b"]), partition_by=["part"])
    age_data_files(root)
    spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false")
    try:
        assert spark_vacuum_dry_run(spark, root) == set()
    finally:
        spark.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "true")
    # Ours agrees with itself: nothing to delete.
    assert dk.Table(str(root)).vacuum(0, True, False).files == []
