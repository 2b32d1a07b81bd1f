"""Table.optimize: compaction per partition, the partition predicate, Z-order, the result and
the commit it describes, no-op runs, bad arguments; delta-rs reads the optimized table alike."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk


def rows(path: Path) -> list[dict]:
    return sorted(dk.Table(path).scan().to_arrow().to_pylist(), key=lambda r: r["id"])


def three_appends(path: Path) -> Path:
    for i in range(3):
        data = pa.table({"id": pa.array([2 * i, 2 * i + 1], pa.int64()), "region": ["a", "b"]})
        dk.write_table(path, data, mode="append", partition_by=["region"])
    return path


def test_optimize_compacts_each_partition(tmp_path):
    path = three_appends(tmp_path / "t")
    before = rows(path)
    table = dk.Table(path)
    assert len(table.files()) == 6
    r = table.optimize()
    assert isinstance(r, dk.OptimizeResult)
    assert (r.files_considered, r.files_removed, r.files_added) == (6, 6, 2)
    assert (r.partitions_optimized, r.bins, r.rows_written) == (2, 2, 6)
    assert r.deletion_vectors_removed == 0
    assert r.commit is not None and r.commit.version == 3 and r.commit.committed
    assert r.bytes_added == sum(table.files().column("size").to_pylist())
    assert table.version == 3
    assert rows(path) == before
    entry = table.history(limit=1)[0]
    assert entry.operation == "OPTIMIZE"
    # Nothing left: no commit.
    again = table.optimize()
    assert again.commit is None
    assert (again.files_considered, again.files_removed) == (2, 0)
    assert dk.Table(path).version == 3


def test_optimize_predicate_and_zorder(tmp_path):
    path = three_appends(tmp_path / "t")
    r = dk.Table(path).optimize(predicate="region = 'a'")
    assert (r.files_considered, r.files_removed, r.files_added) == (3, 3, 1)
    # Z-order rewrites every file of the selected partitions, lone ones too.
    z = dk.Table(path).optimize(z_order=["id"], target_size=1 << 20)
    assert (z.files_removed, z.files_added, z.partitions_optimized) == (4, 2, 2)
    assert [r["id"] for r in rows(path)] == [0, 1, 2, 3, 4, 5]


def test_optimize_bad_arguments_commit_nothing(tmp_path):
    path = three_appends(tmp_path / "t")
    table = dk.Table(path)
    with pytest.raises(dk.InvalidArgumentError, match="names column 'id', which is not a partition"):
        table.optimize(predicate="id > 1")
    with pytest.raises(dk.InvalidArgumentError, match="'region' is a partition column"):
        table.optimize(z_order=["region"])
    with pytest.raises(dk.InvalidArgumentError, match="target_size"):
        table.optimize(target_size=0)
    with pytest.raises(TypeError):
        table.optimize(z_order="id")
    with pytest.raises(dk.NotFoundError):
        dk.Table(tmp_path / "missing").optimize()
    assert dk.Table(path).version == 2


def test_delta_rs_reads_the_optimized_table_alike(tmp_path):
    deltalake = pytest.importorskip("deltalake")
    path = three_appends(tmp_path / "t")
    dk.Table(path).optimize(z_order=["id"])
    theirs = sorted(deltalake.DeltaTable(str(path)).to_pyarrow_table().to_pylist(),
                    key=lambda r: r["id"])
    assert theirs == rows(path)
    assert len(deltalake.DeltaTable(str(path)).file_uris()) == 2


def test_zorder_over_every_ordered_type_keeps_rows(tmp_path):
    import datetime as dt
    from decimal import Decimal

    path = tmp_path / "types"
    n = 40
    for half in (0, 1):
        ids = list(range(half * n // 2, (half + 1) * n // 2))
        data = pa.table({
            "id": pa.array(ids, pa.int64()),
            "i": pa.array([None if i % 7 == 0 else (i * 37) % 11 - 5 for i in ids], pa.int32()),
            "d": pa.array([float("nan") if i % 9 == 0 else -0.0 if i % 5 == 0 else i / 3
                           for i in ids], pa.float64()),
            "s": pa.array([f"k{(i * 13) % 17:02d}" if i % 6 else None for i in ids]),
            "day": pa.array([dt.date(2026, 1, 1) + dt.timedelta(days=i % 10) for i in ids]),
            "ts": pa.array([dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
                            + dt.timedelta(seconds=i * 17) for i in ids], pa.timestamp("us", "UTC")),
            "dec": pa.array([Decimal(i) / 4 for i in ids], pa.decimal128(10, 2)),
            "b": pa.array([i % 3 == 0 for i in ids]),
            "bin": pa.array([bytes([i % 5, i]) for i in ids]),
        })
        dk.write_table(path, data, mode="append")
    before = rows(path)
    r = dk.Table(path).optimize(z_order=["i", "d", "s", "day", "ts", "dec", "b", "bin"])
    assert (r.files_removed, r.files_added, r.rows_written) == (2, 1, n)

    def same(a):  # NaN != NaN: compare its text
        return [{k: (repr(v) if isinstance(v, float) else v) for k, v in row.items()} for row in a]

    assert same(rows(path)) == same(before)


def test_zorder_writes_rows_in_morton_order(tmp_path):
    import pyarrow.parquet as pq
    from urllib.parse import unquote

    path = tmp_path / "grid"
    # A 4 x 4 grid in reverse order. Ranks 0..3 scaled to 32 bits keep their two top bits, so
    # the key is x1 y1 x0 y0 (x named first): the classic Morton order.
    cells = [(x, y) for x in reversed(range(4)) for y in reversed(range(4))]
    dk.write_table(path, pa.table({"id": pa.array([10 * x + y for x, y in cells], pa.int64()),
                                   "x": pa.array([x for x, _ in cells], pa.int64()),
                                   "y": pa.array([y for _, y in cells], pa.int64())}))
    r = dk.Table(path).optimize(z_order=["x", "y"])
    assert (r.files_removed, r.files_added) == (1, 1)
    [file] = dk.Table(path).files().column("path").to_pylist()
    written = pq.read_table(path / unquote(file))
    assert list(zip(written.column("x").to_pylist(), written.column("y").to_pylist())) == [
        (0, 0), (0, 1), (1, 0), (1, 1), (0, 2), (0, 3), (1, 2), (1, 3),
        (2, 0), (2, 1), (3, 0), (3, 1), (2, 2), (2, 3), (3, 2), (3, 3),
    ]


def test_change_feed_and_in_commit_timestamps_see_no_data_change(tmp_path):
    path = tmp_path / "cdf"
    props = {"delta.enableChangeDataFeed": "true", "delta.enableInCommitTimestamps": "true"}
    for i in range(2):
        dk.write_table(path, pa.table({"id": pa.array([i], pa.int64())}), mode="append",
                       properties=props)
    before = rows(path)
    r = dk.Table(path).optimize()
    assert (r.files_removed, r.files_added, r.commit.version) == (2, 1, 2)
    assert r.commit.in_commit_timestamp is not None
    assert rows(path) == before
    # The optimize commit changes no data: the feed over it is empty.
    assert dk.Table(path).changes(2).to_arrow().num_rows == 0
    assert sorted(dk.Table(path).changes(0).to_arrow().column("id").to_pylist()) == [0, 1]
