"""Scan.tasks() and delta_kernel.read_task: the tasks' rows together are exactly the local
scan's (partitioned, deletion vectors, column mapping, filters, projections), in this process
and in another one; bad bytes are refused by name."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk
import distributed_tables


def make_table(path: Path) -> dk.Table:
    """24 rows, 2 appends of 6 partitions x 2 rows (12 files), column mapping by name, deletion
    vectors on 2 files after a delete of ids 4 and 7."""
    return dk.Table(distributed_tables.make_table(path))


def rows(data) -> list[tuple]:
    t = pa.table(data)
    return sorted(zip(*[t.column(i).to_pylist() for i in range(t.num_columns)]), key=repr)


def read_tasks(tasks: list[bytes]) -> list[tuple]:
    out = []
    for task in tasks:
        out += rows(dk.read_task(task))
    return sorted(out, key=repr)


CASES = [
    dict(),
    dict(columns=["amount", "id"]),
    dict(filter="region = 'eu' OR amount > 12"),
    dict(columns=["id", "day"], filter="day = DATE '2024-01-02' AND id > 2"),
    dict(columns=["id"], metadata_columns=["_row_index"]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_tasks_give_the_local_scans_rows(tmp_path, case):
    table = make_table(tmp_path)
    scan = table.scan(**case)
    expected = rows(scan)
    assert len(expected) > 0
    files = len(scan.files())
    for per_task in (1, 2, 100):
        tasks = scan.tasks(per_task)
        assert len(tasks) == -(-files // per_task)
        assert all(isinstance(t, bytes) for t in tasks)
        assert read_tasks(tasks) == expected
        assert pa.table(dk.read_task(tasks[0])).schema == scan.schema


def test_exact_rows_of_a_filtered_projection(tmp_path):
    table = make_table(tmp_path)
    scan = table.scan(columns=["id", "region"], filter="amount >= 6 AND region != 'ap'")
    got = read_tasks(scan.tasks(3))
    expected = [(6, "eu"), (9, "eu"), (10, "us"), (12, "eu"), (13, "us"), (15, "eu"), (16, "us"),
                (18, "eu"), (19, "us"), (21, "eu"), (22, "us")]
    assert got == sorted(expected, key=repr)
    assert read_tasks(scan.tasks()) == got


def test_describe_task(tmp_path):
    table = make_table(tmp_path)
    scan = table.scan()
    plan = scan.files()
    tasks = scan.tasks(4)
    infos = [dk.describe_task(t) for t in tasks]
    assert [len(i.file_locations) for i in infos] == [4, 4, 4]
    assert sorted(loc for i in infos for loc in i.file_locations) == sorted(f.location for f in plan)
    assert sum(i.total_bytes for i in infos) == sum(f.size for f in plan)
    assert sum(i.num_records for i in infos) == 24  # before the DVs
    assert {(i.format_version, i.version) for i in infos} == {(1, table.version)}
    assert infos[0].table_location.rstrip("/") == tmp_path.as_uri().rstrip("/")


def test_tasks_read_in_another_process(tmp_path):
    table = make_table(tmp_path / "t")
    scan = table.scan(columns=["id", "amount", "region"], filter="id > 1")
    tasks = scan.tasks(2)
    for i, task in enumerate(tasks):
        (tmp_path / f"task-{i}.bin").write_bytes(task)
    script = (
        "import sys, pyarrow as pa, pyarrow.ipc as ipc, delta_kernel as dk\n"
        "parts = [pa.table(dk.read_task(open(p, 'rb').read())) for p in sys.argv[2:]]\n"
        "t = pa.concat_tables(parts)\n"
        "with ipc.new_file(sys.argv[1], t.schema) as w: w.write_table(t)\n"
    )
    out = tmp_path / "out.arrow"
    args = [str(out)] + [str(tmp_path / f"task-{i}.bin") for i in range(len(tasks))]
    subprocess.run([sys.executable, "-c", script, *args], check=True)
    got = pa.ipc.open_file(str(out)).read_all()
    assert got.schema == scan.schema
    assert rows(got) == rows(scan)
    assert len(rows(got)) == 20


def test_bad_tasks_are_refused(tmp_path):
    table = make_table(tmp_path)
    task = table.scan().tasks(100)[0]
    with pytest.raises(dk.InvalidArgumentError, match='not a scan task'):
        dk.read_task(b"PAR1 not a task")
    with pytest.raises(dk.InvalidArgumentError, match="truncated"):
        dk.read_task(task[:-3])
    newer = task[:4] + struct.pack("<I", 2) + task[8:]
    with pytest.raises(dk.InvalidArgumentError,
                       match=r"format version 2 is newer than this library reads \(1\)"):
        dk.describe_task(newer)
    flipped = bytearray(task)
    flipped[40] ^= 0xFF
    with pytest.raises(dk.InvalidArgumentError, match="checksum does not match"):
        dk.read_task(bytes(flipped))
    with pytest.raises(dk.InvalidArgumentError, match="a scan task is bytes, got str"):
        dk.read_task("DKST")
    with pytest.raises(dk.InvalidArgumentError, match="at least 1, got 0"):
        table.scan().tasks(0)
    assert len(table.scan(filter="id > 100").tasks()) == 0
