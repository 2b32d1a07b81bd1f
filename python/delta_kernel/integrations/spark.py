"""A PySpark (4.0+) Python data source planned by the kernel::

    from delta_kernel.integrations.spark import register

    register(spark)
    df = (spark.read.format("delta_kernel")
          .option("columns", "id,v")            # optional, comma-separated
          .option("filter", "v > 10")           # optional, the kernel's predicate text
          .option("version", "3")               # optional
          .option("storage.AWS_REGION", "...")  # storage options, prefixed "storage."
          .load("s3://bucket/table"))

The driver plans the scan with the columns and filter pushed into planning; each Spark
partition is one kernel scan task (``files_per_partition`` files, option), read on the
executor's Python worker as Arrow batches. ``.option("distributed_planning", "true")`` loads
only the commits after the checkpoint on the driver: each checkpoint part or sidecar becomes a
partition that the executor reconciles and plans itself (:func:`delta_kernel.read_planning_task`).
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Optional

from pyspark.sql.datasource import DataSource, DataSourceReader, InputPartition

from .._planning_task import read_planning_task
from .._scan_task import read_task
from ._plan import plan_scan, split_scan

FORMAT = "delta_kernel"


def _storage_options(options: Mapping[str, str]) -> dict[str, str]:
    return {k[len("storage."):]: v for k, v in options.items() if k.startswith("storage.")}


def _distributed(options: Mapping[str, str]) -> bool:
    value = str(options.get("distributed_planning", "false")).lower()
    if value not in ("true", "false"):
        raise ValueError(f"delta_kernel data source: distributed_planning must be true or false, "
                         f"got {value!r}")
    return value == "true"


def _plan(options: Mapping[str, str]) -> Any:
    path = options.get("path")
    if not path:
        raise ValueError("delta_kernel data source: load(path) names the table")
    columns = options.get("columns")
    version = options.get("version")
    return plan_scan(
        path,
        [c.strip() for c in columns.split(",")] if columns else None,
        options.get("filter") or None,
        int(version) if version is not None else None,
        _storage_options(options),
        _distributed(options),
    )


class _TaskPartition(InputPartition):
    def __init__(self, task: bytes) -> None:
        super().__init__(task)
        self.task = task


class _Reader(DataSourceReader):
    def __init__(self, options: Mapping[str, str]) -> None:
        self._storage = _storage_options(options)
        self._distributed = _distributed(options)
        self._tasks = split_scan(
            _plan(options), int(options.get("files_per_partition", "1")), self._distributed
        )

    def partitions(self) -> list[InputPartition]:
        parts = [_TaskPartition(t) for t in self._tasks]
        # The reader is pickled for the executors after this: each partition carries its own
        # task, the reader need not carry all of them.
        self._tasks = []
        return parts

    def read(self, partition: InputPartition) -> Iterator[Any]:
        import pyarrow as pa

        if partition is None:  # Spark reads one partition of None when there are none
            return
        read = read_planning_task if self._distributed else read_task
        reader = pa.RecordBatchReader.from_stream(read(partition.task, self._storage))
        yield from reader


class DeltaKernelDataSource(DataSource):
    """``spark.read.format("delta_kernel")``: see the module's documentation."""

    @classmethod
    def name(cls) -> str:
        return FORMAT

    def schema(self) -> Any:
        from pyspark.sql.pandas.types import from_arrow_schema

        return from_arrow_schema(_plan(self.options).schema)

    def reader(self, schema: Any) -> DataSourceReader:
        return _Reader(self.options)


def register(spark: Any) -> None:
    """Makes ``spark.read.format("delta_kernel")`` available in ``spark``'s session."""
    spark.dataSource.register(DeltaKernelDataSource)
