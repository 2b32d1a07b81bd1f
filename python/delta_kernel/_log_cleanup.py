"""Log cleanup: what Table.cleanup_metadata reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional

from ._types import _from_ms


@dataclass(frozen=True)
class LogCleanupResult:
    """What :meth:`Table.cleanup_metadata` deleted (for a dry run, would delete)."""

    #: Absolute URIs of the log files (commits, checksums, checkpoints, compactions, sidecars),
    #: sorted.
    files: list[str]
    #: Their total size in bytes.
    bytes: int
    #: True when nothing was deleted because only a listing was asked for.
    dry_run: bool
    #: delta.logRetentionDuration.
    retention: timedelta
    #: Versions dated at or before this time are out of the retention.
    cutoff: datetime
    #: The checkpoint the log now starts from: every version from it on can still be read.
    #: None when no checkpoint is old enough (then only unreferenced sidecars may go).
    earliest_version: Optional[int]
    #: Why nothing was deleted although files had expired (checkpointProtection), or "".
    skipped: str

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> LogCleanupResult:
        return cls(
            files=list(d["files"]),
            bytes=d["bytes"],
            dry_run=d["dry_run"],
            retention=timedelta(milliseconds=d["retention_ms"]),
            cutoff=_from_ms(d["cutoff_ms"]),
            earliest_version=d["earliest_version"],
            skipped=d["skipped"],
        )
