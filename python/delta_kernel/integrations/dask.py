"""A Dask DataFrame of a Delta table planned by the kernel::

    from delta_kernel.integrations.dask import read_delta

    df = read_delta("s3://bucket/table", columns=["id", "v"], filter="v > 10")
    df.groupby("id").v.sum().compute()

One partition per kernel scan task (``files_per_partition`` files each), built with
``dask.dataframe.from_map``; each partition reads its task with :func:`delta_kernel.read_task`
on whichever worker runs it. With ``distributed_planning=True`` the driver reads only the
commits after the checkpoint: each checkpoint part or sidecar is one partition, reconciled and
planned on its worker (:func:`delta_kernel.read_planning_task`), so no process holds the whole
file list.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from .._scan_task import read_task
from ._plan import plan_scan, read_any_task, split_scan


def _arrow_type_kept(t: Any) -> Any:
    """pandas keeps dates, decimals, binaries and nested values as Arrow-backed columns: as
    NumPy objects Dask would turn them into strings (its convert-string option)."""
    import pandas as pd
    import pyarrow as pa

    kept = (pa.types.is_date(t) or pa.types.is_decimal(t) or pa.types.is_binary(t)
            or pa.types.is_large_binary(t) or pa.types.is_nested(t))
    return pd.ArrowDtype(t) if kept else None


def _arrow_to_pandas(table: Any) -> Any:
    return table.to_pandas(types_mapper=_arrow_type_kept)


def _read_partition(task: bytes, storage_options: Mapping[str, str]) -> Any:
    import pyarrow as pa

    return _arrow_to_pandas(pa.table(read_task(task, storage_options)))


def _read_planned_partition(task: bytes, storage_options: Mapping[str, str]) -> Any:
    return _arrow_to_pandas(read_any_task(task, storage_options))


def read_delta(
    path: str,
    columns: Optional[Sequence[str]] = None,
    filter: Optional[str] = None,
    *,
    version: Optional[int] = None,
    storage_options: Optional[Mapping[str, str]] = None,
    files_per_partition: int = 1,
    distributed_planning: bool = False,
) -> Any:
    """The rows of the Delta table at ``path`` (``version`` or the latest) as a
    ``dask.dataframe.DataFrame``, with ``columns`` and ``filter`` (the kernel's predicate
    text) pushed into planning. Lazy: nothing is read until computed. A scan that selects no
    file gives one empty partition with the scan's columns."""
    import dask.dataframe as dd

    options = dict(storage_options or {})
    scan = plan_scan(path, columns, filter, version, options, distributed_planning)
    meta = _arrow_to_pandas(scan.schema.empty_table())
    tasks = split_scan(scan, files_per_partition, distributed_planning)
    if not tasks:
        return dd.from_pandas(meta, npartitions=1)
    return dd.from_map(
        _read_planned_partition if distributed_planning else _read_partition,
        tasks,
        storage_options=options,
        meta=meta,
        label="delta-kernel-read",
        enforce_metadata=True,
    )
