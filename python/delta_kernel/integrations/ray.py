"""A Ray Data datasource planned by the kernel::

    import ray
    from delta_kernel.integrations.ray import DeltaDatasource

    ds = ray.data.read_datasource(DeltaDatasource("s3://bucket/table", columns=["id", "v"],
                                                  filter="day >= DATE '2024-01-01'"))

The driver plans the scan once (columns and filter pushed into planning); each Ray read task
reads kernel scan tasks (:func:`delta_kernel.read_task`) into Arrow blocks, no log on the
workers. Ray's ``parallelism`` / ``override_num_blocks`` decides how many read tasks the files
are spread over, or ``max_files_per_task`` fixes it.
"""

from __future__ import annotations

from typing import Any, Iterable, List, Mapping, Optional, Sequence

from ray.data.block import BlockMetadata
from ray.data.datasource import Datasource, ReadTask

from .._scan_task import describe_task, read_task
from ._plan import files_per_task, plan_scan


def _read_blocks(tasks: Sequence[bytes], storage_options: Mapping[str, str]) -> Iterable[Any]:
    import pyarrow as pa

    for task in tasks:
        yield pa.table(read_task(task, storage_options))


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
    ) -> None:
        super().__init__()
        self._storage_options = dict(storage_options or {})
        self._max_files_per_task = max_files_per_task
        scan = plan_scan(path, columns, filter, version, self._storage_options)
        self._schema = scan.schema
        # One single-file task per file: regrouped cheaply by get_read_tasks whatever the
        # parallelism, and picklable (the datasource travels to Ray's planner).
        self._file_tasks = scan.tasks(1)
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
                    lambda tasks=tasks, opts=opts: _read_blocks(tasks, opts),
                    metadata,
                    schema=self._schema,
                    per_task_row_limit=per_task_row_limit,
                )
            )
        return out
