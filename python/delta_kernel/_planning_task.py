"""Planning tasks: a scan of a table too large for one process, split so that the workers
reconcile the checkpoint (``Scan.planning_tasks()`` on a snapshot loaded with
``file_list="streamed"``) and read with ``read_planning_task``. Layout: docs/design/scan-tasks.md,
"Planning tasks"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from . import _core
from ._scan import Scan
from ._scan_task import _task_bytes, max_files_arg
from ._table import _storage_options_arg


@dataclass(frozen=True)
class PlanningTaskInfo:
    """What one planning task covers, read from its bytes without touching storage."""

    #: "checkpoint_file" (one checkpoint part or sidecar, reconciled on the worker) or "files"
    #: (a scan task of files planned on the driver)
    kind: str
    #: the format version of the planning task (or of the scan task, for "files")
    format_version: int
    #: the table root URI
    table_location: str
    #: the snapshot version the task was planned at
    version: int
    #: "checkpoint_file": the part's URI, its size, and how many keys of newer commits it is
    #: reconciled against
    checkpoint_location: str
    checkpoint_size: int
    num_shadowing_keys: int
    #: "files": the data files and their total size
    file_locations: tuple[str, ...]
    total_bytes: int


def read_planning_task(
    task: bytes, storage_options: Optional[Mapping[str, str]] = None
) -> Scan:
    """The scan one task of :meth:`Scan.planning_tasks` describes, in this process: its rows
    (``to_arrow()``, ``__arrow_c_stream__``), its live files after reconciliation, pruning and
    skipping (``files()``), or scan tasks of them (``tasks()``). Only the task's checkpoint
    part is read, no other log file. Raises
    :class:`~delta_kernel.exceptions.InvalidArgumentError` for bytes that are not a planning
    or scan task, are truncated or corrupt, or come from a newer version of the library."""
    core = _core._planning_task_scan(_task_bytes(task), _storage_options_arg(storage_options))
    return Scan(core)


def describe_planning_task(task: bytes) -> PlanningTaskInfo:
    """What a planning task covers (errors as :func:`read_planning_task`)."""
    d = _core._describe_planning_task(_task_bytes(task))
    return PlanningTaskInfo(
        kind=d["kind"],
        format_version=d["format_version"],
        table_location=d["table_location"],
        version=d["version"],
        checkpoint_location=d["checkpoint_location"],
        checkpoint_size=d["checkpoint_size"],
        num_shadowing_keys=d["num_shadowing_keys"],
        file_locations=tuple(d["file_locations"]),
        total_bytes=d["total_bytes"],
    )


def planning_tasks(core_scan: Any, max_files_per_task: int) -> list[bytes]:
    return _core._planning_tasks(core_scan, max_files_arg(max_files_per_task))
