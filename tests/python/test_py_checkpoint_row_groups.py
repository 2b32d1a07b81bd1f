"""A checkpoint written by another writer (pyarrow here, 2-row row groups: [protocol,
metaData] then adds) loads streamed without decoding the adds' row groups, and an error in an
add still names the file's own row number although a row group before it was left out."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import delta_kernel as dk

SCHEMA = json.dumps({"type": "struct", "fields": [
    {"name": "id", "type": "long", "nullable": True, "metadata": {}}]})
PROTOCOL = pa.struct([("minReaderVersion", pa.int32()), ("minWriterVersion", pa.int32())])
METADATA = pa.struct([
    ("id", pa.string()),
    ("format", pa.struct([("provider", pa.string()),
                          ("options", pa.map_(pa.string(), pa.string()))])),
    ("schemaString", pa.string()), ("partitionColumns", pa.list_(pa.string())),
    ("configuration", pa.map_(pa.string(), pa.string())), ("createdTime", pa.int64())])
ADD = pa.struct([("path", pa.string()), ("partitionValues", pa.map_(pa.string(), pa.string())),
                 ("size", pa.int64()), ("modificationTime", pa.int64()),
                 ("dataChange", pa.bool_())])


def write_checkpoint(root, broken_add: int | None) -> None:
    log = root / "_delta_log"
    log.mkdir(parents=True)
    rows = [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
            {"metaData": {"id": "t", "format": {"provider": "parquet", "options": []},
                          "schemaString": SCHEMA, "partitionColumns": [],
                          "configuration": [], "createdTime": 1}}]
    for i in range(6):
        rows.append({"add": {"path": f"f{i}.parquet", "partitionValues": [],
                             "size": None if i == broken_add else 10 + i,
                             "modificationTime": 1, "dataChange": False}})
    table = pa.Table.from_pylist(rows, schema=pa.schema(
        [("protocol", PROTOCOL), ("metaData", METADATA), ("add", ADD)]))
    pq.write_table(table, log / "00000000000000000003.checkpoint.parquet", row_group_size=2)
    (log / "_last_checkpoint").write_text(json.dumps({"version": 3, "size": 8}))


def test_the_files_of_a_foreign_checkpoint(tmp_path) -> None:
    write_checkpoint(tmp_path, broken_add=None)
    for mode in ("streamed", "in-memory"):
        snapshot = dk.Table(str(tmp_path)).snapshot(file_list=mode)
        assert snapshot.version == 3
        assert sorted((f.path, f.size) for f in snapshot.scan().plan().files) == [
            (f"f{i}.parquet", 10 + i) for i in range(6)]


def test_an_error_names_the_files_row_after_skipped_row_groups(tmp_path) -> None:
    write_checkpoint(tmp_path, broken_add=4)  # file row 6: row groups [0,1] [2,3] [4,5] [6,7]
    snapshot = dk.Table(str(tmp_path)).snapshot(file_list="streamed")
    assert snapshot.version == 3  # the load reads no add
    with pytest.raises(dk.InvalidTableError) as info:
        snapshot.scan().plan()
    location = (tmp_path / "_delta_log" / "00000000000000000003.checkpoint.parquet").as_uri()
    assert str(info.value) == (
        f"checkpoint file {location}: add action at row 6 has no size")
