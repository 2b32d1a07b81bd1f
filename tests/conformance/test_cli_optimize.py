"""`delta-kernel optimize`: compaction per partition, the partition predicate, Z-order, the
text and JSON reports, progress on stderr, and refusals that leave the log as it was."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq

from harness import assert_error, assert_ok, run_cli


def write_parquet(path: Path, ids, regions) -> Path:
    pq.write_table(pa.table({"id": pa.array(ids, pa.int64()), "region": pa.array(regions)}), path)
    return path


def rows(table: Path) -> list[tuple]:
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    return sorted((r["id"], r["region"]) for r in res.json_lines())


def info(table: Path) -> dict:
    res = run_cli("info", table, "--json")
    assert_ok(res)
    return res.json()


def files(table: Path) -> list[dict]:
    res = run_cli("files", table, "--json")
    assert_ok(res)
    return res.json_lines()


def three_appends(tmp_path: Path) -> Path:
    table = tmp_path / "t"
    for i in range(3):
        f = write_parquet(tmp_path / f"f{i}.parquet", [2 * i, 2 * i + 1], ["a", "b"])
        assert_ok(run_cli("append", table, f, "--partition-by", "region"))
    return table


def test_optimize_compacts_each_partition_and_reports(tmp_path):
    table = three_appends(tmp_path)
    before = rows(table)
    res = run_cli("optimize", table, "--json", "--progress")
    assert res.returncode == 0, res.stderr
    out = res.json()
    assert out["committed"] is True
    assert out["version"] == 3
    assert out["filesConsidered"] == 6
    assert out["filesRemoved"] == 6
    assert out["filesAdded"] == 2
    assert out["partitionsOptimized"] == 2
    assert out["bins"] == 2
    assert out["rowsWritten"] == 6
    assert out["deletionVectorsRemoved"] == 0
    assert out["bytesAdded"] > 0 and out["bytesRemoved"] > 0
    total = out["bytesRemoved"]
    lines = res.stderr.splitlines()
    assert lines[0] == f"optimize: 0/2 bins, 0/6 files, 0/{total} bytes"
    assert lines[1].startswith("optimize: 1/2 bins, 3/6 files, ")
    assert lines[2] == f"optimize: 2/2 bins, 6/6 files, {total}/{total} bytes"
    assert lines[3:] == ["optimize: committing"]
    assert rows(table) == before

    # Nothing left: no commit, text report.
    again = run_cli("optimize", table)
    assert_ok(again)
    assert again.stdout == "nothing to optimize: 2 files considered, none rewritten\n"
    assert info(table)["version"] == 3


def test_optimize_text_report_and_predicate(tmp_path):
    table = three_appends(tmp_path)
    res = run_cli("optimize", table, "--where", "region = 'a'")
    assert_ok(res)
    assert res.stdout.startswith("committed version 3: rewrote 3 files (")
    assert res.stdout.endswith(" as 1 files (" + res.stdout.split(" as 1 files (")[1])
    assert res.stdout.endswith(" bytes) in 1 partitions\n")
    assert len(files(table)) == 4


def test_optimize_refusals_leave_the_log(tmp_path):
    table = three_appends(tmp_path)
    res = run_cli("optimize", table, "--where", "id > 1")
    assert_error(res, "InvalidArgument")
    assert "names column 'id', which is not a partition column" in res.stderr
    assert_error(run_cli("optimize", table, "--zorder-by", "region"), "InvalidArgument")
    assert_error(run_cli("optimize", table, "--zorder-by", "nope"), "InvalidArgument")
    bad = run_cli("optimize", table, "--target-size", "0")
    assert bad.returncode != 0
    assert info(table)["version"] == 2
    assert_error(run_cli("optimize", tmp_path / "missing"), "NotFound")


def test_optimize_zorder_rewrites_even_a_lone_file(tmp_path):
    table = tmp_path / "z"
    f = write_parquet(tmp_path / "z.parquet", [5, 3, 9, 1], ["a", "a", "a", "a"])
    assert_ok(run_cli("append", table, f))
    res = run_cli("optimize", table, "--zorder-by", "id", "--json")
    assert_ok(res)
    out = res.json()
    assert (out["filesRemoved"], out["filesAdded"], out["version"]) == (1, 1, 1)
    assert rows(table) == [(1, "a"), (3, "a"), (5, "a"), (9, "a")]
    # The rewritten file holds its rows in z-order: by id here.
    path = unquote(files(table)[0]["path"])
    assert pq.read_table(table / path).column("id").to_pylist() == [1, 3, 5, 9]
