"""Table.changes: the change data feed through pyarrow, polars and duckdb, compared with the
feed derived from the log (tests/conformance/reference_changes.py)."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pytest

import delta_kernel as dk
import reference_changes as ref  # tests/conformance, on sys.path via conftest


def _history_times(table: dk.Table) -> dict[int, dt.datetime]:
    return {h.version: h.timestamp for h in table.history()}


def _key(row: dict) -> tuple:
    ts = row["_commit_timestamp"]
    return (row["id"], row["_change_type"], row["_commit_version"],
            round(ts.timestamp() * 1_000_000))


@pytest.fixture(scope="module")
def cdf_root(conformance) -> Path:
    return conformance("tables/cdf-table-with-cdc-and-dvs")


def test_changes_match_the_log_through_pyarrow(cdf_root: Path):
    table = dk.Table(cdf_root)
    changes = table.changes(0)
    assert isinstance(changes, dk.Changes)
    assert (changes.start_version, changes.end_version) == (0, table.version)
    got = pa.table(changes)
    assert got.schema.names == ["id", "comment", "_change_type", "_commit_version",
                                "_commit_timestamp"]
    assert got.schema.field("_commit_timestamp").type == pa.timestamp("us", tz="UTC")
    times = _history_times(table)
    want = ref.changes(cdf_root, 0, table.version, times)
    assert collections.Counter(map(_key, got.to_pylist())) == collections.Counter(
        map(_key, want))
    assert changes.to_arrow().num_rows == len(want)


def test_changes_in_polars_and_duckdb(cdf_root: Path):
    table = dk.Table(cdf_root)
    changes = table.changes(1, 10, columns=["id", "_change_type", "_commit_version"])
    want = collections.Counter(
        r["_change_type"] for r in ref.changes(cdf_root, 1, 10, _history_times(table)))
    df = pl.DataFrame(changes)
    assert df.columns == ["id", "_change_type", "_commit_version"]
    assert dict(df.group_by("_change_type").len().iter_rows()) == dict(want)
    assert df["_commit_version"].min() >= 1 and df["_commit_version"].max() <= 10
    rows = duckdb.sql(
        "select _change_type, count(*) from changes group by 1 order by 1").fetchall()
    assert rows == sorted(want.items())


def test_filter_limit_and_time_bounds(cdf_root: Path):
    table = dk.Table(cdf_root)
    deletes = pa.table(table.changes(0, filter="_change_type = 'delete'", columns=["id"]))
    want = sorted(r["id"] for r in ref.changes(cdf_root, 0, table.version, _history_times(table))
                  if r["_change_type"] == "delete")
    assert sorted(deletes.column("id").to_pylist()) == want
    assert pa.table(table.changes(0, limit=3)).num_rows == 3
    times = _history_times(table)
    at = times[4]
    by_time = pa.table(table.changes(at, at, columns=["_commit_version"]))
    same_time = {v for v, t in times.items() if t == at}
    assert set(by_time.column("_commit_version").to_pylist()) <= same_time


def test_errors(cdf_root: Path, conformance):
    table = dk.Table(cdf_root)
    with pytest.raises(dk.InvalidArgumentError):
        table.changes(3, 1)
    with pytest.raises(dk.InvalidArgumentError):
        table.changes(-1)
    with pytest.raises(dk.NotFoundError):
        table.changes(table.version + 1)
    with pytest.raises(dk.InvalidArgumentError, match="nope"):
        table.changes(0, filter="nope = 1")
    with pytest.raises(TypeError):
        table.changes(0, columns="id")
    with pytest.raises(TypeError):
        table.changes(1.5)
    mapped = dk.Table(conformance("tables/cdf-column-mapping-name-mode"))
    with pytest.raises(dk.UnsupportedError, match="enableChangeDataFeed"):
        mapped.changes(0)
    assert pa.table(mapped.changes(1)).num_rows > 0
    assert "Changes versions 1..4" in repr(mapped.changes(1))
