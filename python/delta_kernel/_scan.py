"""Scan: the rows of one snapshot as an Arrow stream (the Arrow PyCapsule interface)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional

from . import _core, _pyarrow, exceptions
from ._scan_metadata import ScanMetadata
from ._scan_plan import ScanPlan
from .exceptions import DeltaError, DeltaIOError, InvalidTableError

if TYPE_CHECKING:
    import pyarrow as pa


class _SchemaCapsuleHolder:
    """Hands a schema capsule to ``pyarrow.schema()`` through ``__arrow_c_schema__``."""

    def __init__(self, capsule: object) -> None:
        self._capsule = capsule

    def __arrow_c_schema__(self) -> object:
        return self._capsule


def _schema_from_capsule(capsule: object, what: str = "schema") -> pa.Schema:
    return _pyarrow.require(what).schema(_SchemaCapsuleHolder(capsule))


def _stream_error(e: Exception) -> DeltaError:
    """The package's exception for an error raised while pulling a kernel stream: the class of
    the kernel's kind and its message, or (an error from pyarrow itself) by the Arrow error."""
    # The kernel's streams report "<Arrow code>: <kernel kind>: <message>".
    parts = str(e).split(": ", 2)
    for i in (0, 1):
        if i + 1 < len(parts) and parts[i] in exceptions._BY_KIND:
            return exceptions._BY_KIND[parts[i]](": ".join(parts[i + 1 :]))
    if isinstance(e, MemoryError) and "ResourceExhausted" in exceptions._BY_KIND:
        # Out of memory while collecting the batches: the kernel's kind for it.
        return exceptions._BY_KIND["ResourceExhausted"](str(e))
    pa = _pyarrow.require("reading a stream")
    if isinstance(e, pa.ArrowInvalid):  # EINVAL from the stream: bad data
        return InvalidTableError(str(e))
    return DeltaIOError(str(e))  # EIO (an OSError in pyarrow): storage


def _read_all(reader: pa.RecordBatchReader) -> pa.Table:
    """All batches of a kernel stream, with stream errors as the package's exceptions."""
    pa = _pyarrow.require("to_arrow()")
    try:
        return reader.read_all()
    except (pa.ArrowException, OSError) as e:
        raise _stream_error(e) from e


class _RowStream:
    """An Arrow stream producer over a native plan with ``stream()``, ``arrow_schema()`` and
    ``output_schema_json()``: what Scan and Changes share."""

    def __init__(self, core: Any) -> None:
        self._core = core

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """A PyCapsule ``"arrow_array_stream"`` over the rows (Arrow PyCapsule interface).
        ``requested_schema`` is ignored: the stream has :attr:`schema`. Every call reads anew;
        an unconsumed capsule releases the stream (and stops its readers) when collected."""
        del requested_schema  # the producer may ignore it (the interface allows that)
        return self._core.stream()

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of the rows, with logical column names. Timestamps are
        ``timestamp[us, tz=UTC]``, timestamp_ntz ``timestamp[us]``."""
        return _schema_from_capsule(self._core.arrow_schema(), "schema (a pyarrow Schema)")

    @property
    def schema_json(self) -> str:
        """The output schema as the Delta protocol's JSON (logical types)."""
        return self._core.output_schema_json()

    def to_reader(self) -> pa.RecordBatchReader:
        """The rows as a ``pyarrow.RecordBatchReader`` (streaming; nothing is read until
        batches are pulled)."""
        return _pyarrow.require("to_reader()").RecordBatchReader.from_stream(self)

    def to_arrow(self) -> pa.Table:
        """All rows as a ``pyarrow.Table``. Errors reading data files raise
        :class:`~delta_kernel.exceptions.DeltaIOError` (storage) or
        :class:`~delta_kernel.exceptions.InvalidTableError` (bad data)."""
        return _read_all(self.to_reader())


class Scan(_RowStream):
    """A planned read of a snapshot: which files, rows and columns.

    A scan is an Arrow stream producer: it implements ``__arrow_c_stream__``, so
    ``pyarrow.table(scan)``, ``polars.from_arrow(scan)``, ``polars.DataFrame(scan)`` and
    ``duckdb.sql("select ... from scan")`` read its rows directly, without copies. Every
    stream runs the scan anew (files are read in parallel on the kernel's threads, deletion
    vectors applied, the filter evaluated exactly), so a scan can be read many times; batches
    come in no particular order.

    Create one with :meth:`Snapshot.scan` or :meth:`Table.scan`.
    """

    @property
    def filter(self) -> Optional[str]:
        """The filter bound to the table schema, as the kernel's SQL-like text; None when the
        scan has none."""
        return self._core.bound_filter

    @property
    def version(self) -> int:
        """The version of the snapshot this scan reads."""
        return self._core.version

    def plan(self) -> ScanPlan:
        """The data files to read, after partition pruning and data skipping, with their
        partition values and deletion vectors: what an engine that reads the Parquet files
        itself needs. Files come in no particular order. Planning goes through the scan's
        metadata batches: :attr:`ScanPlan.files` makes the Python objects on first use, and
        :meth:`ScanPlan.to_arrow` hands the same files over as Arrow columns."""
        return ScanPlan._from_core(_core._scan_plan(self._core))

    def files(self) -> list[ScanFile]:
        """The data files to read (``plan().files``)."""
        return self.plan().files

    def scan_metadata(self) -> ScanMetadata:
        """The file plan as Arrow batches (:class:`ScanMetadata`): every live file with its
        add columns, typed partition values and a ``selected`` column, without building a
        Python object per file."""
        return ScanMetadata(self._core)

    def tasks(self, max_files_per_task: int = 1) -> list[bytes]:
        """The scan split into serialisable tasks of at most ``max_files_per_task`` files each
        (after pruning and skipping): bytes that :func:`delta_kernel.read_task` turns into rows
        in any process, without the table's log. Together the tasks' rows are exactly this
        scan's (its ``limit`` is not carried). See docs/distributed.md."""
        from ._scan_task import scan_tasks

        return scan_tasks(self._core, max_files_per_task)

    def planning_tasks(self, max_files_per_task: int = 1024) -> list[bytes]:
        """The scan split so that the workers plan it: on a snapshot loaded with
        ``file_list="streamed"``, one task per checkpoint part or sidecar (a worker reconciles
        it against the keys of the newer commits, then prunes and skips it) and the newer
        commits' live files as scan tasks of at most ``max_files_per_task`` files; no process
        holds the whole file list. On a snapshot with its file list, every task is a scan
        task. :func:`delta_kernel.read_planning_task` reads any of them; together their rows
        are exactly this scan's. See docs/design/scan-tasks.md."""
        from ._planning_task import planning_tasks

        return planning_tasks(self._core, max_files_per_task)

    def __repr__(self) -> str:
        cols = [f["name"] for f in json.loads(self.schema_json)["fields"]]
        where = f", filter={self.filter!r}" if self.filter else ""
        return f"<delta_kernel.Scan version={self.version} columns={cols}{where}>"
