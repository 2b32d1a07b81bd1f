"""ScanPlan: the files a scan reads, held as the scan's metadata batches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from . import _pyarrow
from ._types import ScanFile
from .exceptions import InvalidArgumentError

if TYPE_CHECKING:
    import pyarrow as pa


class _StreamHolder:
    """Hands a stream capsule to pyarrow through ``__arrow_c_stream__``."""

    def __init__(self, capsule: object) -> None:
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        del requested_schema
        return self._capsule


class ScanPlan:
    """The files a scan reads and how planning got there.

    :meth:`Scan.plan` keeps the plan as the scan's metadata batches: :attr:`files` builds a
    :class:`ScanFile` per file on first access, and :meth:`to_arrow` gives the same files as
    Arrow columns without any per-file Python object. A plan can also be made by hand from
    ``files`` (then it has no Arrow form). Immutable.
    """

    __slots__ = ("_files", "_core", "total_files", "pruned_by_partition", "skipped_by_stats")

    #: Live files in the snapshot.
    total_files: int
    #: Files dropped because their partition values prove the filter false.
    pruned_by_partition: int
    #: Files dropped because their column statistics prove the filter false.
    skipped_by_stats: int

    def __init__(
        self,
        files: Optional[list[ScanFile]] = None,
        total_files: int = 0,
        pruned_by_partition: int = 0,
        skipped_by_stats: int = 0,
    ) -> None:
        object.__setattr__(self, "_files", list(files) if files is not None else [])
        object.__setattr__(self, "_core", None)
        object.__setattr__(self, "total_files", total_files)
        object.__setattr__(self, "pruned_by_partition", pruned_by_partition)
        object.__setattr__(self, "skipped_by_stats", skipped_by_stats)

    @classmethod
    def _from_core(cls, core: Any) -> ScanPlan:
        counts = core.counts
        plan = cls(
            total_files=counts["total_files"],
            pruned_by_partition=counts["pruned_by_partition"],
            skipped_by_stats=counts["skipped_by_stats"],
        )
        object.__setattr__(plan, "_files", None)
        object.__setattr__(plan, "_core", core)
        return plan

    @property
    def files(self) -> list[ScanFile]:
        """The data files to read (made from the batches on first access, then kept)."""
        if self._files is None:
            files = [ScanFile._from_core(f) for f in self._core.files()]
            object.__setattr__(self, "_files", files)
        return self._files

    @property
    def num_files(self) -> int:
        """How many files the scan reads, without making them."""
        if self._core is not None:
            return self._core.counts["selected_files"]
        return len(self._files)

    def to_arrow(self) -> pa.Table:
        """The files to read as a ``pyarrow.Table``, one row each, with the columns of
        :class:`ScanMetadata` except ``selected``: ``path`` (as in the log), ``size``,
        ``modificationTime``, ``stats``, ``deletionVector``, ``baseRowId``,
        ``defaultRowCommitVersion`` and ``partitionValues`` (typed, by logical column name)."""
        if self._core is None:
            raise InvalidArgumentError(
                "ScanPlan.to_arrow(): this plan was made from a list of files, not by "
                "Scan.plan(), and has no Arrow form"
            )
        pa = _pyarrow.require("ScanPlan.to_arrow() (a pyarrow Table)")
        from ._scan import _read_all

        table = _read_all(pa.RecordBatchReader.from_stream(_StreamHolder(self._core.stream())))
        return table.filter(table.column("selected")).drop_columns(["selected"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScanPlan):
            return NotImplemented
        return (self.files, self.total_files, self.pruned_by_partition, self.skipped_by_stats) == (
            other.files, other.total_files, other.pruned_by_partition, other.skipped_by_stats
        )

    __hash__ = None  # type: ignore[assignment]  # like the dataclass it replaces (a list field)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}': ScanPlan is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}': ScanPlan is immutable")

    def __repr__(self) -> str:
        return (
            f"ScanPlan(num_files={self.num_files}, total_files={self.total_files}, "
            f"pruned_by_partition={self.pruned_by_partition}, "
            f"skipped_by_stats={self.skipped_by_stats})"
        )
