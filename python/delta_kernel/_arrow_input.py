"""Arrow data and schemas handed to the kernel, as Arrow PyCapsules (the C stream / C schema
interfaces), from whatever the caller has: pyarrow, polars, duckdb, nanoarrow, pandas."""

from __future__ import annotations

from typing import Any

from . import _core, _pyarrow


def stream_capsule(data: Any, what: str = "data") -> object:
    """An "arrow_array_stream" capsule of ``data``'s rows, with the Arrow encodings Delta has no
    type of (string/binary views and large variants, list views and large lists, dictionaries,
    timestamps of other units) cast lazily, batch by batch, to the plain types they encode: by
    the native module's own Arrow, so no pyarrow is needed.

    Takes anything with ``__arrow_c_stream__`` (pyarrow Table and RecordBatchReader, polars
    DataFrame, duckdb relation, the kernel's own scans), anything with ``__arrow_c_array__``
    (a pyarrow RecordBatch or struct array), a pyarrow Dataset or Scanner (``to_reader``), a
    pandas DataFrame, or a list of pyarrow RecordBatches."""
    if hasattr(data, "__arrow_c_stream__"):
        return _core._plain_stream(data.__arrow_c_stream__(), what)
    if hasattr(data, "__arrow_c_array__"):
        schema, array = data.__arrow_c_array__()
        return _core._plain_array_stream(schema, array, what)
    if hasattr(data, "to_reader"):  # a pyarrow Scanner
        return _core._plain_stream(data.to_reader().__arrow_c_stream__(), what)
    if hasattr(data, "scanner"):  # a pyarrow Dataset
        return _core._plain_stream(data.scanner().to_reader().__arrow_c_stream__(), what)
    if type(data).__module__.split(".")[0] == "pandas" and hasattr(data, "columns"):
        pa = _pyarrow.require(f"{what} as a pandas DataFrame")
        table = pa.Table.from_pandas(data, preserve_index=False)
        return _core._plain_stream(table.__arrow_c_stream__(), what)
    if (
        isinstance(data, (list, tuple))
        and data
        and all(type(b).__module__.startswith("pyarrow") for b in data)
    ):
        pa = _pyarrow.require(f"{what} as a list of RecordBatches")
        if all(isinstance(b, pa.RecordBatch) for b in data):
            table = pa.Table.from_batches(list(data))
            return _core._plain_stream(table.__arrow_c_stream__(), what)
    raise TypeError(
        f"{what} must be Arrow data (an object with __arrow_c_stream__ such as a pyarrow Table, "
        f"RecordBatchReader, polars DataFrame or duckdb relation), not {type(data).__name__}"
    )


def schema_capsule(schema: Any) -> object:
    """An "arrow_schema" capsule of ``schema``: anything with ``__arrow_c_schema__`` (a pyarrow
    Schema, a nanoarrow schema) or a list of pyarrow fields."""
    if isinstance(schema, (list, tuple)):
        schema = _pyarrow.require("schema as a list of fields").schema(schema)
    if not hasattr(schema, "__arrow_c_schema__"):
        raise TypeError(
            f"schema must be an Arrow schema (a pyarrow Schema or an object with "
            f"__arrow_c_schema__) or the Delta schema as JSON text, not {type(schema).__name__}"
        )
    return schema.__arrow_c_schema__()
