"""`delta-kernel checkpoint`: what it prints (text and --json), the files it writes, a table read
from the checkpoint alone, and refusals (a checkpoint that exists, a version the log lacks)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from harness import assert_error, assert_ok, run_cli

SCHEMA = {
    "type": "struct",
    "fields": [{"name": "id", "type": "long", "nullable": True, "metadata": {}}],
}


def make_table(tmp_path: Path) -> Path:
    table = tmp_path / "t"
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA)))
    data = tmp_path / "data.parquet"
    pq.write_table(pa.table({"id": pa.array([1, 2, 3], pa.int64())}), data)
    assert_ok(run_cli("append", table, data))
    assert_ok(run_cli("append", table, data))
    return table


def test_checkpoint_prints_what_it_wrote(tmp_path):
    table = make_table(tmp_path)
    res = run_cli("checkpoint", table)
    assert_ok(res)
    checkpoint = table / "_delta_log" / "00000000000000000002.checkpoint.parquet"
    size = checkpoint.stat().st_size
    assert res.stdout == (
        f"checkpoint of version 2 (classic): 4 actions, 2 files, 0 tombstones, {size} bytes\n"
        f"  {checkpoint.as_uri()}  {size} bytes, 4 actions\n")
    hint = json.loads((table / "_delta_log" / "_last_checkpoint").read_text())
    assert (hint["version"], hint["size"], hint["sizeInBytes"], hint["numOfAddFiles"]) == (
        2, 4, size, 2)

    # The commits before it are not needed any more.
    for v in range(3):
        (table / "_delta_log" / f"{v:020d}.json").unlink()
        (table / "_delta_log" / f"{v:020d}.crc").unlink(missing_ok=True)
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    assert sorted(r["id"] for r in res.json_lines()) == [1, 1, 2, 2, 3, 3]


def test_checkpoint_json_of_an_older_version(tmp_path):
    table = make_table(tmp_path)
    res = run_cli("checkpoint", table, "--version", "1", "--json")
    assert_ok(res)
    out = res.json()
    checkpoint = table / "_delta_log" / "00000000000000000001.checkpoint.parquet"
    assert out == {
        "version": 1,
        "kind": "classic",
        "numOfAddFiles": 1,
        "numOfTombstones": 0,
        "actions": 3,
        "sizeInBytes": checkpoint.stat().st_size,
        "sidecarsReused": 0,
        "lastCheckpointUpdated": True,
        "files": [{"location": checkpoint.as_uri(), "sizeInBytes": checkpoint.stat().st_size,
                   "actions": 3}],
        "warnings": [],
        "logCleanup": {"numFiles": 0, "bytes": 0},  # nothing in the log has expired
    }


def test_checkpoint_refusals(tmp_path):
    table = make_table(tmp_path)
    assert_ok(run_cli("checkpoint", table))
    before = (table / "_delta_log" / "_last_checkpoint").read_text()
    res = run_cli("checkpoint", table)
    assert_error(res, "Conflict")
    assert "00000000000000000002.checkpoint.parquet" in res.stderr
    assert_error(run_cli("checkpoint", table, "--version", "7"), "NotFound")
    assert_error(run_cli("checkpoint", tmp_path / "missing"), "NotFound")
    assert (table / "_delta_log" / "_last_checkpoint").read_text() == before


def test_checkpoint_in_parts(tmp_path):
    table = make_table(tmp_path)
    res = run_cli("checkpoint", table, "--part-size", "3", "--json")
    assert_ok(res)
    out = res.json()
    assert out["parts"] == 2
    assert [f["location"].rsplit("/", 1)[1] for f in out["files"]] == [
        f"{2:020d}.checkpoint.{i:010d}.{2:010d}.parquet" for i in (1, 2)]
    assert [f["actions"] for f in out["files"]] == [3, 1]
    assert json.loads((table / "_delta_log" / "_last_checkpoint").read_text())["parts"] == 2


def test_checkpoint_as_a_json_manifest(tmp_path):
    table = tmp_path / "t"
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA),
                      "--property", "delta.checkpointPolicy=v2"))
    data = tmp_path / "data.parquet"
    pq.write_table(pa.table({"id": pa.array([1, 2, 3], pa.int64())}), data)
    assert_ok(run_cli("append", table, data))
    res = run_cli("checkpoint", table, "--json-manifest", "--json")
    assert_ok(res)
    out = res.json()
    assert out["kind"] == "v2"
    manifest = out["files"][0]["location"]
    assert manifest.startswith((table / "_delta_log" / f"{1:020d}.checkpoint.").as_uri())
    assert manifest.endswith(".json")
    assert "/_delta_log/_sidecars/" in out["files"][1]["location"]
