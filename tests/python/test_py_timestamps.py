"""Timestamps and dates from year 1 to 9999 read exactly, whatever the Parquet encoding.

Tables are written here with pyarrow (as Spark and other writers lay them out) plus a
hand-written _delta_log: one data file per timestamp encoding (INT96 as Spark writes by default,
INT64 micros, INT64 millis, INT64 nanos), with Spark-style JSON statistics, and a table
partitioned by timestamp, timestamp_ntz and date. Values are read back through the Python
package and the CLI, with and without filters (skipping must never drop a matching row).
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from harness import cli_path

import delta_kernel as dk

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Years Arrow's nanoseconds cannot hold (before 1677-09-21, after 2262-04-11) included.
VALUES = [
    utc(1, 1, 1),
    utc(1000, 6, 15, 12, 0, 0, 123456),
    utc(1582, 10, 4, 23, 59, 59, 999999),
    utc(1677, 9, 21),
    utc(1969, 12, 31, 23, 59, 59, 999999),
    utc(1970, 1, 1),
    utc(2262, 4, 12),
    utc(2500, 1, 1, 1, 2, 3, 456789),
    utc(9999, 12, 31, 23, 59, 59, 999999),
]
IN_NANOS = [v for v in VALUES if utc(1677, 9, 22) <= v <= utc(2262, 4, 11)]


def micros(v: datetime) -> int:
    d = v - EPOCH
    return (d.days * 86400 + d.seconds) * 1_000_000 + d.microseconds


def floor_millis(v: datetime) -> datetime:
    return v.replace(microsecond=v.microsecond // 1000 * 1000)


def naive(v: datetime) -> datetime:
    return v.replace(tzinfo=None)


SCHEMA_STRING = json.dumps(
    {
        "type": "struct",
        "fields": [
            {"name": n, "type": t, "nullable": True, "metadata": {}}
            for n, t in [("id", "long"), ("ts", "timestamp"), ("ntz", "timestamp_ntz"),
                         ("d", "date")]
        ],
    }
)
PROTOCOL = {"protocol": {"minReaderVersion": 3, "minWriterVersion": 7,
                         "readerFeatures": ["timestampNtz"], "writerFeatures": ["timestampNtz"]}}


def metadata(schema_string: str, partition_columns: list[str]) -> dict:
    return {"metaData": {"id": "timestamps", "format": {"provider": "parquet", "options": {}},
                         "schemaString": schema_string, "partitionColumns": partition_columns,
                         "configuration": {}, "createdTime": 0}}


def stats_text(v: datetime, zone: bool) -> str:
    # As Spark writes statistics: milliseconds, truncated; 'Z' for timestamp, none for ntz.
    text = naive(v).isoformat(sep="T", timespec="milliseconds")
    return text + "Z" if zone else text


def write_commit(root: Path, actions: list[dict]) -> None:
    log = root / "_delta_log"
    log.mkdir(parents=True)
    lines = [json.dumps(a) for a in actions]
    (log / "00000000000000000000.json").write_text("\n".join(lines) + "\n")


# name -> (the values it stores, exactly as a reader must return them; pq.write_table options).
ENCODINGS = {
    "int96": (VALUES, {"use_deprecated_int96_timestamps": True}),
    "micros": (VALUES, {"coerce_timestamps": "us"}),
    "millis": ([floor_millis(v) for v in VALUES], {"coerce_timestamps": "ms"}),
    "nanos": (IN_NANOS, {"version": "2.6"}),
}


def data_file(root: Path, name: str, first_id: int, values: list[datetime], options: dict,
              unit: str) -> dict:
    ids = list(range(first_id, first_id + len(values)))
    table = pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "ts": pa.array(values, pa.timestamp(unit, tz="UTC")),
            "ntz": pa.array([naive(v) for v in values], pa.timestamp(unit)),
            "d": pa.array([v.date() for v in values], pa.date32()),
        }
    )
    path = f"{name}.parquet"
    pq.write_table(table, root / path, **options)
    stats = {
        "numRecords": len(values),
        "minValues": {"id": ids[0], "ts": stats_text(min(values), True),
                      "ntz": stats_text(min(values), False), "d": min(values).date().isoformat()},
        "maxValues": {"id": ids[-1], "ts": stats_text(max(values), True),
                      "ntz": stats_text(max(values), False), "d": max(values).date().isoformat()},
        "nullCount": {"id": 0, "ts": 0, "ntz": 0, "d": 0},
    }
    return {"add": {"path": path, "partitionValues": {}, "size": (root / path).stat().st_size,
                    "modificationTime": 0, "dataChange": True, "stats": json.dumps(stats)}}


@pytest.fixture(scope="module")
def encoded(tmp_path_factory) -> tuple[Path, dict[int, datetime]]:
    """A table with one file per encoding, and the value each id holds."""
    root = tmp_path_factory.mktemp("encodings")
    actions = [PROTOCOL, metadata(SCHEMA_STRING, [])]
    expected: dict[int, datetime] = {}
    for i, (name, (values, options)) in enumerate(ENCODINGS.items()):
        first = 100 * i
        unit = "ns" if name == "nanos" else "us"
        add = data_file(root, name, first, values, options, unit)
        actions.append(add)
        expected.update({first + k: v for k, v in enumerate(values)})
    # One more INT64 nanosecond file whose single value lies 1 ns before the epoch: it reads as
    # the microsecond before the epoch (rounded toward the past, not toward zero).
    ns_table = pa.table({"id": pa.array([900], pa.int64()),
                         "ts": pa.array([-1], pa.timestamp("ns", tz="UTC")),
                         "ntz": pa.array([-1], pa.timestamp("ns")),
                         "d": pa.array([-1], pa.date32())})
    pq.write_table(ns_table, root / "nanos-before-epoch.parquet", version="2.6")
    actions.append({"add": {"path": "nanos-before-epoch.parquet", "partitionValues": {},
                            "size": (root / "nanos-before-epoch.parquet").stat().st_size,
                            "modificationTime": 0, "dataChange": True}})
    expected[900] = utc(1969, 12, 31, 23, 59, 59, 999999)
    write_commit(root, actions)
    return root, expected


def test_files_use_the_intended_encodings(encoded):
    root, _ = encoded

    def ts_column(name: str):
        return pq.read_metadata(root / f"{name}.parquet").schema.column(1)

    assert ts_column("int96").physical_type == "INT96"
    for name, unit in (("micros", "microseconds"), ("millis", "milliseconds"),
                       ("nanos", "nanoseconds")):
        assert ts_column(name).physical_type == "INT64"
        assert unit in ts_column(name).logical_type.to_json(), name


def rows(table: pa.Table) -> dict[int, tuple]:
    d = table.to_pydict()
    return {i: (t, n, dd) for i, t, n, dd in zip(d["id"], d["ts"], d["ntz"], d["d"])}


def test_python_scan_reads_every_encoding_exactly(encoded):
    root, expected = encoded
    out = dk.Table(root).snapshot().scan().to_arrow()
    assert out.schema.field("ts").type == pa.timestamp("us", tz="UTC")
    assert out.schema.field("ntz").type == pa.timestamp("us")
    got = rows(out)
    want = {i: (v, naive(v), v.date()) for i, v in expected.items()}
    want[900] = (want[900][0], want[900][1], date(1969, 12, 31))
    assert got == want


def cli(*args: str) -> str:
    proc = subprocess.run([str(cli_path()), *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def kernel_text(v: datetime, zone: bool) -> str:
    # The CLI's rendering: seconds, then microseconds only when there are any.
    text = naive(v).isoformat(sep="T", timespec="microseconds" if v.microsecond else "seconds")
    return text + "Z" if zone else text


def test_cli_prints_every_encoding_exactly(encoded):
    root, expected = encoded
    lines = cli("scan", str(root), "--format", "jsonl").splitlines()
    got = {r["id"]: r for r in map(json.loads, lines)}
    assert set(got) == set(expected)
    for i, v in expected.items():
        assert got[i]["ts"] == kernel_text(v, True), i
        assert got[i]["ntz"] == kernel_text(v, False), i
    assert got[0]["d"] == "0001-01-01"
    assert got[8]["d"] == "9999-12-31"


def literal(v: datetime, kind: str) -> str:
    text = naive(v).isoformat(sep=" ", timespec="microseconds")
    return f"TIMESTAMP '{text}Z'" if kind == "ts" else f"TIMESTAMP_NTZ '{text}'"


@pytest.mark.parametrize("column", ["ts", "ntz"])
@pytest.mark.parametrize("op", ["=", "<", "<=", ">", ">="])
def test_filters_never_drop_matching_rows(encoded, column, op):
    root, expected = encoded
    snapshot = dk.Table(root).snapshot()
    compare = {"=": lambda a, b: a == b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
               ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}[op]
    for v in VALUES:
        predicate = f"{column} {op} {literal(v, column)}"
        want = sorted(i for i, x in expected.items() if compare(x, v))
        for skipping in (True, False):
            got = snapshot.scan(["id"], predicate, skipping=skipping).to_arrow()
            assert sorted(got.column("id").to_pylist()) == want, (predicate, skipping)


def test_date_filters_and_cli_filter(encoded):
    root, expected = encoded
    snapshot = dk.Table(root).snapshot()
    for day in (date(1, 1, 1), date(1677, 9, 21), date(2262, 4, 12), date(9999, 12, 31)):
        want = sorted(i for i, v in expected.items() if i != 900 and v.date() == day)
        got = snapshot.scan(["id"], f"d = DATE '{day.isoformat()}'").to_arrow()
        assert sorted(got.column("id").to_pylist()) == want
    out = cli("scan", str(root), "--format", "jsonl", "--columns", "id",
              "--where", "ts >= TIMESTAMP '9999-12-31 23:59:59.999999Z'")
    assert sorted(json.loads(line)["id"] for line in out.splitlines()) == [8, 108]


PARTITIONS = [
    # (timestamp text, timestamp_ntz text, date text) as writers put them in the log
    ("0001-01-01 00:00:00", "0001-01-01 00:00:00", "0001-01-01"),
    ("1000-06-15 12:00:00.123456", "1000-06-15 12:00:00.123456", "1000-06-15"),
    ("1677-09-21T00:00:00.000000Z", "1677-09-21 00:00:00", "1677-09-21"),
    ("2262-04-12 00:00:00", "2262-04-12 00:00:00", "2262-04-12"),
    ("9999-12-31 23:59:59.999999", "9999-12-31 23:59:59.999999", "9999-12-31"),
]
PARTITION_VALUES = [utc(1, 1, 1), utc(1000, 6, 15, 12, 0, 0, 123456), utc(1677, 9, 21),
                    utc(2262, 4, 12), utc(9999, 12, 31, 23, 59, 59, 999999)]


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("partitioned")
    schema = json.dumps({"type": "struct", "fields": [
        {"name": n, "type": t, "nullable": True, "metadata": {}}
        for n, t in [("id", "long"), ("pts", "timestamp"), ("pntz", "timestamp_ntz"),
                     ("pd", "date")]]})
    actions = [PROTOCOL, metadata(schema, ["pts", "pntz", "pd"])]
    for i, (pts, pntz, pd) in enumerate(PARTITIONS):
        path = f"part-{i}.parquet"
        pq.write_table(pa.table({"id": pa.array([i], pa.int64())}), root / path)
        actions.append({"add": {"path": path,
                                "partitionValues": {"pts": pts, "pntz": pntz, "pd": pd},
                                "size": (root / path).stat().st_size, "modificationTime": 0,
                                "dataChange": True}})
    write_commit(root, actions)
    return root


def test_partition_values_read_exactly(partitioned):
    snapshot = dk.Table(partitioned).snapshot()
    got = rows_by_id(snapshot.scan().to_arrow())
    for i, v in enumerate(PARTITION_VALUES):
        assert got[i] == (v, naive(v), v.date()), i
    files = {f.partition_values["pd"]: f.partition_values for f in snapshot.scan().files()}
    assert files[date(1, 1, 1)]["pts"] == utc(1, 1, 1)
    assert files[date(9999, 12, 31)]["pts"] == utc(9999, 12, 31, 23, 59, 59, 999999)
    assert files[date(9999, 12, 31)]["pntz"] == datetime(9999, 12, 31, 23, 59, 59, 999999)
    lines = cli("scan", str(partitioned), "--format", "jsonl").splitlines()
    text = {r["id"]: r for r in map(json.loads, lines)}
    assert text[0]["pts"] == "0001-01-01T00:00:00Z"
    assert text[4]["pts"] == "9999-12-31T23:59:59.999999Z"
    assert text[4]["pntz"] == "9999-12-31T23:59:59.999999"
    assert text[4]["pd"] == "9999-12-31"


def rows_by_id(table: pa.Table) -> dict[int, tuple]:
    d = table.to_pydict()
    return {i: (t, n, dd) for i, t, n, dd in zip(d["id"], d["pts"], d["pntz"], d["pd"])}


@pytest.mark.parametrize("op", ["=", "<", "<=", ">", ">="])
def test_partition_pruning_never_drops_matching_files(partitioned, op):
    snapshot = dk.Table(partitioned).snapshot()
    compare = {"=": lambda a, b: a == b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
               ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}[op]
    for v in PARTITION_VALUES + [v + timedelta(microseconds=1) for v in PARTITION_VALUES[:-1]]:
        for column, lit, key in (("pts", literal(v, "ts"), v), ("pntz", literal(v, "ntz"), v),
                                 ("pd", f"DATE '{v.date().isoformat()}'", v.date())):
            values = PARTITION_VALUES if column != "pd" else [p.date() for p in PARTITION_VALUES]
            want = sorted(i for i, x in enumerate(values) if compare(x, key))
            got = snapshot.scan(["id"], f"{column} {op} {lit}").to_arrow()
            assert sorted(got.column("id").to_pylist()) == want, (column, op, lit)


def test_values_beyond_pythons_datetime_are_reported(tmp_path):
    # Year 10000 is a valid Delta value (int64 microseconds) but no Python date: plan() reports
    # it as a DeltaError instead of an OverflowError, and Arrow output still carries it.
    schema = json.dumps({"type": "struct", "fields": [
        {"name": n, "type": t, "nullable": True, "metadata": {}}
        for n, t in [("id", "long"), ("pd", "date")]]})
    pq.write_table(pa.table({"id": pa.array([1], pa.int64())}), tmp_path / "p.parquet")
    write_commit(tmp_path, [PROTOCOL, metadata(schema, ["pd"]),
                            {"add": {"path": "p.parquet", "partitionValues": {"pd": "10000-01-01"},
                                     "size": (tmp_path / "p.parquet").stat().st_size,
                                     "modificationTime": 0, "dataChange": True}}])
    snapshot = dk.Table(tmp_path).snapshot()
    with pytest.raises(dk.UnsupportedError, match="10000-01-01"):
        snapshot.scan().files()
    days = snapshot.scan().to_arrow().column("pd").cast(pa.int32()).to_pylist()
    assert days == [(date(9999, 12, 31) - date(1970, 1, 1)).days + 1]
    assert json.loads(cli("scan", str(tmp_path), "--format", "jsonl"))["pd"] == "10000-01-01"


def julian_days(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of Julian-calendar date y-m-d: how Spark's legacy hybrid calendar
    stores dates before 1582-10-15."""
    a = (14 - m) // 12
    yy, mm = y + 4800 - a, m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - 32083 - 2440588


def legacy_micros(v: datetime) -> int:
    """v as Spark writes it in the hybrid calendar (UTC): Julian fields before 1582-10-15."""
    if v >= utc(1582, 10, 15):
        return micros(v)
    of_day = micros(v) - micros(datetime.combine(v.date(), datetime.min.time(), UTC))
    return julian_days(v.year, v.month, v.day) * 86_400_000_000 + of_day


# Spark file metadata -> whether its INT64/DATE values and its INT96 values are legacy (Spark's
# own rule: a version before 3.0.0 / 3.1.0, or the legacy marker keys).
LEGACY_FILES = {
    "spark-2.4": ({"org.apache.spark.version": "2.4.5"}, True, True),
    "spark-3.0": ({"org.apache.spark.version": "3.0.3"}, False, True),
    "spark-3.3-legacy": ({"org.apache.spark.version": "3.3.1",
                          "org.apache.spark.legacyDateTime": "",
                          "org.apache.spark.legacyINT96": ""}, True, True),
    "spark-3.5": ({"org.apache.spark.version": "3.5.0"}, False, False),
}
LEGACY_VALUES = [utc(1, 1, 1), utc(1000, 3, 1, 12, 0, 0, 123456), utc(1500, 2, 28),
                 utc(1582, 10, 4, 23, 59, 59, 999999), utc(1582, 10, 15), utc(2024, 2, 29, 1, 2, 3)]


@pytest.mark.parametrize("name", sorted(LEGACY_FILES))
def test_spark_legacy_calendar_files_are_rebased_as_spark_reads_them(tmp_path, name):
    keys, legacy_dates, legacy_int96 = LEGACY_FILES[name]
    nested = {"type": "struct", "fields": [{"name": "t", "type": "timestamp", "nullable": True,
                                             "metadata": {}}]}
    schema = json.dumps({"type": "struct", "fields": [
        {"name": n, "type": t, "nullable": True, "metadata": {}}
        for n, t in [("id", "long"), ("ts", "timestamp"), ("d", "date"), ("s", nested)]]})
    actions = [{"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
               metadata(schema, [])]
    for int96 in (False, True):
        legacy = legacy_int96 if int96 else legacy_dates
        stored = [legacy_micros(v) if legacy else micros(v) for v in LEGACY_VALUES]
        days = [(julian_days(v.year, v.month, v.day) if legacy_dates and v < utc(1582, 10, 15)
                 else (v.date() - date(1970, 1, 1)).days) for v in LEGACY_VALUES]
        ts = pa.array(stored, pa.timestamp("us", tz="UTC"))
        table = pa.table({"id": pa.array(range(len(stored)), pa.int64()) if not int96
                          else pa.array(range(100, 100 + len(stored)), pa.int64()),
                          "ts": ts, "d": pa.array(days, pa.int32()).cast(pa.date32()),
                          "s": pa.StructArray.from_arrays([ts], ["t"])})
        path = f"{'int96' if int96 else 'int64'}.parquet"
        # One row per row group: row-group skipping must not use the stored (Julian) bounds.
        pq.write_table(table.replace_schema_metadata(keys), tmp_path / path, row_group_size=1,
                       use_deprecated_int96_timestamps=int96)
        assert pq.read_metadata(tmp_path / path).metadata[b"org.apache.spark.version"]
        actions.append({"add": {"path": path, "partitionValues": {},
                                "size": (tmp_path / path).stat().st_size,
                                "modificationTime": 0, "dataChange": True}})
    write_commit(tmp_path, actions)
    out = dk.Table(tmp_path).snapshot().scan().to_arrow().to_pydict()
    got = {i: (t, d, s["t"]) for i, t, d, s in zip(out["id"], out["ts"], out["d"], out["s"])}
    for k, v in enumerate(LEGACY_VALUES):
        # INT64 file: timestamps and dates follow the legacy-datetime rule; the INT96 file's
        # timestamps follow the INT96 rule and its dates the datetime rule.
        assert got[k] == (v, v.date(), v), (name, k)
        assert got[100 + k] == (v, v.date(), v), (name, 100 + k)
    snapshot = dk.Table(tmp_path).snapshot()
    for k, v in enumerate(LEGACY_VALUES):
        for predicate in (f"ts = {literal(v, 'ts')}", f"d = DATE '{v.date().isoformat()}'",
                          f"s.t = {literal(v, 'ts')}"):
            got_ids = snapshot.scan(["id"], predicate).to_arrow().column("id").to_pylist()
            assert sorted(got_ids) == [k, 100 + k], (name, predicate)


def test_commit_time_beyond_pythons_datetime_is_reported(tmp_path):
    # An in-commit timestamp (ms) of year 300,000: a valid long, no Python datetime.
    schema = json.dumps({"type": "struct", "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}}]})
    ict = 9_000_000_000_000_000
    write_commit(tmp_path, [
        {"commitInfo": {"inCommitTimestamp": ict, "timestamp": 1}},
        {"protocol": {"minReaderVersion": 1, "minWriterVersion": 7,
                      "writerFeatures": ["inCommitTimestamp"]}},
        {**metadata(schema, []), "metaData": {**metadata(schema, [])["metaData"],
                                              "configuration": {
                                                  "delta.enableInCommitTimestamps": "true"}}}])
    snapshot = dk.Table(tmp_path).snapshot()
    with pytest.raises(dk.UnsupportedError, match=str(ict)):
        snapshot.timestamp
    assert snapshot.version == 0
    # The CLI prints any int64 milliseconds.
    info = json.loads(cli("info", str(tmp_path), "--json"))
    assert info["timestampIso"] == "287168-08-24T16:00:00.000Z"  # 712 x 400 years + 2368-08-24


def test_delta_rs_tables_read_exactly(tmp_path):
    # delta-rs (the deltalake package) writes INT64 micros, statistics truncated to milliseconds
    # at both ends ("9999-12-31T23:59:59.999Z" for a .999999 value) and ntz statistics with a
    # space; partition values "0001-01-01 00:00:00.000000".
    deltalake = pytest.importorskip("deltalake")
    values = VALUES
    table = pa.table({
        "id": pa.array(range(len(values)), pa.int64()),
        "ts": pa.array(values, pa.timestamp("us", tz="UTC")),
        "ntz": pa.array([naive(v) for v in values], pa.timestamp("us")),
        "d": pa.array([v.date() for v in values], pa.date32()),
        "pts": pa.array(values, pa.timestamp("us", tz="UTC")),
    })
    deltalake.write_deltalake(str(tmp_path), table, partition_by=["pts"])
    snapshot = dk.Table(tmp_path).snapshot()
    out = snapshot.scan(["id", "ts", "ntz", "d", "pts"]).to_arrow().to_pydict()
    got = {i: row for i, *row in zip(out["id"], out["ts"], out["ntz"], out["d"], out["pts"])}
    assert got == {i: [v, naive(v), v.date(), v] for i, v in enumerate(values)}
    for k, v in enumerate(values):
        for predicate in (f"ts = {literal(v, 'ts')}", f"ntz = {literal(v, 'ntz')}",
                          f"pts = {literal(v, 'ts')}", f"d = DATE '{v.date().isoformat()}'",
                          f"ts >= {literal(v, 'ts')} AND ts <= {literal(v, 'ts')}"):
            ids = snapshot.scan(["id"], predicate).to_arrow().column("id").to_pylist()
            want = [i for i, x in enumerate(values) if x.date() == v.date()] \
                if predicate.startswith("d =") else [k]
            assert sorted(ids) == want, predicate
