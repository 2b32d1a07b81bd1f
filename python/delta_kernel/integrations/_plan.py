"""The driver's side shared by every integration: one scan planned with the pushed-down
columns and filter, split into tasks."""

from __future__ import annotations

import math
from typing import Mapping, Optional, Sequence

from .._scan import Scan
from .._table import Table


def plan_scan(
    path: str,
    columns: Optional[Sequence[str]] = None,
    filter: Optional[str] = None,
    version: Optional[int] = None,
    storage_options: Optional[Mapping[str, str]] = None,
) -> Scan:
    """The scan of ``path`` at ``version`` (latest when None) with ``columns`` and ``filter``
    (the kernel's SQL-like predicate text) pushed into planning."""
    table = Table(path, storage_options=storage_options)
    return table.snapshot(version).scan(columns, filter)


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
) -> list[bytes]:
    """The tasks of one scan of ``path``: bytes for :func:`delta_kernel.read_task`, for any
    engine without an integration here."""
    scan = plan_scan(path, columns, filter, version, storage_options)
    return scan.tasks(max_files_per_task)
