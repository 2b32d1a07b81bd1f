"""pyarrow, imported only where the caller asks for a pyarrow object (``to_arrow()``,
``schema``, ``files()``) or hands one over that needs it (pandas, lists of batches).

The package does not need pyarrow: its native module carries its own Arrow C++, and rows leave
through the Arrow PyCapsule interface (``__arrow_c_stream__``), which polars, duckdb, nanoarrow
and pyarrow of any version read."""

from __future__ import annotations

from types import ModuleType


def require(what: str) -> ModuleType:
    """The pyarrow module, or ImportError saying that ``what`` needs it and what else works."""
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError(
            f"{what} needs pyarrow, which is not installed: pip install pyarrow (15 or later, any "
            f"version), or read the rows through __arrow_c_stream__ (polars.DataFrame(scan), "
            f"duckdb, nanoarrow)"
        ) from e
    return pyarrow
