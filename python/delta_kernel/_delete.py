"""Table.delete: remove the rows matching a predicate in one commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from . import _core
from ._args import bool_arg, int_arg, optional_int_arg, optional_str_arg
from ._types import CommitResult
from .exceptions import InvalidArgumentError


@dataclass(frozen=True)
class DeleteResult:
    """What :meth:`Table.delete` did (Delta Spark's DELETE metrics)."""

    #: The commit; ``committed`` is false when no row matched (nothing is written) or the app
    #: transaction was already applied.
    commit: CommitResult
    num_deleted_rows: int
    #: Files removed: whole, or replaced by a rewritten file or one with a deletion vector.
    num_removed_files: int
    #: Files written with the rows that stay (tables without deletion vectors).
    num_added_files: int
    num_copied_rows: int
    num_deletion_vectors_added: int
    num_deletion_vectors_removed: int
    #: ``_change_data/`` files holding the deleted rows (tables with the change data feed).
    num_added_change_files: int

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> DeleteResult:
        return cls(
            commit=CommitResult._from_core(d["commit"]),
            **{k: v for k, v in d.items() if k != "commit"},
        )


def delete_rows(
    core_table: Any,
    predicate: Optional[str],
    app_id: Optional[str],
    app_version: Optional[int],
    max_attempts: int,
    engine_info: Optional[str],
    row_level_concurrency: bool = True,
    max_inline_dv_bytes: int = 64,
) -> DeleteResult:
    app_id = optional_str_arg(app_id, "app_id")
    if (app_id is None) != (app_version is None):
        raise InvalidArgumentError("give app_id and app_version together")
    return DeleteResult._from_core(
        _core._delete(
            core_table,
            optional_str_arg(predicate, "predicate"),
            app_id,
            optional_int_arg(app_version, "app_version"),
            int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
            optional_str_arg(engine_info, "engine_info"),
            bool_arg(row_level_concurrency, "row_level_concurrency"),
            int_arg(max_inline_dv_bytes, "max_inline_dv_bytes", 0, 2**31 - 1),
        )
    )
