"""Plain data returned by delta_kernel: protocol, metadata, history entries, planned files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from .exceptions import UnsupportedError

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _from_ms(ms: int) -> datetime:
    """Milliseconds since the Unix epoch as an aware UTC datetime."""
    try:
        return _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        # A commit time from the log may lie beyond the years 1-9999 datetime holds.
        raise UnsupportedError(
            f"timestamp {ms} ms since the epoch is outside the years 1-9999 Python's datetime holds"
        ) from None


@dataclass(frozen=True)
class Protocol:
    """The table's reader and writer requirements (the ``protocol`` action)."""

    min_reader_version: int
    min_writer_version: int
    #: Table features readers must support; None below reader version 3.
    reader_features: Optional[list[str]] = None
    #: Table features writers must support; None below writer version 7.
    writer_features: Optional[list[str]] = None


@dataclass(frozen=True)
class Metadata:
    """The table's metadata (the ``metaData`` action)."""

    id: str
    name: Optional[str]
    description: Optional[str]
    format_provider: str
    format_options: dict[str, str]
    #: The schema as the protocol's JSON.
    schema_string: str
    partition_columns: list[str]
    #: Table properties, e.g. ``{"delta.enableChangeDataFeed": "true"}``.
    configuration: dict[str, str]
    #: Creation time in milliseconds since the epoch, when recorded.
    created_time: Optional[int]


@dataclass(frozen=True)
class HistoryEntry:
    """One commit of the table's history."""

    version: int
    #: The commit's time: its in-commit timestamp when enabled, else the commit file's
    #: modification time (the protocol's rule), which may differ from
    #: ``commit_info["timestamp"]``, the writer's clock.
    timestamp: datetime
    #: The commit's ``commitInfo`` object as written, or None when it has none.
    commit_info: Optional[dict[str, Any]]

    @property
    def operation(self) -> Optional[str]:
        """The commit's operation ("WRITE", "MERGE", ...), when recorded."""
        return (self.commit_info or {}).get("operation")

    @property
    def operation_parameters(self) -> dict[str, Any]:
        """The operation's parameters as written (values are usually strings)."""
        return dict((self.commit_info or {}).get("operationParameters") or {})

    @classmethod
    def _from_core(cls, version: int, timestamp_ms: int, info: Optional[str]) -> HistoryEntry:
        return cls(version, _from_ms(timestamp_ms), json.loads(info) if info is not None else None)


@dataclass(frozen=True)
class DeletionVector:
    """Where a file's deleted rows are recorded (a deletion vector descriptor)."""

    #: "u" (relative file, z85 id), "i" (inline) or "p" (absolute path).
    storage_type: str
    path_or_inline: str
    offset: Optional[int]
    size_in_bytes: int
    #: Number of deleted rows.
    cardinality: int
    unique_id: str


@dataclass(frozen=True)
class ScanFile:
    """One data file a scan reads, for engines that read the files themselves."""

    #: Absolute URI of the Parquet file.
    location: str
    #: The path as written in the log.
    path: str
    size: int
    modification_time: int
    #: Row count from the file's statistics (before deletion vectors), when present.
    num_records: Optional[int]
    #: Typed partition values by logical column name (None for a null partition value).
    partition_values: dict[str, Any]
    #: Deleted rows to skip, or None.
    deletion_vector: Optional[DeletionVector]
    base_row_id: Optional[int] = None
    default_row_commit_version: Optional[int] = None

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> ScanFile:
        dv = d["deletion_vector"]
        return cls(**{**d, "deletion_vector": DeletionVector(**dv) if dv is not None else None})


@dataclass(frozen=True)
class CommitResult:
    """What a commit did (:func:`delta_kernel.write_table`, :meth:`Transaction.commit`)."""

    #: The version committed; when nothing was committed (``committed`` is false), the table
    #: version that was read.
    version: int
    #: False when nothing was written: the table already held the (app id, version) of an
    #: idempotent write, ``mode="ignore"`` found the table, or a create with ``mode="ignore"``
    #: found one.
    committed: bool
    #: Commit attempts made (1 when no concurrent writer took the version first).
    attempts: int
    #: Versions other writers committed first that this commit was rebased over (they did not
    #: conflict with it).
    rebased_over: list[int]
    #: The commit's ``commitInfo.timestamp`` (the writer's clock), in UTC.
    timestamp: datetime
    #: The in-commit timestamp, when the table enables them.
    in_commit_timestamp: Optional[datetime] = None
    #: True when the reply to the commit's write was lost and reading the log back found this
    #: commit there.
    recovered_lost_response: bool = False
    #: Non-fatal findings after the commit landed, e.g. a version checksum (.crc) that could
    #: not be written (readers then use the log alone).
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> CommitResult:
        ict = d["in_commit_timestamp_ms"]
        return cls(
            version=d["version"],
            committed=d["committed"],
            attempts=d["attempts"],
            rebased_over=list(d["rebased_over"]),
            timestamp=_from_ms(d["timestamp_ms"]),
            in_commit_timestamp=_from_ms(ict) if ict is not None else None,
            recovered_lost_response=d["recovered_lost_response"],
            warnings=list(d["warnings"]),
        )
