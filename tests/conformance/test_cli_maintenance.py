"""The maintenance commands of the delta-kernel CLI: `vacuum` and `restore`. Output, messages and
exit codes are asserted exactly; every refusal leaves the table as it was."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from harness import assert_error, assert_ok, run_cli


def rows(table: Path) -> list[int]:
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    return sorted(r["id"] for r in res.json_lines())


def version(table: Path) -> int:
    res = run_cli("info", table, "--json")
    assert_ok(res)
    return res.json()["version"]


def make_table(tmp_path: Path) -> Path:
    """Version 0 appends ids 1, 2; version 1 overwrites them with 3."""
    table = tmp_path / "t"
    (tmp_path / "a.csv").write_text("id\n1\n2\n")
    (tmp_path / "b.csv").write_text("id\n3\n")
    assert_ok(run_cli("append", table, tmp_path / "a.csv"))
    assert_ok(run_cli("overwrite", table, tmp_path / "b.csv"))
    return table


def age_files(table: Path, days: float) -> None:
    then = time.time() - days * 86400
    for f in table.iterdir():
        if f.is_file():
            os.utime(f, (then, then))


def test_vacuum_dry_run_lists_and_deletes_nothing(tmp_path):
    table = make_table(tmp_path)
    orphan = table / "orphan.parquet"
    orphan.write_bytes(b"1234")
    age_files(table, 8)
    res = run_cli("vacuum", table, "--dry-run")
    assert_ok(res)
    lines = res.stdout.splitlines()
    assert lines[0] == orphan.resolve().as_uri()
    assert lines[1].startswith("would delete 1 files (4 bytes) older than ")
    assert orphan.exists()


def test_vacuum_refuses_a_short_retention_then_deletes_when_forced(tmp_path):
    table = make_table(tmp_path)
    age_files(table, 8)
    res = run_cli("vacuum", table, "--retention-hours", "1")
    assert_error(res, "InvalidArgument")
    assert ("retention 3600000 ms is shorter than the table's "
            "delta.deletedFileRetentionDuration of 604800000 ms") in res.stderr
    before = sorted(p.name for p in table.iterdir())

    res = run_cli("vacuum", table, "--retention-hours", "0", "--no-enforce-retention", "--json")
    assert_ok(res)
    out = res.json()
    assert out["dryRun"] is False
    assert out["snapshotVersion"] == 1
    assert out["retentionMillis"] == 0
    assert out["numFiles"] == 1
    assert (out["startVersion"], out["endVersion"]) == (2, 3)
    assert len(out["files"]) == 1
    gone = out["files"][0].rsplit("/", 1)[1]
    assert sorted(p.name for p in table.iterdir()) == sorted(n for n in before if n != gone)
    assert rows(table) == [3]


def test_restore_by_version_and_timestamp(tmp_path):
    table = make_table(tmp_path)
    res = run_cli("restore", table, "--version", "0")
    assert_ok(res)
    assert res.stdout.startswith("committed version 2: restored version 0, 1 files added back (")
    assert rows(table) == [1, 2]

    history = run_cli("history", table, "--json").json()
    assert history[0]["operation"] == "RESTORE"
    assert history[0]["operationParameters"] == {"version": "0"}
    v1_time = next(e for e in history if e["version"] == 1)["timestampIso"]
    res = run_cli("restore", table, "--timestamp", v1_time, "--json")
    assert_ok(res)
    out = res.json()
    assert out["version"] == 3
    assert out["restoredVersion"] == 1
    assert (out["numRestoredFiles"], out["numRemovedFiles"], out["numOfFilesAfterRestore"]) == (
        1, 1, 1)
    assert rows(table) == [3]


def test_restore_refusals(tmp_path):
    table = make_table(tmp_path)
    assert_error(run_cli("restore", table), "InvalidArgument")
    res = run_cli("restore", table, "--version", "1")
    assert_error(res, "InvalidArgument")
    assert "it must be older than the latest version 1" in res.stderr
    age_files(table, 8)
    assert_ok(run_cli("vacuum", table, "--retention-hours", "0", "--no-enforce-retention"))
    res = run_cli("restore", table, "--version", "0")
    assert_error(res, "NotFound")
    assert "missing from storage (vacuumed or deleted)" in res.stderr
    assert version(table) == 3  # the vacuum's START and END commits, nothing more
