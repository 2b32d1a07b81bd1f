"""OPTIMIZE: compacting a table's small files, optionally Z-ordered (Table.optimize)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

from . import _core
from ._args import INT64_MAX, int_arg, names_arg, optional_int_arg, optional_str_arg
from ._types import CommitResult


@dataclass(frozen=True)
class OptimizeResult:
    """What :meth:`Table.optimize` did."""

    #: Live files the predicate selected.
    files_considered: int
    #: Files rewritten (removed with ``dataChange=false``) and their total size.
    files_removed: int
    bytes_removed: int
    #: Files written and their total size.
    files_added: int
    bytes_added: int
    #: Partitions with at least one bin, and the bins (groups of files rewritten together).
    partitions_optimized: int
    bins: int
    #: Rewritten files that carried a deletion vector (their deleted rows are gone now).
    deletion_vectors_removed: int
    rows_written: int
    #: The commit, or None when there was nothing to rewrite (nothing is committed then).
    commit: Optional[CommitResult]

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> OptimizeResult:
        commit = d["commit"]
        return cls(
            files_considered=d["files_considered"],
            files_removed=d["files_removed"],
            bytes_removed=d["bytes_removed"],
            files_added=d["files_added"],
            bytes_added=d["bytes_added"],
            partitions_optimized=d["partitions_optimized"],
            bins=d["bins"],
            deletion_vectors_removed=d["deletion_vectors_removed"],
            rows_written=d["rows_written"],
            commit=CommitResult._from_core(commit) if commit is not None else None,
        )


def optimize(
    core_table: Any,
    predicate: Optional[str],
    target_size: Optional[int],
    z_order: Optional[Sequence[str]],
    min_file_size: Optional[int],
    max_attempts: int,
) -> OptimizeResult:
    predicate = optional_str_arg(predicate, "predicate")
    columns = names_arg(z_order, "z_order") if z_order is not None else []
    return OptimizeResult._from_core(
        _core._optimize(
            core_table,
            predicate,
            columns,
            optional_int_arg(target_size, "target_size", 1, INT64_MAX),
            optional_int_arg(min_file_size, "min_file_size", 0, INT64_MAX),
            int_arg(max_attempts, "max_attempts", 1, 1_000_000),
        )
    )
