"""Table.delete and write_table(mode="overwrite", predicate=...) over data columns: exact rows,
metrics and commits through the Python package."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import delta_kernel as dk


def ids(path) -> list[int]:
    return sorted(dk.Table(str(path)).scan(columns=["id"]).to_arrow().column("id").to_pylist())


def make(path, properties=None) -> dk.Table:
    dk.write_table(str(path), pa.table({"id": pa.array([1, 2, 3, 4], pa.int64())}),
                   properties=properties)
    dk.write_table(str(path), pa.table({"id": pa.array([5, 6], pa.int64())}), mode="append")
    return dk.Table(str(path))


def last_commit_info(path, version: int) -> dict:
    text = (path / "_delta_log" / f"{version:020d}.json").read_text()
    return next(json.loads(l)["commitInfo"] for l in text.splitlines() if "commitInfo" in l)


def test_delete_rewrites_partly_matching_files(tmp_path):
    table = make(tmp_path)
    r = table.delete("id > 1 AND id < 5")
    assert isinstance(r, dk.DeleteResult)
    assert (r.num_deleted_rows, r.num_removed_files, r.num_added_files, r.num_copied_rows) == (
        3, 1, 1, 1)
    assert r.num_deletion_vectors_added == 0
    assert r.commit.committed and r.commit.version == 2
    assert ids(tmp_path) == [1, 5, 6]
    info = last_commit_info(tmp_path, 2)
    assert info["operation"] == "DELETE"
    assert info["operationParameters"] == {"predicate": '["id > 1 AND id < 5"]'}
    assert info["operationMetrics"]["numDeletedRows"] == "3"


def test_delete_with_deletion_vectors(tmp_path):
    table = make(tmp_path, {"delta.enableDeletionVectors": True})
    r = table.delete("id = 2")
    assert (r.num_deleted_rows, r.num_deletion_vectors_added, r.num_added_files) == (1, 1, 0)
    assert ids(tmp_path) == [1, 3, 4, 5, 6]
    files = dk.Table(str(tmp_path)).snapshot().scan().plan().files
    dvs = [f.deletion_vector for f in files if f.deletion_vector is not None]
    assert len(dvs) == 1 and dvs[0].cardinality == 1


def dv_storage(path) -> list[str]:
    files = dk.Table(str(path)).snapshot().scan().plan().files
    return sorted(f.deletion_vector.storage_type for f in files if f.deletion_vector is not None)


def dv_files(path) -> int:
    return len(list(path.rglob("deletion_vector_*.bin")))


def test_small_deletion_vectors_are_inline_unless_asked_for_files(tmp_path):
    table = make(tmp_path, {"delta.enableDeletionVectors": True})
    table.delete("id = 2")  # a 1-row DV: 34 bytes, inline
    assert (dv_storage(tmp_path), dv_files(tmp_path)) == (["i"], 0)
    table.delete("id = 3", max_inline_dv_bytes=0)  # united with the inline one, in a file
    assert (dv_storage(tmp_path), dv_files(tmp_path)) == (["u"], 1)
    assert ids(tmp_path) == [1, 4, 5, 6]
    table.update({"id": "id + 10"}, "id = 5", max_inline_dv_bytes=0)
    assert (dv_storage(tmp_path), dv_files(tmp_path)) == (["u", "u"], 2)
    source = pa.table({"id": pa.array([4], pa.int64())})
    table.merge(source, "target.id = source.id").when_matched_delete().execute(
        row_level_concurrency=False)  # the first file's DV, now 3 rows, is inline again
    assert dv_storage(tmp_path) == ["i", "u"]
    assert ids(tmp_path) == [1, 6, 15]


def test_transaction_knobs_are_checked(tmp_path):
    table = make(tmp_path, {"delta.enableDeletionVectors": True})
    with pytest.raises(TypeError, match="row_level_concurrency must be a bool"):
        table.delete("id = 1", row_level_concurrency=1)  # type: ignore[arg-type]
    with pytest.raises(dk.InvalidArgumentError, match="max_inline_dv_bytes must be an integer"):
        table.update({"id": "id"}, "id = 1", max_inline_dv_bytes=-1)
    assert ids(tmp_path) == [1, 2, 3, 4, 5, 6]


def test_delete_nothing_and_everything(tmp_path):
    table = make(tmp_path)
    none = table.delete("id > 100")
    assert not none.commit.committed and none.commit.version == 1 and none.num_deleted_rows == 0
    everything = table.delete()
    assert everything.num_deleted_rows == 6 and everything.num_removed_files == 2
    assert ids(tmp_path) == []


def test_delete_errors(tmp_path):
    table = make(tmp_path)
    with pytest.raises(dk.InvalidArgumentError, match="nope"):
        table.delete("nope = 1")
    with pytest.raises(dk.InvalidArgumentError):
        table.delete("id = = 1")
    with pytest.raises(TypeError):
        table.delete(42)  # type: ignore[arg-type]
    with pytest.raises(dk.InvalidArgumentError, match="app_id and app_version"):
        table.delete("id = 1", app_id="job")
    assert ids(tmp_path) == [1, 2, 3, 4, 5, 6]


def test_delete_is_idempotent_with_an_app_transaction(tmp_path):
    table = make(tmp_path)
    first = table.delete("id = 1", app_id="job", app_version=7)
    assert first.commit.committed
    again = table.delete("id = 2", app_id="job", app_version=7)
    assert not again.commit.committed
    assert ids(tmp_path) == [2, 3, 4, 5, 6]


def test_replace_where_over_a_data_column(tmp_path):
    make(tmp_path)
    dk.write_table(str(tmp_path), pa.table({"id": pa.array([30, 40], pa.int64())}),
                   mode="overwrite", predicate="id >= 3")
    assert ids(tmp_path) == [1, 2, 30, 40]
    with pytest.raises(dk.InvalidArgumentError, match="replaceWhere"):
        dk.write_table(str(tmp_path), pa.table({"id": pa.array([0], pa.int64())}),
                       mode="overwrite", predicate="id >= 3")
    assert ids(tmp_path) == [1, 2, 30, 40]
