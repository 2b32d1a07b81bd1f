"""Table.checkpoint(): what it writes and reports, a table read from the checkpoint alone, the
automatic checkpoint after delta.checkpointInterval commits, and a repeated checkpoint refused."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk


def ids(first: int, count: int) -> pa.Table:
    return pa.table({"id": pa.array(range(first, first + count), pa.int64())})


def read_ids(path: Path) -> list[int]:
    return sorted(r["id"] for r in dk.Table(path).scan().to_arrow().to_pylist())


def test_checkpoint_reports_what_it_wrote_and_stands_alone(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 3))
    dk.write_table(str(root), ids(3, 2), mode="append")
    r = dk.Table(root).checkpoint()
    assert r["version"] == 1
    assert r["kind"] == "classic"
    assert r["num_of_add_files"] == 2
    assert r["num_of_tombstones"] == 0
    assert r["actions"] == 4  # protocol, metaData, two adds
    location = r["files"][0]["location"]
    assert location.endswith("/_delta_log/00000000000000000001.checkpoint.parquet")
    checkpoint = root / "_delta_log" / "00000000000000000001.checkpoint.parquet"
    assert r["files"][0]["size_in_bytes"] == checkpoint.stat().st_size == r["size_in_bytes"]
    assert r["last_checkpoint_updated"] is True
    assert r["sidecars_reused"] == 0
    assert r["warnings"] == []
    hint = json.loads((root / "_delta_log" / "_last_checkpoint").read_text())
    assert {k: hint[k] for k in ("version", "size", "sizeInBytes", "numOfAddFiles")} == {
        "version": 1, "size": 4, "sizeInBytes": checkpoint.stat().st_size, "numOfAddFiles": 2}
    assert len(hint["checksum"]) == 32

    for v in (0, 1):
        (root / "_delta_log" / f"{v:020d}.json").unlink()
        (root / "_delta_log" / f"{v:020d}.crc").unlink(missing_ok=True)
    snapshot = dk.Table(root).snapshot()
    assert snapshot.version == 1
    assert read_ids(root) == [0, 1, 2, 3, 4]

    with pytest.raises(dk.ConflictError) as e:
        dk.Table(root).checkpoint()
    assert e.value.detail_kind == "AlreadyExists"


def test_commits_checkpoint_every_interval(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 1), properties={"delta.checkpointInterval": "2"})
    for i in range(1, 5):
        dk.write_table(str(root), ids(i, 1), mode="append")
    log = root / "_delta_log"
    assert sorted(p.name for p in log.glob("*.checkpoint.parquet")) == [
        "00000000000000000002.checkpoint.parquet", "00000000000000000004.checkpoint.parquet"]
    assert json.loads((log / "_last_checkpoint").read_text())["version"] == 4
    assert read_ids(root) == [0, 1, 2, 3, 4]


def test_checkpoint_of_an_older_version(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 1))
    dk.write_table(str(root), ids(1, 1), mode="append")
    r = dk.Table(root).checkpoint(version=0)
    assert r["version"] == 0
    assert r["num_of_add_files"] == 1
    with pytest.raises(dk.InvalidArgumentError):
        dk.Table(root).checkpoint(version=-1)


def _protocol_checksum(hint: dict) -> str:
    """PROTOCOL.md "JSON checksum", written here from the rules alone."""
    import hashlib
    from urllib.parse import quote

    def enc(s: str) -> str:
        return '"' + quote(s, safe="-._~") + '"'

    pairs: list[tuple[str, str]] = []

    def walk(value, path: str) -> None:
        join = (lambda seg: seg) if not path else (lambda seg: path + "+" + seg)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, join(enc(k)))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, join(str(i)))
        elif isinstance(value, bool):
            pairs.append((path, "true" if value else "false"))
        elif value is None:
            pairs.append((path, "null"))
        elif isinstance(value, str):
            pairs.append((path, enc(value)))
        else:
            pairs.append((path, json.dumps(value)))

    walk({k: v for k, v in hint.items() if k != "checksum"}, "")
    pairs.sort(key=lambda p: p[0])
    return hashlib.md5(",".join(f"{k}={v}" for k, v in pairs).encode()).hexdigest()


def test_last_checkpoint_schema_matches_the_file_and_the_checksum(tmp_path):
    import pyarrow.parquet as pq

    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 3), properties={"delta.checkpoint.writeStatsAsStruct": "true"})
    r = dk.Table(root).checkpoint()
    hint = json.loads((root / "_delta_log" / "_last_checkpoint").read_text())
    assert hint["checksum"] == _protocol_checksum(hint)
    schema = hint["checkpointSchema"]
    assert schema["type"] == "struct"
    written = pq.read_schema(r["files"][0]["location"].removeprefix("file://"))
    assert [f["name"] for f in schema["fields"]] == written.names
    add = next(f for f in schema["fields"] if f["name"] == "add")
    assert [f["name"] for f in add["type"]["fields"]] == [
        f.name for f in written.field("add").type]
    stats = next(f for f in add["type"]["fields"] if f["name"] == "stats_parsed")
    assert [f["name"] for f in stats["type"]["fields"]] == [
        "numRecords", "minValues", "maxValues", "nullCount", "tightBounds"]


def test_multi_part_checkpoint_on_request(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 3))
    for i in range(3):
        dk.write_table(str(root), ids(3 + i, 1), mode="append")
    r = dk.Table(root).checkpoint(part_size=2)  # protocol, metaData, four adds
    assert r["parts"] == 3
    names = [f["location"].rsplit("/", 1)[1] for f in r["files"]]
    assert names == [f"{3:020d}.checkpoint.{i:010d}.{3:010d}.parquet" for i in (1, 2, 3)]
    assert [f["actions"] for f in r["files"]] == [2, 2, 2]
    hint = json.loads((root / "_delta_log" / "_last_checkpoint").read_text())
    assert (hint["version"], hint["parts"], hint["size"]) == (3, 3, 6)
    for v in range(4):
        (root / "_delta_log" / f"{v:020d}.json").unlink()
    assert read_ids(root) == [0, 1, 2, 3, 4, 5]
    with pytest.raises(dk.InvalidArgumentError):
        dk.Table(root).checkpoint(part_size=0)


def test_v2_checkpoint_as_a_json_manifest(tmp_path):
    root = tmp_path / "t"
    dk.write_table(str(root), ids(0, 3), properties={"delta.checkpointPolicy": "v2"})
    dk.write_table(str(root), ids(3, 2), mode="append")
    r = dk.Table(root).checkpoint(json_manifest=True)
    assert r["kind"] == "v2"
    manifest = Path(r["files"][0]["location"].removeprefix("file://"))
    assert manifest.name.startswith(f"{1:020d}.checkpoint.") and manifest.suffix == ".json"
    lines = [json.loads(line) for line in manifest.read_text().splitlines()]
    assert [next(iter(line)) for line in lines] == [
        "checkpointMetadata", "protocol", "metaData", "sidecar"]
    assert "/_delta_log/_sidecars/" in r["files"][1]["location"]
    for v in (0, 1):
        (root / "_delta_log" / f"{v:020d}.json").unlink()
    assert read_ids(root) == [0, 1, 2, 3, 4]
