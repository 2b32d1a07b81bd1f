"""Table.merge: MERGE INTO (upsert) with a builder of ordered clauses, named as deltalake's
TableMerger so users can switch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from . import _core
from ._args import bool_arg, int_arg, optional_str_arg
from ._arrow_input import stream_capsule
from ._types import CommitResult
from .exceptions import InvalidArgumentError


@dataclass(frozen=True)
class MergeResult:
    """What :meth:`TableMerger.execute` did (Delta Spark's MERGE metrics)."""

    #: The commit; ``committed`` is false when no row changed (nothing is written).
    commit: CommitResult
    num_source_rows: int
    num_target_rows_inserted: int
    num_target_rows_updated: int
    num_target_rows_matched_updated: int
    num_target_rows_not_matched_by_source_updated: int
    num_target_rows_deleted: int
    num_target_rows_matched_deleted: int
    num_target_rows_not_matched_by_source_deleted: int
    #: Unchanged rows carried into rewritten files (tables without deletion vectors).
    num_target_rows_copied: int
    num_output_rows: int
    num_target_files_added: int
    num_target_files_removed: int
    #: Target files the join read (the others were pruned by the source's keys).
    num_target_files_read: int
    num_target_change_files_added: int
    num_target_deletion_vectors_added: int
    num_target_deletion_vectors_removed: int

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> MergeResult:
        return cls(
            commit=CommitResult._from_core(d["commit"]),
            **{k: v for k, v in d.items() if k != "commit"},
        )


def _assignments(values: Optional[Mapping[str, str]], what: str) -> list[tuple[str, str]]:
    if values is None or not isinstance(values, Mapping) or not values:
        raise InvalidArgumentError(f"{what} must be a non-empty dict of column -> expression")
    out = []
    for k, v in values.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise InvalidArgumentError(f"{what} maps column names to expression strings")
        out.append((k, v))
    return out


class TableMerger:
    """The clauses of one MERGE, added in order; per row the first applicable clause of its
    kind wins, as in Spark. Made by :meth:`Table.merge`; run with :meth:`execute`."""

    def __init__(self, table: Any, source: Any, on: str, source_alias: str, target_alias: str):
        if not isinstance(on, str) or not on:
            raise InvalidArgumentError("on must be a non-empty merge condition")
        self._table = table
        self._source = source
        self._on = on
        self._source_alias = source_alias
        self._target_alias = target_alias
        self._clauses: list[tuple[str, str, Optional[str], list[tuple[str, str]], bool]] = []
        self._done = False

    def _add(
        self,
        kind: str,
        action: str,
        condition: Optional[str],
        values: list[tuple[str, str]],
        star: bool,
    ) -> TableMerger:
        self._clauses.append(
            (kind, action, optional_str_arg(condition, "condition"), values, star)
        )
        return self

    def when_matched_update(
        self, set: Optional[Mapping[str, str]] = None, condition: Optional[str] = None, *,
        updates: Optional[Mapping[str, str]] = None, predicate: Optional[str] = None,
    ) -> TableMerger:
        """WHEN MATCHED [AND condition] THEN UPDATE SET column = expression, ...
        (``updates``/``predicate`` are deltalake's names for ``set``/``condition``)."""
        return self._add("matched", "update", condition or predicate,
                         _assignments(set if set is not None else updates, "set"), False)

    def when_matched_update_all(
        self, condition: Optional[str] = None, *, predicate: Optional[str] = None
    ) -> TableMerger:
        """WHEN MATCHED [AND condition] THEN UPDATE SET *."""
        return self._add("matched", "update", condition or predicate, [], True)

    def when_matched_delete(
        self, condition: Optional[str] = None, *, predicate: Optional[str] = None
    ) -> TableMerger:
        """WHEN MATCHED [AND condition] THEN DELETE."""
        return self._add("matched", "delete", condition or predicate, [], False)

    def when_not_matched_insert(
        self, values: Optional[Mapping[str, str]] = None, condition: Optional[str] = None, *,
        updates: Optional[Mapping[str, str]] = None, predicate: Optional[str] = None,
    ) -> TableMerger:
        """WHEN NOT MATCHED [AND condition] THEN INSERT (columns) VALUES (expressions); columns
        not given are NULL."""
        return self._add("not_matched", "insert", condition or predicate,
                         _assignments(values if values is not None else updates, "values"), False)

    def when_not_matched_insert_all(
        self, condition: Optional[str] = None, *, predicate: Optional[str] = None
    ) -> TableMerger:
        """WHEN NOT MATCHED [AND condition] THEN INSERT *."""
        return self._add("not_matched", "insert", condition or predicate, [], True)

    def when_not_matched_by_source_update(
        self, set: Optional[Mapping[str, str]] = None, condition: Optional[str] = None, *,
        updates: Optional[Mapping[str, str]] = None, predicate: Optional[str] = None,
    ) -> TableMerger:
        """WHEN NOT MATCHED BY SOURCE [AND condition] THEN UPDATE SET ... (target columns
        only)."""
        return self._add("not_matched_by_source", "update", condition or predicate,
                         _assignments(set if set is not None else updates, "set"), False)

    def when_not_matched_by_source_delete(
        self, condition: Optional[str] = None, *, predicate: Optional[str] = None
    ) -> TableMerger:
        """WHEN NOT MATCHED BY SOURCE [AND condition] THEN DELETE."""
        return self._add("not_matched_by_source", "delete", condition or predicate, [], False)

    def execute(
        self,
        *,
        max_attempts: int = 20,
        engine_info: Optional[str] = None,
        row_level_concurrency: bool = True,
        max_inline_dv_bytes: int = 64,
    ) -> MergeResult:
        """Runs the merge in one commit (nothing is committed when no row changes). The source
        is read once: a merger runs once. The GIL is released while merging.
        ``row_level_concurrency`` and ``max_inline_dv_bytes`` as for :meth:`Table.delete`."""
        if self._done:
            raise InvalidArgumentError("this merge was executed already")
        self._done = True
        return MergeResult._from_core(
            _core._merge(
                self._table,
                stream_capsule(self._source, "source"),
                self._on,
                self._source_alias,
                self._target_alias,
                self._clauses,
                int_arg(max_attempts, "max_attempts", 1, 2**31 - 1),
                optional_str_arg(engine_info, "engine_info"),
                bool_arg(row_level_concurrency, "row_level_concurrency"),
                int_arg(max_inline_dv_bytes, "max_inline_dv_bytes", 0, 2**31 - 1),
            )
        )
