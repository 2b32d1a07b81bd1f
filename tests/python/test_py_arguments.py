"""Every numeric argument of the Python API is checked before it reaches the native module: a
value out of range raises InvalidArgumentError (a ValueError and a DeltaError) naming the
argument and the range, a value of the wrong type a TypeError naming the argument; never
nanobind's "incompatible function arguments", never a clamped number."""

from __future__ import annotations

from pathlib import Path

import pytest

import delta_kernel as dk

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


@pytest.fixture(scope="module")
def table(sample_table: Path) -> dk.Table:
    return dk.Table(sample_table)


# (name, call taking the value): every int parameter of the public API that must be >= 0.
NON_NEGATIVE = [
    ("version", lambda t, v: t.snapshot(version=v)),
    ("version", lambda t, v: t.snapshot(v)),
    ("limit", lambda t, v: t.history(limit=v)),
    ("limit", lambda t, v: t.scan(limit=v)),
    ("limit", lambda t, v: t.snapshot(3).scan(limit=v)),
    ("start", lambda t, v: t.changes(v)),
    ("end", lambda t, v: t.changes(0, v)),
    ("limit", lambda t, v: t.changes(0, limit=v)),
    ("version", lambda t, v: t.snapshot(3).refresh(v)),
]


@pytest.mark.parametrize("name, call", NON_NEGATIVE)
@pytest.mark.parametrize("value", [2**63, 2**64, 10**20, -1, INT64_MIN, INT64_MIN - 1])
def test_out_of_range(table, name, call, value):
    with pytest.raises(dk.InvalidArgumentError) as info:
        call(table, value)
    assert str(info.value) == f"{name} must be an integer from 0 to {INT64_MAX}, got {value}"
    assert isinstance(info.value, ValueError) and isinstance(info.value, dk.DeltaError)


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**30])
def test_timestamp_ms_out_of_range(table, value):
    with pytest.raises(dk.InvalidArgumentError) as info:
        table.snapshot(timestamp=value)
    assert str(info.value) == (
        f"timestamp (milliseconds since the epoch) must be an integer from {INT64_MIN} to "
        f"{INT64_MAX}, got {value}"
    )


def test_largest_values_reach_the_kernel(table):
    with pytest.raises(dk.NotFoundError, match=f"has no version {INT64_MAX}"):
        table.snapshot(version=INT64_MAX)
    with pytest.raises(dk.NotFoundError):
        table.snapshot(timestamp=INT64_MAX)
    with pytest.raises(dk.NotFoundError):
        table.snapshot(timestamp=INT64_MIN)
    assert len(table.history(limit=INT64_MAX)) == 6
    assert table.scan(limit=INT64_MAX).to_arrow().num_rows == 200


class Index:
    """Not an int, but usable as one (like numpy's integers)."""

    def __index__(self) -> int:
        return 2


def test_integer_likes_are_accepted(table):
    assert table.snapshot(version=Index()).version == 2
    assert table.scan(limit=Index()).to_arrow().num_rows == 2
    assert len(table.history(limit=Index())) == 2


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda t: t.snapshot(version=1.0), "version must be an int, not float"),
        (lambda t: t.snapshot(version=True), "version must be an int, not bool"),
        (lambda t: t.scan(limit=1.5), "limit must be an int, not float"),
        (lambda t: t.scan(limit="3"), "limit must be an int, not str"),
        (lambda t: t.history(limit=2.0), "limit must be an int, not float"),
        (lambda t: t.changes(0, limit=False), "limit must be an int, not bool"),
        (lambda t: t.snapshot(3).refresh(4.0), "version must be an int, not float"),
        (lambda t: t.scan(skipping=1), "skipping must be a bool, not int"),
        (lambda t: t.scan(filter=1), "filter must be a str, not int"),
        (lambda t: t.changes(0, filter=b"id = 1"), "filter must be a str, not bytes"),
        (lambda t: t.scan(columns=["id", 1]), "columns must hold str names, not int"),
        (lambda t: t.scan(columns=5), "columns must be a sequence of names, not int"),
        (lambda t: t.scan(columns="id"), "columns must be a sequence of names, not a string"),
        (lambda t: t.scan(metadata_columns=[None]), "metadata_columns must hold str names, not NoneType"),
        (lambda t: t.changes(0, columns=[b"id"]), "columns must hold str names, not bytes"),
        (lambda t: t.changes(1.5), "start must be a version (int) or a time (datetime, date, str), not float"),
    ],
)
def test_wrong_types_name_the_argument(table, call, message):
    with pytest.raises(TypeError) as info:
        call(table)
    assert str(info.value) == message
    assert "incompatible function arguments" not in str(info.value)


def test_table_locations(sample_table: Path):
    assert dk.Table(bytes(sample_table)).version == 5
    with pytest.raises(TypeError) as info:
        dk.Table(5)  # type: ignore[arg-type]
    assert "incompatible function arguments" not in str(info.value)
    assert "int" in str(info.value)


def test_columns_from_any_iterable(table):
    scan = table.scan(columns=(c for c in ["id", "region"]), limit=1)
    assert scan.schema.names == ["id", "region"]


def test_location_policy_arguments(sample_table: Path):
    with pytest.raises(dk.InvalidArgumentError,
                       match="external_locations must be 'same-store' or 'none', got 'all'"):
        dk.Table(sample_table, external_locations="all")
    with pytest.raises(dk.InvalidArgumentError,
                       match="allowed_locations must be a sequence of locations, not one"):
        dk.Table(sample_table, allowed_locations="/data")
    # A table whose files all lie inside it reads the same under the strictest policy.
    strict = dk.Table(sample_table, external_locations="none", allowed_locations=[Path("/x")])
    assert strict.scan().to_arrow().num_rows == dk.Table(sample_table).scan().to_arrow().num_rows
