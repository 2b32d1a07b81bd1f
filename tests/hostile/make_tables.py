#!/usr/bin/env python3
"""Builds the hostile-table corpus: one folder per case, each a Delta table (or an attempt at
one) that tries to make a reader read outside the table, trust a size it should not, or crash.

    python3 tests/hostile/make_tables.py OUT_DIR

OUT_DIR/cases.json lists every case with the runs to make (engine options) and what each run
must give: an error kind and a message fragment, or the number of rows. Beside the tables,
OUT_DIR/outside/ holds files a table must not reach: a Parquet file of "secret" rows and a
deletion vector file.

The expected results are the protocol's rules, not this kernel's quirks; tests/hostile/
test_hostile.py runs every case through the CLI, the C ABI and the Python package.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA = {"type": "struct", "fields": [
    {"name": "id", "type": "long", "nullable": True, "metadata": {}}]}


def protocol(reader: int = 1, writer: int = 2, **features) -> dict:
    p = {"minReaderVersion": reader, "minWriterVersion": writer}
    p.update(features)
    return {"protocol": p}


def metadata(schema: dict = SCHEMA, partition_columns=(), provider="parquet",
             configuration=None) -> dict:
    return {"metaData": {
        "id": "hostile", "format": {"provider": provider, "options": {}},
        "schemaString": json.dumps(schema), "partitionColumns": list(partition_columns),
        "configuration": configuration or {}, "createdTime": 0}}


def add(path: str, size: int, **extra) -> dict:
    a = {"path": path, "partitionValues": {}, "size": size, "modificationTime": 0,
         "dataChange": True}
    a.update(extra)
    return {"add": a}


def write_parquet(path: Path, ids: list[int]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"id": pa.array(ids, pa.int64())}), path)
    return path.stat().st_size


def write_log(table: Path, version: int, actions: list[dict]) -> None:
    log = table / "_delta_log"
    log.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(a) + "\n" for a in actions)
    (log / f"{version:020d}.json").write_text(text)


# --- deletion vectors (PROTOCOL.md "Deletion Vector Format") -------------------------------

Z85_CHARS = ("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             ".-:+=^!/*?&<>()[]{}@%$#")


def z85(data: bytes) -> str:
    assert len(data) % 4 == 0
    out = []
    for i in range(0, len(data), 4):
        v = int.from_bytes(data[i:i + 4], "big")
        chunk = []
        for _ in range(5):
            chunk.append(Z85_CHARS[v % 85])
            v //= 85
        out.extend(reversed(chunk))
    return "".join(out)


def roaring_bitmap(rows: list[int]) -> bytes:
    """A DV bitmap: magic 1681511377, then the portable 64-bit roaring format with one 32-bit
    bitmap (high key 0) of array containers."""
    by_key: dict[int, list[int]] = {}
    for r in sorted(set(rows)):
        by_key.setdefault(r >> 16, []).append(r & 0xFFFF)
    body = struct.pack("<I", 12346)  # SERIAL_COOKIE_NO_RUNCONTAINER
    body += struct.pack("<I", len(by_key))
    for key, values in sorted(by_key.items()):
        body += struct.pack("<HH", key, len(values) - 1)
    offset = 4 + 4 + 4 * len(by_key) + 4 * len(by_key)
    for values in by_key.values():
        body += struct.pack("<I", offset)
        offset += 2 * len(values)
    for values in by_key.values():
        body += b"".join(struct.pack("<H", v) for v in values)
    return struct.pack("<I", 1681511377) + struct.pack("<Q", 1) + struct.pack("<I", 0) + body


def write_dv_file(path: Path, rows: list[int]) -> tuple[int, int]:
    """A DV file holding one bitmap: returns (offset, sizeInBytes)."""
    bitmap = roaring_bitmap(rows)
    data = bytes([1]) + struct.pack(">I", len(bitmap)) + bitmap + struct.pack(
        ">I", zlib.crc32(bitmap) & 0xFFFFFFFF)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return 1, len(bitmap)


UUID_Z85 = "vBn[lx{q8@P<9BNH/isA"  # 20 characters: a Z85-encoded UUID


def dv_file_name() -> str:
    raw = bytearray()
    for i in range(0, 20, 5):
        v = 0
        for c in UUID_Z85[i:i + 5]:
            v = v * 85 + Z85_CHARS.index(c)
        raw += v.to_bytes(4, "big")
    h = raw.hex()
    return f"deletion_vector_{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}.bin"


# --- the cases ---------------------------------------------------------------------------------

def build(out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    outside = out / "outside"
    secret_size = write_parquet(outside / "secret.parquet", [666, 667, 668])
    dv_offset, dv_size = write_dv_file(outside / dv_file_name(), [0])
    cases: list[dict] = []

    def case(name: str, runs: list[dict], command: str = "scan") -> Path:
        cases.append({"name": name, "command": command, "runs": runs})
        return out / name

    def error(kind: str, message: str, **options) -> dict:
        return {"options": options, "kind": kind, "message": message}

    def rows(n: int, **options) -> dict:
        return {"options": options, "rows": n}

    def table_with(name: str, paths: list[str], runs: list[dict], extra_actions=()) -> None:
        t = case(name, runs)
        size = write_parquet(t / "ok.parquet", [1, 2])
        actions = [protocol(), metadata(), add("ok.parquet", size)]
        actions += [add(p, secret_size) for p in paths]
        actions += list(extra_actions)
        write_log(t, 0, actions)

    climbs = "climbs out of the table root with a '..' segment"
    table_with("add-dotdot", ["../outside/secret.parquet"],
               [error("InvalidTable", "add path '../outside/secret.parquet' " + climbs)])
    table_with("add-encoded-dotdot", ["%2e%2e/outside/secret.parquet"],
               [error("InvalidTable", "add path '%2e%2e/outside/secret.parquet' " + climbs)])
    table_with("add-encoded-separators", ["x%2F..%2F..%2Foutside%2Fsecret.parquet"],
               [error("InvalidTable",
                      "add path 'x%2F..%2F..%2Foutside%2Fsecret.parquet' " + climbs)])
    table_with("add-deep-dotdot", ["a/b/../../../outside/secret.parquet"],
               [error("InvalidTable", climbs)])
    table_with("add-nul-byte", ["ok.parquet\u0000../../outside/secret.parquet"],
               [error("InvalidTable", "contains a NUL byte")])
    table_with("add-encoded-nul", ["ok.parquet%00"],
               [error("InvalidTable", "contains an encoded NUL byte (%00)")])
    table_with("add-relative-absolute", ["%2F" + str(outside / "secret.parquet").lstrip("/")
                                         .replace("/", "%2F")],
               [error("InvalidTable", "is relative but decodes to an absolute path")])
    # Absolute locations: allowed on the table's own store unless the engine says otherwise.
    secret_uri = "file://" + str(outside / "secret.parquet")
    table_with("add-absolute-outside", [secret_uri],
               [rows(5),
                error("PermissionDenied", "points at " + secret_uri, external_locations="none"),
                rows(5, external_locations="none", allow_location=str(outside))])
    table_with("add-absolute-dotdot", [f"file://{out}/add-absolute-dotdot/../outside/"
                                       "secret.parquet"],
               [error("InvalidTable", "contains a '..' segment")])
    table_with("remove-dotdot", [], [error("InvalidTable", "remove path '../x.parquet' " + climbs)],
               extra_actions=[{"remove": {"path": "../x.parquet", "deletionTimestamp": 1,
                                          "dataChange": True}}])

    # Deletion vectors.
    def dv_table(name: str, dv: dict, runs: list[dict]) -> None:
        t = case(name, runs)
        size = write_parquet(t / "ok.parquet", [1, 2, 3])
        write_log(t, 0, [protocol(3, 7, readerFeatures=["deletionVectors"],
                                  writerFeatures=["deletionVectors"]),
                         metadata(configuration={"delta.enableDeletionVectors": "true"}),
                         add("ok.parquet", size, deletionVector=dv)])

    dv_base = {"offset": dv_offset, "sizeInBytes": dv_size, "cardinality": 1}
    dv_table("dv-relative-dotdot",
             dict(dv_base, storageType="u", pathOrInlineDv="../outside/" + UUID_Z85),
             [error("InvalidTable", "its directory prefix " + climbs)])
    dv_uri = "file://" + str(outside / dv_file_name())
    dv_table("dv-absolute-outside", dict(dv_base, storageType="p", pathOrInlineDv=dv_uri),
             [rows(2),
              error("PermissionDenied", "points at " + dv_uri, external_locations="none")])
    dv_table("dv-negative-cardinality",
             dict(dv_base, storageType="p", pathOrInlineDv=dv_uri, cardinality=-1),
             [error("InvalidTable", "deletionVector.cardinality -1 is negative")])
    dv_table("dv-size-beyond-32-bits",
             dict(dv_base, storageType="p", pathOrInlineDv=dv_uri, sizeInBytes=2**32 + dv_size),
             [error("InvalidTable", f"deletionVector.sizeInBytes {2**32 + dv_size} is beyond "
                                    "the 32-bit range the protocol allows")])
    dv_table("dv-offset-beyond-32-bits",
             dict(dv_base, storageType="p", pathOrInlineDv=dv_uri, offset=2**32 + dv_offset),
             [error("InvalidTable", f"deletionVector.offset {2**32 + dv_offset} is beyond")])
    dv_table("dv-cardinality-lies",
             dict(dv_base, storageType="p", pathOrInlineDv=dv_uri, cardinality=2),
             [error("InvalidTable", "not the descriptor's cardinality 2")])

    # Metadata the kernel cannot read by.
    t = case("metadata-not-parquet", [error("Unsupported", "metaData.format.provider is 'csv'")])
    write_log(t, 0, [protocol(), metadata(provider="csv")])
    t = case("metadata-missing-partition-column",
             [error("InvalidTable", "metaData.partitionColumns names 'region', which is not a "
                                    "column of the schema")])
    write_log(t, 0, [protocol(), metadata(partition_columns=["region"])])

    # Broken files.
    t = case("truncated-data-file", [error("", "ok.parquet")])
    size = write_parquet(t / "ok.parquet", list(range(100)))
    data = (t / "ok.parquet").read_bytes()
    (t / "ok.parquet").write_bytes(data[: len(data) // 2])
    write_log(t, 0, [protocol(), metadata(), add("ok.parquet", size)])
    t = case("missing-data-file", [error("", "gone.parquet")])
    write_log(t, 0, [protocol(), metadata(), add("gone.parquet", 10)])
    t = case("corrupt-json-line", [error("InvalidTable", "00000000000000000001.json, line 2")])
    write_log(t, 0, [protocol(), metadata()])
    (t / "_delta_log" / f"{1:020d}.json").write_text('{"commitInfo":{}}\n{"add": {"path": \n')
    t = case("no-protocol", [error("InvalidTable", "no protocol action found")])
    write_log(t, 0, [metadata()])
    t = case("delta-log-is-a-file", [error("", "_delta_log")])
    t.mkdir()
    (t / "_delta_log").write_text("not a directory")
    t = case("empty-delta-log", [error("NotFound", "")])
    (t / "_delta_log").mkdir(parents=True)
    t = case("last-checkpoint-garbage", [rows(2)])
    size = write_parquet(t / "ok.parquet", [1, 2])
    write_log(t, 0, [protocol(), metadata(), add("ok.parquet", size)])
    (t / "_delta_log" / "_last_checkpoint").write_text('{"version": 99999999999, "size": -1}')

    (out / "cases.json").write_text(json.dumps(
        {"outside": str(outside), "cases": cases}, indent=1))
    return cases


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_tables.py OUT_DIR")
    build(Path(sys.argv[1]).resolve())
    print(f"wrote {len(json.loads((Path(sys.argv[1]) / 'cases.json').read_text())['cases'])} "
          f"cases under {os.path.abspath(sys.argv[1])}")
