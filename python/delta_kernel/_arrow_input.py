"""Arrow data and schemas handed to the kernel, as Arrow PyCapsules (the C stream / C schema
interfaces), from whatever the caller has: pyarrow, polars, duckdb, pandas."""

from __future__ import annotations

from typing import Any

import pyarrow as pa


def _plain_type(t: pa.DataType) -> pa.DataType:
    """``t`` with the Arrow encodings Delta has no type of replaced by the plain type they
    encode: string/binary views and large variants, list views and large lists, dictionaries
    (polars and pandas produce them). Timestamps of other units become microseconds, Delta's
    unit (a safe cast: sub-microsecond values are an error, never truncated)."""
    if pa.types.is_string_view(t) or pa.types.is_large_string(t):
        return pa.string()
    if pa.types.is_binary_view(t) or pa.types.is_large_binary(t):
        return pa.binary()
    if pa.types.is_dictionary(t):
        return _plain_type(t.value_type)
    if pa.types.is_timestamp(t) and t.unit != "us":
        return pa.timestamp("us", t.tz)
    if pa.types.is_map(t):
        return pa.map_(
            _plain_field(t.key_field), _plain_field(t.item_field), keys_sorted=t.keys_sorted
        )
    if (
        pa.types.is_list(t)
        or pa.types.is_large_list(t)
        or pa.types.is_list_view(t)
        or pa.types.is_large_list_view(t)
    ):
        return pa.list_(_plain_field(t.value_field))
    if pa.types.is_struct(t):
        return pa.struct([_plain_field(t.field(i)) for i in range(t.num_fields)])
    return t


def _plain_field(f: pa.Field) -> pa.Field:
    return f.with_type(_plain_type(f.type))


def _plain_stream(source: Any) -> object:
    """The capsule of ``source``'s stream, cast lazily batch by batch to plain types when it
    has types the kernel does not write (see _plain_type)."""
    reader = pa.RecordBatchReader.from_stream(source)
    target = pa.schema([_plain_field(f) for f in reader.schema], metadata=reader.schema.metadata)
    if not target.equals(reader.schema):
        reader = reader.cast(target)
    return reader.__arrow_c_stream__()


def stream_capsule(data: Any, what: str = "data") -> object:
    """An "arrow_array_stream" capsule of ``data``'s rows.

    Takes anything with ``__arrow_c_stream__`` (pyarrow Table and RecordBatchReader, polars
    DataFrame, duckdb relation, the kernel's own scans), anything with ``__arrow_c_array__``
    (a pyarrow RecordBatch or struct array), a pyarrow Dataset or Scanner (``to_reader``), a
    pandas DataFrame, or a list of pyarrow RecordBatches."""
    if hasattr(data, "__arrow_c_stream__"):
        return _plain_stream(data)
    if hasattr(data, "__arrow_c_array__"):
        return _plain_stream(pa.Table.from_batches([pa.record_batch(data)]))
    if hasattr(data, "to_reader"):  # a pyarrow Scanner
        return _plain_stream(data.to_reader())
    if hasattr(data, "scanner"):  # a pyarrow Dataset
        return _plain_stream(data.scanner().to_reader())
    if type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "columns"):
        return _plain_stream(pa.Table.from_pandas(data, preserve_index=False))
    if isinstance(data, (list, tuple)) and data and all(
        isinstance(b, pa.RecordBatch) for b in data
    ):
        return _plain_stream(pa.Table.from_batches(list(data)))
    raise TypeError(
        f"{what} must be Arrow data (an object with __arrow_c_stream__ such as a pyarrow Table, "
        f"RecordBatchReader, polars DataFrame or duckdb relation), not {type(data).__name__}"
    )



def schema_capsule(schema: Any) -> object:
    """An "arrow_schema" capsule of ``schema``: anything with ``__arrow_c_schema__`` (a pyarrow
    Schema) or a list of pyarrow fields."""
    if isinstance(schema, (list, tuple)):
        schema = pa.schema(schema)
    if not hasattr(schema, "__arrow_c_schema__"):
        raise TypeError(
            f"schema must be an Arrow schema (a pyarrow Schema or an object with "
            f"__arrow_c_schema__) or the Delta schema as JSON text, not {type(schema).__name__}"
        )
    return schema.__arrow_c_schema__()
