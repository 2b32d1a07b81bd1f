"""Table.update: set columns of the rows matching a predicate in one commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from . import _core
from ._args import bool_arg, int_arg, optional_int_arg, optional_str_arg
from ._types import CommitResult
from .exceptions import InvalidArgumentError


@dataclass(frozen=True)
class UpdateResult:
    """What :meth:`Table.update` did (Delta Spark's UPDATE metrics)."""

    #: The commit; ``committed`` is false when no row matched (nothing is written) or the app
    #: transaction was already applied.
    commit: CommitResult
    num_updated_rows: int
    #: Unchanged rows carried into rewritten files (tables without deletion vectors).
    num_copied_rows: int
    #: Files written: the updated rows, and rewritten files.
    num_added_files: int
    #: Files removed: replaced by a rewritten file or one with a deletion vector.
    num_removed_files: int
    num_deletion_vectors_added: int
    num_deletion_vectors_removed: int
    #: ``_change_data/`` files holding the pre- and post-images (change data feed on).
    num_added_change_files: int

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> UpdateResult:
        return cls(
            commit=CommitResult._from_core(d["commit"]),
            **{k: v for k, v in d.items() if k != "commit"},
        )


def update_rows(
    core_table: Any,
    set: Mapping[str, str],
    predicate: Optional[str],
    app_id: Optional[str],
    app_version: Optional[int],
    max_attempts: int,
    engine_info: Optional[str],
    row_level_concurrency: bool = True,
    max_inline_dv_bytes: int = 64,
) -> UpdateResult:
    if not isinstance(set, Mapping) or not set:
        raise InvalidArgumentError("set must be a non-empty mapping of column to SQL expression")
    pairs = []
    for column, expression in set.items():
        if not isinstance(column, str) or not isinstance(expression, str):
            raise InvalidArgumentError(
                f"set: column names and expressions must be strings, got {column!r}: "
                f"{expression!r}"
            )
        pairs.append((column, expression))
    app_id = optional_str_arg(app_id, "app_id")
    if (app_id is None) != (app_version is None):
        raise InvalidArgumentError("give app_id and app_version together")
    return UpdateResult._from_core(
        _core._update(
            core_table,
            pairs,
            optional_str_arg(predicate, "predicate"),
            app_id,
            optional_int_arg(app_version, "app_version"),
            int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
            optional_str_arg(engine_info, "engine_info"),
            bool_arg(row_level_concurrency, "row_level_concurrency"),
            int_arg(max_inline_dv_bytes, "max_inline_dv_bytes", 0, 2**31 - 1),
        )
    )
