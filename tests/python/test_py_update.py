"""Table.update: exact rows, metrics, commits and errors through the Python package."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import delta_kernel as dk


def rows(path) -> list[tuple]:
    t = dk.Table(str(path)).scan().to_arrow()
    return sorted(zip(t.column("id").to_pylist(), t.column("v").to_pylist()))


def make(path, properties=None) -> dk.Table:
    dk.write_table(str(path), pa.table({"id": pa.array([1, 2, 3, 4], pa.int64()),
                                        "v": pa.array([10, None, 30, 40], pa.int32())}),
                   properties=properties)
    return dk.Table(str(path))


def commit_info(path, version: int) -> dict:
    text = (path / "_delta_log" / f"{version:020d}.json").read_text()
    return next(json.loads(l)["commitInfo"] for l in text.splitlines() if "commitInfo" in l)


def test_update_copy_on_write(tmp_path):
    table = make(tmp_path)
    r = table.update({"v": "COALESCE(v, 0) * 2 + id"}, "id <= 2")
    assert isinstance(r, dk.UpdateResult)
    assert (r.num_updated_rows, r.num_removed_files, r.num_added_files, r.num_copied_rows) == (
        2, 1, 2, 2)
    assert r.commit.committed and r.commit.version == 1
    assert rows(tmp_path) == [(1, 21), (2, 2), (3, 30), (4, 40)]
    info = commit_info(tmp_path, 1)
    assert info["operation"] == "UPDATE"
    assert info["operationParameters"] == {"predicate": '["id <= 2"]'}
    assert info["operationMetrics"]["numUpdatedRows"] == "2"
    assert info["operationMetrics"]["numCopiedRows"] == "2"


def test_update_with_deletion_vectors_and_every_row(tmp_path):
    table = make(tmp_path, {"delta.enableDeletionVectors": True})
    r = table.update({"id": "-id"}, "v > 20")
    assert (r.num_updated_rows, r.num_deletion_vectors_added, r.num_added_files) == (2, 1, 1)
    assert rows(tmp_path) == [(-4, 40), (-3, 30), (1, 10), (2, None)]
    everything = table.update({"v": "v % 7"})
    assert everything.num_updated_rows == 4
    assert rows(tmp_path) == [(-4, 5), (-3, 2), (1, 3), (2, None)]
    none = table.update({"v": "1"}, "id > 100")
    assert not none.commit.committed and none.num_updated_rows == 0


def test_update_errors(tmp_path):
    table = make(tmp_path)
    with pytest.raises(dk.InvalidArgumentError, match="column 'nope' not found"):
        table.update({"nope": "1"})
    with pytest.raises(dk.InvalidArgumentError, match="set must be a non-empty mapping"):
        table.update({})
    with pytest.raises(dk.InvalidArgumentError, match="operator \\* needs numeric operands"):
        table.update({"v": "'x' * 2"})
    assert dk.Table(str(tmp_path)).snapshot().version == 0
