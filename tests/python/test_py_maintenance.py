"""Table.vacuum and Table.restore: what they delete, list and commit, with exact values, and
their refusals (a short retention, a missing file, bad arguments)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk

DAY = 24 * 3600


def rows(path: Path) -> list[int]:
    return sorted(dk.Table(path).scan().to_arrow().column("id").to_pylist())


def age(path: Path, days: float) -> None:
    """Sets the modification time of every data file under `path` to `days` ago."""
    then = time.time() - days * DAY
    for f in path.rglob("*.parquet"):
        if "_delta_log" not in f.parts:
            os.utime(f, (then, then))


@pytest.fixture
def table_path(tmp_path: Path) -> Path:
    """Version 0 writes ids 1, 2; version 1 overwrites them with 3."""
    path = tmp_path / "t"
    dk.write_table(path, pa.table({"id": pa.array([1, 2], pa.int64())}), mode="append")
    dk.write_table(path, pa.table({"id": pa.array([3], pa.int64())}), mode="overwrite")
    return path


def test_vacuum_dry_run_by_default_then_deletes(table_path: Path) -> None:
    orphan = table_path / "orphan.parquet"
    orphan.write_bytes(b"12345")
    age(table_path, 8)
    table = dk.Table(table_path)

    listed = table.vacuum()
    assert listed.dry_run is True
    # The overwritten file was removed just now (its tombstone is young): only the orphan.
    assert listed.files == [orphan.resolve().as_uri()]
    assert listed.bytes == 5
    assert listed.snapshot_version == 1
    assert listed.retention == dt.timedelta(days=7)
    assert orphan.exists()

    with pytest.raises(dk.InvalidArgumentError, match="shorter than the table's"):
        table.vacuum(retention_hours=1, dry_run=False)

    done = table.vacuum(retention_hours=0, dry_run=False, enforce_retention=False)
    assert done.dry_run is False
    assert len(done.files) == 2  # the orphan and the overwritten file
    assert not orphan.exists()
    assert rows(table_path) == [3]
    # Recorded in the history as Delta Spark does on local tables; the dry run was not.
    assert (done.start_version, done.end_version) == (2, 3)
    assert listed.start_version is None
    history = table.history(2)
    assert [e.commit_info["operation"] for e in history] == ["VACUUM END", "VACUUM START"]
    assert history[0].commit_info["operationParameters"] == {"status": "COMPLETED"}
    # Time travel to version 0 now finds its file gone: that is what a retention of 0 costs.
    assert table.vacuum(retention_hours=0, dry_run=False, enforce_retention=False).files == []


def test_vacuum_lite_sees_only_removed_files(table_path: Path) -> None:
    orphan = table_path / "orphan.parquet"
    orphan.write_bytes(b"x")
    age(table_path, 8)
    r = dk.Table(table_path).vacuum(0, False, False, lite=True)
    assert len(r.files) == 1
    assert orphan.exists()


def test_restore_to_version_and_timestamp(table_path: Path) -> None:
    table = dk.Table(table_path)
    assert table.version == 1
    r = table.restore(0)
    assert isinstance(r, dk.RestoreResult)
    assert r.commit.version == 2
    assert r.restored_version == 0
    assert (r.num_restored_files, r.num_removed_files, r.num_files_after) == (1, 1, 1)
    assert r.table_size_after == r.restored_files_size
    assert table.version == 2
    assert rows(table_path) == [1, 2]
    entry = table.history(1)[0]
    assert entry.commit_info["operation"] == "RESTORE"
    assert entry.commit_info["operationParameters"] == {"version": "0"}

    # The time of version 1's commit restores version 1.
    when = table.history()[1].timestamp
    r2 = table.restore(when)
    assert r2.restored_version == 1
    assert rows(table_path) == [3]


def test_restore_refusals(table_path: Path) -> None:
    table = dk.Table(table_path)
    with pytest.raises(dk.InvalidArgumentError, match="must be older than the latest version 1"):
        table.restore(1)
    with pytest.raises(TypeError):
        table.restore(True)
    # Vacuum everything version 0 needs: restoring it is refused, naming the file.
    age(table_path, 8)
    table.vacuum(retention_hours=0, dry_run=False, enforce_retention=False)
    with pytest.raises(dk.NotFoundError, match=r"missing from storage.*part-"):
        table.restore(0)
    assert dk.Table(table_path).history(1)[0].commit_info["operation"] == "VACUUM END"
    assert dk.Table(table_path).version == 3
