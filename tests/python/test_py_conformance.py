"""delta_kernel on the shared conformance tables (../shared/conformance).

- Every golden table with `expected/` read through the PyCapsule stream by pyarrow equals its
  expected rows (a multiset) with the same column names; polars and duckdb see as many rows.
- Deletion vectors, column mapping, checkpoints, time travel and history through the package.
- Tables that must fail raise the exception class of their error kind.
"""

from __future__ import annotations

import subprocess
from datetime import timezone

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import delta_kernel as dk
from harness import CONFORMANCE, EXPECTED_ERRORS, requires_conformance

GOLDEN = sorted(
    archive.name[: -len(".tar.zst")]
    for archive in (CONFORMANCE / "golden").glob("*.tar.zst")
    if any(
        m.startswith(f"{archive.name[: -len('.tar.zst')]}/expected/") and m.endswith(".parquet")
        for m in subprocess.run(["tar", "--zstd", "-tf", str(archive)], check=True,
                                capture_output=True, text=True).stdout.splitlines()
    )
)

# The expected `as_timestamp` of data-reader-partition-values is not the protocol's reading of
# its partition value (see tests/conformance/test_scans.py); that column is left out here.
SKIP_COLUMNS = {"data-reader-partition-values": {"as_timestamp"}}


def _rows(table: pa.Table, skip: set[str]) -> list[str]:
    keep = [n for n in table.column_names if n not in skip]
    return sorted(repr(sorted(r.items())) for r in table.select(keep).to_pylist())


@requires_conformance
def test_golden_tables_found():
    assert len(GOLDEN) >= 50, GOLDEN


@requires_conformance
@pytest.mark.parametrize("name", GOLDEN)
def test_golden_scan_matches_expected(conformance, name):
    root = conformance(f"golden/{name}")
    expected = pa.concat_tables(
        [pq.read_table(p) for p in sorted(conformance.expected(f"golden/{name}").rglob("*.parquet"))],
        promote_options="default",
    )
    scan = dk.Table(root).scan()
    got = pa.table(scan)
    assert got.schema == scan.schema
    assert sorted(got.column_names) == sorted(expected.column_names)
    skip = SKIP_COLUMNS.get(name, set())
    assert _rows(got, skip) == _rows(expected.select(got.column_names), skip)
    assert pl.DataFrame(scan).height == expected.num_rows
    assert duckdb.sql("select count(*) from scan").fetchone()[0] == expected.num_rows


def test_deletion_vectors(conformance):
    table = dk.Table(conformance("golden/dv-partitioned-with-checkpoint"))
    files = table.files()
    deleted = sum(files["deleted_rows"].to_pylist())
    assert deleted > 0
    stored = sum(pq.ParquetFile(loc[len("file://"):]).metadata.num_rows
                 for loc in files["location"].to_pylist())
    assert pa.table(table.scan()).num_rows == stored - deleted
    with_dv = [f for f in table.scan().files() if f.deletion_vector is not None]
    assert with_dv and all(f.deletion_vector.cardinality > 0 for f in with_dv)
    assert {f.deletion_vector.storage_type for f in with_dv} <= {"u", "i", "p"}


@pytest.mark.parametrize("mode", ["name", "id"])
def test_column_mapping(conformance, mode):
    table = dk.Table(conformance(f"golden/table-with-columnmapping-mode-{mode}"))
    assert table.metadata.configuration["delta.columnMapping.mode"] == mode
    # Logical names on the way out, whatever the files call the columns.
    assert table.schema.names == [f.name for f in table.schema]
    physical = pq.read_schema(table.files()["location"][0].as_py()[len("file://"):]).names
    assert not set(table.schema.names) & set(physical)
    one = table.scan(columns=[table.schema.names[0]])
    assert pa.table(one).num_rows == pa.table(table.scan()).num_rows > 0


def test_checkpoints_and_time_travel(conformance):
    table = dk.Table(conformance("golden/basic-with-inserts-deletes-checkpoint"))
    latest = table.snapshot()
    assert latest.version == 13
    assert latest.checkpoint_version == 10
    assert [h.version for h in table.history()] == list(range(13, -1, -1))
    counts = [table.snapshot(version=v).scan().to_arrow().num_rows for v in range(14)]
    # Every version reads, and the latest agrees with duckdb and polars.
    assert counts[-1] == latest.scan().to_arrow().num_rows
    scan = latest.scan()
    assert duckdb.sql("select count(*) from scan").fetchone()[0] == counts[-1]
    for h in table.history():
        assert table.snapshot(timestamp=h.timestamp).version >= h.version


def test_multi_part_checkpoint(conformance):
    table = dk.Table(conformance("golden/multi-part-checkpoint"))
    assert table.version == 1 and table.snapshot().checkpoint_version == 1
    rows = pa.table(table.scan()).num_rows
    assert rows > 0 and pl.DataFrame(table.scan()).height == rows


def test_commit_info_history(conformance):
    table = dk.Table(conformance("golden/deltalog-commit-info"))
    (entry,) = table.history()
    assert entry.version == 0
    # Without in-commit timestamps the history's time is the commit file's modification time;
    # commitInfo is returned as written.
    assert entry.commit_info["timestamp"] == 1540415658000
    assert entry.commit_info["userMetadata"] == "foo"
    assert entry.commit_info["operationMetrics"] == {"test": "test"}
    assert entry.commit_info["isBlindAppend"] is True
    assert entry.timestamp.tzinfo == timezone.utc


@pytest.mark.parametrize("name, kind", sorted(EXPECTED_ERRORS.items()))
def test_expected_errors(conformance, name, kind):
    group = "golden" if (CONFORMANCE / "golden" / f"{name}.tar.zst").exists() else "tables"
    with pytest.raises(dk.DeltaError) as info:
        dk.Table(conformance(f"{group}/{name}")).snapshot()
    assert info.value.kind == kind
    assert type(info.value).kind == kind
    assert str(info.value)  # a message naming what went wrong
