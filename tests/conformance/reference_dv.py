"""An independent reader of Delta deletion vectors (PROTOCOL.md, "Deletion Vector Format"), for
deriving expected rows in tests: Z85, the three storage types, and the portable 64-bit roaring
bitmap array. Written from the protocol text, sharing nothing with the kernel."""

from __future__ import annotations

import struct
import uuid
import zlib
from pathlib import Path
from urllib.parse import unquote, urlparse

Z85_ALPHABET = (
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
)
_Z85_VALUE = {c: i for i, c in enumerate(Z85_ALPHABET)}
# RoaringBitmapArray magic numbers: the portable format, and the one older writers used.
MAGICS = (1681511377, 1681511376)


def z85_decode(text: str) -> bytes:
    if len(text) % 5:
        raise ValueError(f"Z85 text length {len(text)} is not a multiple of 5")
    out = bytearray()
    for i in range(0, len(text), 5):
        value = 0
        for c in text[i : i + 5]:
            value = value * 85 + _Z85_VALUE[c]
        # 85^5 > 2^32: Delta's encoder pads the last group, and its decoder keeps the low bits.
        out += (value & 0xFFFFFFFF).to_bytes(4, "big")
    return bytes(out)


def _roaring32(buf: bytes, pos: int) -> tuple[list[int], int]:
    """Values of one portable 32-bit roaring bitmap at `pos`, and the position after it."""
    (cookie,) = struct.unpack_from("<I", buf, pos)
    pos += 4
    run_flags = b""
    if cookie & 0xFFFF == 12347:
        size = (cookie >> 16) + 1
        run_flags = buf[pos : pos + (size + 7) // 8]
        pos += (size + 7) // 8
    elif cookie == 12346:
        (size,) = struct.unpack_from("<I", buf, pos)
        pos += 4
    else:
        raise ValueError(f"bad roaring cookie {cookie}")
    headers = [struct.unpack_from("<HH", buf, pos + 4 * i) for i in range(size)]
    pos += 4 * size
    if not run_flags or size >= 4:
        pos += 4 * size  # container offsets: not needed when reading in order
    values: list[int] = []
    for i, (key, card_minus_one) in enumerate(headers):
        high = key << 16
        is_run = bool(run_flags) and (run_flags[i // 8] >> (i % 8)) & 1
        if is_run:
            (runs,) = struct.unpack_from("<H", buf, pos)
            pos += 2
            for _ in range(runs):
                start, length = struct.unpack_from("<HH", buf, pos)
                pos += 4
                values.extend(high | v for v in range(start, start + length + 1))
        elif card_minus_one + 1 <= 4096:
            n = card_minus_one + 1
            values.extend(high | v for v in struct.unpack_from(f"<{n}H", buf, pos))
            pos += 2 * n
        else:
            words = struct.unpack_from("<1024Q", buf, pos)
            pos += 8192
            for w, word in enumerate(words):
                while word:
                    low = word & -word
                    values.append(high | (w * 64 + low.bit_length() - 1))
                    word ^= low
    return values, pos


def decode_bitmap_array(data: bytes) -> set[int]:
    """Row indexes of a serialized RoaringBitmapArray (magic, then the portable 64-bit form)."""
    (magic,) = struct.unpack_from("<I", data, 0)
    if magic not in MAGICS:
        raise ValueError(f"bad deletion vector magic {magic}")
    (count,) = struct.unpack_from("<Q", data, 4)
    pos = 12
    rows: set[int] = set()
    for _ in range(count):
        (high,) = struct.unpack_from("<I", data, pos)
        values, pos = _roaring32(data, pos + 4)
        rows.update((high << 32) | v for v in values)
    return rows


def deleted_rows(table_root: Path, dv: dict | None) -> set[int]:
    """The row indexes a deletionVector descriptor marks deleted (checks size, CRC and
    cardinality)."""
    if not dv:
        return set()
    storage = dv["storageType"]
    if storage == "i":
        rows = decode_bitmap_array(z85_decode(dv["pathOrInlineDv"]))
    else:
        if storage == "u":
            text = dv["pathOrInlineDv"]
            prefix, encoded = text[:-20], text[-20:]
            name = f"deletion_vector_{uuid.UUID(bytes=z85_decode(encoded))}.bin"
            path = table_root / prefix / name if prefix else table_root / name
        elif storage == "p":
            path = Path(unquote(urlparse(dv["pathOrInlineDv"]).path))
        else:
            raise ValueError(f"unknown deletion vector storage type {storage!r}")
        raw = path.read_bytes()
        offset = dv.get("offset") or 0
        (size,) = struct.unpack_from(">I", raw, offset)
        if size != dv["sizeInBytes"]:
            raise ValueError(f"{path}: stored size {size} != sizeInBytes {dv['sizeInBytes']}")
        data = raw[offset + 4 : offset + 4 + size]
        (crc,) = struct.unpack_from(">I", raw, offset + 4 + size)
        if crc != zlib.crc32(data):
            raise ValueError(f"{path}: checksum mismatch")
        rows = decode_bitmap_array(data)
    if len(rows) != dv["cardinality"]:
        raise ValueError(f"cardinality {len(rows)} != descriptor's {dv['cardinality']}")
    return rows
