"""The delta-kernel CLI against the independent reference reader, on every conformance table.

For each table: `info --json`, `files --json` and `history --json` at the latest version must
agree with reference_log.py (version, protocol, metadata, the live file set and each file's
fields); every version the reference can reconstruct must load with --version and agree too;
tables that must fail report the right error kind and exit code.
"""

from __future__ import annotations

import json

import pytest

from harness import (CONFORMANCE, EXPECTED_ERRORS, UNSUPPORTED_FEATURES, TableCase,
                     assert_error, assert_ok, discover_tables, iso, requires_conformance,
                     run_cli)
from reference_log import (EMPTY_SCHEMA, DeltaLog, LogError, Snapshot, canonical_path,
                           dv_unique_id)

CASES = discover_tables()
ids = [c.id for c in CASES]


def oracle_snapshot(log: DeltaLog, version: int | None) -> Snapshot | LogError:
    try:
        return log.snapshot(version)
    except LogError as e:
        return e


def features(p: dict, key: str, min_version_key: str, min_version: int):
    if int(p[min_version_key]) < min_version:
        return None  # the protocol defines the list only from table-features versions on
    return sorted(p.get(key) or [])


def check_info(info: dict, snap: Snapshot) -> None:
    where = f"at version {snap.version}"
    assert info["version"] == snap.version
    assert info["numFiles"] == len(snap.files), where
    assert info["sizeInBytes"] == snap.size_in_bytes, where
    p = snap.protocol
    assert info["minReaderVersion"] == p["minReaderVersion"], where
    assert info["minWriterVersion"] == p["minWriterVersion"], where
    expected_reader = features(p, "readerFeatures", "minReaderVersion", 3)
    if expected_reader is not None:
        assert sorted(info.get("readerFeatures") or []) == expected_reader, where
    expected_writer = features(p, "writerFeatures", "minWriterVersion", 7)
    if expected_writer is not None:
        assert sorted(info.get("writerFeatures") or []) == expected_writer, where
    md = snap.metadata
    assert info["id"] == md["id"], where
    assert info["partitionColumns"] == list(md.get("partitionColumns") or []), where
    assert info["configuration"] == (md.get("configuration") or {}), where
    assert info["schema"] == json.loads(md.get("schemaString") or EMPTY_SCHEMA), where
    assert info.get("checkpointVersion") == snap.checkpoint_version, where
    if snap.timestamp is not None:
        assert info["timestamp"] == snap.timestamp, where
        assert info["timestampIso"] == iso(snap.timestamp), where
    txns = {t["appId"]: t["version"] for t in info["setTransactions"]}
    assert txns == snap.txns, where


def check_files(lines: list[dict], snap: Snapshot, table_root: str) -> None:
    where = f"at version {snap.version}"
    keys = [(canonical_path(f["path"], table_root), dv_unique_id(f.get("deletionVector")))
            for f in lines]
    assert len(keys) == len(set(keys)), f"duplicate live files {where}"
    assert set(keys) == set(snap.files), where
    paths = [f["path"] for f in lines]
    assert paths == sorted(paths), "files --json is not sorted by path"
    for key, got in zip(keys, lines):
        want = snap.files[key]
        at = f"{got['path']} {where}"
        assert got["size"] == int(want["size"]), at
        assert got["modificationTime"] == int(want["modificationTime"]), at
        assert got["partitionValues"] == (want.get("partitionValues") or {}), at
        if want.get("dataChange") is not None:
            assert got["dataChange"] == want["dataChange"], at
        if want.get("stats") is not None:
            assert got.get("stats") == want["stats"], at
            num_records = json.loads(want["stats"]).get("numRecords")
            assert got.get("numRecords") == num_records, at
        assert (got.get("tags") or {}) == (want.get("tags") or {}), at
        for k in ("baseRowId", "defaultRowCommitVersion"):
            assert got.get(k) == want.get(k), f"{k} of {at}"
        dv = want.get("deletionVector")
        if dv:
            got_dv = got["deletionVector"]
            for k in ("storageType", "pathOrInlineDv", "offset", "sizeInBytes", "cardinality"):
                assert got_dv.get(k) == dv.get(k), f"deletionVector.{k} of {at}"
        else:
            assert "deletionVector" not in got, at


def check_history(entries: list[dict], log: DeltaLog, snap: Snapshot) -> None:
    expected = log.history()
    assert [e["version"] for e in entries] == [v for v, _ in expected]
    for entry, (version, commit_info) in zip(entries, expected):
        if commit_info is None:
            assert "commitInfo" not in entry, version
            continue
        assert entry.get("operation") == commit_info.get("operation"), version
        assert entry["commitInfo"] == commit_info, version
        assert entry["timestampIso"] == iso(entry["timestamp"])
    ict = (snap.metadata.get("configuration") or {}).get("delta.enableInCommitTimestamps")
    if ict != "true":
        # File times, made non-decreasing (a time that goes backwards counts as the previous
        # commit's): the kernel's documented policy for history and timestamp lookup.
        got = {e["version"]: e["timestamp"] for e in entries}
        raw = log.file_timestamps(False)
        expected_ts, running = {}, None
        for v in sorted(raw):
            running = raw[v] if running is None else max(running, raw[v])
            expected_ts[v] = running
        want = {v: expected_ts[v] for v in got}
        assert got == want, f"history timestamps {got}, expected {want}"


@requires_conformance
def test_corpus_is_present():
    """The corpus must be found: an empty parametrisation would silently test nothing."""
    assert CONFORMANCE.is_dir(), f"{CONFORMANCE} not found (set DELTA_SHARED_DIR)"
    golden = [c for c in CASES if c.id.startswith("golden/")]
    tables = [c for c in CASES if c.id.startswith("tables/")]
    assert len(golden) >= 70 and len(tables) >= 50, (len(golden), len(tables))
    names = {c.name for c in CASES}
    assert set(EXPECTED_ERRORS) <= names, set(EXPECTED_ERRORS) - names
    assert set(UNSUPPORTED_FEATURES) <= names, set(UNSUPPORTED_FEATURES) - names
    assert "300k-add-files-100-col-partitioned" in names
    assert any(c.id.startswith("golden/hive/") for c in CASES)


@requires_conformance
@pytest.mark.parametrize("case", CASES, ids=ids)
def test_latest_snapshot(case: TableCase, cli, extract):
    root = extract(case)
    try:
        log = DeltaLog(root)
        expected = oracle_snapshot(log, None)
    except LogError as e:
        log, expected = None, e

    if case.expected_error:
        assert isinstance(expected, LogError), "the reference reader reads it; fix EXPECTED_ERRORS"
        assert expected.kind == case.expected_error, expected
        for cmd in ("info", "files"):
            assert_error(run_cli(cmd, root, "--json"), case.expected_error)
            assert_error(run_cli(cmd, root), case.expected_error)
        return

    assert not isinstance(expected, LogError), (
        f"the reference reader fails on {case.id} ({expected}); if that is right, add the "
        "table to EXPECTED_ERRORS")
    if case.unsupported_feature:
        for cmd in ("info", "files"):
            res = run_cli(cmd, root, "--json")
            assert_error(res, "Unsupported")
            assert case.unsupported_feature in res.stderr
        return

    info = run_cli("info", root, "--json")
    assert_ok(info)
    check_info(info.json(), expected)

    files = run_cli("files", root, "--json")
    assert_ok(files)
    check_files(files.json_lines(), expected, str(log.root))

    history = run_cli("history", root, "--json")
    assert_ok(history)
    check_history(history.json(), log, expected)

    newest = run_cli("history", root, "--json", "--limit", "1")
    assert_ok(newest)
    assert [e["version"] for e in newest.json()] == [expected.version]

    # The human-readable forms work too.
    text = run_cli("info", root)
    assert_ok(text)
    assert "Version:" in text.stdout and "Schema:\nroot\n" in text.stdout
    text = run_cli("files", root)
    assert_ok(text)
    assert len(text.stdout.splitlines()) == len(expected.files) + 2  # header + summary


@requires_conformance
@pytest.mark.parametrize("case", [c for c in CASES if not c.big],
                         ids=[c.id for c in CASES if not c.big])
def test_time_travel(case: TableCase, cli, extract):
    """Every version the reference can reconstruct loads with --version and agrees with it."""
    root = extract(case)
    try:
        log = DeltaLog(root)
        latest = log.latest_version()
    except LogError as e:
        # No version exists at all: asking for one fails like the latest does.
        assert case.expected_error, f"the reference reader fails on {case.id}: {e}"
        assert_error(run_cli("info", root, "--json", "--version", "0"),
                     {case.expected_error, "NotFound"})
        return

    versions = log.reconstructable_versions()
    assert versions, f"{case.id}: no reconstructable version"
    for v in versions:
        expected = oracle_snapshot(log, v)
        info = run_cli("info", root, "--json", "--version", str(v))
        files = run_cli("files", root, "--json", "--version", str(v))
        if isinstance(expected, LogError):
            assert_error(info, expected.kind)
            assert_error(files, expected.kind)
            continue
        if case.unsupported_feature:
            assert_error(info, "Unsupported")
            assert_error(files, "Unsupported")
            continue
        assert_ok(info)
        check_info(info.json(), expected)
        assert_ok(files)
        check_files(files.json_lines(), expected, str(log.root))

    if not case.expected_error and not case.unsupported_feature:
        assert_error(run_cli("info", root, "--json", "--version", str(latest + 1)), "NotFound")
        assert_error(run_cli("files", root, "--version", str(latest + 100)), "NotFound")
