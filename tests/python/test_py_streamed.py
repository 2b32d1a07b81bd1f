"""Snapshots loaded with file_list="streamed": scans stream the checkpoint's files and read
exactly the rows of an in-memory snapshot; the file list is refused with a clear error."""

from __future__ import annotations

import pyarrow as pa
import pytest

import delta_kernel as dk


def _sorted_rows(scan: dk.Scan) -> list[dict]:
    rows = pa.table(scan).to_pylist()
    return sorted(rows, key=repr)


@pytest.mark.parametrize(
    "rel",
    ["golden/basic-with-inserts-deletes-checkpoint", "golden/multi-part-checkpoint",
     "golden/dv-partitioned-with-checkpoint", "tables/v2-checkpoints-parquet-with-sidecars"],
)
def test_streamed_scan_reads_the_same_rows(conformance, rel):
    table = dk.Table(conformance(rel))
    in_memory = table.snapshot()
    streamed = table.snapshot(file_list="streamed")
    assert in_memory.has_file_list
    assert not streamed.has_file_list
    assert streamed.version == in_memory.version
    assert streamed.checkpoint_version == in_memory.checkpoint_version
    assert streamed.schema == in_memory.schema
    assert _sorted_rows(streamed.scan()) == _sorted_rows(in_memory.scan())
    # Planned files agree too (the scan's own file listing).
    plan = streamed.scan().plan()
    assert sorted(f.location for f in plan.files) == sorted(
        in_memory.files().column("location").to_pylist()
    )
    assert plan.total_files == in_memory.num_files


def test_streamed_snapshot_at_version_and_timestamp(conformance):
    table = dk.Table(conformance("golden/basic-with-inserts-deletes-checkpoint"))
    for v in (10, 12):
        a = table.snapshot(version=v)
        b = table.snapshot(version=v, file_list="streamed")
        assert _sorted_rows(b.scan()) == _sorted_rows(a.scan())
    latest = table.snapshot()
    c = table.snapshot(timestamp=latest.timestamp, file_list="streamed")
    assert c.version == latest.version


def test_streamed_snapshot_has_no_file_list(conformance):
    snap = dk.Table(conformance("golden/multi-part-checkpoint")).snapshot(file_list="streamed")
    for what in (lambda: snap.files(), lambda: snap.num_files, lambda: snap.total_bytes):
        with pytest.raises(dk.InvalidArgumentError, match="file_list='streamed'"):
            what()


def test_file_list_argument_is_checked(conformance):
    table = dk.Table(conformance("golden/multi-part-checkpoint"))
    with pytest.raises(dk.InvalidArgumentError, match="file_list must be"):
        table.snapshot(file_list="lazy")


def test_log_without_checkpoint_keeps_its_file_list(conformance):
    table = dk.Table(conformance("tables/basic_partitioned"))
    snap = table.snapshot(file_list="streamed")
    assert snap.checkpoint_version is None
    assert snap.has_file_list
    assert snap.num_files == table.snapshot().num_files > 0
