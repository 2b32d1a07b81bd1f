"""The corpus tables delta-rs (the deltalake package) writes: one function per table, as in
cases_spark.py. delta-rs reads its own expectations back through its SQL engine."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, write_deltalake

from corpus_case import Case


def _batch(lo: int, hi: int) -> pa.Table:
    ids = list(range(lo, hi))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "x": pa.array([i % 7 for i in ids], pa.int32()),
        "y": pa.array([float(i * 3 % 11) for i in ids], pa.float64()),
        "name": pa.array([f"n{i}" if i % 9 else None for i in ids], pa.string()),
        "region": pa.array(["eu" if i % 3 else "us" for i in ids], pa.string()),
    })


def rs_dml(c: Case) -> None:
    """delta-rs DELETE, UPDATE and MERGE (copy-on-write), partitioned, change feed on."""
    path = str(c.root)
    write_deltalake(path, _batch(0, 30), partition_by=["region"],
                    configuration={"delta.enableChangeDataFeed": "true"})
    dt = DeltaTable(path)
    dt.delete("x = 3")
    dt.update(updates={"name": "'updated'"}, predicate="id < 5")
    source = pa.table({"id": pa.array([1, 2, 40], pa.int64()), "x": pa.array([9, 9, 9], pa.int32()),
                       "y": pa.array([0.0, 0.0, 0.0]), "name": ["m1", "m2", "m40"],
                       "region": ["us", "eu", "eu"]})
    (dt.merge(source, "t.id = s.id AND t.region = s.region", source_alias="s", target_alias="t")
       .when_matched_update_all().when_not_matched_insert_all().execute())
    for v in range(0, 3):
        c.expect_scan(f"v{v}", version=v)
    c.expect_scan("filtered", filter="x > 2 AND region = 'eu'")
    c.expect_changes("changes", 0)


def rs_optimize_zorder(c: Case) -> None:
    """Many small appends, then delta-rs compaction and a z-order, then a checkpoint."""
    path = str(c.root)
    for lo in range(0, 40, 8):
        write_deltalake(path, _batch(lo, lo + 8), mode="append")
    dt = DeltaTable(path)
    dt.optimize.compact()
    write_deltalake(path, _batch(100, 104), mode="append")
    dt = DeltaTable(path)
    dt.optimize.z_order(["x", "y"])
    DeltaTable(path).create_checkpoint()
    c.expect_scan("v4", version=4)
    c.expect_scan("v5", version=5)
    c.expect_scan("filtered", filter="x = 3 OR y > 9")


def rs_overwrite_schema(c: Case) -> None:
    """delta-rs overwrites: a predicate overwrite, then a new schema (schema_mode)."""
    path = str(c.root)
    write_deltalake(path, _batch(0, 10), partition_by=["region"])
    write_deltalake(path, _batch(50, 53).filter(pc.field("region") == "eu"),
                    mode="overwrite", predicate="region = 'eu'")
    write_deltalake(path, pa.table({"id": pa.array([7], pa.int64()), "z": ["new"],
                                    "region": ["us"]}),
                    mode="overwrite", schema_mode="overwrite", partition_by=["region"])
    for v in range(0, 3):
        c.expect_scan(f"v{v}", version=v)


CASES = [rs_dml, rs_optimize_zorder, rs_overwrite_schema]
