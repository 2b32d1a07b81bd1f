"""Table: a Delta table at a location, its snapshots, history and changes."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from . import _core
from ._args import INT64_MAX, INT64_MIN, int_arg, is_int, names_arg, optional_int_arg
from ._args import optional_str_arg
from ._changes import Changes
from ._delete import DeleteResult, delete_rows
from ._update import UpdateResult, update_rows
from ._merge import TableMerger
from ._optimize import OptimizeResult, optimize
from ._log_cleanup import LogCleanupResult
from ._maintenance import RestoreResult, VacuumResult
from ._scan import Scan
from ._snapshot import Snapshot
from ._transaction import Transaction
from ._types import HistoryEntry, Metadata, Protocol, _EPOCH
from .exceptions import InvalidArgumentError

if TYPE_CHECKING:
    import pyarrow as pa

#: A point in time: an aware datetime (a naive one is taken as UTC), a date (midnight UTC),
#: an ISO 8601 string ("2024-01-02T03:04:05Z", "2024-01-02"), or milliseconds since the epoch.
TimestampLike = Union[datetime, date, str, int]


def _storage_options_arg(value: Optional[Mapping[str, str]]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"storage_options must be a mapping of str to str, got {type(value).__name__}"
        )
    out = {}
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise InvalidArgumentError(
                f"storage_options must map str to str, got {k!r}: {v!r}"
            )
        out[k] = v
    return out


def _timestamp_ms(value: TimestampLike, what: str) -> int:
    """Milliseconds since the Unix epoch of a TimestampLike."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a datetime, date, str or int, not bool")
    if is_int(value):
        return int_arg(value, f"{what} (milliseconds since the epoch)", INT64_MIN, INT64_MAX)
    if isinstance(value, str):
        # The kernel's grammar (the CLI's too), the same on every Python version.
        try:
            return _core.parse_timestamp_ms(value.strip())
        except InvalidArgumentError:
            raise InvalidArgumentError(
                f"{what} {value!r} is not an ISO 8601 time such as 2024-01-02T03:04:05Z"
            ) from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
    elif isinstance(value, date):
        value = datetime.combine(value, time(), tzinfo=timezone.utc)
    else:
        raise TypeError(f"{what} must be a datetime, date, str or int, not {type(value).__name__}")
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


class Table:
    """A Delta table at a location, read with the kernel's default engine.

    ``uri`` is a local path (relative or absolute, ``str`` or ``pathlib.Path``), a
    ``file:`` URI (``file:///abs/path``, or ``file:rel/path`` relative to the working
    directory), or an object-store URI (``s3://bucket/path``, ``s3a://``). Creating a Table
    reads nothing; :meth:`snapshot` loads a version.

    ``storage_options`` configure object stores with the keys ``deltalake`` uses
    (``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
    ``AWS_SESSION_TOKEN``, ``AWS_REGION``, ``AWS_ALLOW_HTTP``, ``AWS_S3_ADDRESSING_STYLE``,
    ..., and ``ca_bundle`` for a private CA); keys not given come from the environment (see docs/object-stores.md).

    A table's log may name files by absolute location (a shallow clone's files, absolute
    deletion vectors). ``external_locations="same-store"`` (the default) reads such files
    anywhere on the table's own storage; ``"none"`` refuses every location outside the table
    (:class:`PermissionDeniedError` when a read needs one), and ``allowed_locations`` lists
    further directories or URI prefixes that are allowed. Relative paths that climb out of the
    table (``..``) are always refused (:class:`InvalidTableError`). See docs/security.md.

    The properties :attr:`version`, :attr:`schema`, :attr:`protocol`, :attr:`metadata` and
    the methods :meth:`files` and :meth:`scan` use the latest snapshot, loaded on first use and
    kept; :meth:`refresh` (or ``snapshot()`` with no arguments) moves it to the newest
    version.

    >>> import delta_kernel, duckdb
    >>> t = delta_kernel.Table("examples/sample-table")
    >>> scan = t.scan(columns=["id", "region"], filter="region = 'eu-west'")
    >>> duckdb.sql("select count(*) from scan").fetchone()
    """

    def __init__(
        self,
        uri: Union[str, bytes, os.PathLike[str]],
        *,
        external_locations: str = "same-store",
        allowed_locations: Sequence[Union[str, os.PathLike[str]]] = (),
        storage_options: Optional[Mapping[str, str]] = None,
    ) -> None:
        if external_locations not in ("same-store", "none"):
            raise InvalidArgumentError(
                "external_locations must be 'same-store' or 'none', "
                f"got {external_locations!r}"
            )
        if isinstance(allowed_locations, (str, bytes, os.PathLike)):
            raise InvalidArgumentError(
                "allowed_locations must be a sequence of locations, not one location"
            )
        # os.fspath names the argument's type when it is not a path; bytes paths are decoded.
        self._core = _core._Table(
            os.fsdecode(os.fspath(uri)),
            external_locations == "same-store",
            [os.fsdecode(os.fspath(p)) for p in allowed_locations],
            _storage_options_arg(storage_options),
        )
        self._latest: Optional[Snapshot] = None

    @classmethod
    def create(
        cls,
        uri: Union[str, bytes, os.PathLike[str]],
        schema: Any,
        *,
        partition_by: Sequence[str] = (),
        properties: Optional[Mapping[str, Union[str, bool, int]]] = None,
        mode: str = "error",
        name: Optional[str] = None,
        description: Optional[str] = None,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
        external_locations: str = "same-store",
        allowed_locations: Sequence[Union[str, os.PathLike[str]]] = (),
        storage_options: Optional[Mapping[str, str]] = None,
    ) -> Table:
        """Creates an empty table with ``schema`` at ``uri`` and returns it.

        ``schema`` is a pyarrow Schema (or anything with ``__arrow_c_schema__``; Arrow field
        nullability and types map to Delta's: timestamps with a time zone to timestamp,
        without to timestamp_ntz) or the Delta schema as the protocol's JSON text.
        ``properties`` are table properties; table features are asked for through them
        (``delta.enableDeletionVectors``, ``delta.columnMapping.mode``,
        ``delta.enableChangeDataFeed``, ``delta.appendOnly``, ``delta.enableRowTracking``,
        ``delta.enableInCommitTimestamps``, ``delta.feature.<name>="supported"``, ...) and the
        protocol is derived from them.

        ``mode``: ``"error"`` raises :class:`ConflictError` (``detail_kind``
        "AlreadyExists") when a table exists, ``"ignore"`` leaves an existing table as it is,
        ``"replace"`` gives it the new schema, partitioning and properties and removes every
        file (a new version).

        Raises:
            ConflictError: a table exists (``mode="error"``).
            InvalidArgumentError: a partition column is not in the schema, or a property value
                is invalid.
        """
        from ._arrow_input import schema_capsule
        from ._write import _properties_arg

        if mode not in ("error", "ignore", "replace"):
            raise InvalidArgumentError(f"mode must be 'error', 'ignore' or 'replace', got {mode!r}")
        table = cls(
            uri,
            external_locations=external_locations,
            allowed_locations=allowed_locations,
            storage_options=storage_options,
        )
        schema_json = schema if isinstance(schema, str) else None
        capsule = schema_capsule(schema) if schema_json is None else None
        _core._create_table(
            table._core,
            schema_json,
            capsule,
            mode,
            names_arg(partition_by, "partition_by"),
            _properties_arg(properties),
            optional_str_arg(name, "name"),
            optional_str_arg(description, "description"),
            int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
            optional_str_arg(engine_info, "engine_info"),
        )
        return table

    @property
    def uri(self) -> str:
        """The table root as a normalised URI."""
        return self._core.location

    def snapshot(
        self,
        version: Optional[int] = None,
        timestamp: Optional[TimestampLike] = None,
        *,
        file_list: str = "in-memory",
    ) -> Snapshot:
        """The table at ``version``, at ``timestamp`` (the newest commit at or before it), or
        the latest version when neither is given.

        ``file_list="streamed"`` loads only the commits after the checkpoint and the
        checkpoint's protocol, metadata and transactions, and lets each scan of the snapshot
        stream the checkpoint's files in parallel instead of holding them all: for one scan of a
        large table it takes far less time and memory. Such a snapshot has no file list
        (:attr:`Snapshot.has_file_list` is false; :meth:`Snapshot.files`, ``num_files`` and
        ``total_bytes`` raise) unless the table has no Parquet checkpoint. The default,
        ``"in-memory"``, holds every live file.

        Raises:
            NotFoundError: no table at the location, or no such version (vacuumed log, or
                beyond the latest), or a timestamp before the first or after the last commit.
            InvalidTableError: the log is corrupt.
            UnsupportedError: the table needs a reader feature this kernel lacks.
        """
        if version is not None and timestamp is not None:
            raise InvalidArgumentError("give version or timestamp, not both")
        if file_list not in ("in-memory", "streamed"):
            raise InvalidArgumentError(
                f"file_list must be 'in-memory' or 'streamed', got {file_list!r}"
            )
        streamed = file_list == "streamed"
        if version is not None:
            return Snapshot(
                self._core.snapshot_at_version(int_arg(version, "version"), streamed)
            )
        if timestamp is not None:
            return Snapshot(
                self._core.snapshot_at_timestamp(_timestamp_ms(timestamp, "timestamp"), streamed)
            )
        if streamed:
            return Snapshot(self._core.latest_snapshot(True))
        return self.refresh()

    def refresh(self) -> Snapshot:
        """Loads the newest version (incrementally when a snapshot is already held) and makes
        it the one the properties of this Table use."""
        if self._latest is None:
            self._latest = Snapshot(self._core.latest_snapshot())
        else:
            self._latest = self._latest.refresh()
        return self._latest

    def _current(self) -> Snapshot:
        return self._latest if self._latest is not None else self.refresh()

    @property
    def version(self) -> int:
        """The latest version (as of the last refresh)."""
        return self._current().version

    @property
    def schema(self) -> pa.Schema:
        """The latest schema as Arrow types (see :attr:`Snapshot.schema`)."""
        return self._current().schema

    @property
    def protocol(self) -> Protocol:
        """The latest protocol."""
        return self._current().protocol

    @property
    def metadata(self) -> Metadata:
        """The latest metadata."""
        return self._current().metadata

    def files(self) -> pa.Table:
        """The latest snapshot's live files (see :meth:`Snapshot.files`)."""
        return self._current().files()

    def scan(
        self,
        columns: Optional[Sequence[str]] = None,
        filter: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        skipping: bool = True,
        metadata_columns: Sequence[str] = (),
    ) -> Scan:
        """A scan of the latest snapshot (see :meth:`Snapshot.scan`)."""
        return self._current().scan(
            columns, filter, limit=limit, skipping=skipping, metadata_columns=metadata_columns
        )

    def changes(
        self,
        start: Union[int, TimestampLike],
        end: Optional[Union[int, TimestampLike]] = None,
        *,
        columns: Optional[Sequence[str]] = None,
        filter: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Changes:
        """The change data feed from ``start`` to ``end`` (both inclusive; ``end`` defaults to
        the latest version). An ``int`` is a version; a datetime, date or ISO 8601 string is a
        time: the start is the first commit at or after it, the end the last commit at or
        before it. ``columns`` and ``filter`` work as in :meth:`scan` and may name
        ``_change_type``, ``_commit_version`` and ``_commit_timestamp``.

        Raises:
            UnsupportedError: ``delta.enableChangeDataFeed`` was not true over the whole range,
                or the schema changed in a way the feed cannot be read across.
            NotFoundError: a bound is after the latest version or matches no commit, or a
                commit of the range was removed by log cleanup.
            InvalidArgumentError: the range is empty (start after end) or a bound is negative.
        """

        def bound(value: object, what: str) -> tuple[Optional[int], Optional[int]]:
            if value is None:
                return None, None
            if is_int(value):
                return int_arg(value, what), None
            if isinstance(value, (datetime, date, str)):
                return None, _timestamp_ms(value, what)
            raise TypeError(
                f"{what} must be a version (int) or a time (datetime, date, str), "
                f"not {type(value).__name__}"
            )

        start_version, start_ms = bound(start, "start")
        end_version, end_ms = bound(end, "end")
        if start_version is None and start_ms is None:
            raise InvalidArgumentError("start is required")
        limit = optional_int_arg(limit, "limit")
        cols = names_arg(columns, "columns") if columns is not None else None
        filter = optional_str_arg(filter, "filter")
        return Changes(
            _core._changes(
                self._core, start_version, start_ms, end_version, end_ms, cols, filter, limit
            )
        )

    def transaction(
        self,
        *,
        isolation_level: Optional[str] = None,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
    ) -> Transaction:
        """A :class:`Transaction` on the newest version (refreshes first; see
        :meth:`Snapshot.transaction`)."""
        return self.refresh().transaction(
            isolation_level=isolation_level, max_attempts=max_attempts, engine_info=engine_info
        )

    def delete(
        self,
        predicate: Optional[str] = None,
        *,
        app_id: Optional[str] = None,
        app_version: Optional[int] = None,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
        row_level_concurrency: bool = True,
        max_inline_dv_bytes: int = 64,
    ) -> DeleteResult:
        """Deletes the rows for which ``predicate`` (the scan filter syntax; None = every row)
        is true, in one commit; rows where it is NULL stay, as in SQL. Files whose partition
        values decide it are dropped without being read; a file that only partly matches gets
        a deletion vector when the table has ``delta.enableDeletionVectors``, otherwise its
        other rows are rewritten. With the change data feed on, the deleted rows are written
        as ``delete`` changes. Nothing is committed when no row matches. The GIL is released
        while deleting.

        ``row_level_concurrency`` (default on): a concurrent commit that deleted other rows of
        a file this delete changes is no conflict (the deletion vectors are united); False
        makes any concurrent change of such a file a conflict, as in Delta Spark.
        ``max_inline_dv_bytes``: deletion vectors up to this many bytes are stored in the log
        instead of a DV file (0: always a file)."""
        return delete_rows(
            self._core,
            predicate,
            app_id,
            app_version,
            max_attempts,
            engine_info,
            row_level_concurrency,
            max_inline_dv_bytes,
        )

    def update(
        self,
        set: Mapping[str, str],
        predicate: Optional[str] = None,
        *,
        app_id: Optional[str] = None,
        app_version: Optional[int] = None,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
        row_level_concurrency: bool = True,
        max_inline_dv_bytes: int = 64,
    ) -> UpdateResult:
        """Sets, in the rows for which ``predicate`` (the scan filter syntax; None = every
        row) is true, each column of ``set`` to its SQL expression over the row's current
        values (``{"price": "price * 1.1", "note": "COALESCE(note, 'n/a')"}``), cast to the
        column's type; rows where the predicate is NULL stay, as in SQL. Partition columns may
        be set. With ``delta.enableDeletionVectors`` the old rows get a deletion vector and the
        updated rows go to new files; otherwise touched files are rewritten. With the change
        data feed on, ``update_preimage`` / ``update_postimage`` changes are written. Nothing is
        committed when no row matches. The GIL is released while updating.
        ``row_level_concurrency`` and ``max_inline_dv_bytes`` as for :meth:`delete`."""
        return update_rows(
            self._core,
            set,
            predicate,
            app_id,
            app_version,
            max_attempts,
            engine_info,
            row_level_concurrency,
            max_inline_dv_bytes,
        )

    def merge(
        self,
        source: Any,
        on: str,
        *,
        source_alias: str = "source",
        target_alias: str = "target",
    ) -> TableMerger:
        """MERGE INTO this table USING ``source`` (any Arrow data: pyarrow, polars, pandas...)
        ON ``on`` (the scan filter syntax, columns qualified ``source.x`` / ``target.y``).
        Returns a builder: add clauses (``when_matched_update``, ``when_matched_update_all``,
        ``when_matched_delete``, ``when_not_matched_insert``, ``when_not_matched_insert_all``,
        ``when_not_matched_by_source_update``, ``when_not_matched_by_source_delete``) and call
        ``execute()``. A target row several source rows would change raises
        :class:`InvalidArgumentError` with nothing written. See docs/dml.md."""
        self._latest = None
        return TableMerger(self._core, source, on, source_alias, target_alias)

    def optimize(
        self,
        predicate: Optional[str] = None,
        target_size: Optional[int] = None,
        z_order: Optional[Sequence[str]] = None,
        *,
        min_file_size: Optional[int] = None,
        max_attempts: int = 20,
    ) -> OptimizeResult:
        """Compacts small files into files of up to ``target_size`` bytes (default: the
        table's ``delta.targetFileSize``, else 1 GiB), per partition, and with ``z_order``
        rewrites every file of each selected partition sorted along a Z-order curve over those
        columns. ``predicate`` selects partitions (partition columns only). Commits adds and
        removes with ``dataChange=false`` (concurrent appends do not conflict; a concurrent
        delete of a rewritten file raises :class:`ConflictError`); nothing is committed when
        there is nothing to rewrite. Rows deleted by deletion vectors stay deleted. A clustered
        table (``CLUSTER BY``) takes no ``z_order``: its unclustered files are rewritten sorted
        by its clustering columns. See docs/maintenance.md."""
        result = optimize(self._core, predicate, target_size, z_order, min_file_size, max_attempts)
        self._latest = None
        return result

    def checkpoint(
        self,
        version: Optional[int] = None,
        *,
        part_size: Optional[int] = None,
        json_manifest: bool = False,
        progress: Optional[Callable[[dict[str, int]], object]] = None,
    ) -> dict[str, Any]:
        """Writes a checkpoint of the newest version (or ``version``) and points
        ``_delta_log/_last_checkpoint`` at it; returns what was written: ``version``, ``kind``
        (``"classic"``, or ``"v2"`` with sidecars for tables with the v2Checkpoint feature),
        ``files`` (each ``location``, ``size_in_bytes``, ``actions``; the checkpoint first),
        ``num_of_add_files``, ``num_of_tombstones``, ``actions``, ``size_in_bytes``,
        ``sidecars_reused`` (v2: sidecars of the previous checkpoint named again),
        ``last_checkpoint_updated``, ``warnings`` and ``log_cleanup`` (the expired log
        cleanup that followed, as :meth:`cleanup_metadata` reports it in a dict, or None when
        the table turns it off). A checkpoint of that version that exists
        already raises :class:`ConflictError`; a failure leaves the table as it was.
        ``part_size`` (classic checkpoints) writes a multi-part checkpoint of at most that many
        actions per file (``parts`` says how many); ``json_manifest`` (v2 checkpoints) writes
        the top-level checkpoint as ``<v>.checkpoint.<uuid>.json``. ``progress`` is called
        with a dict (``actions_written``, ``actions_total`` (0 while unknown),
        ``files_written``) after each batch and each file, possibly from another thread but one
        call at a time; an exception it raises stops further calls and is raised once the
        checkpoint is written."""
        version = optional_int_arg(version, "version")
        if part_size is not None:
            part_size = int_arg(part_size, "part_size", 1, INT64_MAX)
        if progress is not None and not callable(progress):
            raise InvalidArgumentError(
                f"progress must be callable, not {type(progress).__name__}")
        return _core._checkpoint(self._core, version, part_size, bool(json_manifest), progress)

    def cleanup_metadata(self, dry_run: bool = False) -> LogCleanupResult:
        """Deletes the log files no version inside delta.logRetentionDuration (default 30
        days) needs, as Delta Spark's metadata cleanup does: everything older than the newest
        checkpoint dated before the cutoff (commits, ``.crc``, checkpoints, compactions) and v2
        sidecars no remaining checkpoint names. Versions from that checkpoint on still read;
        older ones raise NotFoundError. With the checkpointProtection feature nothing goes
        unless the log can be cut past delta.requireCheckpointProtectionBeforeVersion. A dry
        run only lists. :meth:`checkpoint` runs it afterwards unless the table sets
        delta.enableExpiredLogCleanup=false. See docs/maintenance.md."""
        return LogCleanupResult._from_core(_core._cleanup_metadata(self._core, bool(dry_run)))

    def compact_log(self, start_version: int, end_version: int) -> dict[str, Any]:
        """Writes the log compaction file ``<start>.<end>.compacted.json`` holding the
        reconciled actions of commits ``start_version`` to ``end_version`` (PROTOCOL.md, "Log
        Compaction Files"), which readers use instead of those commits; returns
        ``start_version``, ``end_version``, ``location``, ``size_in_bytes`` and ``actions``.
        Raises InvalidArgumentError unless 0 <= start_version < end_version, NotFoundError
        when a commit of the range is missing, ConflictError when that compaction exists."""
        start = int_arg(start_version, "start_version", 0, INT64_MAX)
        end = int_arg(end_version, "end_version", 0, INT64_MAX)
        return _core._compact_log(self._core, start, end)

    def history(self, limit: Optional[int] = None) -> list[HistoryEntry]:
        """The commits, newest first, at most ``limit`` of them.

        Each entry's ``timestamp`` is the commit's time per the protocol: its in-commit
        timestamp when the table enables them, else the commit file's modification time, which
        may differ from ``commit_info["timestamp"]`` (the writer's clock, informational): a
        copied table shows when its log files were written."""
        limit = optional_int_arg(limit, "limit")
        return [HistoryEntry._from_core(*e) for e in self._core.history(limit)]

    def vacuum(
        self,
        retention_hours: Optional[float] = None,
        dry_run: bool = True,
        enforce_retention: bool = True,
        *,
        lite: bool = False,
    ) -> VacuumResult:
        """Deletes the files under the table that no version inside the retention needs:
        unreferenced data, deletion vector and change data files modified longer than
        ``retention_hours`` ago (default: the table's delta.deletedFileRetentionDuration, 7
        days). A dry run (the default) only lists them. A retention shorter than the table's
        is refused unless ``enforce_retention=False``: concurrent readers and writers may
        still need younger files. ``lite=True`` takes the candidates from the log's removes
        instead of listing every file (it misses files no commit referenced)."""
        retention_ms: Optional[int] = None
        if retention_hours is not None:
            if isinstance(retention_hours, bool) or not isinstance(retention_hours, (int, float)):
                raise TypeError("retention_hours must be a number of hours or None")
            if retention_hours < 0:
                raise InvalidArgumentError(f"retention_hours must be >= 0, got {retention_hours}")
            retention_ms = int(retention_hours * 3_600_000)
        return VacuumResult._from_core(
            _core._vacuum(self._core, retention_ms, bool(dry_run), bool(enforce_retention),
                          bool(lite))
        )

    def restore(self, version_or_timestamp: Union[int, datetime, date, str]) -> RestoreResult:
        """Makes the latest version read as an earlier one, in one new commit (RESTORE): an
        ``int`` is a version; a datetime, date or ISO 8601 string is a time (the version
        current then). Files live now but not then are removed, files live then but not now
        are added back, and the metadata is that version's. Raises NotFoundError naming the
        files when one to add back is gone from storage (e.g. vacuumed); nothing is
        committed then."""
        if isinstance(version_or_timestamp, bool):
            raise TypeError("version_or_timestamp must be a version (int) or a time, not bool")
        if is_int(version_or_timestamp):
            version = int_arg(version_or_timestamp, "version", 0, INT64_MAX)
            result = _core._restore(self._core, version, None)
        else:
            ms = _timestamp_ms(version_or_timestamp, "version_or_timestamp")
            result = _core._restore(self._core, None, ms)
        if self._latest is not None:
            self.refresh()
        return RestoreResult._from_core(result)

    def __repr__(self) -> str:
        return f"<delta_kernel.Table {self.uri}>"
