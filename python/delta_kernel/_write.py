"""write_table: append to, overwrite or create a table from Arrow data in one call."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from . import _core
from ._args import int_arg, names_arg, optional_int_arg, optional_str_arg
from ._arrow_input import stream_capsule
from ._table import Table
from ._types import CommitResult
from .exceptions import InvalidArgumentError

_MODES = ("error", "append", "overwrite", "ignore")
_SCHEMA_MODES = (None, "merge", "overwrite")


def _properties_arg(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(f"properties must be a dict of str to str, not {type(value).__name__}")
    out = {}
    for k, v in value.items():
        if not isinstance(k, str):
            raise TypeError(f"properties keys must be str, not {type(k).__name__}")
        # Spark's writers accept booleans and numbers for properties; the log holds text.
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, int):
            v = str(v)
        elif not isinstance(v, str):
            raise TypeError(f"property {k!r} must be a str, bool or int, not {type(v).__name__}")
        out[k] = v
    return out


def _table_core(
    uri: Union[Table, str, bytes, os.PathLike[str]],
    external_locations: str,
    allowed_locations: Sequence[Union[str, os.PathLike[str]]],
    storage_options: Optional[Mapping[str, str]] = None,
) -> Any:
    if isinstance(uri, Table):
        return uri._core
    return Table(
        uri,
        external_locations=external_locations,
        allowed_locations=allowed_locations,
        storage_options=storage_options,
    )._core


def write_table(
    uri: Union[Table, str, bytes, os.PathLike[str]],
    data: Any,
    *,
    mode: str = "error",
    partition_by: Optional[Sequence[str]] = None,
    predicate: Optional[str] = None,
    schema_mode: Optional[str] = None,
    properties: Optional[Mapping[str, Union[str, bool, int]]] = None,
    name: Optional[str] = None,
    description: Optional[str] = None,
    app_id: Optional[str] = None,
    app_version: Optional[int] = None,
    target_file_size: Optional[int] = None,
    row_group_rows: Optional[int] = None,
    compression: Optional[str] = None,
    max_attempts: int = 20,
    engine_info: Optional[str] = None,
    external_locations: str = "same-store",
    allowed_locations: Sequence[Union[str, os.PathLike[str]]] = (),
    storage_options: Optional[Mapping[str, str]] = None,
) -> CommitResult:
    """Writes ``data`` to the Delta table at ``uri`` as one commit, creating the table (with
    ``partition_by``, ``properties``, ``name`` and ``description``) when it does not exist.

    ``data`` is Arrow data: anything with ``__arrow_c_stream__`` (a pyarrow Table or
    RecordBatchReader, a polars DataFrame, a duckdb relation, a delta_kernel scan), a pyarrow
    RecordBatch, Dataset or Scanner, a pandas DataFrame, or a list of RecordBatches. Its
    columns are matched to the table's by name. The batches are streamed: a reader larger than
    memory is written file by file. The GIL is released while writing.

    ``mode`` says what happens when the table exists: ``"error"`` raises
    :class:`ConflictError` (``detail_kind`` "AlreadyExists"), ``"append"`` adds the rows,
    ``"overwrite"`` replaces every row, or only the rows matching ``predicate`` (replaceWhere:
    the matching rows are deleted as :meth:`Table.delete` deletes them; a written row outside
    the predicate is an error), ``"ignore"`` writes nothing (``committed`` is false).

    ``schema_mode="merge"`` adds the data's new columns and nested fields to the table (and
    widens types where Delta allows); ``"overwrite"`` (with ``mode="overwrite"`` and no
    predicate) replaces the schema. Otherwise data whose columns differ from the table's is
    refused, naming the column.

    ``app_id`` and ``app_version`` make the write idempotent: when the table already holds
    that version (or a later one) for the app id, nothing is written and the result has
    ``committed=False``.

    ``target_file_size`` (bytes), ``row_group_rows`` and ``compression`` ("snappy", "zstd",
    "gzip", "lz4", "uncompressed") shape the Parquet files. ``max_attempts`` bounds the commit
    attempts against racing writers; ``engine_info`` goes to ``commitInfo.engineInfo``;
    ``external_locations``, ``allowed_locations`` and ``storage_options`` (object-store
    credentials and endpoint, e.g. for ``s3://`` URIs) are as for :class:`Table`.

    Raises:
        InvalidArgumentError: the data does not match the table (the column is named), a
            non-nullable column holds a null, a row breaks a CHECK constraint or lies outside
            the predicate, or the predicate does not parse or names no column. Nothing is
            committed.
        ConflictError: ``mode="error"`` and the table exists, or a concurrent commit
            conflicts with this one.
        UnsupportedError: the table needs a writer feature this kernel does not honour.

    >>> import delta_kernel, pyarrow as pa
    >>> delta_kernel.write_table("/tmp/events", pa.table({"id": [1, 2]}), mode="append")
    """
    if mode not in _MODES:
        raise InvalidArgumentError(
            f"mode must be one of {', '.join(map(repr, _MODES))}, got {mode!r}"
        )
    if schema_mode not in _SCHEMA_MODES:
        raise InvalidArgumentError(
            f"schema_mode must be None, 'merge' or 'overwrite', got {schema_mode!r}"
        )
    app_id = optional_str_arg(app_id, "app_id")
    if (app_id is None) != (app_version is None):
        raise InvalidArgumentError("give app_id and app_version together")
    core_table = _table_core(uri, external_locations, allowed_locations, storage_options)
    args = (
        mode,
        names_arg(partition_by, "partition_by") if partition_by is not None else [],
        optional_str_arg(predicate, "predicate"),
        schema_mode,
        _properties_arg(properties),
        optional_str_arg(name, "name"),
        optional_str_arg(description, "description"),
        app_id,
        optional_int_arg(app_version, "app_version"),
        optional_int_arg(target_file_size, "target_file_size", 1),
        optional_int_arg(row_group_rows, "row_group_rows", 1),
        optional_str_arg(compression, "compression"),
        int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
        optional_str_arg(engine_info, "engine_info"),
    )
    # The capsule last: nothing is consumed when an argument is wrong.
    return CommitResult._from_core(_core._write_table(core_table, stream_capsule(data), *args))
