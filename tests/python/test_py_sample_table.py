"""delta_kernel on examples/sample-table: every call, with exact values.

The sample table (scripts/make-sample-table.sh): 8 columns plus the partition column region,
versions 0-5 committed hourly from 2024-01-15T09:00Z with in-commit timestamps, a classic
checkpoint at version 4; 10 live files of 20 rows (eu-west 4, us-east 4, us-west 2), ids 0-239
minus the 40 (80-99, 140-159) of the two removed files.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import delta_kernel as dk

T0 = datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc)  # version 0; one commit per hour


def hour(n: int) -> datetime:
    return T0.replace(hour=9 + n)


SCHEMA = pa.schema(
    [
        pa.field("id", pa.int64(), nullable=False),
        pa.field("quantity", pa.int32()),
        pa.field("price", pa.float64()),
        pa.field("name", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("event_time", pa.timestamp("us", tz="UTC")),
        pa.field("active", pa.bool_()),
        pa.field("amount", pa.decimal128(10, 2)),
        pa.field("region", pa.string()),
    ]
)


@pytest.fixture(scope="module")
def table(sample_table: Path) -> dk.Table:
    return dk.Table(sample_table)


def test_table_uri_and_latest(table: dk.Table, sample_table: Path):
    assert table.uri == sample_table.resolve().as_uri()
    assert repr(table) == f"<delta_kernel.Table {table.uri}>"
    assert table.version == 5
    # A str path and a file:// URI name the same table.
    assert dk.Table(str(sample_table)).uri == table.uri
    assert dk.Table(sample_table.resolve().as_uri()).version == 5


def test_protocol_and_metadata(table: dk.Table):
    assert table.protocol == dk.Protocol(
        min_reader_version=1,
        min_writer_version=7,
        reader_features=None,
        writer_features=["inCommitTimestamp"],
    )
    md = table.metadata
    assert md.id == "09a89eeb-62b5-4a85-b2f4-19097da51e15"
    assert md.name is None and md.description is None
    assert md.format_provider == "parquet" and md.format_options == {}
    assert md.partition_columns == ["region"]
    assert md.configuration == {
        "delta.checkpointInterval": "4",
        "delta.enableInCommitTimestamps": "true",
    }
    assert md.created_time == 1705309200000
    assert [f["name"] for f in json.loads(md.schema_string)["fields"]] == SCHEMA.names


def test_schema(table: dk.Table):
    assert table.schema == SCHEMA
    snap = table.snapshot()
    assert snap.schema == SCHEMA
    fields = json.loads(snap.schema_json)["fields"]
    assert [(f["name"], f["type"]) for f in fields][:2] == [("id", "long"), ("quantity", "integer")]
    assert fields[7]["type"] == "decimal(10,2)"


def test_snapshot_properties(table: dk.Table):
    snap = table.snapshot()
    assert snap.version == 5
    assert snap.timestamp == hour(5)
    assert snap.table_uri == table.uri
    assert snap.partition_columns == ["region"]
    assert snap.properties == table.metadata.configuration
    assert snap.checkpoint_version == 4
    assert snap.warnings == []
    assert snap.set_transactions == {}
    assert snap.num_files == 10
    assert repr(snap) == f"<delta_kernel.Snapshot {table.uri} version=5>"


def test_snapshot_at_version(table: dk.Table):
    for version, files in [(0, 2), (1, 4), (2, 6), (5, 10)]:
        snap = table.snapshot(version=version)
        assert snap.version == version
        assert snap.timestamp == hour(version)
        assert snap.num_files == files
        assert snap.scan().to_arrow().num_rows == 20 * files
    assert table.snapshot(version=3).checkpoint_version is None
    assert table.snapshot(version=4).checkpoint_version == 4


@pytest.mark.parametrize(
    "when, version",
    [
        (hour(0), 0),
        (datetime(2024, 1, 15, 12, 30, tzinfo=timezone.utc), 3),
        (datetime(2024, 1, 15, 12, 30), 3),  # naive = UTC
        ("2024-01-15T12:30:00Z", 3),
        ("2024-01-15T13:30:00+01:00", 3),
        ("2024-01-15 13:00:00", 4),
        (1705327200000, 5),  # ms since the epoch
        (1705327199999, 4),
    ],
)
def test_snapshot_at_timestamp(table: dk.Table, when, version):
    assert table.snapshot(timestamp=when).version == version


def test_snapshot_selector_errors(table: dk.Table):
    with pytest.raises(dk.InvalidArgumentError, match="not both"):
        table.snapshot(version=1, timestamp=hour(1))
    with pytest.raises(dk.InvalidArgumentError, match="version must be an integer from 0 to 9223372036854775807, got -1"):
        table.snapshot(version=-1)
    with pytest.raises(dk.InvalidArgumentError, match="not an ISO 8601 time"):
        table.snapshot(timestamp="yesterday")
    with pytest.raises(TypeError):
        table.snapshot(version="3")  # type: ignore[arg-type]
    with pytest.raises(dk.NotFoundError):
        table.snapshot(version=6)
    with pytest.raises(dk.NotFoundError):
        table.snapshot(timestamp=date(2024, 1, 14))  # before version 0
    with pytest.raises(dk.NotFoundError):
        table.snapshot(timestamp=date(2024, 1, 16))  # after the latest commit


def test_history(table: dk.Table):
    history = table.history()
    assert [h.version for h in history] == [5, 4, 3, 2, 1, 0]
    assert [h.timestamp for h in history] == [hour(v) for v in (5, 4, 3, 2, 1, 0)]
    assert [h.operation for h in history] == ["MERGE", "WRITE", "MERGE", "WRITE", "WRITE", "WRITE"]
    assert history[1].operation_parameters == {"mode": "Append", "partitionBy": '["region"]'}
    assert history[0].commit_info["inCommitTimestamp"] == 1705327200000
    assert [h.version for h in table.history(limit=2)] == [5, 4]
    assert table.history(limit=0) == []


def test_files(table: dk.Table):
    files = table.files()
    assert files.schema.names == [
        "path", "location", "size", "modification_time", "data_change", "num_records",
        "deleted_rows", "partition_values", "stats",
    ]
    assert files.num_rows == 10
    assert pc.sum(files["size"]).as_py() == table.snapshot().total_bytes
    assert files["num_records"].to_pylist() == [20] * 10
    assert files["deleted_rows"].to_pylist() == [0] * 10
    regions = sorted(dict(pv)["region"] for pv in files["partition_values"].to_pylist())
    assert regions == ["eu-west"] * 4 + ["us-east"] * 4 + ["us-west"] * 2
    for path, location in zip(files["path"].to_pylist(), files["location"].to_pylist()):
        assert location == f"{table.uri}/{path}"
        assert path.startswith("region=")
    stats = json.loads(files["stats"][0].as_py())
    assert stats["numRecords"] == 20


def test_scan_all_rows(table: dk.Table):
    scan = table.scan()
    assert scan.schema == SCHEMA
    assert scan.version == 5 and scan.filter is None
    rows = scan.to_arrow()
    assert rows.schema == SCHEMA
    assert rows.num_rows == 200
    assert pc.sum(rows["id"]).as_py() == 23900
    assert pc.count_distinct(rows["id"]).as_py() == 200


def test_scan_columns_filter_limit(table: dk.Table):
    scan = table.scan(columns=["REGION", "id", "amount"], filter="region = 'eu-west'")
    # Names come back in the schema's spelling, in the requested order.
    assert scan.schema.names == ["region", "id", "amount"]
    assert scan.filter == "region = 'eu-west'"
    assert repr(scan) == (
        "<delta_kernel.Scan version=5 columns=['region', 'id', 'amount'], "
        "filter=\"region = 'eu-west'\">"
    )
    rows = scan.to_arrow()
    assert rows.num_rows == 80
    assert set(rows["region"].to_pylist()) == {"eu-west"}
    assert pc.sum(rows["amount"]).as_py() == Decimal("3067390.81")
    # Without skipping the rows are the same.
    same = table.scan(columns=["region", "id", "amount"], filter="region = 'eu-west'",
                      skipping=False).to_arrow()
    assert sorted(same["id"].to_pylist()) == sorted(rows["id"].to_pylist())
    assert table.scan(limit=7).to_arrow().num_rows == 7
    assert table.scan(limit=0).to_arrow().num_rows == 0
    assert table.scan(filter="id < 10 AND quantity IS NOT NULL").to_arrow().num_rows <= 10


def test_scan_metadata_columns(table: dk.Table):
    rows = table.scan(columns=["id"], metadata_columns=["_file_path", "_row_index"]).to_arrow()
    assert rows.schema.names == ["id", "_file_path", "_row_index"]
    assert rows.schema.field("_row_index").type == pa.int64()
    paths = set(rows["_file_path"].to_pylist())
    assert paths == set(table.files()["location"].to_pylist())
    assert sorted(set(rows["_row_index"].to_pylist())) == list(range(20))


def test_scan_plan(table: dk.Table):
    plan = table.scan(filter="region = 'us-west'").plan()
    assert (plan.total_files, plan.pruned_by_partition, plan.skipped_by_stats) == (10, 8, 0)
    assert len(plan.files) == 2
    for f in plan.files:
        assert f.partition_values == {"region": "us-west"}
        assert f.num_records == 20 and f.deletion_vector is None
        assert f.location == f"{table.uri}/{f.path}"
    # Statistics skip files: each file holds 20 consecutive ids (80-99 and 140-159 were
    # removed).
    plan = table.scan(filter="id = 130").plan()
    assert len(plan.files) == 1 and plan.skipped_by_stats == 9
    assert table.scan(filter="id = 130").files() == plan.files
    assert table.scan(filter="id = 150").plan().skipped_by_stats == 10
    assert table.scan(filter="id = 150").to_arrow().num_rows == 0


def test_scan_is_rereadable(table: dk.Table):
    scan = table.scan(columns=["id"])
    first = sorted(pa.table(scan)["id"].to_pylist())
    second = sorted(scan.to_arrow()["id"].to_pylist())
    assert first == second and len(first) == 200


def test_refresh(table: dk.Table):
    old = table.snapshot(version=2)
    assert old.refresh(version=3).version == 3
    assert old.refresh().version == 5
    assert table.refresh().version == 5
