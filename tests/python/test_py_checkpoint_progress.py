"""Table.checkpoint(progress=...): the callable sees the checkpoint's progress, ending with
every action and file written; a non-callable is refused and an exception it raises comes back
once the checkpoint is written."""

from __future__ import annotations

import pyarrow as pa
import pytest

import delta_kernel as dk


def _table(tmp_path):
    root = tmp_path / "t"
    for first in (0, 3):
        dk.write_table(str(root), pa.table({"id": pa.array(range(first, first + 3), pa.int64())}),
                       mode="append")
    return root


def test_progress_reports_every_action_and_file(tmp_path):
    root = _table(tmp_path)
    seen = []
    r = dk.Table(root).checkpoint(part_size=2, progress=seen.append)
    assert r["parts"] == 2  # protocol, metaData, two adds in parts of two
    assert seen, "no progress reported"
    assert set(seen[-1]) == {"actions_written", "actions_total", "files_written"}
    assert seen[-1] == {"actions_written": 4, "actions_total": 4, "files_written": 2}
    written = [p["actions_written"] for p in seen]
    assert written == sorted(written)


def test_progress_must_be_callable_and_its_error_comes_back(tmp_path):
    root = _table(tmp_path)
    with pytest.raises(dk.exceptions.InvalidArgumentError, match="progress must be callable"):
        dk.Table(root).checkpoint(progress=3)
    assert not (root / "_delta_log" / "00000000000000000001.checkpoint.parquet").exists()

    calls = []

    def fail(p):
        calls.append(p)
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        dk.Table(root).checkpoint(progress=fail)
    assert len(calls) == 1  # no call after the first failure
    # The checkpoint itself was written whole.
    assert (root / "_delta_log" / "00000000000000000001.checkpoint.parquet").exists()
    assert sorted(r["id"] for r in dk.Table(root).scan().to_arrow().to_pylist()) == list(range(6))
