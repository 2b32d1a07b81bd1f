"""Tables written by delta-rs (the deltalake package) read by our kernel exactly as delta-rs and
Delta Spark read them: many data types over partitions, appends, a partition overwrite, a
delete, a checkpoint, an append by Spark, and the change data feed."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import deltalake
import pyarrow as pa

from peers import (
    assert_change_feeds,
    assert_peers_read,
    assert_rows_equal,
    delta_rs_write,
    insert_update_delete_feed,
    kernel_rows,
    spark_write,
)

UTC = timezone.utc

SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("i8", pa.int8()),
        ("i16", pa.int16()),
        ("i32", pa.int32()),
        ("f32", pa.float32()),
        ("f64", pa.float64()),
        ("dec", pa.decimal128(12, 3)),
        ("s", pa.string()),
        ("bin", pa.binary()),
        ("flag", pa.bool_()),
        ("day", pa.date32()),
        ("ts", pa.timestamp("us", tz="UTC")),
        ("ntz", pa.timestamp("us")),
        ("st", pa.struct([("a", pa.int32()), ("b", pa.list_(pa.string()))])),
        ("m", pa.map_(pa.string(), pa.int64())),
        ("part", pa.string()),
    ]
)


def row(i: int, part: str | None) -> dict:
    return {
        "id": i, "i8": -i, "i16": 300 * i, "i32": -70000 * i, "f32": i / 4, "f64": i * 1e10,
        "dec": Decimal(f"{i}.125"), "s": f"row {i} ✓", "bin": bytes([i, 255 - i]),
        "flag": i % 2 == 0, "day": date(2024, 1, 1 + i),
        "ts": datetime(2024, 1, 1, i, 0, 0, 123456, tzinfo=UTC),
        "ntz": datetime(1999, 12, 31, 23, 59, i),
        "st": {"a": i, "b": ["x"] * i} if i % 3 else None,
        "m": [("k", i)] if i % 2 else [],
        "part": part,
    }


def test_delta_rs_writes(spark, tmp_path):
    root = tmp_path / "delta_rs_table"
    parts = ["plain", "with space", "a/b=c", None]
    first = [row(i, parts[i % 4]) for i in range(8)]
    delta_rs_write(root, pa.Table.from_pylist(first, SCHEMA), partition_by=["part"])
    second = [row(i, parts[i % 4]) for i in range(8, 12)]
    delta_rs_write(root, pa.Table.from_pylist(second, SCHEMA))
    expected = first + second
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")

    # Replace one partition, delete some rows, then checkpoint: each a new version.
    replaced = [row(i, "plain") for i in range(20, 22)]
    delta_rs_write(root, pa.Table.from_pylist(replaced, SCHEMA), mode="overwrite",
                   predicate="part = 'plain'")
    table = deltalake.DeltaTable(str(root))
    table.delete("id = 1 OR id = 10")
    table.create_checkpoint()
    assert table.version() == 3
    expected = [r for r in expected if r["part"] != "plain" and r["id"] not in (1, 10)]
    expected += replaced
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after overwrite and delete")
    assert (root / "_delta_log" / f"{3:020d}.checkpoint.parquet").is_file()
    # Earlier versions read the same through every reader too.
    assert_rows_equal(kernel_rows(root, version=1), first + second, "delta_kernel at v1")

    # Delta Spark appends to the delta-rs table: all three read the result.
    appended = [row(i, parts[i % 4]) for i in range(12, 15)]
    spark_write(spark, root, pa.Table.from_pylist(appended, SCHEMA))
    expected += appended
    assert_peers_read(spark, root, expected)
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel after Spark's append")


def test_delta_rs_change_data_feed(spark, tmp_path):
    root = tmp_path / "delta_rs_cdf"
    data = pa.table({"id": pa.array([1, 2, 3], pa.int32()), "v": ["a", "b", "c"]})
    delta_rs_write(root, data, configuration={"delta.enableChangeDataFeed": "true"})
    table = deltalake.DeltaTable(str(root))
    table.update(predicate="id = 2", updates={"v": "'B'"})
    table.delete("id = 3")
    assert_change_feeds(spark, root, 0, insert_update_delete_feed(0))
