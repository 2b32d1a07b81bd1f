"""delta_kernel: read and write Delta Lake tables from Python with the delta-kernel-cpp C++
kernel.

>>> import delta_kernel, duckdb, polars
>>> table = delta_kernel.Table("examples/sample-table")
>>> scan = table.scan(columns=["id", "region", "amount"], filter="region = 'eu-west'")
>>> duckdb.sql("select region, sum(amount) from scan group by region").fetchall()
>>> polars.from_arrow(scan.to_arrow())
>>> delta_kernel.write_table("/tmp/events", polars.DataFrame({"id": [1, 2]}), mode="append")

Scans implement the Arrow PyCapsule stream interface (``__arrow_c_stream__``), so pyarrow,
polars and duckdb read them without copies. Errors are :mod:`delta_kernel.exceptions` classes.
"""

from __future__ import annotations

# No pyarrow here: the native module carries its own private Arrow C++ (delta_kernel/_libs), so
# the package works beside any pyarrow version or none; see docs/dependencies.md. The module is
# loaded first, and with RTLD_DEEPBIND (see _load).
from ._load import load_core as _load_core

_load_core()
from . import exceptions
from ._changes import Changes
from ._delete import DeleteResult
from ._update import UpdateResult
from ._merge import MergeResult, TableMerger
from ._optimize import OptimizeResult
from ._log_cleanup import LogCleanupResult
from ._maintenance import RestoreResult, VacuumResult
from ._planning_task import PlanningTaskInfo, describe_planning_task, read_planning_task
from ._scan import Scan
from ._scan_metadata import ScanMetadata
from ._scan_task import TaskInfo, TaskRows, describe_task, read_task
from ._snapshot import Snapshot
from ._table import Table, TimestampLike
from ._transaction import Transaction
from ._types import (
    CommitResult,
    DeletionVector,
    HistoryEntry,
    Metadata,
    Protocol,
    ScanFile,
)
from ._scan_plan import ScanPlan
from ._write import write_table
from .exceptions import *  # noqa: F403  (the exception classes, listed once, in exceptions)

__version__ = "0.1.0"

__all__ = [
    "Table",
    "Snapshot",
    "Scan",
    "TaskInfo",
    "TaskRows",
    "read_task",
    "describe_task",
    "PlanningTaskInfo",
    "read_planning_task",
    "describe_planning_task",
    "Changes",
    "Transaction",
    "CommitResult",
    "DeleteResult",
    "UpdateResult",
    "MergeResult",
    "TableMerger",
    "OptimizeResult",
    "VacuumResult",
    "RestoreResult",
    "LogCleanupResult",
    "write_table",
    "ScanPlan",
    "ScanFile",
    "ScanMetadata",
    "DeletionVector",
    "HistoryEntry",
    "Protocol",
    "Metadata",
    "TimestampLike",
    "exceptions",
]
__all__ += exceptions.__all__
