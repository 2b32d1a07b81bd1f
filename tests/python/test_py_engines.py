"""Scans and file listings consumed by pyarrow, polars and duckdb through the Arrow PyCapsule
stream interface, with exact values from examples/sample-table (see test_py_sample_table.py)."""

from __future__ import annotations

import ctypes
import gc
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pytest

import delta_kernel as dk

# Rows per region and sum(amount) per region of the latest version.
COUNTS = {"eu-west": 80, "us-east": 80, "us-west": 40}


@pytest.fixture(scope="module")
def table(sample_table: Path) -> dk.Table:
    return dk.Table(sample_table)


def _capsule_name(capsule: object) -> str:
    get_name = ctypes.pythonapi.PyCapsule_GetName
    get_name.restype = ctypes.c_char_p
    get_name.argtypes = [ctypes.py_object]
    return get_name(capsule).decode()


def test_capsule_protocol(table: dk.Table):
    scan = table.scan(columns=["id"])
    capsule = scan.__arrow_c_stream__()
    assert type(capsule).__name__ == "PyCapsule"
    assert _capsule_name(capsule) == "arrow_array_stream"
    # requested_schema is accepted (and ignored).
    reader = pa.RecordBatchReader._import_from_c_capsule(scan.__arrow_c_stream__(None))
    assert reader.schema == pa.schema([pa.field("id", pa.int64(), nullable=False)])
    assert reader.read_all().num_rows == 200
    # Unconsumed capsules release their streams (and stop their readers) when collected.
    for _ in range(20):
        scan.__arrow_c_stream__()
    del capsule
    gc.collect()
    # A partially read stream can be dropped too.
    reader = scan.to_reader()
    assert reader.read_next_batch().num_rows > 0
    del reader
    gc.collect()


def test_pyarrow(table: dk.Table):
    scan = table.scan(columns=["region", "id"])
    via_table = pa.table(scan)
    via_reader = pa.RecordBatchReader.from_stream(scan).read_all()
    for rows in (via_table, via_reader, scan.to_arrow()):
        assert rows.num_rows == 200
        counts = rows.group_by("region").aggregate([("id", "count")]).to_pylist()
        assert {r["region"]: r["id_count"] for r in counts} == COUNTS
    batches = list(scan.to_reader())
    assert sum(b.num_rows for b in batches) == 200
    assert all(b.schema == scan.schema for b in batches)


def test_polars(table: dk.Table):
    scan = table.scan(columns=["region", "id", "amount"], filter="region != 'us-east'")
    df = pl.DataFrame(scan)
    assert df.columns == ["region", "id", "amount"]
    assert df.schema["id"] == pl.Int64
    assert df.schema["amount"] == pl.Decimal(10, 2)
    assert df.height == 120
    counts = df.group_by("region").len().sort("region")
    assert counts.to_dicts() == [{"region": "eu-west", "len": 80}, {"region": "us-west", "len": 40}]
    via_from_arrow = pl.from_arrow(scan.to_arrow())
    assert isinstance(via_from_arrow, pl.DataFrame)
    assert via_from_arrow.sort("id").equals(df.sort("id"))
    # The file listing too.
    files = pl.from_arrow(table.files())
    assert files.height == 10
    assert files["num_records"].sum() == 200


def test_duckdb(table: dk.Table):
    scan = table.scan()
    con = duckdb.connect()
    rows = con.sql(
        "select region, count(*), sum(amount), min(id), max(id) from scan "
        "group by region order by region"
    ).fetchall()
    assert rows == [
        ("eu-west", 80, Decimal("3067390.81"), 40, 239),
        ("us-east", 80, Decimal("3394468.24"), 0, 199),
        ("us-west", 40, Decimal("1749179.60"), 20, 219),
    ]
    assert con.sql("select sum(amount) from scan").fetchone()[0] == Decimal("8211038.65")
    # duckdb pushes nothing into the scan; its own filter on top gives the kernel's answer.
    kernel = table.scan(columns=["id"], filter="quantity > 500 AND active")
    assert con.sql("select count(*) from kernel").fetchone()[0] == 47
    assert con.sql("select count(*) from scan where quantity > 500 and active").fetchone()[0] == 47
    # Joins of two scans, and duckdb.sql() on the default connection.
    v2 = table.snapshot(version=2).scan(columns=["id"])
    assert duckdb.sql("select count(*) from scan join v2 using (id)").fetchone()[0] == 100
    files = table.files()
    assert duckdb.sql("select count(*), sum(num_records) from files").fetchone() == (10, 200)
    assert duckdb.from_arrow(scan).aggregate("count(*)").fetchone()[0] == 200


def test_types_through_every_consumer(table: dk.Table):
    scan = table.scan(filter="id = 0")
    arrow_row = scan.to_arrow().to_pylist()
    polars_row = pl.DataFrame(scan).to_dicts()
    # (epoch microseconds: fetching a TIMESTAMPTZ value would need pytz)
    duck = duckdb.sql("select * exclude (event_time), epoch_us(event_time) as event_time from scan")
    duck_row = [dict(zip(duck.columns, r)) for r in duck.fetchall()]
    assert len(arrow_row) == len(polars_row) == len(duck_row) == 1
    a, p, d = arrow_row[0], polars_row[0], duck_row[0]
    for key in ("id", "quantity", "price", "name", "event_date", "active", "amount", "region"):
        assert a[key] == p[key] == d[key], key
    assert a["id"] == 0 and a["name"] == "fjord-172" and a["region"] == "us-east"
    assert a["price"] is None and a["amount"] is None
    assert a["event_time"] == p["event_time"]
    assert a["event_time"].isoformat() == "2024-10-28T03:35:50.012000+00:00"
    assert d["event_time"] == 1730086550012000
