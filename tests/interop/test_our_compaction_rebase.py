"""A delete that loses the race to a compaction, read back by the peers: on a table with row
tracking and deletion vectors, our transaction removes a file (all its rows deleted) while our
OPTIMIZE compacts that file with the others; the delete commits anyway (its rows are found by
row id in the compacted file, which it re-adds with a deletion vector), and Delta Spark and
delta-rs read exactly the rows left, with Spark seeing the row ids the rows had before."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

import delta_kernel as dk
from peers import assert_peers_read

PROPERTIES = {"delta.enableRowTracking": "true", "delta.enableDeletionVectors": "true"}


def spark_ids(spark, root) -> dict[int, int]:
    rows = spark.sql(f"SELECT id, _metadata.row_id AS r FROM delta.`{root}`").collect()
    return {row["id"]: row["r"] for row in rows}


def test_delete_over_a_compaction_read_by_peers(spark, tmp_path: Path):
    root = tmp_path / "t"
    dk.write_table(str(root), pa.table({"id": pa.array([1, 2, 3], pa.int64())}),
                   properties=PROPERTIES)
    dk.write_table(str(root), pa.table({"id": pa.array([4, 5], pa.int64())}), mode="append")
    dk.write_table(str(root), pa.table({"id": pa.array([6], pa.int64())}), mode="append")
    table = dk.Table(str(root))
    first = next(f for f in table.snapshot().scan().plan().files if f.num_records == 3)

    txn = table.transaction()
    txn.record_read_file(first.path)
    txn.remove_file(first.path)
    txn.set_operation("DELETE", {"predicate": "id <= 3"})
    assert table.optimize().commit.version == 3
    result = txn.commit()
    assert result.version == 4 and result.rebased_over == [3]

    files = dk.Table(str(root)).snapshot().scan().plan().files
    assert len(files) == 1 and files[0].deletion_vector.cardinality == 3
    assert_peers_read(spark, root, [{"id": i} for i in (4, 5, 6)])
    assert spark_ids(spark, root) == {4: 3, 5: 4, 6: 5}
