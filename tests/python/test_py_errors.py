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
    with pytest.raises(dk.InvalidArgumentError, match="limit must be an integer from 0 to 9223372036854775807, got -1"):
        table.scan(limit=-1)
    with pytest.raises(dk.InvalidArgumentError, match="unknown metadata column '_nope'"):
        table.scan(metadata_columns=["_nope"])
    with pytest.raises(TypeError, match="not a string"):
        table.scan(columns="id")
    with pytest.raises(dk.InvalidArgumentError, match="limit must be an integer from 0 to 9223372036854775807, got -1"):
        table.history(limit=-1)


def test_stream_errors_become_delta_errors(tmp_path: Path, sample_table: Path):
    # A copy of the sample table whose data files are gone after planning.
    import shutil

    copy = tmp_path / "t"
    shutil.copytree(sample_table, copy)
    scan = dk.Table(copy).scan()
    missing = "region=eu-west/part-00000-6c88cb62-ba70-4017-b45f-b3e2087b867c-c000.snappy.parquet"
    (copy / missing).unlink()
    # The kernel's kind and message, once: which table, which version, which file.
    uri = copy.resolve().as_uri()
    message = (
        f"table {uri}, version 5: opening '{uri}/{missing}': No such file or directory"
    )
    with pytest.raises(dk.NotFoundError) as info:
        scan.to_arrow()
    assert str(info.value) == message
    with pytest.raises(dk.NotFoundError) as info:
        dk.Table(copy).snapshot(5).scan(columns=["id"]).to_arrow()
    assert str(info.value) == message
    # Consumers see their own error type, with the kernel's kind and message.
    with pytest.raises(OSError) as info:
        pa.table(scan)
    assert str(info.value) == f"IOError: NotFound: {message}"


def test_stream_error_kinds(sample_table: Path):
    from delta_kernel._scan import _stream_error

    for text, cls, message in [
        ("IOError: NotFound: table t: gone", dk.NotFoundError, "table t: gone"),
        ("Invalid: InvalidTable: a: b: c", dk.InvalidTableError, "a: b: c"),
        ("PermissionDenied: opening 'x'", dk.PermissionDeniedError, "opening 'x'"),
        ("Invalid: not a kernel error", dk.InvalidTableError, "Invalid: not a kernel error"),
    ]:
        exc = pa.ArrowInvalid(text) if text.startswith("Invalid") else OSError(text)
        err = _stream_error(exc)
        assert (type(err), str(err)) == (cls, message)
    err = _stream_error(OSError("IOError: disk on fire"))
    assert (type(err), str(err)) == (dk.DeltaIOError, "IOError: disk on fire")


def test_stream_memory_errors_are_delta_errors(monkeypatch):
    """pyarrow running out of memory while collecting a scan raises the class of the kernel's
    ResourceExhausted kind (a DeltaError and a MemoryError) once the package has one."""
    from delta_kernel import _scan, exceptions

    class ResourceExhausted(dk.DeltaError, MemoryError):
        kind = "ResourceExhausted"

    monkeypatch.setitem(exceptions._BY_KIND, "ResourceExhausted", ResourceExhausted)
    err = _scan._stream_error(pa.ArrowMemoryError("malloc of size 64 failed"))
    assert (type(err), str(err)) == (ResourceExhausted, "malloc of size 64 failed")
    err = _scan._stream_error(OSError("IOError: ResourceExhausted: reading 'f': out of memory"))
    assert (type(err), str(err)) == (ResourceExhausted, "reading 'f': out of memory")


def test_delta_log_that_is_a_file(tmp_path: Path):
    (tmp_path / "_delta_log").write_text("x")
    with pytest.raises(dk.NotFoundError) as info:
        dk.Table(tmp_path).snapshot()
    uri = tmp_path.resolve().as_uri()
    assert str(info.value) == (
        f"no Delta table at {uri}: {uri}/_delta_log is a file, not a directory"
    )


def test_kinds_come_from_the_kernel():
    """The classes' kinds are the kernel's names of its codes (one table, delta::StatusCodeName)."""
    names = _core._status_code_names()
    assert names[0] == "OK"
    assert [kind for _, _, kind, _ in CODES] == names[1:]
    assert dk.exceptions._BY_KIND == {kind: cls for _, cls, kind, _ in CODES}
    assert _core._error_detail_names()[0] == "None"
    assert "CommitStateUnknown" in _core._error_detail_names()


def test_conflict_carries_its_detail():
    names = _core._error_detail_names()
    append = names.index("ConcurrentAppend")
    with pytest.raises(dk.ConflictError) as info:
        _core._raise_status(4, "commit 8 lost", append, 7, "part-1.parquet")
    err = info.value
    assert str(err) == err.message == "commit 8 lost"
    assert (err.detail_kind, err.detail_version, err.detail_subject) == (
        "ConcurrentAppend",
        7,
        "part-1.parquet",
    )
    assert not err.commit_state_unknown


def test_commit_state_unknown_is_an_io_error_with_that_detail():
    unknown = _core._error_detail_names().index("CommitStateUnknown")
    with pytest.raises(dk.DeltaIOError) as info:
        _core._raise_status(5, "reply lost", unknown, 3)
    err = info.value
    assert isinstance(err, OSError)
    assert err.commit_state_unknown
    assert (err.detail_kind, err.detail_version, err.detail_subject) == (
        "CommitStateUnknown",
        3,
        None,
    )


def test_errors_without_detail_have_none():
    with pytest.raises(dk.NotFoundError) as info:
        _core._raise_status(1, "gone")
    err = info.value
    assert (err.detail_kind, err.detail_version, err.detail_subject) == (None, None, None)
    assert not err.commit_state_unknown
