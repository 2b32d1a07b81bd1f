"""commitInfo.tags through the Python package: Table.delete, update, merge and optimize of a
table with row tracking enabled tag delta.rowTracking.preserved "true"; appends do not, nor
does anything on a table without row tracking."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import delta_kernel as dk


def data(ids: list[int]) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "v": [f"v{i}" for i in ids]})


def tags(path, version: int) -> dict:
    text = (path / "_delta_log" / f"{version:020d}.json").read_text()
    info = next(json.loads(l)["commitInfo"] for l in text.splitlines() if "commitInfo" in l)
    return info.get("tags", {})


@pytest.mark.parametrize("tracked", [True, False], ids=["row-tracking", "none"])
def test_rewrites_tag_row_tracking_preserved(tmp_path, tracked):
    props = {"delta.enableDeletionVectors": "true"}
    if tracked:
        props["delta.enableRowTracking"] = "true"
    dk.write_table(str(tmp_path), data([1, 2, 3, 4]), properties=props)
    dk.write_table(str(tmp_path), data([5]), mode="append")
    table = dk.Table(str(tmp_path))
    assert table.delete("id = 2").commit.version == 2
    assert table.update({"v": "'u'"}, "id = 3").commit.version == 3
    merged = (table.merge(data([4, 9]), on="target.id = source.id")
              .when_matched_update_all().when_not_matched_insert_all().execute())
    assert merged.commit.version == 4
    assert table.optimize().commit.version == 5
    expected = {"delta.rowTracking.preserved": "true"} if tracked else {}
    assert [tags(tmp_path, v) for v in range(6)] == [{}, {}] + [expected] * 4
