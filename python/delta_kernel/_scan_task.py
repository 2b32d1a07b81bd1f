"""Scan tasks: a scan split into bytes on a driver (``Scan.tasks()``) and read on any worker
(``read_task``) without the table's log. The distributed integrations
(``delta_kernel.integrations``) are built on these; the layout is in
docs/design/scan-tasks.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from . import _core
from ._scan import _RowStream
from ._table import _storage_options_arg
from .exceptions import InvalidArgumentError


@dataclass(frozen=True)
class TaskInfo:
    """What one task covers, read from its bytes without touching storage."""

    #: the task's format version (1 today)
    format_version: int
    #: the table root URI
    table_location: str
    #: the snapshot version the task was planned at
    version: int
    #: absolute URIs of the task's data files
    file_locations: tuple[str, ...]
    #: sum of the files' sizes in bytes
    total_bytes: int
    #: sum of the files' record counts before deletion vectors and the filter, when every
    #: file's statistics carry one
    num_records: Optional[int]


class TaskRows(_RowStream):
    """The rows of one scan task: an Arrow stream producer (``__arrow_c_stream__``,
    ``to_arrow()``, ``to_reader()``, ``schema``) like :class:`~delta_kernel.Scan`."""

    def __repr__(self) -> str:
        return f"<delta_kernel.TaskRows version={self._core.version}>"


def _task_bytes(task: Any) -> bytes:
    if isinstance(task, (bytearray, memoryview)):
        return bytes(task)
    if not isinstance(task, bytes):
        raise InvalidArgumentError(f"a scan task is bytes, got {type(task).__name__}")
    return task


def read_task(task: bytes, storage_options: Optional[Mapping[str, str]] = None) -> TaskRows:
    """The rows of one task made by :meth:`Scan.tasks`, read in this process with the engine
    for ``storage_options`` (the object-store keys :class:`~delta_kernel.Table` takes): exactly
    the rows the planning scan returns from the task's files. Raises
    :class:`~delta_kernel.exceptions.InvalidArgumentError` for bytes that are not a task, are
    truncated or corrupt, or come from a newer version of the library."""
    core = _core._task_scan(_task_bytes(task), _storage_options_arg(storage_options))
    return TaskRows(core)


def describe_task(task: bytes) -> TaskInfo:
    """The table, version, files and sizes of a task (errors as :func:`read_task`)."""
    d = _core._describe_task(_task_bytes(task))
    return TaskInfo(
        format_version=d["format_version"],
        table_location=d["table_location"],
        version=d["version"],
        file_locations=tuple(d["file_locations"]),
        total_bytes=d["total_bytes"],
        num_records=d["num_records"],
    )


def scan_tasks(core_scan: Any, max_files_per_task: int) -> list[bytes]:
    return _core._scan_tasks(core_scan, max_files_arg(max_files_per_task))


def max_files_arg(max_files_per_task: Any) -> int:
    """``max_files_per_task`` checked: an int of at least 1."""
    if isinstance(max_files_per_task, bool) or not isinstance(max_files_per_task, int):
        raise InvalidArgumentError(
            f"max_files_per_task must be an int, got {type(max_files_per_task).__name__}"
        )
    if max_files_per_task < 1:
        raise InvalidArgumentError(
            f"max_files_per_task must be at least 1, got {max_files_per_task}"
        )
    return max_files_per_task
