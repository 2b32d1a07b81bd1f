"""Scan.scan_metadata(): the file plan as Arrow batches whose selected rows are exactly the
files Scan.plan() returns, with typed partition values; in-memory and streamed snapshots."""

from __future__ import annotations

import datetime

import pyarrow as pa
import pytest

import delta_kernel as dk


def _plan_rows(scan: dk.Scan) -> list[tuple]:
    return sorted(
        (f.path, f.size, f.modification_time, f.partition_values,
         f.deletion_vector.unique_id if f.deletion_vector else None)
        for f in scan.plan().files
    )


def _selected_rows(meta: dk.ScanMetadata) -> list[tuple]:
    rows = []
    for r in pa.table(meta).to_pylist():
        if not r["selected"]:
            continue
        dv = r["deletionVector"]
        dv_id = None
        if dv is not None:
            dv_id = dv["storageType"] + dv["pathOrInlineDv"]
            if dv["offset"] is not None:
                dv_id += f"@{dv['offset']}"
        rows.append((r["path"], r["size"], r["modificationTime"], r["partitionValues"], dv_id))
    return sorted(rows)


@pytest.mark.parametrize(
    "rel",
    ["tables/basic_partitioned", "golden/dv-partitioned-with-checkpoint",
     "golden/data-reader-partition-values", "tables/v2-checkpoints-parquet-with-sidecars"],
)
@pytest.mark.parametrize("file_list", ["in-memory", "streamed"])
def test_selected_rows_are_the_planned_files(conformance, rel, file_list):
    snap = dk.Table(conformance(rel)).snapshot(file_list=file_list)
    scan = snap.scan()
    meta = scan.scan_metadata()
    table = pa.table(meta)
    assert table.schema == meta.schema
    plan = scan.plan()
    assert table.num_rows == plan.total_files
    assert table.column("selected").to_pylist().count(True) == len(plan.files)
    assert _selected_rows(meta) == _plan_rows(scan)


def test_filter_unselects_pruned_files_with_typed_values(conformance):
    table = dk.Table(conformance("tables/basic_partitioned"))
    scan = table.snapshot().scan(filter="letter = 'a'")
    rows = pa.table(scan.scan_metadata()).to_pylist()
    assert len(rows) == 6
    assert sorted(r["partitionValues"]["letter"] for r in rows if r["selected"]) == ["a", "a"]
    assert all(r["partitionValues"]["letter"] != "a" for r in rows if not r["selected"])
    assert scan.scan_metadata().schema.field("partitionValues").type == pa.struct(
        [pa.field("letter", pa.string())]
    )


def test_date_partition_column_is_typed(conformance):
    scan = dk.Table(conformance("golden/data-reader-partition-values")).snapshot().scan()
    values = pa.table(scan.scan_metadata()).column("partitionValues").combine_chunks()
    types = {f.name: f.type for f in values.type}
    assert types["as_date"] == pa.date32()
    assert types["as_int"] == pa.int32()
    dates = {v for v in values.field("as_date").to_pylist() if v is not None}
    assert dates == {datetime.date(2021, 9, 8)}
