"""The delta-kernel CLI's own behaviour on small tables written here: timestamp parsing and time
travel by timestamp, argument errors, exit codes, JSON escaping, and the human-readable output."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from harness import EXIT_CODES, assert_error, assert_ok, run_cli


def ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp() * 1000)


T0 = ms("2024-01-02T03:04:05.000")
T1 = T0 + 3_600_000
T2 = ms("2024-01-03T00:00:00.500")

SCHEMA = {"type": "struct", "fields": [
    {"name": "id", "type": "long", "nullable": True, "metadata": {}},
    {"name": "s", "type": {"type": "struct", "fields": [
        {"name": "a", "type": {"type": "array", "elementType": "string", "containsNull": True},
         "nullable": True, "metadata": {}}]}, "nullable": False, "metadata": {}},
    {"name": "part", "type": "string", "nullable": True, "metadata": {}},
]}


def add(path: str, part: str | None, size: int, records: int) -> dict:
    return {"add": {"path": path, "partitionValues": {"part": part}, "size": size,
                    "modificationTime": 1_700_000_000_000, "dataChange": True,
                    "stats": json.dumps({"numRecords": records})}}


def commit_info(ts: int, operation: str, params: dict, **extra) -> dict:
    return {"commitInfo": {"timestamp": ts, "operation": operation,
                           "operationParameters": params, **extra}}


def write_table(root: Path, commits: list[list[dict]], mtimes: list[int]) -> Path:
    log = root / "_delta_log"
    log.mkdir(parents=True)
    for version, (actions, mtime) in enumerate(zip(commits, mtimes)):
        path = log / f"{version:020d}.json"
        path.write_text("".join(json.dumps(a) + "\n" for a in actions), encoding="utf-8")
        os.utime(path, ns=(mtime * 1_000_000, mtime * 1_000_000))
    return root


def metadata(configuration: dict | None = None) -> dict:
    return {"metaData": {"id": "4f1c3c66-0000-4000-8000-000000000001", "name": "demo",
                         "format": {"provider": "parquet", "options": {}},
                         "schemaString": json.dumps(SCHEMA), "partitionColumns": ["part"],
                         "configuration": configuration or {}, "createdTime": T0}}


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    """Three commits: v0 at 2024-01-02T03:04:05Z adds a, v1 an hour later adds "b c" with a
    null partition, v2 at 2024-01-03T00:00:00.500Z replaces a with z/d."""
    root = tmp_path_factory.mktemp("cli") / "demo"
    commits = [
        [commit_info(T0, "CREATE TABLE", {"isManaged": "false"}),
         {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
         metadata({"delta.appendOnly": "false"}),
         add("part=x/a.parquet", "x", 100, 10)],
        [commit_info(T1, "WRITE", {"mode": "Append", "partitionBy": "[]"}, readVersion=0),
         add("part=__HIVE_DEFAULT_PARTITION__/b%20c.parquet", None, 200, 20)],
        [commit_info(T2, "DELETE", {"predicate": "[\"id = 1\"]"}, readVersion=1),
         {"remove": {"path": "part=x/a.parquet", "deletionTimestamp": T2, "dataChange": True}},
         add("part=y/z/d.parquet", "y", 300, 30)],
    ]
    return write_table(root, commits, [T0, T1, T2])


def info_json(*args) -> dict:
    res = run_cli("info", *args, "--json")
    assert_ok(res)
    return res.json()


# --- time travel by timestamp -------------------------------------------------------------------


@pytest.mark.parametrize("text,version", [
    ("2024-01-02T03:04:05Z", 0),
    ("2024-01-02T03:04:05.000Z", 0),
    ("2024-01-02 04:04:04.999", 0),
    ("2024-01-02 04:04:05", 1),
    ("2024-01-02T05:04:05+01:00", 1),  # 04:04:05Z
    ("2024-01-03T01:00:00.499+01:00", 1),  # 00:00:00.499Z, 1 ms before v2
    ("2024-01-03", 1),  # midnight UTC, 500 ms before v2
    ("2024-01-03T00:00:00.5Z", 2),
    ("2024-01-02T19:00:00.500-05:00", 2),
    ("2024-01-03T00:00:00.5009999Z", 2),  # sub-millisecond digits are truncated
])
def test_timestamp_forms(table, text, version):
    info = info_json(table, "--timestamp", text)
    assert info["version"] == version
    assert info["timestamp"] == [T0, T1, T2][version]
    files = run_cli("files", table, "--json", "--timestamp", text)
    assert_ok(files)
    assert len(files.json_lines()) == [1, 2, 2][version]


# Table::SnapshotAtTimestamp is documented as "the newest commit whose timestamp is <= it", but
# the implementation rejects times after the latest commit and orders equal file times by
# making them strictly increasing (Delta Spark's behaviour). Strict: fixing either side (code
# or doc) must revisit these tests.
def test_timestamp_after_latest_commit(table):
    """A time after the newest commit is NotFound (Spark's rule: the answer would not be
    repeatable), and the message names the latest version."""
    res = run_cli("info", table, "--timestamp", "2030-01-01")
    assert_error(res, {"NotFound"})
    assert "latest version 2" in res.stderr


def test_timestamp_ties_resolve_to_newest_commit(tmp_path):
    """Commits with equal file times (fast writers, archives with coarse mtimes): the newest
    commit whose timestamp is <= T wins, so time travel to the timestamp `info` printed for a
    version gives that version back."""
    commits = [
        [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}}, metadata()],
        [add("part=x/a.parquet", "x", 1, 1)],
        [add("part=x/b.parquet", "x", 1, 1)],
    ]
    root = write_table(tmp_path / "ties", commits, [T0, T0, T0])
    latest = info_json(root)
    assert latest["version"] == 2 and latest["timestamp"] == T0
    assert info_json(root, "--timestamp", latest["timestampIso"])["version"] == 2


def test_timestamp_before_first_commit(table):
    res = run_cli("info", table, "--timestamp", "2024-01-01")
    assert_error(res, {"NotFound", "InvalidArgument"})


@pytest.mark.parametrize("text", [
    "", "yesterday", "2024-1-2", "2024-13-01", "2024-02-30", "2023-02-29",
    "2024-01-02T24:00:00Z", "2024-01-02T03:60:00Z", "2024-01-02T03:04Z", "2024-01-02T03:04:05.Z",
    "2024-01-02T03:04:05+1", "2024-01-02T03:04:05+25:00", "2024-01-02T03:04:05Zjunk",
    "2024-01-02X03:04:05", "1704164645000",
])
def test_bad_timestamp_is_invalid_argument(table, text):
    res = run_cli("info", table, "--timestamp", text)
    assert_error(res, "InvalidArgument")
    assert "timestamp" in res.stderr


def test_version_and_timestamp_are_exclusive(table):
    assert_error(run_cli("info", table, "--version", "1", "--timestamp", "2024-01-03"),
                 "InvalidArgument")
    assert_error(run_cli("files", table, "--timestamp", "2024-01-03", "--version", "1"),
                 "InvalidArgument")


def test_bad_arguments(table):
    assert_error(run_cli("info", table, "--version", "-1"), "InvalidArgument")
    assert_error(run_cli("info", table, "--version", "one"), "InvalidArgument")
    assert_error(run_cli("history", table, "--limit", "-1"), "InvalidArgument")
    assert_error(run_cli("frobnicate", table), "InvalidArgument")
    assert_error(run_cli("info"), "InvalidArgument")
    assert_error(run_cli(), "InvalidArgument")


def test_version_past_latest_is_not_found(table):
    assert_error(run_cli("info", table, "--version", "3"), "NotFound")


def test_missing_table_is_not_found(tmp_path):
    assert_error(run_cli("info", tmp_path / "nope"), "NotFound")
    assert_error(run_cli("files", tmp_path, "--json"), "NotFound")  # exists, no _delta_log


def test_help_documents_exit_codes():
    res = run_cli("--help")
    assert_ok(res)
    assert "Exit codes" in res.stdout
    for kind, code in EXIT_CODES.items():
        assert f"{code}  {kind}" in res.stdout or f"{code} {kind}" in res.stdout, kind
    sub = run_cli("info", "--help")
    assert_ok(sub)
    assert "--timestamp" in sub.stdout and "--version" in sub.stdout


# --- table locations ----------------------------------------------------------------------------


def test_file_uri_and_path_agree(table):
    by_path = info_json(table)
    by_uri = info_json(table.as_uri())
    assert by_uri == by_path
    assert by_path["version"] == 2
    relative = run_cli("info", table.name, "--json", cwd=table.parent)
    assert_ok(relative)
    assert relative.json() == by_path


# --- output -------------------------------------------------------------------------------------


def test_info_json(table):
    info = info_json(table)
    assert info["version"] == 2
    assert info["timestamp"] == T2
    assert info["timestampIso"] == "2024-01-03T00:00:00.500Z"
    assert info["minReaderVersion"] == 1 and info["minWriterVersion"] == 2
    assert "readerFeatures" not in info and "writerFeatures" not in info
    assert info["name"] == "demo"
    assert info["partitionColumns"] == ["part"]
    assert info["configuration"] == {"delta.appendOnly": "false"}
    assert info["schema"] == SCHEMA
    assert info["numFiles"] == 2
    assert info["sizeInBytes"] == 500
    assert info["format"] == {"provider": "parquet", "options": {}}
    assert info["createdTime"] == T0
    assert "checkpointVersion" not in info
    assert info["setTransactions"] == [] and info["domainMetadata"] == []
    assert info["warnings"] == []


def test_info_text(table):
    res = run_cli("info", table, "--version", "1")
    assert_ok(res)
    out = res.stdout
    assert "Version:            1\n" in out
    assert "Timestamp:          2024-01-02T04:04:05.000Z\n" in out
    assert "Protocol:           reader 1, writer 2\n" in out
    assert "Partition columns:  part\n" in out
    assert "Files:              2\n" in out
    assert "Size:               300 B (300 bytes)\n" in out
    assert "Properties:\n  delta.appendOnly = false\n" in out
    assert out.endswith(
        "Schema:\n"
        "root\n"
        " |-- id: long (nullable = true)\n"
        " |-- s: struct (nullable = false)\n"
        " |    |-- a: array (nullable = true)\n"
        " |    |    |-- element: string (containsNull = true)\n"
        " |-- part: string (nullable = true)\n")


def test_files_json(table):
    res = run_cli("files", table, "--json")
    assert_ok(res)
    lines = res.json_lines()
    assert [f["path"] for f in lines] == ["part=__HIVE_DEFAULT_PARTITION__/b%20c.parquet",
                                          "part=y/z/d.parquet"]
    first = lines[0]
    assert first == {"path": "part=__HIVE_DEFAULT_PARTITION__/b%20c.parquet",
                     "partitionValues": {"part": None}, "size": 200,
                     "modificationTime": 1_700_000_000_000, "dataChange": True,
                     "stats": "{\"numRecords\": 20}", "numRecords": 20}


def test_files_text_is_sorted_by_path(table):
    res = run_cli("files", table)
    assert_ok(res)
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["PATH", "SIZE", "RECORDS", "DELETED", "PARTITION", "VALUES"]
    assert lines[1].split() == ["part=__HIVE_DEFAULT_PARTITION__/b%20c.parquet", "200", "20",
                                "-", "part=null"]
    assert lines[2].split() == ["part=y/z/d.parquet", "300", "30", "-", "part=y"]
    assert lines[3] == "2 files, 500 B (500 bytes), 50 live records"


def test_history(table):
    res = run_cli("history", table, "--json")
    assert_ok(res)
    entries = res.json()
    assert [e["version"] for e in entries] == [2, 1, 0]
    assert [e["operation"] for e in entries] == ["DELETE", "WRITE", "CREATE TABLE"]
    assert [e["timestamp"] for e in entries] == [T2, T1, T0]
    assert entries[1]["operationParameters"] == {"mode": "Append", "partitionBy": "[]"}
    assert entries[1]["readVersion"] == 0
    assert entries[0]["commitInfo"]["operationParameters"] == {"predicate": "[\"id = 1\"]"}

    limited = run_cli("history", table, "--json", "--limit", "2")
    assert_ok(limited)
    assert [e["version"] for e in limited.json()] == [2, 1]
    none = run_cli("history", table, "--json", "--limit", "0")
    assert_ok(none)
    assert none.json() == []

    text = run_cli("history", table)
    assert_ok(text)
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["VERSION", "TIMESTAMP", "OPERATION", "PARAMETERS"]
    assert lines[1].split()[:3] == ["2", "2024-01-03T00:00:00.500Z", "DELETE"]
    assert lines[3].split()[:2] == ["0", "2024-01-02T03:04:05.000Z"]


def test_json_escaping_round_trips(tmp_path):
    """Keys and values with quotes, backslashes, control characters and non-ASCII text come
    back exactly through info --json and files --json."""
    tricky = {"q\"uote": "back\\slash", "ctl\u0001\u001f\n\t": "\u00e9\u2028\U0001F600",
              "empty": ""}
    commits = [[
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        metadata(tricky),
        add("part=%22q%22/f.parquet", "\"q\"\\\n", 1, 1),
    ]]
    root = write_table(tmp_path / "t", commits, [T0])
    info = info_json(root)
    assert info["configuration"] == tricky
    files = run_cli("files", root, "--json")
    assert_ok(files)
    [f] = files.json_lines()
    assert f["partitionValues"] == {"part": "\"q\"\\\n"}


def test_in_commit_timestamps(tmp_path):
    """With in-commit timestamps enabled, a version's timestamp is its commitInfo's
    inCommitTimestamp, not the file's modification time, for info and --timestamp alike."""
    ict0, ict1 = ms("2023-06-01T00:00:00"), ms("2023-06-02T00:00:00")
    commits = [
        [commit_info(ict0, "CREATE TABLE", {}, inCommitTimestamp=ict0),
         {"protocol": {"minReaderVersion": 1, "minWriterVersion": 7,
                       "writerFeatures": ["inCommitTimestamp"]}},
         metadata({"delta.enableInCommitTimestamps": "true"})],
        [commit_info(ict1, "WRITE", {}, inCommitTimestamp=ict1),
         add("part=x/a.parquet", "x", 1, 1)],
    ]
    # File times far from the in-commit timestamps (and in the other order).
    root = write_table(tmp_path / "ict", commits, [T1, T0])
    assert info_json(root)["timestamp"] == ict1
    assert info_json(root, "--version", "0")["timestamp"] == ict0
    assert info_json(root, "--timestamp", "2023-06-01T12:00:00Z")["version"] == 0
    assert info_json(root, "--timestamp", "2023-06-02")["version"] == 1
    history = run_cli("history", root, "--json")
    assert_ok(history)
    assert [e["timestamp"] for e in history.json()] == [ict1, ict0]
