"""Errors: one exception class per delta::StatusCode, raised with the kernel's message."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk
from delta_kernel import _core

# delta::StatusCode values (include/delta/status.h) -> class, kind, built-in base.
CODES = [
    (1, dk.NotFoundError, "NotFound", LookupError),
    (2, dk.InvalidTableError, "InvalidTable", None),
    (3, dk.UnsupportedError, "Unsupported", NotImplementedError),
    (4, dk.ConflictError, "Conflict", None),
    (5, dk.DeltaIOError, "IoError", OSError),
    (6, dk.InvalidArgumentError, "InvalidArgument", ValueError),
    (7, dk.PermissionDeniedError, "PermissionDenied", PermissionError),
    (8, dk.CancelledError, "Cancelled", None),
    (9, dk.InternalError, "Internal", RuntimeError),
    (10, dk.ResourceExhaustedError, "ResourceExhausted", MemoryError),
]


@pytest.mark.parametrize("code, cls, kind, builtin", CODES)
def test_every_status_code_has_its_class(code, cls, kind, builtin):
    with pytest.raises(cls) as info:
        _core._raise_status(code, f"what went wrong ({kind})")
    err = info.value
    assert type(err) is cls
    assert isinstance(err, dk.DeltaError)
    assert err.kind == kind
    assert str(err) == err.message == f"what went wrong ({kind})"
    if builtin is not None:
        assert isinstance(err, builtin)
    assert getattr(dk.exceptions, cls.__name__) is cls


def test_classes_are_distinct():
    classes = [c for _, c, _, _ in CODES]
    assert len(set(classes)) == len(classes) == 10
    assert sorted(dk.exceptions.__all__) == sorted(["DeltaError"] + [c.__name__ for c in classes])


def test_missing_table(tmp_path: Path):
    with pytest.raises(dk.NotFoundError, match="_delta_log does not exist"):
        dk.Table(tmp_path / "nope").snapshot()
    with pytest.raises(LookupError):
        dk.Table(tmp_path).version


def test_unsupported_table(conformance):
    table = dk.Table(conformance("tables/table-with-geo"))
    with pytest.raises(dk.UnsupportedError, match="geospatial"):
        table.snapshot()


def test_bad_scan_arguments(sample_table: Path):
    table = dk.Table(sample_table)
    with pytest.raises(dk.InvalidArgumentError, match="position"):
        table.scan(filter="id = ")
    with pytest.raises(dk.InvalidArgumentError, match="nope"):
        table.scan(filter="nope = 1")
    with pytest.raises(dk.InvalidArgumentError, match="nope"):
        table.scan(columns=["id", "nope"])
    with pytest.raises(dk.InvalidArgumentError):
        table.scan(filter="name = DATE '2024-01-01' AND id = 'x'")
    with pytest.raises(dk.InvalidArgumentError, match="limit must be >= 0, got -1"):
        table.scan(limit=-1)
    with pytest.raises(dk.InvalidArgumentError, match="unknown metadata column '_nope'"):
        table.scan(metadata_columns=["_nope"])
    with pytest.raises(TypeError, match="not a string"):
        table.scan(columns="id")
    with pytest.raises(dk.InvalidArgumentError, match="limit must be >= 0"):
        table.history(limit=-1)


def test_stream_errors_become_delta_errors(tmp_path: Path, sample_table: Path):
    # A copy of the sample table whose data files are gone after planning.
    import shutil

    copy = tmp_path / "t"
    shutil.copytree(sample_table, copy)
    scan = dk.Table(copy).scan()
    for f in copy.glob("region=*/*.parquet"):
        f.unlink()
    with pytest.raises(dk.DeltaIOError) as info:
        scan.to_arrow()
    assert ".parquet" in str(info.value)
    # Consumers see their own error type, with the kernel's message.
    with pytest.raises((OSError, pa.ArrowException), match=".parquet"):
        pa.table(scan)
