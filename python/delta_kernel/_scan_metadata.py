"""ScanMetadata: a scan's file plan as Arrow batches (the Arrow PyCapsule interface)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _core, _pyarrow

if TYPE_CHECKING:
    import pyarrow as pa


class ScanMetadata:
    """The files a scan plans, as a stream of Arrow batches with no per-file Python object.

    One row per live file of the snapshot, with the columns ``path`` (as in the log),
    ``size``, ``modificationTime``, ``stats`` (the JSON statistics, or null),
    ``deletionVector`` (struct of ``storageType``, ``pathOrInlineDv``, ``offset``,
    ``sizeInBytes``, ``cardinality``, or null), ``baseRowId``, ``defaultRowCommitVersion``,
    ``partitionValues`` (a struct of the typed partition values, by logical column name) and
    ``selected``: the selection vector, true for the files the scan reads and false for those
    partition pruning or data skipping dropped.

    It implements ``__arrow_c_stream__``, so ``pyarrow.table(meta)`` or
    ``polars.DataFrame(meta)`` read it directly. Every stream plans the scan anew.
    Create one with :meth:`Scan.scan_metadata`.
    """

    def __init__(self, scan_core: Any) -> None:
        self._scan = scan_core

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """A PyCapsule ``"arrow_array_stream"`` over the batches (Arrow PyCapsule interface).
        ``requested_schema`` is ignored: the stream has :attr:`schema`."""
        del requested_schema
        return _core._scan_metadata_stream(self._scan)

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of the batches."""
        from ._scan import _schema_from_capsule

        return _schema_from_capsule(_core._scan_metadata_schema(self._scan), "schema")

    def to_reader(self) -> pa.RecordBatchReader:
        """The batches as a ``pyarrow.RecordBatchReader`` (planning runs as they are pulled)."""
        return _pyarrow.require("to_reader()").RecordBatchReader.from_stream(self)

    def to_arrow(self) -> pa.Table:
        """Every batch as one ``pyarrow.Table``."""
        from ._scan import _read_all

        return _read_all(self.to_reader())

    def __repr__(self) -> str:
        return "<delta_kernel.ScanMetadata>"
