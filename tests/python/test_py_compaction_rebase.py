"""A transaction that removes a file while OPTIMIZE compacts it: on a table with row tracking it
commits (the file's rows are found by row id in the compacted file, re-added with a deletion
vector); without row tracking it is the ConcurrentDeleteDelete conflict, saying why."""

from __future__ import annotations

import pyarrow as pa
import pytest

import delta_kernel as dk


def three_files(path, properties) -> dk.Table:
    dk.write_table(path, pa.table({"id": pa.array([1, 2, 3], pa.int64())}), properties=properties)
    dk.write_table(path, pa.table({"id": pa.array([4, 5], pa.int64())}), mode="append")
    dk.write_table(path, pa.table({"id": pa.array([6], pa.int64())}), mode="append")
    return dk.Table(path)


def remove_first_file_over_optimize(table: dk.Table):
    first = next(f for f in table.snapshot().scan().plan().files if f.num_records == 3)
    txn = table.transaction()
    txn.record_read_file(first.path)
    txn.remove_file(first.path)
    assert table.optimize().commit.version == 3
    return first, txn


def test_removal_is_mapped_onto_the_compacted_file(tmp_path):
    table = three_files(str(tmp_path), {"delta.enableRowTracking": "true",
                                        "delta.enableDeletionVectors": "true"})
    _, txn = remove_first_file_over_optimize(table)
    result = txn.commit()
    assert (result.version, result.rebased_over) == (4, [3])
    scan = dk.Table(str(tmp_path)).scan(metadata_columns=["_row_id"])
    assert sorted((r["id"], r["_row_id"]) for r in scan.to_arrow().to_pylist()) == [
        (4, 3), (5, 4), (6, 5)]
    files = dk.Table(str(tmp_path)).snapshot().scan().plan().files
    assert [(f.num_records, f.deletion_vector.cardinality) for f in files] == [(6, 3)]


def test_without_row_tracking_it_is_a_conflict(tmp_path):
    table = three_files(str(tmp_path), {"delta.enableDeletionVectors": "true"})
    first, txn = remove_first_file_over_optimize(table)
    with pytest.raises(dk.ConflictError) as e:
        txn.commit()
    assert e.value.detail_kind == "ConcurrentDeleteDelete"
    assert e.value.detail_version == 3
    assert e.value.detail_subject == first.path
    assert "the table has no row tracking (delta.enableRowTracking)" in str(e.value)
