"""The driver's side shared by every integration: one scan planned with the pushed-down
columns and filter, split into tasks."""

from __future__ import annotations

import math
from typing import Any, Mapping, Optional, Sequence

from .._planning_task import read_planning_task
from .._scan import Scan
from .._table import Table


def plan_scan(
    path: str,
    columns: Optional[Sequence[str]] = None,
    filter: Optional[str] = None,
    version: Optional[int] = None,
    storage_options: Optional[Mapping[str, str]] = None,
    distributed_planning: bool = False,
) -> Scan:
    """The scan of ``path`` at ``version`` (latest when None) with ``columns`` and ``filter``
    (the kernel's SQL-like predicate text) pushed into planning. With
    ``distributed_planning`` the snapshot is loaded without its file list (only the commits
    after the checkpoint), for :func:`split_scan` to leave the checkpoint to the workers."""
    table = Table(path, storage_options=storage_options)
    file_list = "streamed" if distributed_planning else "in-memory"
    return table.snapshot(version, file_list=file_list).scan(columns, filter)


def split_scan(scan: Scan, max_files_per_task: int, distributed_planning: bool) -> list[bytes]:
    """The scan's tasks: planning tasks (one per checkpoint part or sidecar, plus scan tasks
    of the newer commits' files) with ``distributed_planning``, else scan tasks."""
    if distributed_planning:
        return scan.planning_tasks(max_files_per_task)
    return scan.tasks(max_files_per_task)


def read_any_task(task: bytes, storage_options: Mapping[str, str]) -> Any:
    """The rows of a scan task or planning task as a ``pyarrow.Table``."""
    import pyarrow as pa

    return pa.table(read_planning_task(task, storage_options))


def files_per_task(num_files: int, parallelism: int, max_files_per_task: Optional[int]) -> int:
    """At most ``max_files_per_task`` files a task when given, else as many as spread the files
    over ``parallelism`` tasks."""
    if max_files_per_task is not None:
        return max(1, int(max_files_per_task))
    return max(1, math.ceil(num_files / max(1, parallelism)))


def plan_tasks(
    path: str,
    columns: Optional[Sequence[str]] = None,
    filter: Optional[str] = None,
    *,
    version: Optional[int] = None,
    storage_options: Optional[Mapping[str, str]] = None,
    max_files_per_task: int = 1,
    distributed_planning: bool = False,
) -> list[bytes]:
    """The tasks of one scan of ``path``: bytes for :func:`delta_kernel.read_task` (or, with
    ``distributed_planning``, :func:`delta_kernel.read_planning_task`), for any engine without
    an integration here."""
    scan = plan_scan(path, columns, filter, version, storage_options, distributed_planning)
    return split_scan(scan, max_files_per_task, distributed_planning)
