"""Transactions from Python (delta_kernel.Transaction) on a copy of examples/sample-table:
written files read back, races rebased or refused with the conflict's kind, idempotent app
ids, removes, and nothing committed when the block raises or the data is wrong.

The sample table: 10 live files of 20 rows (ids 0-239 minus 80-99 and 140-159), partitioned by
region (eu-west 4 files, us-east 4, us-west 2), version 5, in-commit timestamps enabled.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk


@pytest.fixture()
def table(tmp_path: Path, sample_table: Path) -> dk.Table:
    shutil.copytree(sample_table, tmp_path / "t")
    return dk.Table(tmp_path / "t")


# The sample table's schema, as scans return it.
SCHEMA = dk.Table(Path(__file__).resolve().parents[2] / "examples" / "sample-table").schema


def rows(table: dk.Table, filter: str | None = None) -> list[dict]:
    data = table.refresh().scan(filter=filter).to_arrow()
    return sorted(data.to_pylist(), key=lambda r: r["id"])


def new_rows(ids: list[int], region: str | None) -> pa.Table:
    """Rows in the sample table's schema."""
    n = len(ids)
    return pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "quantity": pa.array([i * 2 for i in ids], pa.int32()),
            "price": pa.array([i + 0.5 for i in ids], pa.float64()),
            "name": pa.array([f"new-{i}" for i in ids]),
            "event_date": pa.array([None] * n, pa.date32()),
            "event_time": pa.array([None] * n, pa.timestamp("us", tz="UTC")),
            "active": pa.array([i % 2 == 0 for i in ids]),
            "amount": pa.array([Decimal(f"{i}.25") for i in ids], pa.decimal128(10, 2)),
            "region": pa.array([region] * n, pa.string()),
        },
        schema=SCHEMA,
    )


def test_write_files_and_commit_in_a_block(table: dk.Table):
    before = rows(table)
    assert len(before) == 200
    with table.transaction() as txn:
        assert txn.read_version == 5
        assert txn.isolation_level == "Serializable"
        assert txn.partition_columns == ["region"]
        files = txn.write_files(new_rows([1000, 1001, 1002], "ap-south"))
        assert len(files) == 1
        (f,) = files
        assert f["partition_values"] == {"region": "ap-south"}
        assert f["num_records"] == 3
        assert f["size"] > 0
        stats = json.loads(f["stats"])
        assert stats["numRecords"] == 3
        assert stats["minValues"]["id"] == 1000 and stats["maxValues"]["id"] == 1002
        assert stats["nullCount"]["event_date"] == 3
        txn.set_operation("WRITE", {"mode": "Append", "partitionBy": []})
        txn.add_files(files)
    r = txn.result
    assert r.version == 6 and r.committed and r.attempts == 1 and r.rebased_over == []
    assert r.warnings == [] and r.recovered_lost_response is False
    assert r.in_commit_timestamp is not None and r.in_commit_timestamp > table.history(2)[1].timestamp
    after = rows(table)
    assert len(after) == 203
    assert after[-3:] == [
        {
            "id": i,
            "quantity": i * 2,
            "price": i + 0.5,
            "name": f"new-{i}",
            "event_date": None,
            "event_time": None,
            "active": i % 2 == 0,
            "amount": Decimal(f"{i}.25"),
            "region": "ap-south",
        }
        for i in (1000, 1001, 1002)
    ]
    assert after[:200] == before
    entry = table.history(1)[0]
    assert entry.version == 6
    assert entry.operation == "WRITE"
    assert entry.operation_parameters == {"mode": "Append", "partitionBy": "[]"}
    assert entry.commit_info["readVersion"] == 5
    assert entry.commit_info["isBlindAppend"] is True


def test_a_raising_block_commits_nothing(table: dk.Table):
    with pytest.raises(RuntimeError, match="stop"):
        with table.transaction() as txn:
            txn.add_files(txn.write_files(new_rows([1000], "eu-west")))
            raise RuntimeError("stop")
    assert table.refresh().version == 5
    with pytest.raises(dk.InvalidArgumentError, match="committed or abandoned"):
        txn.commit()


def test_blind_appends_from_one_snapshot_are_rebased(table: dk.Table):
    snap = table.snapshot()
    a, b = snap.transaction(), snap.transaction()
    a.add_files(a.write_files(new_rows([1000], "eu-west")))
    b.add_files(b.write_files(new_rows([1001], "eu-west")))
    ra, rb = a.commit(), b.commit()
    assert (ra.version, ra.attempts, ra.rebased_over) == (6, 1, [])
    assert (rb.version, rb.attempts, rb.rebased_over) == (7, 2, [6])
    assert [r["id"] for r in rows(table, "id >= 1000")] == [1000, 1001]


def test_append_into_what_was_read_conflicts(table: dk.Table):
    snap = table.snapshot()
    a, b = snap.transaction(), snap.transaction()
    b.record_read_predicate("region = 'eu-west'")
    a.add_files(a.write_files(new_rows([1000], "eu-west")))
    b.add_files(b.write_files(new_rows([1001], "us-east")))
    assert a.commit().version == 6
    with pytest.raises(dk.ConflictError) as info:
        b.commit()
    err = info.value
    assert err.detail_kind == "ConcurrentAppend"
    assert err.detail_version == 6
    assert "region" in err.detail_subject
    assert table.refresh().version == 6
    assert [r["id"] for r in rows(table, "id >= 1000")] == [1000]


def test_append_outside_the_predicate_read_is_rebased(table: dk.Table):
    snap = table.snapshot()
    a, b = snap.transaction(), snap.transaction()
    b.record_read_predicate("region = 'eu-west'")
    a.add_files(a.write_files(new_rows([1000], "us-west")))
    b.add_files(b.write_files(new_rows([1001], "eu-west")))
    assert a.commit().version == 6
    rb = b.commit()
    assert (rb.version, rb.rebased_over) == (7, [6])


def test_removing_the_same_file_twice_conflicts(table: dk.Table):
    snap = table.snapshot()
    files = snap.files().to_pylist()
    victim = files[0]
    a, b = snap.transaction(), snap.transaction()
    a.remove_file(victim["path"])
    b.remove_file(victim)  # the files() row itself
    assert a.commit().version == 6
    with pytest.raises(dk.ConflictError) as info:
        b.commit()
    assert info.value.detail_kind == "ConcurrentDeleteDelete"
    assert info.value.detail_version == 6
    assert info.value.detail_subject == victim["path"]
    assert table.refresh().num_files == 9
    assert len(rows(table)) == 180


def test_remove_of_a_file_that_is_not_live(table: dk.Table):
    txn = table.transaction()
    with pytest.raises(dk.NotFoundError, match="'nope.parquet' is not a live file of version 5"):
        txn.remove_file("nope.parquet")
    with pytest.raises(TypeError, match="file path must be a str"):
        txn.remove_file(42)


def test_idempotent_app_transaction(table: dk.Table):
    def write(version: int) -> dk.CommitResult:
        with table.transaction() as txn:
            txn.set_app_transaction("ingest", version)
            txn.add_files(txn.write_files(new_rows([1000 + version], "eu-west")))
        return txn.result

    assert write(1).version == 6
    again = write(1)
    assert again.committed is False and again.version == 6
    assert write(2).version == 7
    assert table.refresh().set_transactions == {"ingest": 2}
    assert table.transaction().read_app_version("ingest") == 2
    assert table.transaction().read_app_version("other") is None
    assert [r["id"] for r in rows(table, "id >= 1000")] == [1001, 1002]


def test_concurrent_commit_of_an_app_id_read_conflicts(table: dk.Table):
    snap = table.snapshot()
    a, b = snap.transaction(), snap.transaction()
    assert b.read_app_version("ingest") is None
    a.set_app_transaction("ingest", 1)
    assert a.commit().version == 6
    b.add_files(b.write_files(new_rows([1000], "eu-west")))
    with pytest.raises(dk.ConflictError) as info:
        b.commit()
    assert info.value.detail_kind == "ConcurrentTransaction"
    assert info.value.detail_subject == "ingest"


def test_bad_input_names_the_column_and_commits_nothing(table: dk.Table):
    txn = table.transaction()
    with pytest.raises(dk.InvalidArgumentError, match="no_such_column"):
        txn.record_read_predicate("no_such_column = 1")
    mistyped = new_rows([1000], "eu-west")
    mistyped = mistyped.set_column(1, "quantity", pa.array(["many"]))
    with pytest.raises(dk.InvalidArgumentError, match="'quantity' has type string in the data"):
        txn.write_files(mistyped)
    bad = new_rows([1000], "eu-west").set_column(
        0, pa.field("id", pa.int64(), nullable=True), pa.array([None], pa.int64())
    )
    with pytest.raises(dk.InvalidArgumentError, match="id"):
        txn.write_files(bad)
    with pytest.raises(TypeError, match="must be Arrow data"):
        txn.write_files({"id": [1]})
    assert txn.commit().version == 6  # an empty commit: nothing written above is in it
    assert len(rows(table)) == 200


def test_engine_written_files_and_metadata(table: dk.Table):
    snap = table.snapshot()
    # An engine that writes its own Parquet file and describes it.
    written = snap.transaction().write_files(new_rows([1000, 1001], "us-west"))
    described = [{k: f[k] for k in ("path", "size", "num_records", "partition_values")} for f in written]
    with table.transaction() as txn:
        txn.add_files(described)
        txn.update_metadata(
            configuration={**snap.properties, "delta.appendOnly": "false"}, description="events"
        )
    assert txn.result.version == 6
    latest = table.refresh()
    assert latest.metadata.description == "events"
    assert latest.metadata.configuration["delta.appendOnly"] == "false"
    assert [r["id"] for r in rows(table, "id >= 1000")] == [1000, 1001]
    with pytest.raises(dk.InvalidArgumentError, match="file 0 has no 'size'"):
        table.transaction().add_files([{"path": "x.parquet", "num_records": 1}])


def test_transaction_arguments(table: dk.Table):
    with pytest.raises(dk.InvalidArgumentError, match="isolation_level must be one of"):
        table.transaction(isolation_level="serial")
    assert table.transaction(isolation_level="WriteSerializable").isolation_level == (
        "WriteSerializable"
    )
    with pytest.raises(dk.InvalidArgumentError, match="max_attempts must be an integer from 1"):
        table.transaction(max_attempts=0)
    with pytest.raises(TypeError, match="JSON-serialisable"):
        table.transaction().set_operation("WRITE", {"x": object()})


def test_write_files_pulls_a_python_generator_without_holding_the_gil(table: dk.Table):
    txn = table.transaction()
    seen = []

    def batches():
        for i in (1000, 1001):
            # Pulled by the engine while write_files runs without the GIL: calling back into
            # the transaction from here is refused, not a data race.
            try:
                txn.record_read_whole_table()
            except dk.InvalidArgumentError as e:
                seen.append(str(e))
            yield new_rows([i], "eu-west").to_batches()[0]

    reader = pa.RecordBatchReader.from_batches(SCHEMA, batches())
    files = txn.write_files(reader)
    assert seen == [
        "the transaction is busy with another call (it is not thread-safe: build and "
        "commit it from one thread)"
    ] * 2
    txn.add_files(files)
    assert txn.commit().version == 6
    assert [r["id"] for r in rows(table, "id >= 1000")] == [1000, 1001]


def test_threads_racing_blind_appends_all_land(table: dk.Table):
    """Commits run without the GIL: 4 threads x 5 appends race, every one lands once."""
    from concurrent.futures import ThreadPoolExecutor

    def writer(w: int) -> list[int]:
        out = []
        for i in range(5):
            snap = dk.Table(table.uri).snapshot()
            with snap.transaction() as txn:
                txn.add_files(txn.write_files(new_rows([1000 + 10 * w + i], "us-west")))
            out.append(txn.result.version)
        return out

    with ThreadPoolExecutor(4) as pool:
        got = [v for vs in pool.map(writer, range(4)) for v in vs]
    assert sorted(got) == list(range(6, 26))
    assert [r["id"] for r in rows(table, "id >= 1000")] == sorted(
        1000 + 10 * w + i for w in range(4) for i in range(5)
    )
    assert table.refresh().version == 25
