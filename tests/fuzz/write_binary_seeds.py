#!/usr/bin/env python3
"""Writes the binary seeds in tests/fuzz/seeds (roaring, dv_file, checkpoint_batch IPC), spelled
out byte by byte from PROTOCOL.md's "Deletion Vector Format" and RoaringFormatSpec so that they
do not depend on any writer. Run with the venv's python (pyarrow) from the repository root."""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
PORTABLE_MAGIC = 1681511377
NATIVE_MAGIC = 1681511376
Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"


def z85(data):
    data += b"\0" * (-len(data) % 4)
    out = ""
    for i in range(0, len(data), 4):
        (v,) = struct.unpack(">I", data[i:i + 4])
        block = ""
        for _ in range(5):
            block = Z85[v % 85] + block
            v //= 85
        out += block
    return out


def roaring32_array(values):
    """One array container (cookie 12346: no runs, with offsets)."""
    head = struct.pack("<II", 12346, 1) + struct.pack("<HH", 0, len(values) - 1)
    head += struct.pack("<I", len(head) + 4)
    return head + b"".join(struct.pack("<H", v) for v in values)


def roaring32_run(runs):
    """One run container (cookie 12347 with the container count - 1 in the high half)."""
    card = sum(n for _, n in runs)
    out = struct.pack("<I", 12347) + b"\x01"  # 1 container; run flag bitmap
    out += struct.pack("<HH", 0, card - 1)    # under 4 containers: no offsets
    out += struct.pack("<H", len(runs)) + b"".join(struct.pack("<HH", s, n - 1) for s, n in runs)
    return out


def portable(buckets):
    out = struct.pack("<I", PORTABLE_MAGIC) + struct.pack("<Q", len(buckets))
    for key, bitmap in buckets:
        out += struct.pack("<I", key) + bitmap
    return out


def native(bitmaps):
    out = struct.pack("<I", NATIVE_MAGIC) + struct.pack("<I", len(bitmaps))
    for b in bitmaps:
        out += struct.pack("<I", len(b)) + b
    return out


def dv_file(bitmap):
    """A DV file holding one bitmap at offset 1: version, size, bitmap, CRC-32 (big-endian)."""
    return b"\x01" + struct.pack(">I", len(bitmap)) + bitmap + struct.pack(">I", zlib.crc32(bitmap))


def dv_seed(kind, offset, size, cardinality, body):
    return bytes([ord(kind)]) + struct.pack("<iiq", offset, size, cardinality) + body


def write(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def main():
    small = portable([(0, roaring32_array([0, 3, 5]))])
    runs = portable([(0, roaring32_run([(10, 100)])), (2, roaring32_array([7]))])
    write("roaring", "array", small)
    write("roaring", "runs_two_buckets", runs)
    write("roaring", "empty", portable([]))
    write("roaring", "native", native([roaring32_array([1, 2]), roaring32_run([(0, 5)])]))
    write("dv_file", "file", dv_seed("u", 1, len(small), 3, dv_file(small)))
    write("dv_file", "file_runs", dv_seed("u", 1, len(runs), 101, dv_file(runs)))
    write("dv_file", "inline", dv_seed("i", 0, len(small), 3, z85(small).encode()))
    write("dv_file", "zero", dv_seed("u", 1, 0, 0, b""))

    dv = {"storageType": "i", "pathOrInlineDv": z85(small), "sizeInBytes": len(small),
          "cardinality": 3}
    write("checkpoint_batch", "rows.json",
          '[{"protocol": {"minReaderVersion": 3, "minWriterVersion": 7,'
          ' "readerFeatures": ["deletionVectors"], "writerFeatures": ["deletionVectors"]}},'
          ' {"metaData": {"id": "x", "format": {"provider": "parquet", "options": []},'
          ' "schemaString": "{\\"type\\":\\"struct\\",\\"fields\\":[]}",'
          ' "partitionColumns": [], "configuration": [["k", "v"]], "createdTime": 1}},'
          ' {"add": {"path": "a.parquet", "partitionValues": [["p", null]], "size": 1,'
          ' "modificationTime": 2, "dataChange": true, "stats": "{\\"numRecords\\":3}",'
          ' "deletionVector": ' + str(dv).replace("'", '"') + '}},'
          ' {"remove": {"path": "b.parquet", "deletionTimestamp": 5, "dataChange": false}},'
          ' {"txn": {"appId": "a", "version": 1, "lastUpdated": null}},'
          ' {"sidecar": {"path": "s.parquet", "sizeInBytes": 3, "modificationTime": 4}}]')
    write("checkpoint_batch", "nulls.json",
          '[{"add": {"path": null, "size": null}}, {"protocol": {}}, {}]')
    try:
        import io
        import pyarrow as pa
    except ImportError:
        return
    # An IPC stream whose add column has the wrong types and an extra stats_parsed struct.
    batch = pa.record_batch({
        "add": pa.array([{"path": "a", "size": "not a number", "partitionValues": {"p": 1},
                          "stats_parsed": {"numRecords": 3, "minValues": {"id": 1}}}]),
        "protocol": pa.array([None], pa.struct([("minReaderVersion", pa.int64())])),
    })
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, batch.schema) as w:
        w.write_batch(batch)
    write("checkpoint_batch", "wrong_types.arrows", sink.getvalue())


if __name__ == "__main__":
    main()
