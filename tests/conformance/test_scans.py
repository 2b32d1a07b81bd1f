"""`delta-kernel scan` against the expected results of the shared conformance tables.

- Every golden table with `expected/` is scanned at its latest version with
  `--format parquet --output` and compared with the expected Parquet files (read with pyarrow):
  the same column names in the same order, the same Arrow types and nullability, and the same
  rows as a multiset.
- Every readable table (golden and tables/) returns as many rows as its live files hold: the
  row counts in their Parquet footers (read with pyarrow) minus their deletion vectors'
  cardinalities (the live files from `files --json`, which test_snapshots.py checks against an
  independent log reader).
- Filtered scans return exactly the expected rows the predicate selects (evaluated here with
  Python's own SQL-style logic), with partition pruning and data skipping on or off.
- CLI behaviour: column selection, limits, text formats, and errors with their exit codes.

Normalisations, each one a known quirk of the expected data (../shared/conformance/README.md):
- data-reader-partition-values: the expected `as_timestamp` is not the protocol's reading of
  the partition value `2021-09-08 11:11:11` (UTC). That column is compared with the protocol's
  value instead; every other column is compared as is.
"""

from __future__ import annotations

import collections
import datetime as dt
import decimal
import json
import math
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from harness import (CONFORMANCE, TableCase, assert_error, assert_ok, discover_tables,
                     require_conformance, requires_conformance, run_cli)

ALL_CASES = discover_tables()


def _golden_with_expected() -> list[TableCase]:
    out = []
    for case in ALL_CASES:
        if not case.id.startswith("golden/") or not case.is_archive:
            continue
        listing = subprocess.run(["tar", "--zstd", "-tf", str(case.source)], check=True,
                                 capture_output=True, text=True).stdout
        if any(m.startswith(f"{case.name}/expected/") and m.endswith(".parquet")
               for m in listing.splitlines()):
            out.append(case)
    return out


GOLDEN = _golden_with_expected()

# The protocol's reading of the partition value "2021-09-08 11:11:11" (see the module doc).
PARTITION_TIMESTAMP = dt.datetime(2021, 9, 8, 11, 11, 11, tzinfo=dt.timezone.utc)


def expected_dir(root: Path) -> Path:
    return root.parent / "expected"


def read_expected(root: Path) -> pa.Table:
    files = sorted(expected_dir(root).glob("*.parquet"))
    assert files, f"no expected Parquet files under {expected_dir(root)}"
    return pa.concat_tables([pq.read_table(f) for f in files])


def canonical(value):
    """A hashable, order-stable form of a value from to_pylist (NaN equal to itself)."""
    if isinstance(value, float) and math.isnan(value):
        return ("NaN",)
    if isinstance(value, dict):
        return tuple((k, canonical(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(canonical(v) for v in value)
    if isinstance(value, tuple):
        return tuple(canonical(v) for v in value)
    return value


def row_multiset(table: pa.Table) -> collections.Counter:
    return collections.Counter(repr(canonical(r)) for r in table.to_pylist())


def scan_to_table(root: Path, out: Path, *args: str) -> pa.Table:
    res = run_cli("scan", root, "--format", "parquet", "--output", out, *args)
    assert_ok(res)
    assert res.stdout == ""
    return pq.read_table(out)


def assert_same_schema(actual: pa.Schema, expected: pa.Schema) -> None:
    assert actual.names == expected.names
    for a, e in zip(actual, expected):
        assert a.type == e.type, f"column {a.name}: {a.type} vs expected {e.type}"
        assert a.nullable == e.nullable, f"column {a.name}: nullable {a.nullable}"


# --- full scans vs expected/ -----------------------------------------------------------------


@requires_conformance
@pytest.mark.parametrize("case", GOLDEN, ids=[c.id for c in GOLDEN])
def test_scan_matches_expected(case: TableCase, extract, tmp_path):
    root = extract(case)
    actual = scan_to_table(root, tmp_path / "out.parquet")
    expected = read_expected(root)
    assert_same_schema(actual.schema, expected.schema)
    assert actual.num_rows == expected.num_rows
    if case.name == "data-reader-partition-values":
        ts = actual.column("as_timestamp").to_pylist()
        assert all(v is None or v == PARTITION_TIMESTAMP for v in ts), ts
        assert ts.count(None) == expected.column("as_timestamp").to_pylist().count(None)
        actual = actual.drop_columns(["as_timestamp"])
        expected = expected.drop_columns(["as_timestamp"])
    assert row_multiset(actual) == row_multiset(expected)


# --- row counts of every readable table -------------------------------------------------------

READABLE = [c for c in ALL_CASES
            if c.expected_error is None and c.unsupported_feature is None and not c.big]


def local_data_file(root: Path, log_path: str) -> Path | None:
    """The local file an add path names: relative paths are URI-encoded under the root."""
    if log_path.startswith("file:"):
        return Path(unquote(urlparse(log_path).path))
    if "://" in log_path:
        return None
    return root / unquote(log_path)


@requires_conformance
@pytest.mark.parametrize("case", READABLE, ids=[c.id for c in READABLE])
def test_row_count_matches_data_files_minus_deletion_vectors(case: TableCase, extract, tmp_path):
    root = extract(case)
    files = run_cli("files", root, "--json")
    assert_ok(files)
    adds = files.json_lines()
    paths = [local_data_file(root, a["path"]) for a in adds]
    if any(p is None or not p.is_file() for p in paths):
        pytest.skip("a log-only table: its data files are not part of the corpus")
    # Rows per file from the Parquet footers (pyarrow), not from the log's stats.
    expected = sum(pq.read_metadata(p).num_rows - (a.get("deletionVector") or {}).get(
        "cardinality", 0) for p, a in zip(paths, adds))
    actual = scan_to_table(root, tmp_path / "out.parquet")
    assert actual.num_rows == expected


@requires_conformance
@pytest.mark.parametrize("case", [c for c in ALL_CASES if c.unsupported_feature],
                         ids=lambda c: c.id)
def test_unsupported_feature_is_refused(case: TableCase, extract, tmp_path):
    res = run_cli("scan", extract(case), "--format", "parquet", "--output", tmp_path / "o.parquet")
    assert_error(res, "Unsupported")
    assert case.unsupported_feature in res.stderr


# --- filters ------------------------------------------------------------------------------------


def sql_and(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def sql_or(a, b):
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def cmp(op):
    def f(x, y):
        if x is None or y is None:
            return None
        return op(x, y)
    return f


GT = cmp(lambda x, y: x > y)
LT = cmp(lambda x, y: x < y)
EQ = cmp(lambda x, y: x == y)

# (table, --where, the same predicate over a row dict as SQL three-valued logic)
FILTERS = [
    ("basic-decimal-table", "part > 0", lambda r: GT(r["part"], 0)),
    ("basic-decimal-table", "col1 = 1.00 OR part < 0",
     lambda r: sql_or(EQ(r["col1"], decimal.Decimal("1.00")), LT(r["part"], 0))),
    ("basic-decimal-table", "NOT (col2 > 2)", lambda r: None if r["col2"] is None
     else not (r["col2"] > 2)),
    ("data-skipping-partition-and-data-column", "part = 1 AND id > 0",
     lambda r: sql_and(EQ(r["part"], 1), GT(r["id"], 0))),
    ("data-skipping-partition-and-data-column", "id IS NULL OR part != 0",
     lambda r: sql_or(r["id"] is None, None if r["part"] is None else r["part"] != 0)),
    ("data-reader-partition-values", "as_int IN (0, 7) OR as_string IS NULL",
     lambda r: sql_or(None if r["as_int"] is None else r["as_int"] in (0, 7),
                      r["as_string"] is None)),
    ("data-reader-primitives", "as_long >= 3 AND as_string != '5'",
     lambda r: sql_and(None if r["as_long"] is None else r["as_long"] >= 3,
                       None if r["as_string"] is None else r["as_string"] != "5")),
    ("dv-partitioned-with-checkpoint", "part = 0", lambda r: EQ(r["part"], 0)),
    ("table-with-columnmapping-mode-name", "ByteType > 1 AND nested_struct.aa = '3'",
     lambda r: sql_and(GT(r["ByteType"], 1),
                       EQ(r["nested_struct"]["aa"] if r["nested_struct"] else None, "3"))),
]

GOLDEN_BY_NAME = {c.name: c for c in GOLDEN}


@pytest.mark.parametrize("name,where,predicate", FILTERS,
                         ids=[f"{n}: {w}" for n, w, _ in FILTERS])
@pytest.mark.parametrize("skipping", [True, False], ids=["skipping", "no-skipping"])
def test_filtered_scan_is_exact(name, where, predicate, skipping, extract, tmp_path):
    root = extract(GOLDEN_BY_NAME[name])
    args = ["--where", where] + ([] if skipping else ["--no-skipping"])
    actual = scan_to_table(root, tmp_path / "out.parquet", *args)
    full = scan_to_table(root, tmp_path / "full.parquet")
    selected = [r for r in full.to_pylist() if predicate(r) is True]
    assert 0 < len(selected) < full.num_rows or name == "dv-partitioned-with-checkpoint"
    expected = pa.Table.from_pylist(selected, schema=full.schema)
    assert row_multiset(actual) == row_multiset(expected)


@pytest.mark.parametrize("name,where,pruned,skipped", [
    ("basic-decimal-table", "part > 1000", 3, 0),        # partition values decide
    ("basic-decimal-table", "col1 = 1.00", 0, 3),        # column stats decide
    ("basic-decimal-table", "col1 > 0 OR part < 0", 0, 1),
    ("data-skipping-partition-and-data-column", "part = 1 AND id > 0", 0, 3),
])
def test_explain_counts_pruning_and_skipping(name, where, pruned, skipped, extract):
    root = extract(GOLDEN_BY_NAME[name])
    res = run_cli("scan", root, "--where", where, "--explain")
    assert_ok(res)
    plan = res.json()
    assert plan["prunedByPartitionValues"] == pruned
    assert plan["skippedByStats"] == skipped
    assert plan["selectedFiles"] == plan["totalFiles"] - pruned - skipped == len(plan["files"])
    res = run_cli("scan", root, "--where", where, "--explain", "--no-skipping")
    assert_ok(res)
    plan = res.json()
    assert plan["prunedByPartitionValues"] == plan["skippedByStats"] == 0
    assert plan["selectedFiles"] == plan["totalFiles"]


# --- CLI behaviour ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dv_table() -> Path:
    require_conformance()
    return CONFORMANCE / "tables" / "table-with-dv-small"


def test_columns_limit_and_metadata_columns(dv_table):
    res = run_cli("scan", dv_table, "--format", "jsonl", "--columns", "_row_index, value")
    assert_ok(res)
    rows = res.json_lines()
    assert [list(r) for r in rows] == [["_row_index", "value"]] * 8
    assert sorted(r["value"] for r in rows) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert all(r["_row_index"] == r["value"] for r in rows)
    res = run_cli("scan", dv_table, "--format", "jsonl", "--limit", "3")
    assert_ok(res)
    assert len(res.json_lines()) == 3


def test_text_formats(dv_table):
    res = run_cli("scan", dv_table, "--format", "csv", "--where", "value < 3")
    assert_ok(res)
    assert res.stdout == "value\n1\n2\n"
    res = run_cli("scan", dv_table, "--where", "value < 3")
    assert_ok(res)
    assert res.stdout == "value\n    1\n    2\n(2 rows)\n"
    res = run_cli("scan", dv_table, "--where", "value > 100")
    assert_ok(res)
    assert res.stdout == "value\n(0 rows)\n"


def test_time_travel(dv_table, tmp_path):
    # Version 0 predates the deletion vector: all ten rows.
    t = scan_to_table(dv_table, tmp_path / "v0.parquet", "--version", "0")
    assert sorted(t.column("value").to_pylist()) == list(range(10))


def test_text_output_file(dv_table, tmp_path):
    out = tmp_path / "rows.jsonl"
    res = run_cli("scan", dv_table, "--format", "jsonl", "--output", out, "--limit", "2")
    assert_ok(res)
    assert res.stdout == ""
    assert len([json.loads(line) for line in out.read_text().splitlines()]) == 2


@pytest.mark.parametrize("args,kind,mentions", [
    (["--columns", "nope"], "InvalidArgument", "nope"),
    (["--where", "nope > 1"], "InvalidArgument", "nope"),
    (["--where", "value >"], "InvalidArgument", "--where"),
    (["--where", "value = 'x'"], "InvalidArgument", "value"),
    (["--format", "parquet"], "InvalidArgument", "--output"),
    (["--format", "xml"], "InvalidArgument", "--format"),
    (["--limit", "-1"], "InvalidArgument", "--limit"),
    (["--columns", "_row_id"], "InvalidArgument", "row tracking"),
    (["--version", "99"], "NotFound", ""),
])
def test_errors(dv_table, args, kind, mentions):
    res = run_cli("scan", dv_table, *args)
    assert_error(res, kind)
    assert mentions in res.stderr


def test_missing_data_file_is_an_error(tmp_path):
    table = tmp_path / "t"
    log = table / "_delta_log"
    log.mkdir(parents=True)
    schema = {"type": "struct", "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}}]}
    actions = [
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
        {"metaData": {"id": "x", "format": {"provider": "parquet", "options": {}},
                      "schemaString": json.dumps(schema), "partitionColumns": [],
                      "configuration": {}}},
        {"add": {"path": "missing.parquet", "partitionValues": {}, "size": 10,
                 "modificationTime": 1, "dataChange": True}},
    ]
    (log / "00000000000000000000.json").write_text("\n".join(json.dumps(a) for a in actions))
    res = run_cli("scan", table)
    assert res.returncode != 0
    assert "missing.parquet" in res.stderr
    assert res.error_kind() in {"NotFound", "IoError", "InvalidTable"}
