"""Helpers of the distributed-read integration tests (tests/python/test_py_distributed_*.py,
tests/interop/test_distributed_spark.py): a table with partitions, deletion vectors and column
mapping; the rows of a local scan; the engines' optional packages."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import Iterable, Optional, Sequence

import pyarrow as pa
import pytest

import delta_kernel as dk


def require(module: str) -> ModuleType:
    """The module, or a skip naming it (a failure in CI, which installs it through
    scripts/setup-distrib.sh)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{module} is required in CI (scripts/setup-distrib.sh): {e}")
        pytest.skip(f"{module} not installed ({e}): run scripts/setup-distrib.sh")


def export_package_path() -> None:
    """Puts delta_kernel's directory on PYTHONPATH so that worker processes the engines start
    import the same build."""
    where = str(Path(dk.__file__).resolve().parents[1])
    parts = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if where not in parts:
        os.environ["PYTHONPATH"] = os.pathsep.join([where, *parts])


def make_table(path: Path, appends: int = 2, checkpoint_part_size: Optional[int] = None) -> str:
    """12 rows per append in 6 partitions (region x day) of 2 rows, column mapping by name;
    then ids 4 and 7 deleted with deletion vectors. 12 * appends files. With
    ``checkpoint_part_size``, a multi-part checkpoint of that many actions a part comes before
    the delete, so that the delete's DV updates shadow checkpointed files."""
    uri = str(path)
    for batch in range(appends):
        ids = list(range(batch * 12, batch * 12 + 12))
        dk.write_table(
            uri,
            pa.table({
                "id": pa.array(ids, pa.int64()),
                "region": pa.array([["eu", "us", "ap"][i % 3] for i in ids]),
                "amount": pa.array([i * 1.5 for i in ids], pa.float64()),
                "day": pa.array([f"2024-01-{i % 2 + 1:02d}" for i in ids]).cast(pa.date32()),
            }),
            mode="append",
            partition_by=["region", "day"],
            properties={"delta.enableDeletionVectors": True, "delta.columnMapping.mode": "name"},
        )
    if checkpoint_part_size is not None:
        dk.Table(uri).checkpoint(part_size=checkpoint_part_size)
    r = dk.Table(uri).delete("id = 4 OR id = 7")
    assert (r.num_deleted_rows, r.num_deletion_vectors_added) == (2, 2)
    return uri


def sorted_rows(rows: Iterable[tuple]) -> list[tuple]:
    return sorted((tuple(r) for r in rows), key=repr)


def local_rows(uri: str, columns: Optional[Sequence[str]] = None,
               filter: Optional[str] = None) -> list[tuple]:
    """The rows of a scan in this process, sorted."""
    t = dk.Table(uri).scan(columns, filter).to_arrow()
    return sorted_rows(zip(*[t.column(i).to_pylist() for i in range(t.num_columns)]))


# Columns and filters each integration is checked with: all, a projection, a filter on
# partition and data columns, both.
CASES = [
    (None, None),
    (["amount", "id"], None),
    (None, "region = 'eu' OR amount > 20"),
    (["id", "day"], "day = DATE '2024-01-02' AND id > 2"),
]
