"""Tables written by Delta Spark read by our kernel exactly as Spark and delta-rs read them: every
Delta data type, partition values that need escaping, column mapping (name and id), deletion
vectors, the change data feed, in-commit timestamps, row tracking and type widening. Each test
states the rows it expects and checks all three reads against them (one SparkSession for the
run: conftest.py)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import delta_kernel as dk
from peers import (
    assert_change_feeds,
    assert_peers_read,
    assert_rows_equal,
    delta_rs_rows,
    insert_update_delete_feed,
    kernel_rows,
    sorted_rows,
    spark_rows,
)

UTC = timezone.utc


def commit_actions(root: Path, version: int) -> list[dict]:
    text = (root / "_delta_log" / f"{version:020d}.json").read_text()
    return [json.loads(line) for line in text.splitlines() if line]


def protocol_features(root: Path) -> set[str]:
    """Reader and writer features of the table's latest protocol (from the JSON commits)."""
    protocol = None
    for commit in sorted((root / "_delta_log").glob("[0-9]" * 20 + ".json")):
        for action in commit_actions(root, int(commit.stem)):
            protocol = action.get("protocol", protocol)
    assert protocol is not None, f"no protocol in the commits of {root}"
    return set(protocol.get("readerFeatures", [])) | set(protocol.get("writerFeatures", []))


def assert_all_read(spark, root: Path, expected: list[dict], *, delta_rs: bool = True) -> None:
    """Spark's, delta-rs's (unless ``delta_rs=False``) and our reads all equal ``expected``."""
    assert_peers_read(spark, root, expected, delta_rs=delta_rs)
    assert_rows_equal(kernel_rows(root), expected, f"delta_kernel reading {root}")


# --- every data type ----------------------------------------------------------------------------

ALL_TYPES_DDL = """
CREATE TABLE {t} (
  id INT, b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f32 FLOAT, f64 DOUBLE,
  d5 DECIMAL(5,2), d18 DECIMAL(18,6), d38 DECIMAL(38,10), s STRING, bin BINARY, dt DATE,
  ts TIMESTAMP, ntz TIMESTAMP_NTZ,
  st STRUCT<x: INT, inner: STRUCT<z: STRING, arr: ARRAY<BIGINT>>>,
  arr ARRAY<INT>, arr_st ARRAY<STRUCT<a: INT, b: STRING>>, arr_arr ARRAY<ARRAY<STRING>>,
  m MAP<STRING, INT>, m_nested MAP<INT, STRUCT<v: ARRAY<DOUBLE>>>
) USING delta
"""

ALL_TYPES_INSERT = """
INSERT INTO {t} VALUES
(1, true, -128Y, -32768S, -2147483648, -9223372036854775808L, CAST(1.5 AS FLOAT), -0.25,
 CAST('-999.99' AS DECIMAL(5,2)), CAST('123456789012.123456' AS DECIMAL(18,6)),
 CAST('-1234567890123456789012345678.0123456789' AS DECIMAL(38,10)), 'héllo, wörld ☃', X'00FF7F',
 DATE'1969-07-20', TIMESTAMP'2024-02-29 23:59:59.999999', TIMESTAMP_NTZ'1900-01-01 00:00:00.000001',
 named_struct('x', 7, 'inner', named_struct('z', 'deep', 'arr', array(1L, NULL, 3L))),
 array(1, NULL, 3), array(named_struct('a', 1, 'b', 'one'),
 CAST(NULL AS STRUCT<a: INT, b: STRING>)), array(array('x'), array(), NULL),
 map('a', 1, 'b', NULL), map(5, named_struct('v', array(0.5, -1.0E300))))
,
(2, false, 127Y, 32767S, 2147483647, 9223372036854775807L, CAST(-3.25 AS FLOAT), 1.0E-300,
 CAST('0.01' AS DECIMAL(5,2)), CAST('-0.000001' AS DECIMAL(18,6)),
 CAST('9999999999999999999999999999.9999999999' AS DECIMAL(38,10)), '', X'',
 DATE'9999-12-31', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'2038-01-19 03:14:08',
 named_struct('x', NULL, 'inner', CAST(NULL AS STRUCT<z: STRING, arr: ARRAY<BIGINT>>)),
 array(), array(), array(), map(), map())
"""

# A null struct needs its type spelled out: Spark's INSERT stores a bare NULL in a VALUES row
# or array where a struct goes as a struct of nulls.
ALL_TYPES_NULLS = """
INSERT INTO {t} SELECT 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, CAST(NULL AS STRUCT<x: INT, inner: STRUCT<z: STRING, arr: ARRAY<BIGINT>>>),
  NULL, NULL, NULL, NULL, NULL
"""

ALL_TYPES_ROWS = [
    {
        "id": 1, "b": True, "i8": -128, "i16": -32768, "i32": -2147483648,
        "i64": -9223372036854775808, "f32": 1.5, "f64": -0.25,
        "d5": Decimal("-999.99"), "d18": Decimal("123456789012.123456"),
        "d38": Decimal("-1234567890123456789012345678.0123456789"),
        "s": "héllo, wörld ☃", "bin": b"\x00\xff\x7f", "dt": date(1969, 7, 20),
        "ts": datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC),
        "ntz": datetime(1900, 1, 1, 0, 0, 0, 1),
        "st": {"x": 7, "inner": {"z": "deep", "arr": [1, None, 3]}},
        "arr": [1, None, 3], "arr_st": [{"a": 1, "b": "one"}, None],
        "arr_arr": [["x"], [], None],
        "m": [("a", 1), ("b", None)], "m_nested": [(5, {"v": [0.5, -1.0e300]})],
    },
    {
        "id": 2, "b": False, "i8": 127, "i16": 32767, "i32": 2147483647,
        "i64": 9223372036854775807, "f32": -3.25, "f64": 1.0e-300,
        "d5": Decimal("0.01"), "d18": Decimal("-0.000001"),
        "d38": Decimal("9999999999999999999999999999.9999999999"),
        "s": "", "bin": b"", "dt": date(9999, 12, 31),
        "ts": datetime(1970, 1, 1, tzinfo=UTC), "ntz": datetime(2038, 1, 19, 3, 14, 8),
        "st": {"x": None, "inner": None}, "arr": [], "arr_st": [], "arr_arr": [],
        "m": [], "m_nested": [],
    },
    {"id": 3, **{k: None for k in ["b", "i8", "i16", "i32", "i64", "f32", "f64", "d5", "d18",
                                   "d38", "s", "bin", "dt", "ts", "ntz", "st", "arr", "arr_st",
                                   "arr_arr", "m", "m_nested"]}},
]


def test_every_data_type(spark, spark_table):
    root = spark_table("all_types", ALL_TYPES_DDL, ALL_TYPES_INSERT, ALL_TYPES_NULLS)
    assert "timestampNtz" in protocol_features(root)
    assert_all_read(spark, root, ALL_TYPES_ROWS)


# --- partition values ---------------------------------------------------------------------------

# Values that need escaping in paths, an empty string (Spark stores it as null), and nulls.
PARTITION_STRINGS = ["a b", "x/y", "c:d", "50%", "é=ü", "#{}[]", "semi;colon", "", None]


def test_partition_values_that_need_escaping(spark, spark_table):
    def row(i: int, p: str | None) -> str:
        text = "NULL" if p is None else "'" + p.replace("'", "''") + "'"
        n = i % 3 if i % 4 else "NULL"
        d = "NULL" if i == 2 else f"DATE'2024-01-0{1 + i % 2}'"
        return f"({i}, {text}, {n}, {d}, TIMESTAMP'2024-03-10 0{i % 2}:30:00.5')"

    root = spark_table(
        "partitioned",
        "CREATE TABLE {t} (id INT, p STRING, n INT, d DATE, t TIMESTAMP) USING delta "
        "PARTITIONED BY (p, n, d, t)",
        "INSERT INTO {t} VALUES " + ", ".join(row(i, p) for i, p in enumerate(PARTITION_STRINGS)),
    )
    expected = [
        {
            "id": i,
            "p": None if s == "" else s,  # Spark writes an empty string partition as null
            "n": i % 3 if i % 4 else None,
            "d": None if i == 2 else date(2024, 1, 1 + i % 2),
            "t": datetime(2024, 3, 10, i % 2, 30, 0, 500000, tzinfo=UTC),
        }
        for i, s in enumerate(PARTITION_STRINGS)
    ]
    assert_all_read(spark, root, expected)
    # Filters on partition columns prune the same way Spark's do.
    ours = sorted_rows(dk.Table(str(root)).scan(filter="p = 'x/y' OR p IS NULL").to_arrow())
    theirs = sorted_rows(
        spark.read.format("delta").load(str(root)).where("p = 'x/y' OR p IS NULL").toArrow()
    )
    assert ours == theirs == sorted_rows([r for r in expected if r["p"] in ("x/y", None)])


# --- column mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["name", "id"])
def test_column_mapping(spark, spark_table, mode):
    root = spark_table(
        f"column_mapping_{mode}",
        "CREATE TABLE {t} (id INT, `col with space` STRING, info STRUCT<a: INT, b: STRING>, "
        "gone DOUBLE, part STRING) USING delta PARTITIONED BY (part) "
        f"TBLPROPERTIES ('delta.columnMapping.mode' = '{mode}')",
        "INSERT INTO {t} VALUES (1, 'one', named_struct('a', 10, 'b', 'x'), 1.0, 'p1'), "
        "(2, NULL, CAST(NULL AS STRUCT<a: INT, b: STRING>), 2.0, 'p2')",
        # Renames and drops only change the mapping: the Parquet files keep physical names.
        "ALTER TABLE {t} RENAME COLUMN `col with space` TO renamed",
        "ALTER TABLE {t} RENAME COLUMN info.a TO a_renamed",
        "ALTER TABLE {t} DROP COLUMN gone",
        "ALTER TABLE {t} ADD COLUMNS (added BIGINT)",
        "INSERT INTO {t} VALUES (3, 'three', named_struct('a_renamed', 30, 'b', 'z'), 'p1', 99)",
    )
    assert "columnMapping" in protocol_features(root)
    expected = [
        {"id": 1, "renamed": "one", "info": {"a_renamed": 10, "b": "x"}, "part": "p1",
         "added": None},
        {"id": 2, "renamed": None, "info": None, "part": "p2", "added": None},
        {"id": 3, "renamed": "three", "info": {"a_renamed": 30, "b": "z"}, "part": "p1",
         "added": 99},
    ]
    assert_all_read(spark, root, expected)


# --- deletion vectors ---------------------------------------------------------------------------


def test_deletion_vectors(spark, spark_table):
    root = spark_table(
        "deletion_vectors",
        "CREATE TABLE {t} (id BIGINT, name STRING) USING delta "
        # A classic checkpoint at version 2 carries the deletion vector.
        "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true', "
        "'delta.checkpointInterval' = '2')",
        # One file of 20 rows, so that the DELETE marks rows in it rather than rewriting it.
        "INSERT INTO {t} SELECT /*+ COALESCE(1) */ id, concat('n', id) FROM range(20)",
        "DELETE FROM {t} WHERE id % 3 = 0",
    )
    adds = [a["add"] for a in commit_actions(root, 2) if "add" in a]
    assert [a["deletionVector"]["cardinality"] for a in adds] == [7]
    assert (root / "_delta_log" / f"{2:020d}.checkpoint.parquet").is_file()
    expected = [{"id": i, "name": f"n{i}"} for i in range(20) if i % 3]
    assert_all_read(spark, root, expected)
    # Time travel to before the DELETE: no deletion vector yet.
    before = [{"id": i, "name": f"n{i}"} for i in range(20)]
    assert_rows_equal(spark_rows(spark, root, version=1), before, "Delta Spark at v1")
    assert_rows_equal(delta_rs_rows(root, version=1), before, "delta-rs at v1")
    assert_rows_equal(kernel_rows(root, version=1), before, "delta_kernel at v1")


# --- change data feed ---------------------------------------------------------------------------


@pytest.mark.parametrize("dvs", [False, True], ids=["rewrites", "deletion-vectors"])
def test_change_data_feed(spark, spark_table, dvs):
    # With deletion vectors, the UPDATE and DELETE mark rows in the one data file instead of
    # rewriting it, and the feed's deletes come from CDC files beside those vectors.
    root = spark_table(
        "cdf",
        "CREATE TABLE {t} (id INT, v STRING) USING delta "
        "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true', "
        f"'delta.enableDeletionVectors' = '{str(dvs).lower()}')",
        "INSERT INTO {t} SELECT /*+ COALESCE(1) */ * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "UPDATE {t} SET v = 'B' WHERE id = 2",
        "DELETE FROM {t} WHERE id = 3",
    )
    adds = [a["add"] for v in (2, 3) for a in commit_actions(root, v) if "add" in a]
    assert sum(1 for a in adds if a.get("deletionVector")) == (2 if dvs else 0)
    assert_change_feeds(spark, root, 1, insert_update_delete_feed(1))
    assert_all_read(spark, root, [{"id": 1, "v": "a"}, {"id": 2, "v": "B"}])


# --- in-commit timestamps -----------------------------------------------------------------------


def test_in_commit_timestamps(spark, spark_table):
    root = spark_table(
        "ict",
        "CREATE TABLE {t} (id INT) USING delta "
        "TBLPROPERTIES ('delta.enableInCommitTimestamps' = 'true')",
        "INSERT INTO {t} VALUES (1)",
        "INSERT INTO {t} VALUES (2)",
    )
    assert "inCommitTimestamp" in protocol_features(root)
    ict = [
        next(a["commitInfo"]["inCommitTimestamp"] for a in commit_actions(root, v)
             if "commitInfo" in a)
        for v in range(3)
    ]
    spark_history = {
        r["version"]: r["timestamp"]
        for r in spark.sql(f"DESCRIBE HISTORY delta.`{root}`").toArrow().to_pylist()
    }
    ours = {e.version: e.timestamp for e in dk.Table(str(root)).history()}
    expected = {v: datetime.fromtimestamp(ms / 1000, UTC) for v, ms in enumerate(ict)}
    assert ours == spark_history == expected
    assert_all_read(spark, root, [{"id": 1}, {"id": 2}])
    assert kernel_rows(root, version=1) == spark_rows(spark, root, version=1) == [{"id": 1}]
    # Time travel by time resolves through the in-commit timestamps: version 1's exact time.
    at = expected[1]
    ours_at = dk.Table(str(root)).snapshot(timestamp=at).scan().to_arrow().to_pylist()
    spark_at = spark.read.format("delta").option("timestampAsOf", at.isoformat(" ")[:26])
    assert ours_at == spark_at.load(str(root)).toArrow().to_pylist() == [{"id": 1}]


# --- row tracking -------------------------------------------------------------------------------


def test_row_tracking(spark, spark_table):
    root = spark_table(
        "row_tracking",
        "CREATE TABLE {t} (id INT, v STRING) USING delta "
        # A V2 checkpoint at version 2, before the UPDATE.
        "TBLPROPERTIES ('delta.enableRowTracking' = 'true', 'delta.checkpointPolicy' = 'v2', "
        "'delta.checkpointInterval' = '2')",
        "INSERT INTO {t} SELECT /*+ COALESCE(1) */ id, 'x' FROM range(5)",
        "INSERT INTO {t} VALUES (10, 'y'), (11, 'y')",
        # Rewrites the first file: its rows keep their ids in a materialized column.
        "UPDATE {t} SET v = 'z' WHERE id = 1",
    )
    assert {"rowTracking", "v2Checkpoint"} <= protocol_features(root)
    assert list((root / "_delta_log").glob(f"{2:020d}.checkpoint.*.json")) or list(
        (root / "_delta_log").glob(f"{2:020d}.checkpoint.*.parquet")
    ), "Spark wrote no V2 checkpoint at version 2"
    theirs = sorted_rows(
        spark.sql(
            f"SELECT id, v, _metadata.row_id AS _row_id, "
            f"_metadata.row_commit_version AS _row_commit_version FROM delta.`{root}`"
        ).toArrow()
    )
    ours = kernel_rows_with(root, ["_row_id", "_row_commit_version"])
    assert_rows_equal(ours, theirs, "delta_kernel row ids vs Spark's")
    assert sorted((r["id"], r["_row_id"]) for r in ours) == [
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (10, 5), (11, 6)
    ]


def kernel_rows_with(root: Path, metadata_columns: list[str]) -> list[dict]:
    scan = dk.Table(str(root)).scan(metadata_columns=metadata_columns)
    return sorted_rows(scan.to_arrow())


# --- type widening ------------------------------------------------------------------------------


def test_type_widening(spark, spark_table):
    root = spark_table(
        "type_widening",
        "CREATE TABLE {t} (id INT, s SMALLINT, i INT, f FLOAT, d DECIMAL(5,2)) USING delta "
        "TBLPROPERTIES ('delta.enableTypeWidening' = 'true')",
        "INSERT INTO {t} VALUES (1, -32768S, 2147483647, CAST(0.5 AS FLOAT), 999.99)",
        # Files written before these keep the narrow types: readers widen them.
        "ALTER TABLE {t} ALTER COLUMN s TYPE INT",
        "ALTER TABLE {t} ALTER COLUMN i TYPE BIGINT",
        "ALTER TABLE {t} ALTER COLUMN f TYPE DOUBLE",
        "ALTER TABLE {t} ALTER COLUMN d TYPE DECIMAL(10,4)",
        "INSERT INTO {t} VALUES (2, 100000, 9223372036854775807L, 0.1D, 123456.7891)",
    )
    assert "typeWidening" in protocol_features(root)
    expected = [
        {"id": 1, "s": -32768, "i": 2147483647, "f": 0.5, "d": Decimal("999.9900")},
        {"id": 2, "s": 100000, "i": 9223372036854775807, "f": 0.1, "d": Decimal("123456.7891")},
    ]
    # delta-rs 1.6 refuses the typeWidening reader feature.
    assert_all_read(spark, root, expected, delta_rs=False)
