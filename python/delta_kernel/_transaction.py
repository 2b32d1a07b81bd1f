"""Transaction: stage changes to a table against one snapshot and commit them atomically."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any, Optional

from ._args import bool_arg, int_arg, optional_int_arg, optional_str_arg, str_arg
from ._arrow_input import stream_capsule
from ._types import CommitResult
from .exceptions import InvalidArgumentError

_ISOLATION_LEVELS = ("Serializable", "WriteSerializable", "SnapshotIsolation")


def _str_dict(value: object, what: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict of str to str, not {type(value).__name__}")
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise TypeError(
                f"{what} must map str to str, got {type(k).__name__} -> {type(v).__name__}"
            )
    return dict(value)


def _transaction_options(
    isolation_level: Optional[str], max_attempts: int, engine_info: Optional[str]
) -> tuple[Optional[str], int, Optional[str]]:
    if isolation_level is not None and isolation_level not in _ISOLATION_LEVELS:
        raise InvalidArgumentError(
            f"isolation_level must be one of {', '.join(_ISOLATION_LEVELS)}, "
            f"got {isolation_level!r}"
        )
    return (
        isolation_level,
        int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
        optional_str_arg(engine_info, "engine_info"),
    )


class Transaction:
    """Changes to a table staged against one snapshot, committed as one new version.

    Get one from :meth:`Table.transaction` or :meth:`Snapshot.transaction`. Declare what the
    changes were computed from (``record_read_*``, :meth:`read_app_version`; nothing declared
    is a blind append), stage files (:meth:`write_files` + :meth:`add_files`,
    :meth:`remove_file`), then :meth:`commit`. When another writer commits first, the commit
    is checked against the winners with Delta Spark's conflict rules: a commit that does not
    conflict is rebased and retried, one that does raises :class:`ConflictError` whose
    ``detail_kind`` names the rule ("ConcurrentAppend", "ConcurrentDeleteRead", ...),
    ``detail_version`` the winning version and ``detail_subject`` the file, predicate or app id.

    As a context manager it commits when the block ends normally and commits nothing when the
    block raises:

    >>> with table.transaction() as txn:
    ...     txn.record_read_predicate("region = 'eu'")
    ...     for f in old_files:
    ...         txn.remove_file(f)
    ...     txn.add_files(txn.write_files(new_rows))
    >>> txn.result.version

    Not thread-safe: build and commit a transaction from one thread.
    """

    def __init__(self, core: Any) -> None:
        self._core = core
        self._done = False
        #: The result of :meth:`commit`, once it returned.
        self.result: Optional[CommitResult] = None

    @property
    def read_version(self) -> int:
        """The version the transaction started from."""
        return self._core.read_version

    @property
    def isolation_level(self) -> str:
        """The isolation level the commit is checked at ("Serializable", ...)."""
        return self._core.isolation_level

    @property
    def schema_json(self) -> str:
        """The schema the data must have, as the protocol's JSON."""
        return self._core.schema_json()

    @property
    def partition_columns(self) -> list[str]:
        return self._core.partition_columns()

    def _check_open(self) -> None:
        if self._done:
            raise InvalidArgumentError("the transaction was committed or abandoned already")

    # ---- what the transaction read ----

    def record_read_whole_table(self) -> None:
        """Declares that the changes depend on every row of the table: any concurrent append
        or delete conflicts."""
        self._check_open()
        self._core.record_read_whole_table()

    def record_read_predicate(self, predicate: str) -> None:
        """Declares that the changes depend on the rows matching ``predicate`` (the scan
        filter syntax): concurrent appends of matching files conflict, others do not.

        Raises:
            InvalidArgumentError: the predicate does not parse or names a column the table
                lacks.
        """
        self._check_open()
        self._core.record_read_predicate(str_arg(predicate, "predicate"))

    def record_read_file(self, path: str) -> None:
        """Declares that the changes depend on this file (its ``path`` as in
        :meth:`Snapshot.files`): a concurrent delete of it conflicts."""
        self._check_open()
        self._core.record_read_file(str_arg(path, "path"))

    def read_app_version(self, app_id: str) -> Optional[int]:
        """The latest version application ``app_id`` committed (None if never), recorded as
        read: a concurrent commit by the same app id conflicts."""
        self._check_open()
        return self._core.read_app_version(str_arg(app_id, "app_id"))

    def read_domain_metadata(self, domain: str) -> Optional[str]:
        """The configuration of a metadata domain (None when absent), recorded as read."""
        self._check_open()
        return self._core.read_domain_metadata(str_arg(domain, "domain"))

    # ---- what it writes ----

    def write_files(
        self,
        data: Any,
        *,
        target_file_size: Optional[int] = None,
        row_group_rows: Optional[int] = None,
        compression: Optional[str] = None,
    ) -> list[dict[str, Any]]:
        """Writes ``data`` (Arrow data with the table's columns, see
        :func:`delta_kernel.write_table`) as Parquet data files laid out as the table says
        (partition folders, column mapping, statistics) and returns their descriptions for
        :meth:`add_files`. The files are not part of the table until committed.

        Raises:
            InvalidArgumentError: the data's columns do not match the schema (the column is
                named) or a non-nullable column holds a null.
        """
        self._check_open()
        return self._core.write_files(
            stream_capsule(data),
            optional_int_arg(target_file_size, "target_file_size", 1),
            optional_int_arg(row_group_rows, "row_group_rows", 1),
            optional_str_arg(compression, "compression"),
        )

    def add_files(self, files: Iterable[Mapping[str, Any]], *, data_change: bool = True) -> None:
        """Adds data files: what :meth:`write_files` returned, or files the caller wrote,
        each a dict with ``path`` (relative to the table root, percent-encoded), ``size``,
        ``num_records``, and optionally ``partition_values`` (column -> the protocol's text
        of the value, or None), ``modification_time`` (ms) and ``stats`` (the protocol's JSON
        statistics). ``data_change=False`` marks a rearrangement (compaction)."""
        self._check_open()
        self._core.add_files([dict(f) for f in files], bool_arg(data_change, "data_change"))

    def remove_file(self, file: Any, *, data_change: bool = True) -> None:
        """Removes a live file of the snapshot: its ``path`` as in :meth:`Snapshot.files`, or a
        dict (or :class:`ScanFile`) with that path.

        Raises:
            NotFoundError: the path is not a live file of the snapshot.
        """
        self._check_open()
        if isinstance(file, Mapping):
            path = file.get("path")
        elif isinstance(file, str):
            path = file
        else:
            path = getattr(file, "path", None)
        self._core.remove_file(str_arg(path, "file path"), bool_arg(data_change, "data_change"))

    def update_metadata(
        self,
        *,
        configuration: Optional[Mapping[str, str]] = None,
        name: Optional[str] = None,
        description: Optional[str] = None,
    ) -> None:
        """Replaces the table's properties (all of them: pass the current ones plus changes),
        name or description. A concurrent commit of any kind then conflicts
        ("MetadataChanged")."""
        self._check_open()
        self._core.update_metadata(
            _str_dict(configuration, "configuration") if configuration is not None else None,
            optional_str_arg(name, "name"),
            optional_str_arg(description, "description"),
        )

    def set_app_transaction(self, app_id: str, version: int) -> None:
        """Records that application ``app_id`` wrote its ``version`` in this commit. When the
        table holds that version (or a later one) for the app id already, commit writes
        nothing and its result has ``committed=False``: retrying a write is safe."""
        self._check_open()
        self._core.set_app_transaction(str_arg(app_id, "app_id"), int_arg(version, "version"))

    def set_domain_metadata(self, domain: str, configuration: str, *, removed: bool = False) -> None:
        """Sets (or with ``removed=True`` removes) a metadata domain's configuration."""
        self._check_open()
        self._core.set_domain_metadata(
            str_arg(domain, "domain"),
            str_arg(configuration, "configuration"),
            bool_arg(removed, "removed"),
        )

    def set_operation(self, operation: str, parameters: Optional[Mapping[str, Any]] = None) -> None:
        """The operation recorded in the commit's ``commitInfo`` (default "WRITE") and its
        parameters. As Delta Spark writes them, every value is a string in the log: a str as
        it is, anything else as its JSON text (``{"mode": "Append", "partitionBy": []}`` is
        written ``{"mode":"Append","partitionBy":"[]"}``)."""
        self._check_open()
        params = {}
        for k, v in (parameters or {}).items():
            try:
                params[str_arg(k, "parameter name")] = v if isinstance(v, str) else json.dumps(v)
            except TypeError:
                raise TypeError(
                    f"operation parameter {k!r} must be JSON-serialisable, "
                    f"not {type(v).__name__}"
                ) from None
        self._core.set_operation(str_arg(operation, "operation"), params)

    def set_operation_metric(self, name: str, value: int) -> None:
        """Adds a metric to ``commitInfo.operationMetrics``."""
        self._check_open()
        self._core.set_operation_metric(
            str_arg(name, "name"), int_arg(value, "value", -(2**63), 2**63 - 1)
        )

    def commit(self) -> CommitResult:
        """Commits every staged change as one new version (see the class docstring). Once
        only; on failure nothing is committed and the data files written stay unreferenced.

        Raises:
            ConflictError: a concurrent commit conflicts (``detail_kind`` names the rule), or
                every attempt lost its race.
            DeltaIOError: storage failed; when ``commit_state_unknown``, the commit may have
                landed (read the table before retrying).
        """
        self._check_open()
        self._done = True
        self.result = CommitResult._from_core(self._core.commit())
        return self.result

    def __enter__(self) -> Transaction:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if exc_type is not None:
            self._done = True  # abandoned: nothing is committed
            return
        if not self._done:
            self.commit()

    def __repr__(self) -> str:
        state = "open" if not self._done else ("committed" if self.result else "closed")
        return f"<delta_kernel.Transaction read_version={self.read_version} {state}>"
