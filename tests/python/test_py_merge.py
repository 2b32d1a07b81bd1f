"""Table.merge: the deltalake-style clause builder, exact rows, metrics and commits through the
Python package."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import delta_kernel as dk


def rows(path) -> list[tuple]:
    t = dk.Table(str(path)).scan().to_arrow()
    return sorted(zip(t.column("id").to_pylist(), t.column("v").to_pylist()))


def make(path, properties=None) -> dk.Table:
    dk.write_table(str(path), pa.table({"id": pa.array([1, 2, 3], pa.int64()),
                                        "v": ["a", "b", "c"]}), properties=properties)
    return dk.Table(str(path))


def source(ids, vs) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "v": vs})


def commit_info(path, version: int) -> dict:
    text = (path / "_delta_log" / f"{version:020d}.json").read_text()
    return next(json.loads(l)["commitInfo"] for l in text.splitlines() if "commitInfo" in l)


def test_upsert(tmp_path):
    table = make(tmp_path)
    r = (table.merge(source([2, 4], ["B", "D"]), on="target.id = source.id")
         .when_matched_update_all()
         .when_not_matched_insert_all()
         .execute())
    assert isinstance(r, dk.MergeResult)
    assert (r.num_source_rows, r.num_target_rows_inserted, r.num_target_rows_updated,
            r.num_target_rows_deleted, r.num_target_rows_copied) == (2, 1, 1, 0, 2)
    assert r.commit.committed and r.commit.version == 1
    assert rows(tmp_path) == [(1, "a"), (2, "B"), (3, "c"), (4, "D")]
    info = commit_info(tmp_path, 1)
    assert info["operation"] == "MERGE"
    assert info["operationParameters"] == {
        "predicate": '["target.id = source.id"]',
        "matchedPredicates": '[{"actionType":"update"}]',
        "notMatchedPredicates": '[{"actionType":"insert"}]',
        "notMatchedBySourcePredicates": "[]",
    }
    assert info["operationMetrics"]["numTargetRowsInserted"] == "1"


def test_conditions_deletes_and_not_matched_by_source(tmp_path):
    table = make(tmp_path, {"delta.enableDeletionVectors": True})
    r = (table.merge(source([1, 2, 5], ["x", "y", "z"]), on="t.id = s.id",
                     source_alias="s", target_alias="t")
         .when_matched_delete(condition="s.v = 'x'")
         .when_matched_update(set={"v": "'upd'"})
         .when_not_matched_insert(values={"id": "s.id"})
         .when_not_matched_by_source_update(updates={"v": "'orphan'"})
         .execute())
    assert (r.num_target_rows_matched_deleted, r.num_target_rows_matched_updated,
            r.num_target_rows_inserted, r.num_target_rows_not_matched_by_source_updated) == (
        1, 1, 1, 1)
    assert r.num_target_deletion_vectors_added == 0  # every row of the one file changed
    assert rows(tmp_path) == [(2, "upd"), (3, "orphan"), (5, None)]


def test_duplicate_source_rows_raise_and_write_nothing(tmp_path):
    table = make(tmp_path)
    merger = table.merge(source([2, 2], ["p", "q"]), on="target.id = source.id")
    with pytest.raises(dk.InvalidArgumentError, match="multiple source rows matched"):
        merger.when_matched_update_all().execute()
    assert dk.Table(str(tmp_path)).version == 0
    assert rows(tmp_path) == [(1, "a"), (2, "b"), (3, "c")]


def test_bad_arguments(tmp_path):
    table = make(tmp_path)
    with pytest.raises(dk.InvalidArgumentError):
        table.merge(source([1], ["x"]), on="")
    with pytest.raises(dk.InvalidArgumentError):
        table.merge(source([1], ["x"]), on="target.id = source.id").when_matched_update(set={})
    merger = table.merge(source([1], ["x"]), on="target.id = source.id").when_matched_delete()
    merger.execute()
    with pytest.raises(dk.InvalidArgumentError, match="executed already"):
        merger.execute()
