"""Checkpoints our kernel writes (classic, classic with statistics only as structs, and v2
with sidecars, the second one naming the first one's sidecar again), read by Delta Spark and
delta-rs from the checkpoint alone (the commits before it deleted, as log cleanup would), then
appended to by Spark."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from peers import (
    assert_rows_equal,
    delta_rs_rows,
    kernel_rows,
    sorted_rows,
    spark_rows,
    spark_write,
)


def batch(first: int, count: int, part: str) -> pa.Table:
    return pa.table({
        "id": pa.array(range(first, first + count), pa.int64()),
        "part": pa.array([part] * count),
    })


def drop_commits_before(root: Path, version: int) -> None:
    for v in range(version):
        for suffix in (".json", ".crc"):
            (root / "_delta_log" / f"{v:020d}{suffix}").unlink(missing_ok=True)


PROPERTIES = {
    "classic": {},
    "struct_stats": {"delta.checkpoint.writeStatsAsStruct": "true",
                     "delta.checkpoint.writeStatsAsJson": "false"},
    "v2": {"delta.checkpointPolicy": "v2"},
}


@pytest.mark.parametrize("policy", sorted(PROPERTIES))
def test_our_checkpoint_is_read_by_peers_then_spark_appends(spark, tmp_path, policy):
    import delta_kernel as dk

    root = tmp_path / policy
    properties = PROPERTIES[policy]
    dk.write_table(str(root), batch(0, 10, "a"), partition_by=["part"], properties=properties)
    dk.write_table(str(root), batch(10, 5, "b"), mode="append")
    dk.write_table(str(root), batch(100, 3, "a"), mode="overwrite", predicate="part = 'a'")
    table = dk.Table(str(root))
    result = table.checkpoint()
    assert result["version"] == 2
    assert result["kind"] == ("v2" if policy == "v2" else "classic")
    assert result["num_of_add_files"] == 2
    assert result["last_checkpoint_updated"]
    if policy == "v2":
        assert len(result["files"]) == 2
        assert "/_delta_log/_sidecars/" in result["files"][1]["location"]
    else:
        assert result["files"][0]["location"].endswith(
            "_delta_log/00000000000000000002.checkpoint.parquet")

    # An append, then a checkpoint on top of ours: a v2 one names our sidecar again.
    dk.write_table(str(root), batch(200, 2, "d"), mode="append")
    second = table.checkpoint()
    assert second["version"] == 3
    assert second["sidecars_reused"] == (1 if policy == "v2" else 0)

    drop_commits_before(root, 3)
    expected = sorted_rows(batch(10, 5, "b").to_pylist() + batch(100, 3, "a").to_pylist()
                           + batch(200, 2, "d").to_pylist())
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")

    more = batch(500, 2, "c")
    spark_write(spark, root, more)
    expected = sorted_rows(expected + more.to_pylist())
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's append")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark after its append")


def test_our_multi_part_checkpoint_is_read_by_peers(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "multipart"
    dk.write_table(str(root), batch(0, 10, "a"), partition_by=["part"])
    for i in range(4):
        dk.write_table(str(root), batch(10 + i, 1, "b"), mode="append")
    result = dk.Table(str(root)).checkpoint(part_size=3)  # protocol, metaData, five adds
    assert result["parts"] == 3
    drop_commits_before(root, 4)  # the checkpoint's own commit stays, as log cleanup keeps it
    expected = sorted_rows(batch(0, 10, "a").to_pylist()
                           + [r for i in range(4) for r in batch(10 + i, 1, "b").to_pylist()])
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")


@pytest.mark.parametrize("sidecars", [True], ids=["sidecars"])
def test_our_v2_json_manifest_is_read_by_peers(spark, tmp_path, sidecars):
    import delta_kernel as dk

    root = tmp_path / "json_manifest"
    dk.write_table(str(root), batch(0, 5, "a"), partition_by=["part"],
                   properties={"delta.checkpointPolicy": "v2"})
    dk.write_table(str(root), batch(5, 5, "b"), mode="append")
    result = dk.Table(str(root)).checkpoint(json_manifest=True)
    assert result["kind"] == "v2"
    assert result["files"][0]["location"].endswith(".json")
    drop_commits_before(root, 1)
    expected = sorted_rows(batch(0, 5, "a").to_pylist() + batch(5, 5, "b").to_pylist())
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")


def test_our_v2_checkpoint_reusing_untouched_sidecars_is_read_by_peers(spark, tmp_path):
    """A v2 checkpoint after a commit that removed files: the sidecar holding them is written
    again, the untouched one named again; peers read it from the checkpoint alone."""
    import delta_kernel as dk

    root = tmp_path / "partial_reuse"
    dk.write_table(str(root), batch(0, 10, "a"), partition_by=["part"],
                   properties={"delta.checkpointPolicy": "v2"})
    table = dk.Table(str(root))
    first = table.checkpoint()  # sidecar A: part a
    dk.write_table(str(root), batch(10, 5, "b"), mode="append")
    second = table.checkpoint()  # A again, sidecar B: part b
    assert second["sidecars_reused"] == 1
    dk.write_table(str(root), batch(100, 3, "b"), mode="overwrite", predicate="part = 'b'")
    third = table.checkpoint()  # A again; B touched: written again without b's old file
    assert third["version"] == 2
    assert third["sidecars_reused"] == 1
    assert third["num_of_add_files"] == 2
    assert third["num_of_tombstones"] == 1
    reused = first["files"][1]["location"]
    assert reused not in [f["location"] for f in third["files"]]

    drop_commits_before(root, 2)
    expected = sorted_rows(batch(0, 10, "a").to_pylist() + batch(100, 3, "b").to_pylist())
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")
