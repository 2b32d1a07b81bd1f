"""`delta-kernel cleanup-log`: what it prints (text and --json), what a dry run leaves, and the
versions still readable afterwards."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from harness import assert_error, assert_ok, run_cli

SCHEMA = {
    "type": "struct",
    "fields": [{"name": "id", "type": "long", "nullable": True, "metadata": {}}],
}


def log_file(table: Path, version: int, suffix: str = ".json") -> Path:
    return table / "_delta_log" / f"{version:020d}{suffix}"


def make_aged_table(tmp_path: Path) -> Path:
    """Versions 0-2 and a checkpoint at 2, all dated 40 days ago; version 3 today."""
    table = tmp_path / "t"
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA)))
    data = tmp_path / "data.parquet"
    pq.write_table(pa.table({"id": pa.array([1, 2, 3], pa.int64())}), data)
    assert_ok(run_cli("append", table, data))
    assert_ok(run_cli("append", table, data))
    assert_ok(run_cli("checkpoint", table))
    assert_ok(run_cli("append", table, data))
    t = time.time() - 40 * 24 * 3600
    for v in range(3):
        for suffix in (".json", ".crc"):
            if log_file(table, v, suffix).exists():
                os.utime(log_file(table, v, suffix), (t, t))
    return table


def test_cleanup_log_dry_run_then_delete(tmp_path):
    table = make_aged_table(tmp_path)
    expected = sorted(p.as_uri() for v in (0, 1) for p in (log_file(table, v),
                      log_file(table, v, ".crc")) if p.exists())

    res = run_cli("cleanup-log", table, "--dry-run", "--json")
    assert_ok(res)
    out = json.loads(res.stdout)
    assert out["dryRun"] is True
    assert out["files"] == expected
    assert out["numFiles"] == len(expected)
    assert out["earliestVersion"] == 2
    assert out["retentionMillis"] == 30 * 24 * 3600 * 1000
    assert out["skipped"] == ""
    assert log_file(table, 0).exists()

    res = run_cli("cleanup-log", table)
    assert_ok(res)
    lines = res.stdout.splitlines()
    assert lines[:-1] == expected
    assert lines[-1].startswith(f"deleted {len(expected)} log files (")
    assert lines[-1].endswith("; the log starts at the checkpoint of version 2")
    assert not log_file(table, 0).exists()

    assert_ok(run_cli("info", table, "--version", "2"))
    res = run_cli("info", table, "--version", "1")
    assert_error(res, "NotFound")
    assert "the earliest version that can be read is 2" in res.stderr

    res = run_cli("cleanup-log", table)
    assert_ok(res)
    assert res.stdout.startswith("deleted 0 log files (0 bytes)")


def test_cleanup_log_of_a_missing_table(tmp_path):
    assert_error(run_cli("cleanup-log", tmp_path / "missing"), "NotFound")


def test_compact_log_prints_what_it_wrote(tmp_path):
    table = make_aged_table(tmp_path)
    res = run_cli("compact-log", table, "--from", "1", "--to", "2", "--json")
    assert_ok(res)
    out = json.loads(res.stdout)
    path = table / "_delta_log" / f"{1:020d}.{2:020d}.compacted.json"
    assert out == {"startVersion": 1, "endVersion": 2, "location": path.as_uri(),
                   "sizeInBytes": path.stat().st_size, "actions": 2}
    res = run_cli("compact-log", table, "--from", "2", "--to", "3")
    assert_ok(res)
    path = table / "_delta_log" / f"{2:020d}.{3:020d}.compacted.json"
    assert res.stdout == (f"log compaction of versions 2 to 3: 2 actions, "
                          f"{path.stat().st_size} bytes\n  {path.as_uri()}\n")
    assert_error(run_cli("compact-log", table, "--from", "2", "--to", "3"), "Conflict")
    assert_error(run_cli("compact-log", table, "--from", "3"), "InvalidArgument")
    assert_error(run_cli("compact-log", table, "--from", "3", "--to", "9"), "NotFound")
