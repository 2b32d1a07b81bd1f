"""`delta-kernel changes` on every change-data-feed table of the corpus, against a derivation of
the feed from the tables' logs, data files and deletion vectors (reference_changes.py), plus its
refusals and argument errors."""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import reference_changes as ref
from harness import (TableCase, assert_error, assert_ok, discover_tables, requires_conformance,
                     run_cli)
from test_scans import canonical

CDF_TABLES = [c for c in discover_tables()
              if c.id.startswith("tables/") and c.name.startswith("cdf-")]
# A log-only table (its data paths are fake) whose feed is disabled at version 2 and whose
# schema makes a column non-nullable at version 4 (None without the corpus: its tests skip).
LOG_ONLY = next((c for c in discover_tables() if c.name == "table-with-cdf"), None)


def case_named(name: str) -> TableCase:
    return next(c for c in CDF_TABLES if c.name == name)


def timestamps(root: Path) -> dict[int, dt.datetime]:
    """Commit timestamps as the kernel's history reports them."""
    res = run_cli("history", root, "--json")
    assert_ok(res)
    return {e["version"]: dt.datetime.fromtimestamp(e["timestamp"] / 1000, dt.timezone.utc)
            for e in res.json()}


def cli_changes(root: Path, out: Path, *args: str) -> list[dict]:
    res = run_cli("changes", root, "--format", "parquet", "--output", out, *args)
    assert_ok(res)
    return pq.read_table(out).to_pylist()


def _plain(value):
    """Datetimes as UTC microseconds, so time zone objects of equal instants compare equal."""
    if isinstance(value, dt.datetime):
        return ("ts", round(value.timestamp() * 1_000_000))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def multiset(rows: list[dict]) -> collections.Counter:
    return collections.Counter(repr(canonical(_plain(r))) for r in rows)


@requires_conformance
def test_corpus_has_cdf_tables():
    names = {c.name for c in CDF_TABLES}
    assert {"cdf-table", "cdf-table-with-dv", "cdf-table-with-cdc-and-dvs",
            "cdf-column-mapping-name-mode", "cdf-column-mapping-id-mode"} <= names


@requires_conformance
@pytest.mark.parametrize("case", CDF_TABLES, ids=[c.id for c in CDF_TABLES])
def test_changes_match_the_log(case: TableCase, extract, tmp_path):
    root = extract(case)
    log = ref.commits(root)
    start = ref.first_readable_start(log)
    assert start is not None, "every CDF table of the corpus has a readable range"
    latest = max(log)
    ts = timestamps(root)
    # The whole readable range, and each commit on its own.
    ranges = [(start, latest)] + [(v, v) for v in range(start, latest + 1)]
    for lo, hi in ranges:
        expected = ref.changes(root, lo, hi, ts)
        actual = cli_changes(root, tmp_path / f"{lo}-{hi}.parquet", "--from", str(lo), "--to",
                             str(hi))
        assert multiset(actual) == multiset(expected), f"versions {lo}..{hi}"
    # Column names and order: the end schema's columns, then the three change columns.
    schema, _ = ref.end_schema(log, latest)
    out = pq.read_schema(tmp_path / f"{start}-{latest}.parquet")
    assert out.names == [f["name"] for f in schema["fields"]] + [
        "_change_type", "_commit_version", "_commit_timestamp"]
    assert str(out.field("_change_type").type) == "string"
    assert str(out.field("_commit_version").type) == "int64"
    assert str(out.field("_commit_timestamp").type) == "timestamp[us, tz=UTC]"


@requires_conformance
@pytest.mark.parametrize("case", CDF_TABLES, ids=[c.id for c in CDF_TABLES])
def test_range_before_the_feed_was_enabled_is_refused(case: TableCase, extract):
    root = extract(case)
    start = ref.first_readable_start(ref.commits(root))
    if start == 0:
        pytest.skip("the feed is enabled from version 0")
    res = run_cli("changes", root, "--from", str(start - 1))
    assert_error(res, "Unsupported")
    assert "enableChangeDataFeed" in res.stderr
    assert f"version {start - 1}" in res.stderr


def test_dv_changes_are_exact(extract, tmp_path):
    """cdf-table-with-dv: a DV added (deletes), removed (the rows come back) and changed."""
    root = extract(case_named("cdf-table-with-dv"))
    rows = cli_changes(root, tmp_path / "o.parquet", "--from", "1", "--columns",
                       "value,_change_type,_commit_version")
    got = sorted((r["_commit_version"], r["_change_type"], r["value"]) for r in rows)
    ts = timestamps(root)
    want = sorted((r["_commit_version"], r["_change_type"], r["value"])
                  for r in ref.changes(root, 1, max(ts), ts))
    assert got == want
    kinds = collections.Counter((v, k) for v, k, _ in got)
    assert kinds[(1, "delete")] == 2  # the first DV, cardinality 2
    assert kinds[(2, "insert")] == 2  # the DV removed: both rows are back


def test_columns_filter_limit_and_text_output(extract, tmp_path):
    root = extract(case_named("cdf-table"))
    res = run_cli("changes", root, "--from", "0", "--columns", "id,_change_type",
                  "--where", "_change_type = 'delete'", "--format", "jsonl")
    assert_ok(res)
    rows = res.json_lines()
    assert rows and all(set(r) == {"id", "_change_type"} for r in rows)
    assert {r["_change_type"] for r in rows} == {"delete"}
    ts = timestamps(root)
    want = sorted(r["id"] for r in ref.changes(root, 0, max(ts), ts)
                  if r["_change_type"] == "delete")
    assert sorted(r["id"] for r in rows) == want
    res = run_cli("changes", root, "--from", "0", "--limit", "2", "--format", "csv")
    assert_ok(res)
    assert len(res.stdout.splitlines()) == 3  # header + 2 rows
    by_version = run_cli("changes", root, "--from", "1", "--to", "1", "--format", "jsonl",
                         "--columns", "_commit_version")
    assert_ok(by_version)
    assert {r["_commit_version"] for r in by_version.json_lines()} == {1}


def test_timestamp_bounds(extract, tmp_path):
    root = extract(case_named("cdf-table-with-cdc-and-dvs"))
    ts = timestamps(root)
    # The commits at exactly the time of version 2: the range starts at the first such commit.
    at = ts[2]
    first = min(v for v, t in ts.items() if t >= at)
    last = max(v for v, t in ts.items() if t <= at)
    iso = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
    rows = cli_changes(root, tmp_path / "o.parquet", "--from-timestamp", iso, "--to-timestamp",
                       iso, "--columns", "_commit_version")
    versions = {r["_commit_version"] for r in rows}
    assert versions <= set(range(first, last + 1)) and versions


@pytest.mark.parametrize("args,kind,mentions", [
    (["--from", "2", "--to", "1"], "InvalidArgument", "--from 2 is after --to 1"),
    (["--from", "99"], "NotFound", "99"),
    (["--from", "0", "--to", "99"], "NotFound", "99"),
    (["--from", "-1"], "InvalidArgument", "--from"),
    ([], "InvalidArgument", "--from"),
    (["--from", "0", "--where", "nope = 1"], "InvalidArgument", "nope"),
    (["--from", "0", "--columns", "id,nope"], "InvalidArgument", "nope"),
    (["--from", "0", "--format", "parquet"], "InvalidArgument", "--output"),
])
def test_errors(args, kind, mentions, extract):
    root = extract(case_named("cdf-table"))
    res = run_cli("changes", root, *args)
    assert_error(res, kind)
    assert mentions in res.stderr


def test_log_only_table_ranges(extract):
    root = extract(LOG_ONLY)
    assert_error(run_cli("changes", root, "--from", "0"), "Unsupported")
    disabled = run_cli("changes", root, "--from", "0", "--to", "2")
    assert_error(disabled, "Unsupported")
    assert "version 2" in disabled.stderr and "enableChangeDataFeed" in disabled.stderr
    # Rows written while id was nullable cannot be read as the end schema's non-null id.
    narrowed = run_cli("changes", root, "--from", "3")
    assert_error(narrowed, "Unsupported")
    assert "non-nullable" in narrowed.stderr and "'id'" in narrowed.stderr
    # Version 4 alone has no data changes: an empty result with the change columns.
    empty = run_cli("changes", root, "--from", "4", "--format", "csv")
    assert_ok(empty)
    assert empty.stdout.splitlines() == ["part,id,_change_type,_commit_version,_commit_timestamp"]


def test_not_a_table(tmp_path):
    assert_error(run_cli("changes", tmp_path / "missing", "--from", "0"), "NotFound")
