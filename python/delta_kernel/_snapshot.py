"""Snapshot: an immutable view of a table at one version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from . import _pyarrow
from ._args import bool_arg, names_arg, optional_int_arg, optional_str_arg
from . import _core
from ._scan import Scan, _schema_from_capsule
from ._transaction import Transaction, _transaction_options
from ._types import Metadata, Protocol, _from_ms
from .exceptions import InvalidArgumentError

if TYPE_CHECKING:
    import pyarrow as pa


def _files_schema(pa: Any) -> pa.Schema:
    """Columns of Snapshot.files(), in order."""
    return pa.schema(
        [
            pa.field("path", pa.string(), nullable=False),
            pa.field("location", pa.string(), nullable=False),
            pa.field("size", pa.int64(), nullable=False),
            pa.field("modification_time", pa.int64(), nullable=False),
            pa.field("data_change", pa.bool_(), nullable=False),
            pa.field("num_records", pa.int64()),
            pa.field("deleted_rows", pa.int64(), nullable=False),
            pa.field("partition_values", pa.map_(pa.string(), pa.string())),
            pa.field("stats", pa.string()),
        ]
    )


class Snapshot:
    """The state of a table at one version: protocol, metadata, schema and live files.

    Immutable and cheap to keep; scans of it always read that version. Get one from
    :meth:`Table.snapshot`.
    """

    def __init__(self, core: Any) -> None:
        self._core = core

    @property
    def version(self) -> int:
        """The table version this snapshot shows."""
        return self._core.version

    @property
    def timestamp(self) -> datetime:
        """The commit time of this version (UTC): its in-commit timestamp when enabled, else
        the commit file's modification time."""
        return _from_ms(self._core.timestamp_ms)

    @property
    def table_uri(self) -> str:
        """The table root as a normalised URI."""
        return self._core.table_location

    @property
    def protocol(self) -> Protocol:
        """Reader and writer versions and table features."""
        return Protocol(**self._core.protocol())

    @property
    def metadata(self) -> Metadata:
        """Table id, name, description, schema string, partition columns, configuration."""
        return Metadata(**self._core.metadata())

    @property
    def schema(self) -> pa.Schema:
        """The table schema as Arrow types, as scans return it (timestamps in microseconds,
        ``tz=UTC`` for timestamp). Raises UnsupportedError for a table scans cannot read."""
        return _schema_from_capsule(self._core.arrow_schema(), "schema (a pyarrow Schema)")

    @property
    def schema_json(self) -> str:
        """The table schema as the Delta protocol's JSON (with field metadata)."""
        return self._core.schema_json()

    @property
    def partition_columns(self) -> list[str]:
        """The partition columns, in order."""
        return list(self._core.partition_columns)

    @property
    def properties(self) -> dict[str, str]:
        """Table properties (the metadata's configuration)."""
        return dict(self._core.properties)

    @property
    def checkpoint_version(self) -> Optional[int]:
        """The version of the checkpoint this snapshot was loaded from, if any."""
        return self._core.checkpoint_version

    @property
    def warnings(self) -> list[str]:
        """Non-fatal findings while loading (an ignored stale ``_last_checkpoint``, a version
        checksum that disagrees with the log, ...)."""
        return list(self._core.warnings)

    @property
    def set_transactions(self) -> dict[str, int]:
        """The latest version per application id (``txn`` actions)."""
        return dict(self._core.set_transactions())

    @property
    def has_file_list(self) -> bool:
        """False for a snapshot loaded with ``file_list="streamed"`` whose checkpoint's files
        are left for scans to stream."""
        return self._core.has_file_list

    def _require_file_list(self, what: str) -> None:
        if not self._core.has_file_list:
            raise InvalidArgumentError(
                f"{what} needs the file list, and this snapshot of {self.table_uri} was loaded "
                "with file_list='streamed': scan it, or load it with file_list='in-memory'"
            )

    @property
    def num_files(self) -> int:
        """Number of live data files."""
        self._require_file_list("num_files")
        return self._core.num_files

    @property
    def total_bytes(self) -> int:
        """Sum of the live files' sizes."""
        self._require_file_list("total_bytes")
        return self._core.total_bytes

    def files(self) -> pa.Table:
        """The live data files, one row each, in no particular order: ``path`` (as in the
        log), ``location`` (absolute URI), ``size``, ``modification_time`` (ms),
        ``data_change``, ``num_records`` (from the stats, null when absent), ``deleted_rows``
        (deletion vector cardinality, 0 without one), ``partition_values`` (map of the log's
        partition column names to their serialized values) and ``stats`` (JSON text)."""
        self._require_file_list("files()")
        pa = _pyarrow.require("files() (a pyarrow Table)")
        return pa.table(self._core.files(), schema=_files_schema(pa))

    def scan(
        self,
        columns: Optional[Sequence[str]] = None,
        filter: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        skipping: bool = True,
        metadata_columns: Sequence[str] = (),
    ) -> Scan:
        """Plans a read of this snapshot.

        Args:
            columns: Columns to return, in this order: top-level names or dotted paths into
                structs (``"address.city"``; backquote names with dots: ``"`a.b`.c"``),
                matched case-insensitively. None returns every column.
            filter: Keep only the rows for which this predicate is true, in the kernel's
                SQL-like syntax, e.g. ``"region = 'eu' AND qty > 500"``,
                ``"day BETWEEN DATE '2024-01-01' AND DATE '2024-01-31'"``,
                ``"name IS NOT NULL"``, ``"id IN (1, 2, 3)"``. Partition pruning and data
                skipping use it to skip files; rows are filtered exactly.
            limit: Return at most this many rows (which ones is unspecified).
            skipping: Use partition values and file statistics to skip files (the rows are
                the same either way).
            metadata_columns: Extra columns appended after ``columns``: ``"_file_path"``,
                ``"_row_index"``, ``"_row_id"``, ``"_row_commit_version"``.

        Raises:
            InvalidArgumentError: a malformed filter, an unknown column, a type mismatch.
            UnsupportedError: the table needs a feature scans cannot honour.
        """
        return Scan(
            self._core.scan(
                names_arg(columns, "columns") if columns is not None else None,
                optional_str_arg(filter, "filter"),
                optional_int_arg(limit, "limit"),
                bool_arg(skipping, "skipping"),
                names_arg(metadata_columns, "metadata_columns"),
            )
        )

    def refresh(self, version: Optional[int] = None) -> Snapshot:
        """A snapshot at ``version`` (default: the latest) built from this one by reading only
        the newer commits. Returns an equal snapshot when there is nothing new."""
        return Snapshot(self._core.refresh(optional_int_arg(version, "version")))

    def transaction(
        self,
        *,
        isolation_level: Optional[str] = None,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
    ) -> Transaction:
        """A :class:`Transaction` that commits on top of this version (or, after losing races
        to writers it does not conflict with, a later one).

        ``isolation_level`` ("Serializable", "WriteSerializable" or "SnapshotIsolation")
        defaults to the table's ``delta.isolationLevel`` (Serializable when unset);
        ``max_attempts`` bounds the commit attempts; ``engine_info`` is recorded in the
        commit's ``commitInfo.engineInfo``.

        Raises:
            UnsupportedError: the table needs a writer feature this kernel does not honour.
        """
        return Transaction(
            _core._begin_transaction(
                self._core, *_transaction_options(isolation_level, max_attempts, engine_info)
            )
        )

    def __repr__(self) -> str:
        return f"<delta_kernel.Snapshot {self.table_uri} version={self.version}>"
