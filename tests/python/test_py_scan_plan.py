"""Scan.plan() over the metadata batches: ScanPlan.files, num_files and to_arrow() describe
the same files as scan_metadata()'s selected rows; a ScanPlan made by hand still works."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

import delta_kernel as dk


def _arrow_rows(table: pa.Table) -> list[tuple]:
    return sorted(
        (r["path"], r["size"], r["modificationTime"], r["partitionValues"])
        for r in table.to_pylist()
    )


def _file_rows(files: list[dk.ScanFile]) -> list[tuple]:
    return sorted((f.path, f.size, f.modification_time, f.partition_values) for f in files)


@pytest.mark.parametrize("file_list", ["in-memory", "streamed"])
def test_plan_columns_and_files_agree(conformance, file_list):
    snap = dk.Table(conformance("golden/dv-partitioned-with-checkpoint")).snapshot(
        file_list=file_list
    )
    scan = snap.scan()
    plan = scan.plan()
    columns = plan.to_arrow()
    meta = pa.table(scan.scan_metadata())
    assert columns.schema == pa.schema([f for f in meta.schema if f.name != "selected"])
    assert columns.num_rows == plan.num_files == len(plan.files) == plan.total_files
    assert _arrow_rows(columns) == _file_rows(plan.files)
    assert plan.to_arrow().equals(columns)  # the batches are kept, not consumed
    dvs = [f for f in plan.files if f.deletion_vector is not None]
    assert len(dvs) == columns.column("deletionVector").drop_null().length() > 0


def test_pruned_plan_keeps_only_the_selected_files(conformance):
    scan = dk.Table(conformance("tables/basic_partitioned")).snapshot().scan(
        filter="letter = 'a'"
    )
    plan = scan.plan()
    assert (plan.total_files, plan.pruned_by_partition, plan.skipped_by_stats) == (6, 4, 0)
    assert plan.num_files == 2
    columns = plan.to_arrow()
    assert columns.column("partitionValues").to_pylist() == [{"letter": "a"}] * 2
    assert _arrow_rows(columns) == _file_rows(plan.files)
    assert all(f.location.endswith("/" + f.path) for f in plan.files)
    assert "num_files=2" in repr(plan)


def test_hand_made_plan_is_immutable_and_compares_by_value(conformance):
    plan = dk.Table(conformance("tables/basic_partitioned")).snapshot().scan().plan()
    copy = dk.ScanPlan(
        files=list(plan.files),
        total_files=plan.total_files,
        pruned_by_partition=plan.pruned_by_partition,
        skipped_by_stats=plan.skipped_by_stats,
    )
    assert copy == plan
    assert copy.num_files == 6
    assert dk.ScanPlan() == dk.ScanPlan(files=[], total_files=0)
    assert dk.ScanPlan() != plan
    with pytest.raises(AttributeError):
        plan.total_files = 1  # type: ignore[misc]
    with pytest.raises(dk.exceptions.InvalidArgumentError, match="no Arrow form"):
        copy.to_arrow()
    assert dataclasses.is_dataclass(plan.files[0])
