"""Changes: a table's change data feed over a range of versions, as an Arrow stream."""

from __future__ import annotations

import json
from typing import Any, Optional

import pyarrow as pa

from ._scan import _read_all, _schema_from_capsule


class Changes:
    """The rows a range of commits inserted, deleted or updated.

    Each row is a table row (with the end version's schema) followed by ``_change_type``
    (``insert``, ``delete``, ``update_preimage`` or ``update_postimage``),
    ``_commit_version`` and ``_commit_timestamp``. Like :class:`Scan` it implements
    ``__arrow_c_stream__``, so ``pyarrow.table(changes)``, ``polars.DataFrame(changes)`` and
    ``duckdb.sql("select ... from changes")`` read it without copies; every stream reads the
    change files anew, and batches come in no particular order.

    Create one with :meth:`Table.changes`.
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """A PyCapsule ``"arrow_array_stream"`` over the changed rows. ``requested_schema``
        is ignored: the stream has :attr:`schema`."""
        del requested_schema
        return self._core.stream()

    @property
    def start_version(self) -> int:
        """The first commit read (inclusive)."""
        return self._core.start_version

    @property
    def end_version(self) -> int:
        """The last commit read (inclusive)."""
        return self._core.end_version

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of the rows, the three change columns included."""
        return _schema_from_capsule(self._core.arrow_schema())

    @property
    def schema_json(self) -> str:
        """The output schema as the Delta protocol's JSON (logical types)."""
        return self._core.output_schema_json()

    def to_reader(self) -> pa.RecordBatchReader:
        """The rows as a ``pyarrow.RecordBatchReader`` (streaming)."""
        return pa.RecordBatchReader.from_stream(self)

    def to_arrow(self) -> pa.Table:
        """All changed rows as a ``pyarrow.Table``. Errors reading data files raise
        :class:`~delta_kernel.exceptions.DeltaIOError` (storage) or
        :class:`~delta_kernel.exceptions.InvalidTableError` (bad data)."""
        return _read_all(self.to_reader())

    def __repr__(self) -> str:
        cols = [f["name"] for f in json.loads(self.schema_json)["fields"]]
        return (
            f"<delta_kernel.Changes versions {self.start_version}..{self.end_version}"
            f" columns={cols}>"
        )
