"""Arrow data and schemas handed to the kernel, as Arrow PyCapsules (the C stream / C schema
interfaces), from whatever the caller has: pyarrow, polars, duckdb, pandas."""

from __future__ import annotations

from typing import Any

import pyarrow as pa


def stream_capsule(data: Any, what: str = "data") -> object:
    """An "arrow_array_stream" capsule of ``data``'s rows.

    Takes anything with ``__arrow_c_stream__`` (pyarrow Table and RecordBatchReader, polars
    DataFrame, duckdb relation, the kernel's own scans), anything with ``__arrow_c_array__``
    (a pyarrow RecordBatch or struct array), a pyarrow Dataset or Scanner (``to_reader``), a
    pandas DataFrame, or a list of pyarrow RecordBatches."""
    if hasattr(data, "__arrow_c_stream__"):
        return data.__arrow_c_stream__()
    if hasattr(data, "__arrow_c_array__"):
        return pa.Table.from_batches([pa.record_batch(data)]).__arrow_c_stream__()
    if hasattr(data, "to_reader"):
        return data.to_reader().__arrow_c_stream__()
    if type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "columns"):
        return pa.Table.from_pandas(data, preserve_index=False).__arrow_c_stream__()
    if isinstance(data, (list, tuple)) and data and all(
        isinstance(b, pa.RecordBatch) for b in data
    ):
        return pa.Table.from_batches(list(data)).__arrow_c_stream__()
    raise TypeError(
        f"{what} must be Arrow data (an object with __arrow_c_stream__ such as a pyarrow Table, "
        f"RecordBatchReader, polars DataFrame or duckdb relation), not {type(data).__name__}"
    )


def schema_capsule(schema: Any, what: str = "schema") -> object:
    """An "arrow_schema" capsule of ``schema``: anything with ``__arrow_c_schema__`` (a pyarrow
    Schema) or a pyarrow-convertible list of fields."""
    if hasattr(schema, "__arrow_c_schema__"):
        return schema.__arrow_c_schema__()
    if isinstance(schema, (list, tuple)):
        return pa.schema(schema).__arrow_c_schema__()
    raise TypeError(
        f"{what} must be an Arrow schema (a pyarrow Schema or an object with "
        f"__arrow_c_schema__) or the Delta schema as JSON text, not {type(schema).__name__}"
    )
