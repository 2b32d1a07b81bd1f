"""The project's own corpus (scripts/corpus.sh: tables Delta Spark and delta-rs wrote, with
their own readings as expected results) read through the Python package and the CLI: every
expectation of every manifest gives exactly the expected rows (a multiset; column names in
order), or, for the few listed in tests/corpus_known_errors.json, the error listed there.

Without a corpus every test here skips with one line saying why and how to generate it
(corpus.py); with CI=true a missing corpus fails instead.
"""

from __future__ import annotations

import collections
import math
import os
from datetime import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import corpus
from harness import assert_error, assert_ok, import_delta_kernel, run_cli

# Without a corpus the whole module skips with one line (why, and the command that fixes it);
# in CI each test fails instead (the fixture below), on a placeholder parameter.
if corpus.missing_reason() and os.environ.get("CI") != "true":
    pytest.skip(corpus.missing_reason(), allow_module_level=True)
EXPECTATIONS = corpus.expectations() or [None]
IDS = [e.id if e else "no-corpus" for e in EXPECTATIONS]


@pytest.fixture(autouse=True)
def _require_corpus():
    reason = corpus.missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _canonical(value):
    if isinstance(value, float) and math.isnan(value):
        return ("NaN",)
    if isinstance(value, dict):  # struct fields (and variants' metadata/value) by name
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return ("ts", value.timestamp(), value.microsecond)
    return value


def multiset(table: pa.Table) -> collections.Counter:
    return collections.Counter(repr(_canonical(r)) for r in table.to_pylist())


def assert_rows(actual: pa.Table, e: corpus.Expectation, who: str) -> None:
    expected = pq.read_table(e.file)
    # Columns the writer's reading does not give as the protocol defines them (the manifest).
    actual = actual.drop_columns(e.spec.get("unchecked_columns", []))
    assert actual.column_names == expected.column_names, f"{who}: columns differ"
    got, want = multiset(actual), multiset(expected)
    if got != want:
        extra = list((got - want).elements())[:3]
        missing = list((want - got).elements())[:3]
        raise AssertionError(f"{who} of {e.id}: {actual.num_rows} rows, expected "
                             f"{expected.num_rows}\n  unexpected: {extra}\n  missing: {missing}")


def read_with_package(e: corpus.Expectation) -> pa.Table:
    import_delta_kernel()
    import delta_kernel as dk

    spec = e.spec
    table = dk.Table(str(e.root))
    if spec["kind"] == "changes":
        start = spec.get("start_timestamp", spec["start"])
        end = spec.get("end_timestamp", spec.get("end"))
        return table.changes(start, end, filter=spec.get("filter")).to_arrow()
    if "version" in spec:
        snapshot = table.snapshot(spec["version"])
    elif "timestamp" in spec:
        snapshot = table.snapshot(timestamp=spec["timestamp"])
    else:
        snapshot = table.snapshot()
    return snapshot.scan(spec.get("columns"), spec.get("filter"),
                         metadata_columns=spec.get("metadata_columns", ())).to_arrow()


def cli_args(e: corpus.Expectation) -> list[str]:
    spec = e.spec
    if spec["kind"] == "changes":
        args = ["changes", str(e.root)]
        if "start_timestamp" in spec:
            args += ["--from-timestamp", spec["start_timestamp"]]
            if "end_timestamp" in spec:
                args += ["--to-timestamp", spec["end_timestamp"]]
        else:
            args += ["--from", str(spec["start"])]
            if "end" in spec:
                args += ["--to", str(spec["end"])]
    else:
        args = ["scan", str(e.root)]
        if "version" in spec:
            args += ["--version", str(spec["version"])]
        elif "timestamp" in spec:
            args += ["--timestamp", spec["timestamp"]]
        if "columns" in spec or "metadata_columns" in spec:
            cols = spec.get("columns") or [f.name for f in pq.read_schema(e.file)
                                           if f.name not in spec.get("metadata_columns", [])]
            cols = [f"`{c}`" if any(ch in c for ch in ".,` ") else c for c in cols]
            args += ["--columns", ",".join(cols + spec.get("metadata_columns", []))]
    if "filter" in spec:
        args += ["--where", spec["filter"]]
    return args


@pytest.mark.parametrize("e", EXPECTATIONS, ids=IDS)
def test_package_reads_expected(e: corpus.Expectation):
    known = corpus.known_error(e)
    if known:
        import_delta_kernel()
        import delta_kernel as dk

        with pytest.raises(dk.DeltaError) as info:
            read_with_package(e)
        assert info.value.kind == known["kind"], str(info.value)
        assert known["mentions"] in str(info.value)
        return
    assert_rows(read_with_package(e), e, "delta_kernel")


@pytest.mark.parametrize("e", EXPECTATIONS, ids=IDS)
def test_cli_reads_expected(e: corpus.Expectation, cli, tmp_path):
    out = tmp_path / "out.parquet"
    res = run_cli(*cli_args(e), "--format", "parquet", "--output", out, "--no-progress")
    known = corpus.known_error(e)
    if known:
        assert_error(res, known["kind"])
        assert known["mentions"] in res.stderr
        return
    assert_ok(res)
    assert_rows(pq.read_table(out), e, "delta-kernel CLI")


def test_known_errors_name_real_expectations():
    """Every entry of the known-errors list names a case or expectation that exists, with its
    kind, the word its message holds and the reason."""
    ids = {e.id for e in EXPECTATIONS} | {e.case for e in EXPECTATIONS}
    for key, entry in corpus.known_errors().items():
        assert key in ids, (f"{key} (tests/corpus_known_errors.json) is not in the corpus at "
                           f"{corpus.corpus_dir()} (an older corpus? run scripts/corpus.sh)")
        assert set(entry) == {"kind", "mentions", "reason"}, key
