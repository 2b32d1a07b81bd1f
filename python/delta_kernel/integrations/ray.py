"""A Ray Data datasource planned by the kernel::

    import ray
    from delta_kernel.integrations.ray import DeltaDatasource

    ds = ray.data.read_datasource(DeltaDatasource("s3://bucket/table", columns=["id", "v"],
                                                  filter="day >= DATE '2024-01-01'"))

The driver plans the scan once (columns and filter pushed into planning); each Ray read task
reads kernel scan tasks (:func:`delta_kernel.read_task`) into Arrow blocks, no log on the
workers. Ray's ``parallelism`` / ``override_num_blocks`` decides how many read tasks the files
are spread over, or ``max_files_per_task`` fixes it. With ``distributed_planning=True`` the
driver reads only the commits after the checkpoint: each checkpoint part or sidecar is a task
that a Ray worker reconciles and plans itself (:func:`delta_kernel.read_planning_task`).
"""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional, Sequence

from ray.data.block import BlockMetadata
from ray.data.datasource import Datasource, ReadTask

from .._scan_task import describe_task, read_task
from .._planning_task import describe_planning_task
from ._plan import files_per_task, plan_scan, read_any_task, split_scan


def _read_blocks(tasks: Sequence[bytes], storage_options: Mapping[str, str]) -> Iterable[Any]:
    import pyarrow as pa

    for task in tasks:
        yield pa.table(read_task(task, storage_options))


def _read_planned_blocks(
    tasks: Sequence[bytes], storage_options: Mapping[str, str]
) -> Iterable[Any]:
    for task in tasks:
        yield read_any_task(task, storage_options)


class _PlannedInfo:
    """What Ray's metadata needs of a planning task: its bytes to read and files to name."""

    def __init__(self, task: bytes) -> None:
        info = describe_planning_task(task)
        if info.kind == "checkpoint_file":
            self.total_bytes = info.checkpoint_size
            self.file_locations = (info.checkpoint_location,)
        else:
            self.total_bytes = info.total_bytes
            self.file_locations = info.file_locations


class DeltaDatasource(Datasource):
    """The rows of a Delta table (``path``, at ``version`` or the latest) with ``columns``
    and ``filter`` (the kernel's predicate text, as :meth:`delta_kernel.Table.scan`) pushed
    into planning. ``storage_options`` reach the workers with the tasks."""

    def __init__(
        self,
        path: str,
        *,
        columns: Optional[Sequence[str]] = None,
        filter: Optional[str] = None,
        version: Optional[int] = None,
        storage_options: Optional[Mapping[str, str]] = None,
        max_files_per_task: Optional[int] = None,
        distributed_planning: bool = False,
    ) -> None:
        super().__init__()
        self._storage_options = dict(storage_options or {})
        self._max_files_per_task = max_files_per_task
        self._distributed = distributed_planning
        scan = plan_scan(path, columns, filter, version, self._storage_options, distributed_planning)
        self._schema = scan.schema
        # One single-file task per file (with distributed planning: per checkpoint part, and
        # per newer commit's file): regrouped cheaply by get_read_tasks whatever the
        # parallelism, and picklable (the datasource travels to Ray's planner).
        self._file_tasks = split_scan(scan, 1, distributed_planning)
        if distributed_planning:
            self._infos: List[Any] = [_PlannedInfo(t) for t in self._file_tasks]
        else:
            self._infos = [describe_task(t) for t in self._file_tasks]

    def get_name(self) -> str:
        return "DeltaKernel"

    def estimate_inmemory_data_size(self) -> Optional[int]:
        return sum(i.total_bytes for i in self._infos)

    def get_read_tasks(
        self,
        parallelism: int,
        per_task_row_limit: Optional[int] = None,
        data_context: Any = None,
    ) -> List[ReadTask]:
        n = files_per_task(len(self._file_tasks), parallelism, self._max_files_per_task)
        out = []
        for first in range(0, len(self._file_tasks), n):
            tasks = self._file_tasks[first : first + n]
            infos = self._infos[first : first + n]
            metadata = BlockMetadata(
                num_rows=None,  # deletion vectors and the filter make the count unknown
                size_bytes=sum(i.total_bytes for i in infos),
                input_files=[loc for i in infos for loc in i.file_locations],
                exec_stats=None,
            )
            opts = self._storage_options
            out.append(
                ReadTask(
                    (lambda tasks=tasks, opts=opts: _read_planned_blocks(tasks, opts))
                    if self._distributed
                    else (lambda tasks=tasks, opts=opts: _read_blocks(tasks, opts)),
                    metadata,
                    schema=self._schema,
                    per_task_row_limit=per_task_row_limit,
                )
            )
        return out
