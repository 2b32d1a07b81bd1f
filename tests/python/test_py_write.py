"""delta_kernel.write_table and Table.create: rows written read back exactly with our reader and
with delta-rs (deltalake), for every Delta type, partitions, each save mode, replaceWhere,
schema evolution, idempotent app ids, polars / duckdb / streamed inputs, and bad input refused
with the column named and nothing committed."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk

UTC = dt.timezone.utc


def read_rows(path: Path, key: str = "id") -> list[dict]:
    """Every row, by our reader, ordered by `key`."""
    data = dk.Table(path).scan().to_arrow()
    return sorted(data.to_pylist(), key=lambda r: r[key])


def delta_rs_rows(path: Path, key: str = "id", sql: bool = False) -> list[dict]:
    """Every row as delta-rs reads the table, ordered by `key`: through pyarrow
    (to_pyarrow_table), or with `sql` through its DataFusion engine (the one that honours
    column mapping)."""
    deltalake = pytest.importorskip("deltalake")
    table = deltalake.DeltaTable(str(path))
    if sql:
        data = pa.table(deltalake.QueryBuilder().register("t", table).execute("select * from t"))
    else:
        data = table.to_pyarrow_table()
    return sorted(data.to_pylist(), key=lambda r: r[key])


def versions(path: Path) -> list[int]:
    """The commit versions in the log."""
    return sorted(int(p.name.split(".")[0]) for p in (path / "_delta_log").glob("*.json"))


# Every Delta type, nested ones included; nulls in every nullable column.
ALL_TYPES = pa.schema(
    [
        pa.field("id", pa.int64(), nullable=False),
        pa.field("byte", pa.int8()),
        pa.field("short", pa.int16()),
        pa.field("int", pa.int32()),
        pa.field("float", pa.float32()),
        pa.field("double", pa.float64()),
        pa.field("dec_small", pa.decimal128(5, 2)),
        pa.field("dec_big", pa.decimal128(38, 10)),
        pa.field("string", pa.string()),
        pa.field("binary", pa.binary()),
        pa.field("bool", pa.bool_()),
        pa.field("date", pa.date32()),
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("ts_ntz", pa.timestamp("us")),
        pa.field("ints", pa.list_(pa.int32())),
        pa.field("tags", pa.map_(pa.string(), pa.int64())),
        pa.field(
            "nested",
            pa.struct(
                [
                    pa.field("a", pa.int32()),
                    pa.field("b", pa.struct([pa.field("c", pa.string())])),
                    pa.field("items", pa.list_(pa.struct([pa.field("x", pa.float64())]))),
                ]
            ),
        ),
    ]
)

ALL_ROWS = [
    {
        "id": 1,
        "byte": -128,
        "short": 32767,
        "int": -2147483648,
        "float": 1.5,
        "double": -2.25e300,
        "dec_small": Decimal("-123.45"),
        "dec_big": Decimal("1234567890123456789012345678.0123456789"),
        "string": "héllo, wörld",
        "binary": b"\x00\x01\xff",
        "bool": True,
        "date": dt.date(1999, 12, 31),
        "ts": dt.datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=UTC),
        "ts_ntz": dt.datetime(1900, 1, 1, 0, 0, 0, 1),
        "ints": [1, None, 3],
        "tags": [("k1", 1), ("k2", None)],
        "nested": {"a": 7, "b": {"c": "deep"}, "items": [{"x": 0.5}, {"x": None}]},
    },
    {
        "id": 2,
        "byte": 127,
        "short": -32768,
        "int": 2147483647,
        "float": -0.0,
        "double": 0.1,
        "dec_small": Decimal("999.99"),
        "dec_big": Decimal("-0.0000000001"),
        "string": "",
        "binary": b"",
        "bool": False,
        "date": dt.date(2262, 4, 11),
        "ts": dt.datetime(1970, 1, 1, tzinfo=UTC),
        "ts_ntz": dt.datetime(2038, 1, 19, 3, 14, 8),
        "ints": [],
        "tags": [],
        "nested": {"a": None, "b": None, "items": []},
    },
    {"id": 3, **{f.name: None for f in ALL_TYPES if f.name != "id"}},
]


def all_types_table() -> pa.Table:
    return pa.Table.from_pylist(ALL_ROWS, schema=ALL_TYPES)


def test_every_type_round_trips(tmp_path: Path):
    path = tmp_path / "t"
    r = dk.write_table(path, all_types_table())
    assert (r.version, r.committed, r.attempts, r.rebased_over) == (0, True, 1, [])
    table = dk.Table(path)
    assert table.version == 0
    assert table.schema == ALL_TYPES
    assert read_rows(path) == ALL_ROWS
    assert table.history(1)[0].operation == "WRITE"
    # timestamp_ntz needs its table feature.
    assert "timestampNtz" in (table.protocol.writer_features or [])


def test_delta_rs_reads_every_type(tmp_path: Path):
    path = tmp_path / "t"
    dk.write_table(path, all_types_table())
    # delta-rs returns maps as lists of (key, value) tuples too.
    assert delta_rs_rows(path) == ALL_ROWS
    assert delta_rs_rows(path, sql=True) == ALL_ROWS


PARTITION_VALUES = ["plain", "a b", "x/y", "k=v", "50%", "ü:ñ", "#{}[]", "", None]


def test_partitions_with_special_characters_empty_and_null(tmp_path: Path):
    path = tmp_path / "t"
    data = pa.table(
        {
            "id": pa.array(range(len(PARTITION_VALUES)), pa.int64()),
            "p": pa.array(PARTITION_VALUES, pa.string()),
            "n": pa.array([1, 2, 3, 1, 2, 3, 1, None, None], pa.int32()),
        }
    )
    r = dk.write_table(path, data, partition_by=["p", "n"])
    assert r.version == 0
    table = dk.Table(path)
    assert table.metadata.partition_columns == ["p", "n"]
    # An empty string partition value is null (the protocol has no empty partition value).
    expected = [
        {"id": i, "p": v if v != "" else None, "n": n}
        for i, (v, n) in enumerate(zip(PARTITION_VALUES, [1, 2, 3, 1, 2, 3, 1, None, None]))
    ]
    assert read_rows(path) == expected
    assert delta_rs_rows(path) == expected
    files = table.files().to_pylist()
    assert len(files) == len(PARTITION_VALUES) - 1  # "" and None share the null partition
    by_p = {dict(f["partition_values"])["p"]: f for f in files}
    assert sorted(k for k in by_p if k is not None) == sorted(v for v in PARTITION_VALUES if v)
    # Filters over partition values prune to the one file.
    assert table.scan(filter="p = 'x/y'").to_arrow().to_pylist() == [
        {"id": 2, "p": "x/y", "n": 3}
    ]


def test_save_modes(tmp_path: Path):
    path = tmp_path / "t"
    first = pa.table({"id": pa.array([1, 2], pa.int64()), "v": ["a", "b"]})
    second = pa.table({"id": pa.array([3], pa.int64()), "v": ["c"]})
    assert dk.write_table(path, first).version == 0

    with pytest.raises(dk.ConflictError) as info:
        dk.write_table(path, second)  # mode="error"
    assert info.value.detail_kind == "AlreadyExists"
    assert versions(path) == [0]

    r = dk.write_table(path, second, mode="ignore")
    assert (r.committed, r.version) == (False, 0)
    assert versions(path) == [0]

    assert dk.write_table(path, second, mode="append").version == 1
    assert [r["id"] for r in read_rows(path)] == [1, 2, 3]

    assert dk.write_table(path, first, mode="overwrite").version == 2
    assert read_rows(path) == [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]
    assert delta_rs_rows(path) == [{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]
    ops = [(e.version, e.operation) for e in dk.Table(path).history()]
    assert ops == [(2, "WRITE"), (1, "WRITE"), (0, "WRITE")]
    params = dk.Table(path).history(1)[0].operation_parameters
    assert params["mode"] == "Overwrite"

    # A missing table is created whatever the mode.
    other = tmp_path / "other"
    assert dk.write_table(other, first, mode="append").version == 0
    assert dk.write_table(tmp_path / "third", first, mode="ignore").committed is True


def test_replace_where(tmp_path: Path):
    path = tmp_path / "t"
    data = pa.table(
        {"id": pa.array([1, 2, 3, 4], pa.int64()), "p": ["a", "a", "b", "c"]}
    )
    dk.write_table(path, data, partition_by=["p"])
    new_a = pa.table({"id": pa.array([10], pa.int64()), "p": ["a"]})
    r = dk.write_table(path, new_a, mode="overwrite", predicate="p = 'a'")
    assert r.version == 1
    assert read_rows(path) == [
        {"id": 3, "p": "b"},
        {"id": 4, "p": "c"},
        {"id": 10, "p": "a"},
    ]
    assert delta_rs_rows(path) == read_rows(path)
    # A predicate over a data column: rows 4 and 10 go (whole files), 3 stays.
    new_rows = pa.table({"id": pa.array([40], pa.int64()), "p": ["c"]})
    r = dk.write_table(path, new_rows, mode="overwrite", predicate="id >= 4")
    assert r.version == 2
    assert read_rows(path) == [{"id": 3, "p": "b"}, {"id": 40, "p": "c"}]
    assert delta_rs_rows(path) == read_rows(path)


def test_replace_where_refuses_rows_outside_the_predicate(tmp_path: Path):
    path = tmp_path / "t"
    data = pa.table({"id": pa.array([1, 2], pa.int64()), "p": ["a", "b"]})
    dk.write_table(path, data, partition_by=["p"])
    outside = pa.table({"id": pa.array([11, 12], pa.int64()), "p": ["a", "b"]})
    try:
        with pytest.raises(dk.InvalidArgumentError):
            dk.write_table(path, outside, mode="overwrite", predicate="p = 'a'")
    finally:
        assert versions(path) == [0]


def test_schema_evolution(tmp_path: Path):
    path = tmp_path / "t"
    dk.write_table(path, pa.table({"id": pa.array([1], pa.int64()), "s": pa.array([{"a": 1}])}))
    wider = pa.table(
        {
            "id": pa.array([2], pa.int64()),
            "s": pa.array([{"a": 2, "b": "x"}]),
            "extra": pa.array([1.5]),
        }
    )
    with pytest.raises(dk.InvalidArgumentError, match="extra|s.b|b"):
        dk.write_table(path, wider, mode="append")
    assert versions(path) == [0]
    assert dk.write_table(path, wider, mode="append", schema_mode="merge").version == 1
    assert read_rows(path) == [
        {"id": 1, "s": {"a": 1, "b": None}, "extra": None},
        {"id": 2, "s": {"a": 2, "b": "x"}, "extra": 1.5},
    ]
    assert delta_rs_rows(path) == read_rows(path)

    replaced = pa.table({"key": pa.array(["k"])})
    with pytest.raises(dk.InvalidArgumentError):
        dk.write_table(path, replaced, mode="append", schema_mode="overwrite")
    r = dk.write_table(path, replaced, mode="overwrite", schema_mode="overwrite")
    assert r.version == 2
    assert dk.Table(path).schema == pa.schema([pa.field("key", pa.string())])
    assert read_rows(path, "key") == [{"key": "k"}]


def test_idempotent_app_id(tmp_path: Path):
    path = tmp_path / "t"
    data = pa.table({"id": pa.array([1], pa.int64())})
    assert dk.write_table(path, data, mode="append", app_id="job", app_version=1).version == 0
    again = dk.write_table(path, data, mode="append", app_id="job", app_version=1)
    assert (again.committed, again.version) == (False, 0)
    assert dk.write_table(path, data, mode="append", app_id="job", app_version=2).version == 1
    assert [r["id"] for r in read_rows(path)] == [1, 1]
    assert dk.Table(path).snapshot().set_transactions == {"job": 2}


def test_polars_duckdb_and_streamed_inputs(tmp_path: Path):
    pl = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "t"
    dk.write_table(path, pl.DataFrame({"id": [1, 2], "name": ["a", "b"]}))
    rel = duckdb.sql("select 3::bigint as id, 'c' as name")
    dk.write_table(path, rel, mode="append")

    def batches():
        for i in (4, 5):
            yield pa.record_batch({"id": pa.array([i], pa.int64()), "name": [f"n{i}"]})

    schema = pa.schema([("id", pa.int64()), ("name", pa.string())])
    reader = pa.RecordBatchReader.from_batches(schema, batches())
    dk.write_table(path, reader, mode="append")
    dk.write_table(path, pa.record_batch({"id": pa.array([6], pa.int64()), "name": ["r"]}),
                   mode="append")
    import pyarrow.dataset as ds

    more = pa.table({"id": pa.array([7, 8], pa.int64()), "name": ["d", "s"]})
    dk.write_table(path, ds.dataset(more.slice(0, 1)), mode="append")
    dk.write_table(path, ds.dataset(more.slice(1)).scanner(), mode="append")
    assert read_rows(path) == [
        {"id": 1, "name": "a"},
        {"id": 2, "name": "b"},
        {"id": 3, "name": "c"},
        {"id": 4, "name": "n4"},
        {"id": 5, "name": "n5"},
        {"id": 6, "name": "r"},
        {"id": 7, "name": "d"},
        {"id": 8, "name": "s"},
    ]
    assert dk.Table(path).version == 5
    # A delta_kernel scan is Arrow data too: copy the table.
    copy = tmp_path / "copy"
    dk.write_table(copy, dk.Table(path).scan())
    assert read_rows(copy) == read_rows(path)


def test_file_layout_options(tmp_path: Path):
    path = tmp_path / "t"
    # Random doubles do not compress: 50,000 rows are about 800 KB of Parquet.
    rng = random.Random(7)
    values = [rng.random() for _ in range(50_000)]
    data = pa.table({"id": pa.array(range(50_000), pa.int64()), "x": values})
    # Files are closed between batches: hand the rows over in batches of 2,000.
    data = pa.Table.from_batches(data.to_batches(max_chunksize=2_000))
    dk.write_table(path, data, target_file_size=128 * 1024, row_group_rows=2_000,
                   compression="zstd")
    files = dk.Table(path).files()
    assert files.num_rows >= 4
    assert sum(files.column("num_records").to_pylist()) == 50_000
    assert [r["x"] for r in read_rows(path)] == values


def test_bad_input_names_the_column_and_commits_nothing(tmp_path: Path):
    path = tmp_path / "t"
    schema = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("v", pa.string())])
    dk.write_table(path, pa.table({"id": pa.array([1], pa.int64()), "v": ["a"]}, schema=schema))
    log_before = sorted(p.name for p in (path / "_delta_log").iterdir())

    mistyped = pa.table({"id": pa.array([2], pa.int64()), "v": pa.array([2], pa.int32())})
    with pytest.raises(dk.InvalidArgumentError, match="'v'"):
        dk.write_table(path, mistyped, mode="append")
    missing_extra = pa.table({"id": pa.array([2], pa.int64()), "w": ["x"]})
    with pytest.raises(dk.InvalidArgumentError, match="'w'|'v'"):
        dk.write_table(path, missing_extra, mode="append")
    nulls = pa.table({"id": pa.array([None], pa.int64()), "v": ["x"]})
    with pytest.raises(dk.InvalidArgumentError, match="'id'"):
        dk.write_table(path, nulls, mode="append")
    good = pa.table({"id": pa.array([2], pa.int64()), "v": ["b"]})
    with pytest.raises(dk.InvalidArgumentError, match="nope"):
        dk.write_table(path, good, mode="overwrite", predicate="nope = 1")
    with pytest.raises(dk.InvalidArgumentError):
        dk.write_table(path, good, mode="overwrite", predicate="id = = 1")
    with pytest.raises(dk.InvalidArgumentError, match="partition"):
        dk.write_table(path, good, mode="append", partition_by=["v"])

    assert sorted(p.name for p in (path / "_delta_log").iterdir()) == log_before
    assert read_rows(path) == [{"id": 1, "v": "a"}]
    # A nullable column the data lacks is written as nulls (as Delta Spark appends).
    assert dk.write_table(path, pa.table({"id": pa.array([2], pa.int64())}), mode="append").version == 1
    assert read_rows(path) == [{"id": 1, "v": "a"}, {"id": 2, "v": None}]


def test_argument_errors(tmp_path: Path):
    data = pa.table({"id": [1]})
    with pytest.raises(dk.InvalidArgumentError, match="mode must be one of"):
        dk.write_table(tmp_path / "t", data, mode="upsert")
    with pytest.raises(dk.InvalidArgumentError, match="schema_mode must be"):
        dk.write_table(tmp_path / "t", data, schema_mode="strict")
    with pytest.raises(dk.InvalidArgumentError, match="needs mode overwrite"):
        dk.write_table(tmp_path / "t", data, mode="append", predicate="id = 1")
    with pytest.raises(dk.InvalidArgumentError, match="app_id and app_version together"):
        dk.write_table(tmp_path / "t", data, app_id="x")
    with pytest.raises(TypeError, match="must be Arrow data"):
        dk.write_table(tmp_path / "t", {"id": [1]})
    with pytest.raises(TypeError, match="partition_by must be a sequence"):
        dk.write_table(tmp_path / "t", data, partition_by="id")
    with pytest.raises(TypeError, match="property 'x' must be"):
        dk.write_table(tmp_path / "t", data, properties={"x": 1.5})
    assert not (tmp_path / "t").exists()


def test_create_table(tmp_path: Path):
    path = tmp_path / "t"
    schema = pa.schema(
        [
            pa.field("id", pa.int64(), nullable=False),
            pa.field("day", pa.date32()),
            pa.field("s", pa.struct([pa.field("x", pa.string())])),
        ]
    )
    table = dk.Table.create(
        path,
        schema,
        partition_by=["day"],
        properties={"delta.enableChangeDataFeed": True, "delta.appendOnly": "false"},
        name="events",
        description="what happened",
    )
    assert table.version == 0
    assert table.schema == schema
    md = table.metadata
    assert (md.name, md.description, md.partition_columns) == ("events", "what happened", ["day"])
    assert md.configuration["delta.enableChangeDataFeed"] == "true"
    # Change data feed alone needs only the legacy writer version 4.
    assert table.protocol == dk.Protocol(1, 4, None, None)
    assert table.scan().to_arrow().num_rows == 0
    assert table.history(1)[0].operation == "CREATE TABLE"

    with pytest.raises(dk.ConflictError) as info:
        dk.Table.create(path, schema)
    assert info.value.detail_kind == "AlreadyExists"
    assert dk.Table.create(path, schema, mode="ignore").version == 0

    dk.write_table(path, pa.table({"id": pa.array([1], pa.int64()), "day": [dt.date(2024, 1, 1)],
                                   "s": [{"x": "a"}]}, schema=schema), mode="append")
    other = pa.schema([pa.field("k", pa.string())])
    replaced = dk.Table.create(path, other, mode="replace")
    assert replaced.version == 2
    assert replaced.schema == other
    assert replaced.scan().to_arrow().num_rows == 0


def test_create_table_from_delta_json_schema(tmp_path: Path):
    schema_json = json.dumps(
        {
            "type": "struct",
            "fields": [
                {"name": "id", "type": "long", "nullable": False, "metadata": {}},
                {"name": "v", "type": "decimal(12,3)", "nullable": True, "metadata": {}},
            ],
        }
    )
    table = dk.Table.create(tmp_path / "t", schema_json)
    assert table.schema == pa.schema(
        [pa.field("id", pa.int64(), nullable=False), pa.field("v", pa.decimal128(12, 3))]
    )
    with pytest.raises(dk.InvalidArgumentError):
        dk.Table.create(tmp_path / "u", schema_json, partition_by=["nope"])
    with pytest.raises(dk.InvalidArgumentError, match="mode must be"):
        dk.Table.create(tmp_path / "u", schema_json, mode="overwrite")
    with pytest.raises(TypeError, match="schema must be an Arrow schema"):
        dk.Table.create(tmp_path / "u", 42)
    with pytest.raises(dk.UnsupportedError, match="column 'big' has Arrow type 'L', which has no Delta type"):
        dk.Table.create(tmp_path / "u", pa.schema([pa.field("big", pa.uint64())]))
    assert not (tmp_path / "u").exists()


@pytest.mark.parametrize("mapping", ["name", "id"])
def test_column_mapping_round_trips(tmp_path: Path, mapping: str):
    path = tmp_path / "t"
    schema = pa.schema(
        [
            pa.field("id", pa.int64(), nullable=False),
            pa.field("a column", pa.string()),
            pa.field("s", pa.struct([pa.field("x y", pa.int32())])),
            pa.field("p", pa.string()),
        ]
    )
    dk.Table.create(path, schema, partition_by=["p"],
                    properties={"delta.columnMapping.mode": mapping})
    data = pa.table(
        {"id": [2, 1], "a column": ["b", None], "s": [{"x y": 2}, None], "p": ["q r", None]},
        schema=schema,
    )
    assert dk.write_table(path, data, mode="append").version == 1
    expected = [
        {"id": 1, "a column": None, "s": None, "p": None},
        {"id": 2, "a column": "b", "s": {"x y": 2}, "p": "q r"},
    ]
    assert read_rows(path) == expected
    assert delta_rs_rows(path, sql=True) == expected
    assert dk.Table(path).metadata.configuration["delta.columnMapping.mode"] == mapping


def test_threads_appending_at_once_all_land(tmp_path: Path):
    """write_table releases the GIL: 4 threads x 5 appends race on one table."""
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "t"
    dk.Table.create(path, pa.schema([pa.field("id", pa.int64())]))

    def writer(w: int) -> list[int]:
        return [
            dk.write_table(path, pa.table({"id": [10 * w + i]}), mode="append").version
            for i in range(5)
        ]

    with ThreadPoolExecutor(4) as pool:
        got = [v for vs in pool.map(writer, range(4)) for v in vs]
    assert sorted(got) == list(range(1, 21))
    assert [r["id"] for r in read_rows(path)] == sorted(10 * w + i for w in range(4) for i in range(5))


def test_check_constraint_refuses_rows(tmp_path: Path):
    path = tmp_path / "t"
    dk.Table.create(path, pa.schema([pa.field("id", pa.int64())]),
                    properties={"delta.constraints.positive": "id > 0"})
    try:
        with pytest.raises(dk.InvalidArgumentError, match="positive"):
            dk.write_table(path, pa.table({"id": [1, -1]}), mode="append")
    finally:
        assert versions(path) == [0]
