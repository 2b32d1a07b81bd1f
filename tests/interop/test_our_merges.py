"""Our MERGE (Table.merge) read back by Delta Spark and delta-rs, with deletion vectors and
copy-on-write, partitioned and not; its change data feed equal to the one Spark writes for the
same statement on a copy of the same table; and a Spark MERGE on our table read by us."""

from __future__ import annotations

import shutil

import pyarrow as pa
import pytest

import delta_kernel as dk
from peers import assert_change_feeds, assert_peers_read, assert_rows_equal, kernel_rows, spark_sql


def data(ids: list[int], parts: list[str]) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "part": parts})


def rows(pairs: list[tuple[int, str]]) -> list[dict]:
    return [{"id": i, "part": p} for i, p in pairs]


def source_view(spark, name: str, table: pa.Table) -> None:
    """``table`` (id, part) as a Spark temporary view, through SQL VALUES."""
    values = ", ".join(f"({i}L, '{p}')" for i, p in zip(table.column("id").to_pylist(),
                                                       table.column("part").to_pylist()))
    spark_sql(spark, f"CREATE OR REPLACE TEMP VIEW {name} AS "
              f"SELECT * FROM VALUES {values} AS v(id, part)")


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
def test_merges_read_by_peers(spark, tmp_path, properties, partitioned):
    root = tmp_path / "t"
    part_by = ["part"] if partitioned else None
    dk.write_table(str(root), data([1, 2, 3, 4], ["a"] * 4), properties=properties,
                   partition_by=part_by)
    dk.write_table(str(root), data([5, 6], ["b", "b"]), mode="append")
    table = dk.Table(str(root))

    r = (table.merge(data([2, 3, 7], ["x", "del", "c"]), on="target.id = source.id")
         .when_matched_delete(condition="source.part = 'del'")
         .when_matched_update_all()
         .when_not_matched_insert_all()
         .execute())
    assert (r.num_target_rows_updated, r.num_target_rows_deleted, r.num_target_rows_inserted) == (
        1, 1, 1)
    expected = rows([(1, "a"), (2, "x"), (4, "a"), (5, "b"), (6, "b"), (7, "c")])
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_peers_read(spark, root, expected)

    r = (table.merge(data([1], ["a"]), on="target.id = source.id")
         .when_not_matched_by_source_delete(condition="target.id > 5")
         .execute())
    assert r.num_target_rows_deleted == 2
    expected = rows([(1, "a"), (2, "x"), (4, "a"), (5, "b")])
    assert_peers_read(spark, root, expected)

    # Spark merges into our table; we read its result.
    source_view(spark, "spark_src", data([4, 8], ["s", "s"]))
    spark_sql(spark, "MERGE INTO {root} AS t USING spark_src AS s ON t.id = s.id "
              "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *", root=root)
    assert_rows_equal(kernel_rows(root),
                      rows([(1, "a"), (2, "x"), (4, "s"), (5, "b"), (8, "s")]),
                      "delta_kernel after Spark's merge")


@pytest.mark.parametrize("dvs", [False, True], ids=["copy-on-write", "deletion-vectors"])
def test_merge_change_feed_matches_spark(spark, tmp_path, dvs):
    props = {"delta.enableChangeDataFeed": "true"}
    if dvs:
        props["delta.enableDeletionVectors"] = "true"
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    dk.write_table(str(ours), data([1, 2, 3, 4], ["a"] * 4), properties=props)
    shutil.copytree(ours, theirs)
    src = data([1, 2, 9], ["del", "upd", "new"])

    (dk.Table(str(ours)).merge(src, on="target.id = source.id")
     .when_matched_delete(condition="source.part = 'del'")
     .when_matched_update(set={"part": "source.part"})
     .when_not_matched_insert_all()
     .when_not_matched_by_source_update(set={"part": "'gone'"}, condition="target.id = 4")
     .execute())
    source_view(spark, "cdf_src", src)
    spark_sql(spark, "MERGE INTO {theirs} AS target USING cdf_src AS source "
              "ON target.id = source.id "
              "WHEN MATCHED AND source.part = 'del' THEN DELETE "
              "WHEN MATCHED THEN UPDATE SET part = source.part "
              "WHEN NOT MATCHED THEN INSERT * "
              "WHEN NOT MATCHED BY SOURCE AND target.id = 4 THEN UPDATE SET part = 'gone'",
              theirs=theirs)
    expected = [
        {"id": 1, "part": "a", "_change_type": "delete", "_commit_version": 1},
        {"id": 2, "part": "a", "_change_type": "update_preimage", "_commit_version": 1},
        {"id": 2, "part": "upd", "_change_type": "update_postimage", "_commit_version": 1},
        {"id": 4, "part": "a", "_change_type": "update_preimage", "_commit_version": 1},
        {"id": 4, "part": "gone", "_change_type": "update_postimage", "_commit_version": 1},
        {"id": 9, "part": "new", "_change_type": "insert", "_commit_version": 1},
    ]
    assert_change_feeds(spark, theirs, 1, expected)
    assert_change_feeds(spark, ours, 1, expected)
    final = rows([(2, "upd"), (3, "a"), (4, "gone"), (9, "new")])
    assert_peers_read(spark, ours, final)
    assert_rows_equal(kernel_rows(theirs), final, "delta_kernel reading Spark's merge")
