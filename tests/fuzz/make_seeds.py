#!/usr/bin/env python3
"""Collects fuzz seeds from the conformance tables: make_seeds.py CONFORMANCE_DIR OUT_DIR.

Writes OUT_DIR/<target>/<n> for the targets of tests/fuzz: commit files, schemas, partition
values, stats, paths, _last_checkpoint and .crc files, DV payloads and bitmaps, and (when
pyarrow is importable) checkpoint rows as Arrow IPC streams. Archives (.tar.zst) are read
without extracting them to disk; the large benchmark table is skipped. Only small inputs are
kept (libFuzzer mutates small inputs best), at most a few hundred per target.
"""
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tarfile

MAX_BYTES = 64 * 1024
MAX_PER_TARGET = 400
MAX_PER_TABLE = 12  # per target and kind, so that every table contributes
SKIP = ("300k-add-files",)


def tables(root):
    """Yields (name, {relative path: bytes}) for every table directory or archive."""
    for sub in ("tables", "golden"):
        base = os.path.join(root, sub)
        if not os.path.isdir(base):
            continue
        for entry in sorted(os.listdir(base)):
            if any(s in entry for s in SKIP):
                continue
            path = os.path.join(base, entry)
            files = {}
            if os.path.isdir(path):
                for dirpath, _, names in os.walk(path):
                    for n in names:
                        full = os.path.join(dirpath, n)
                        rel = os.path.relpath(full, path)
                        if wanted(rel) and os.path.getsize(full) <= 4 * MAX_BYTES:
                            with open(full, "rb") as f:
                                files[rel] = f.read()
            elif entry.endswith(".tar.zst"):
                try:
                    raw = subprocess.run(["zstd", "-dc", path], check=True,
                                         capture_output=True).stdout
                except (OSError, subprocess.CalledProcessError):
                    continue
                with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
                    for m in tar.getmembers():
                        if m.isfile() and wanted(m.name) and m.size <= 4 * MAX_BYTES:
                            files[m.name] = tar.extractfile(m).read()
            if files:
                yield entry, files


def wanted(rel):
    name = os.path.basename(rel)
    return ("_delta_log" in rel and (name.endswith(".json") or name.endswith(".crc")
                                     or name == "_last_checkpoint"
                                     or name.endswith(".parquet"))) or name.endswith(".bin")


class Seeds:
    def __init__(self, out):
        self.out = out
        self.count = {}
        self.table_count = {}
        self.table = ""

    def add(self, target, data, kind=""):
        if isinstance(data, str):
            data = data.encode()
        if not data or len(data) > MAX_BYTES or self.count.get(target, 0) >= MAX_PER_TARGET:
            return
        key = (self.table, target, kind)
        if self.table_count.get(key, 0) >= MAX_PER_TABLE:
            return
        self.table_count[key] = self.table_count.get(key, 0) + 1
        d = os.path.join(self.out, target)
        os.makedirs(d, exist_ok=True)
        name = hashlib.sha1(data).hexdigest()[:16]
        p = os.path.join(d, name)
        if not os.path.exists(p):
            with open(p, "wb") as f:
                f.write(data)
            self.count[target] = self.count.get(target, 0) + 1


def primitive_types(schema):
    """{physical name: type name} of the top-level primitive columns of a schema dict."""
    out = {}
    for f in schema.get("fields", []):
        if isinstance(f.get("type"), str):
            phys = f.get("metadata", {}).get("delta.columnMapping.physicalName", f["name"])
            out[phys] = f["type"]
    return out


def dv_file_seed(kind, offset, size, cardinality, body):
    return bytes([kind]) + struct.pack("<iiq", offset, size, cardinality) + body


def ipc_seeds(seeds, name, data):
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception:  # not every .parquet under _delta_log reads standalone
        return
    for batch in table.to_batches(max_chunksize=8)[:4]:
        sink = io.BytesIO()
        with pa.ipc.new_stream(sink, batch.schema) as w:
            w.write_batch(batch)
        seeds.add("checkpoint_batch", sink.getvalue(), "ipc")


def main():
    root, out = sys.argv[1], sys.argv[2]
    seeds = Seeds(out)
    for table, files in tables(root):
        seeds.table = table
        schemas = {}
        dv_files = {n: b for n, b in files.items() if n.endswith(".bin")}
        for rel, data in sorted(files.items()):
            name = os.path.basename(rel)
            if name == "_last_checkpoint":
                seeds.add("last_checkpoint", data)
            elif name.endswith(".crc"):
                seeds.add("checksum", data)
            elif name.endswith(".parquet"):
                ipc_seeds(seeds, table, data)
            elif name.endswith(".json"):
                seeds.add("json_actions", data)
                seeds.add("json_action_parts", b"\x40\xa0" + data)
                for line in data.splitlines():
                    try:
                        action = json.loads(line)
                    except ValueError:
                        continue
                    collect(seeds, action, schemas, dv_files)
        for rel, data in dv_files.items():
            seeds.add("roaring", bitmap_of(data))
    for t, n in sorted(seeds.count.items()):
        print(f"[fuzz] seeds from conformance tables: {t}: {n}", file=sys.stderr)


def bitmap_of(dv_file):
    """The first bitmap of a DV file: version byte, big-endian size, bitmap, CRC."""
    if len(dv_file) < 5:
        return b""
    (size,) = struct.unpack(">I", dv_file[1:5])
    return dv_file[5:5 + size]


def collect(seeds, action, schemas, dv_files):
    if "metaData" in action:
        md = action["metaData"]
        s = md.get("schemaString")
        if isinstance(s, str):
            seeds.add("schema", s)
            try:
                schemas["current"] = (s, json.loads(s))
            except ValueError:
                pass
        seeds.add("checkpoint_batch", "[" + json.dumps({"metaData": to_arrow_json(md)}) + "]",
                  "metaData")
    if "protocol" in action:
        seeds.add("checkpoint_batch",
                  "[" + json.dumps({"protocol": action["protocol"]}) + "]", "protocol")
    for kind in ("add", "remove", "cdc"):
        if kind not in action:
            continue
        f = action[kind]
        path = f.get("path")
        if isinstance(path, str):
            seeds.add("uri", "file:///tmp/table\n" + path)
        types = primitive_types(schemas["current"][1]) if "current" in schemas else {}
        for col, value in (f.get("partitionValues") or {}).items():
            if isinstance(value, str):
                seeds.add("partition_value", types.get(col, "string") + "\n" + value)
        stats = f.get("stats")
        if isinstance(stats, str) and "current" in schemas:
            seeds.add("stats", schemas["current"][0] + "\n" + stats)
        dv = f.get("deletionVector")
        if isinstance(dv, dict):
            payload = dv.get("pathOrInlineDv", "")
            seeds.add("z85", payload)
            if dv.get("storageType") == "i":
                seeds.add("dv_file", dv_file_seed(ord("i"), 0, dv.get("sizeInBytes", 0),
                                                  dv.get("cardinality", 0), payload.encode()))
            elif dv.get("storageType") == "u":
                for rel, data in dv_files.items():
                    if rel.endswith(".bin") and len(data) <= MAX_BYTES:
                        seeds.add("dv_file", dv_file_seed(ord("u"), dv.get("offset", 1),
                                                          dv.get("sizeInBytes", 0),
                                                          dv.get("cardinality", 0), data))
                        break
        if kind in ("add", "remove"):
            seeds.add("checkpoint_batch", "[" + json.dumps({kind: to_arrow_json(f)}) + "]", kind)


def to_arrow_json(obj):
    """An action as Arrow's JSON array syntax wants it: maps as lists of [key, value]."""
    out = dict(obj)
    for key in ("partitionValues", "tags", "configuration"):
        if isinstance(out.get(key), dict):
            out[key] = [[k, v] for k, v in out[key].items()]
    if isinstance(out.get("format"), dict):
        fmt = dict(out["format"])
        if isinstance(fmt.get("options"), dict):
            fmt["options"] = [[k, v] for k, v in fmt["options"].items()]
        out["format"] = fmt
    return out


if __name__ == "__main__":
    main()
