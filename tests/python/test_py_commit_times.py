"""Commit times follow the protocol (docs/python.md, "Commit times"): without in-commit
timestamps a commit's time is its log file's modification time, whatever commitInfo.timestamp
says; with them, the in-commit timestamp."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import delta_kernel as dk

SCHEMA = json.dumps(
    {"type": "struct", "fields": [{"name": "id", "type": "long", "nullable": True, "metadata": {}}]}
)
WRITTEN = 1_700_000_000_000  # what commitInfo.timestamp claims (2023-11-14T22:13:20Z)
FILE_TIME = 1_720_000_000_000  # the log file's modification time (2024-07-03T09:46:40Z)


def utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def copied_table(root: Path) -> Path:
    """One commit whose file time is not its commitInfo time, as after copying a table."""
    log = root / "_delta_log"
    log.mkdir(parents=True)
    actions = [
        {"commitInfo": {"timestamp": WRITTEN, "operation": "CREATE TABLE"}},
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        {"metaData": {"id": "t", "format": {"provider": "parquet", "options": {}},
                      "schemaString": SCHEMA, "partitionColumns": [], "configuration": {}}},
    ]
    commit = log / f"{0:020d}.json"
    commit.write_text("".join(json.dumps(a) + "\n" for a in actions))
    os.utime(commit, ns=(FILE_TIME * 1_000_000, FILE_TIME * 1_000_000))
    return root


def test_history_shows_the_file_time_without_in_commit_timestamps(tmp_path: Path):
    table = dk.Table(copied_table(tmp_path / "t"))
    (entry,) = table.history()
    assert entry.timestamp == utc(FILE_TIME)
    assert entry.commit_info["timestamp"] == WRITTEN
    assert table.snapshot().timestamp == utc(FILE_TIME)
    # Time travel uses the same time.
    assert table.snapshot(timestamp=FILE_TIME).version == 0


def test_history_shows_the_in_commit_timestamp_when_enabled(sample_table: Path):
    # The sample table enables in-commit timestamps; its files' times are whatever the clone
    # gave them.
    newest = dk.Table(sample_table).history(limit=1)[0]
    assert newest.timestamp == utc(newest.commit_info["inCommitTimestamp"])
    assert newest.timestamp == datetime(2024, 1, 15, 14, 0, tzinfo=timezone.utc)
