"""Vacuum and restore: what Table.vacuum and Table.restore report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional

from ._types import CommitResult, _from_ms


@dataclass(frozen=True)
class VacuumResult:
    """What :meth:`Table.vacuum` deleted (for a dry run, would delete)."""

    #: Absolute URIs of the files, sorted.
    files: list[str]
    #: Their total size in bytes.
    bytes: int
    #: True when nothing was deleted because only a listing was asked for.
    dry_run: bool
    #: The version whose references (and every later commit's) were kept.
    snapshot_version: int
    #: The retention applied.
    retention: timedelta
    #: Unreferenced files modified before this time could be deleted.
    cutoff: datetime
    #: The versions of the VACUUM START and VACUUM END commits that record the run in the
    #: table's history (as Delta Spark does on local, HDFS, GCS and Azure tables; not for a dry
    #: run or on S3), else None.
    start_version: Optional[int] = None
    end_version: Optional[int] = None

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> VacuumResult:
        return cls(
            files=list(d["files"]),
            bytes=d["bytes"],
            dry_run=d["dry_run"],
            snapshot_version=d["snapshot_version"],
            retention=timedelta(milliseconds=d["retention_ms"]),
            cutoff=_from_ms(d["cutoff_ms"]),
            start_version=d["start_version"],
            end_version=d["end_version"],
        )


@dataclass(frozen=True)
class RestoreResult:
    """What :meth:`Table.restore` committed (the RESTORE commit's metrics)."""

    commit: CommitResult
    #: The version whose state the table now has.
    restored_version: int
    #: Files added back and their bytes.
    num_restored_files: int
    restored_files_size: int
    #: Files live before the restore that it removed, and their bytes.
    num_removed_files: int
    removed_files_size: int
    #: Live files after the restore and their bytes.
    num_files_after: int
    table_size_after: int

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> RestoreResult:
        return cls(
            commit=CommitResult._from_core(d["commit"]),
            restored_version=d["restored_version"],
            num_restored_files=d["num_restored_files"],
            restored_files_size=d["restored_files_size"],
            num_removed_files=d["num_removed_files"],
            removed_files_size=d["removed_files_size"],
            num_files_after=d["num_files_after"],
            table_size_after=d["table_size_after"],
        )
