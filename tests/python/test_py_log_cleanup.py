"""Table.cleanup_metadata(): an aged log loses what no retained version needs (a dry run only
lists), retained versions still read, older ones fail clearly, and Table.checkpoint() reports
the cleanup that followed it."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk

DAY = 24 * 3600


def ids(first: int, count: int) -> pa.Table:
    return pa.table({"id": pa.array(range(first, first + count), pa.int64())})


def log_file(root: Path, version: int, suffix: str = ".json") -> Path:
    return root / "_delta_log" / f"{version:020d}{suffix}"


def age(root: Path, version: int, days_ago: float) -> None:
    t = time.time() - days_ago * DAY
    for suffix in (".json", ".crc"):
        if log_file(root, version, suffix).exists():
            os.utime(log_file(root, version, suffix), (t, t))


def build(root: Path) -> None:
    """Versions 0-3, a checkpoint at 2; versions 0-2 dated 40 days ago, 3 today."""
    dk.write_table(str(root), ids(0, 2))
    dk.write_table(str(root), ids(2, 2), mode="append")
    dk.write_table(str(root), ids(4, 2), mode="append")
    r = dk.Table(root).checkpoint()
    assert r["log_cleanup"] is not None and r["log_cleanup"]["files"] == []  # nothing old yet
    dk.write_table(str(root), ids(6, 2), mode="append")
    for v in range(3):
        age(root, v, 40 - v * 0.1)


def test_cleanup_metadata_cuts_the_log_at_the_old_checkpoint(tmp_path):
    root = tmp_path / "t"
    build(root)
    expected = sorted(p.as_uri() for v in (0, 1) for p in (log_file(root, v),
                      log_file(root, v, ".crc")) if p.exists())
    assert log_file(root, 0).as_uri() in expected

    dry = dk.Table(root).cleanup_metadata(dry_run=True)
    assert isinstance(dry, dk.LogCleanupResult)
    assert dry.dry_run is True
    assert dry.files == expected
    assert dry.bytes == sum(Path(f.removeprefix("file://")).stat().st_size for f in expected)
    assert dry.retention == timedelta(days=30)
    assert dry.earliest_version == 2
    assert dry.skipped == ""
    assert log_file(root, 0).exists()

    done = dk.Table(root).cleanup_metadata()
    assert done.files == expected and done.dry_run is False
    assert not log_file(root, 0).exists() and not log_file(root, 1).exists()
    assert log_file(root, 2).exists()

    t = dk.Table(root)
    assert sorted(r["id"] for r in t.scan().to_arrow().to_pylist()) == list(range(8))
    assert t.snapshot(version=2).version == 2
    with pytest.raises(dk.NotFoundError, match="the earliest version that can be read is 2"):
        t.snapshot(version=1)
    assert dk.Table(root).cleanup_metadata().files == []


def test_checkpoint_reports_the_cleanup_after_it(tmp_path):
    root = tmp_path / "t"
    build(root)
    age(root, 3, 35)
    r = dk.Table(root).checkpoint()  # of version 3, then the cleanup: cut at 3
    assert r["version"] == 3
    cleanup = r["log_cleanup"]
    assert cleanup["earliest_version"] == 3
    assert log_file(root, 0).as_uri() in cleanup["files"]
    assert not (root / "_delta_log" / f"{2:020d}.checkpoint.parquet").exists()
    assert dk.Table(root).snapshot().version == 3


def test_table_property_turns_the_cleanup_after_a_checkpoint_off(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 2), properties={"delta.enableExpiredLogCleanup": "false"})
    dk.write_table(str(root), ids(2, 2), mode="append")
    age(root, 0, 40)
    age(root, 1, 40)
    r = dk.Table(root).checkpoint()
    assert r["log_cleanup"] is None
    assert log_file(root, 0).exists()
    # Asked for, it runs.
    assert dk.Table(root).cleanup_metadata().earliest_version == 1
    assert not log_file(root, 0).exists()


def test_compact_log_writes_a_compaction_the_reader_uses(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 2))
    dk.write_table(str(root), ids(2, 2), mode="append")
    dk.write_table(str(root), ids(4, 2), mode="overwrite")
    dk.write_table(str(root), ids(6, 2), mode="append")
    r = dk.Table(root).compact_log(1, 2)
    path = root / "_delta_log" / f"{1:020d}.{2:020d}.compacted.json"
    assert r["location"] == path.as_uri()
    assert (r["start_version"], r["end_version"]) == (1, 2)
    assert r["size_in_bytes"] == path.stat().st_size
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert r["actions"] == len(lines)
    kinds = sorted(next(iter(line)) for line in lines)
    # Version 2's overwrite removed both earlier files and added one; version 1's add is
    # superseded by its remove. No commitInfo.
    assert kinds == ["add", "remove", "remove"]
    for v in (1, 2):  # the reader takes the compaction instead
        log_file(root, v).write_text("not json\n")
    assert sorted(r["id"] for r in dk.Table(root).scan().to_arrow().to_pylist()) == [4, 5, 6, 7]
    with pytest.raises(dk.ConflictError):
        dk.Table(root).compact_log(1, 2)
    with pytest.raises(dk.InvalidArgumentError):
        dk.Table(root).compact_log(2, 2)
