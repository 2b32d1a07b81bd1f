"""Scan.planning_tasks / read_planning_task: a streamed snapshot's scan split into one task per
checkpoint part (reconciled in the reading process against the newer commits' keys) and scan
tasks of the newer commits' files; together exactly the local scan's files and rows."""

from __future__ import annotations

import pyarrow as pa
import pytest

import delta_kernel as dk
from delta_kernel.exceptions import InvalidArgumentError
from distributed_tables import CASES, local_rows, make_table, sorted_rows


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> str:
    # 12 files and protocol + metadata: 14 actions, three checkpoint parts of at most 5.
    return make_table(tmp_path_factory.mktemp("planning") / "t", checkpoint_part_size=5)


def _streamed_scan(uri, columns=None, filter=None):
    return dk.Table(uri).snapshot(file_list="streamed").scan(columns, filter)


def _file_keys(files):
    return sorted(
        (f.path, f.deletion_vector.unique_id if f.deletion_vector else None) for f in files
    )


@pytest.mark.parametrize("columns,filter", CASES)
def test_planning_tasks_give_the_local_scans_rows_and_files(table, columns, filter):
    tasks = _streamed_scan(table, columns, filter).planning_tasks(2)
    infos = [dk.describe_planning_task(t) for t in tasks]
    assert sum(i.kind == "checkpoint_file" for i in infos) == 3
    for i in infos:
        assert i.table_location.rstrip("/").endswith("/t")
        if i.kind == "checkpoint_file":
            assert i.checkpoint_location.endswith(".parquet")
            # The delete removed two files and re-added them with DVs: four keys.
            assert i.num_shadowing_keys == 4
        else:
            assert len(i.file_locations) <= 2
    rows = []
    files = []
    for t in tasks:
        worker = dk.read_planning_task(t)
        files += worker.files()
        part = worker.to_arrow()
        rows += zip(*[part.column(c).to_pylist() for c in range(part.num_columns)])
    assert sorted_rows(rows) == local_rows(table, columns, filter)
    assert _file_keys(files) == _file_keys(dk.Table(table).scan(columns, filter).files())


def test_a_workers_part_splits_into_scan_tasks(table):
    tasks = _streamed_scan(table, ["id"], "region = 'us'").planning_tasks()
    ids = []
    for t in tasks:
        for scan_task in dk.read_planning_task(t).tasks(1):
            ids += pa.table(dk.read_task(scan_task)).column("id").to_pylist()
    assert sorted(ids) == [1, 10, 13, 16, 19, 22]


def test_a_snapshot_with_its_file_list_gives_scan_tasks(table):
    tasks = dk.Table(table).snapshot().scan().planning_tasks(5)
    infos = [dk.describe_planning_task(t) for t in tasks]
    assert [i.kind for i in infos] == ["files"] * 3  # 12 files, five a task
    assert [len(i.file_locations) for i in infos] == [5, 5, 2]


def test_bad_bytes_and_arguments_are_refused(table):
    scan = _streamed_scan(table)
    task = next(t for t in scan.planning_tasks() if t.startswith(b"DKPT"))
    with pytest.raises(InvalidArgumentError, match='planning task: not a planning task'):
        dk.read_planning_task(b"PAR1....")
    with pytest.raises(InvalidArgumentError, match="planning task: truncated"):
        dk.describe_planning_task(task[:-1])
    bad = bytearray(task)
    bad[40] ^= 1
    with pytest.raises(InvalidArgumentError, match="does not match"):
        dk.read_planning_task(bytes(bad))
    with pytest.raises(InvalidArgumentError, match="a scan task is bytes"):
        dk.read_planning_task("DKPT")
    with pytest.raises(InvalidArgumentError, match="at least 1"):
        scan.planning_tasks(0)
