"""Row tracking kept by our rewrites: on a table we create with delta.enableRowTracking, our
copy-on-write DELETE, UPDATE, MERGE and OPTIMIZE keep each row's stable row id (and the row
commit version of rows they only copy). Delta Spark reads the same ``_metadata.row_id`` /
``_metadata.row_commit_version`` as we do, before and after; delta-rs reads the rows; and a
Spark UPDATE on our rewritten table keeps the ids too."""

from __future__ import annotations

import pyarrow as pa
import pytest

import delta_kernel as dk
from peers import assert_peers_read, assert_rows_equal, sorted_rows, spark_sql

TRACKED = {"delta.enableRowTracking": "true"}


def data(ids: list[int], part: str) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "part": [part] * len(ids)})


def spark_ids(spark, root) -> dict[int, tuple[int, int]]:
    """id -> (row id, row commit version) as Delta Spark reads them."""
    rows = spark.sql(
        f"SELECT id, _metadata.row_id AS r, _metadata.row_commit_version AS v "
        f"FROM delta.`{root}`").collect()
    return {row["id"]: (row["r"], row["v"]) for row in rows}


def our_ids(root) -> dict[int, tuple[int, int]]:
    scan = dk.Table(str(root)).scan(metadata_columns=["_row_id", "_row_commit_version"])
    return {r["id"]: (r["_row_id"], r["_row_commit_version"])
            for r in scan.to_arrow().to_pylist()}


def assert_same_ids(spark, root) -> dict[int, tuple[int, int]]:
    ours, theirs = our_ids(root), spark_ids(spark, root)
    assert ours == theirs, f"row ids: ours {ours}, Spark's {theirs}"
    assert len({r for r, _ in ours.values()}) == len(ours), f"duplicate row ids: {ours}"
    return ours


@pytest.mark.parametrize(
    "properties,partitioned",
    [
        ({}, False),
        ({}, True),
        ({"delta.enableDeletionVectors": "true"}, False),
        ({"delta.columnMapping.mode": "name"}, True),
        ({"delta.columnMapping.mode": "id"}, False),
    ],
    ids=["copy-on-write", "copy-on-write-partitioned", "deletion-vectors", "mapping-name",
         "mapping-id"],
)
def test_rewrites_keep_row_ids_as_spark_reads_them(spark, tmp_path, properties, partitioned):
    root = tmp_path / "t"
    dk.write_table(str(root), data([1, 2, 3, 4], "a"), properties={**TRACKED, **properties},
                   partition_by=["part"] if partitioned else None)
    dk.write_table(str(root), data([5, 6], "b"), mode="append")
    table = dk.Table(str(root))
    before = assert_same_ids(spark, root)
    assert before == {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (3, 0), 5: (4, 1), 6: (5, 1)}

    assert table.delete("id = 2").commit.version == 2
    assert table.update({"part": "'a'"}, "id = 5").commit.version == 3
    r = (table.merge(data([4, 9], "m"), on="target.id = source.id")
         .when_matched_update(set={"part": "source.part"})
         .when_not_matched_insert_all()
         .execute())
    assert r.commit.version == 4
    assert table.optimize().commit.version == 5
    after = assert_same_ids(spark, root)
    # Untouched and copied rows keep id and version; updated rows keep their id and take the
    # version of the commit that changed them; the inserted row has an id no other row had.
    assert {k: after[k] for k in (1, 3, 6)} == {k: before[k] for k in (1, 3, 6)}
    assert after[5] == (before[5][0], 3)
    assert after[4] == (before[4][0], 4)
    assert after[9][0] not in {r for r, _ in before.values()} and after[9][1] == 4
    expected = [{"id": 1, "part": "a"}, {"id": 3, "part": "a"}, {"id": 4, "part": "m"},
                {"id": 5, "part": "a"}, {"id": 6, "part": "b"}, {"id": 9, "part": "m"}]
    assert_peers_read(spark, root, expected)

    # Spark updates our rewritten table: its ids survive there too, and we read them.
    spark_sql(spark, "UPDATE {root} SET part = 's' WHERE id = 3", root=root)
    final = assert_same_ids(spark, root)
    assert final[3] == (before[3][0], 6)  # OPTIMIZE was version 5
    assert {k: final[k] for k in (1, 4, 5, 6, 9)} == {k: after[k] for k in (1, 4, 5, 6, 9)}
    assert_rows_equal(sorted_rows(dk.Table(str(root)).scan().to_arrow()),
                      [{**row, "part": "s"} if row["id"] == 3 else row for row in expected],
                      "delta_kernel after Spark's update")
