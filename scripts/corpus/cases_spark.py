"""The corpus tables Delta Spark writes: one function per table (its name, with '-' for '_',
is the table's). Each writes with SQL through ``c.sql`` and declares what to read back;
the latest full scan is always expected. Keep tables tiny: the whole corpus must stay quick."""

from __future__ import annotations

from corpus_case import Case

DV = "'delta.enableDeletionVectors' = 'true'"
CDF = "'delta.enableChangeDataFeed' = 'true'"


def dv_dml(c: Case) -> None:
    """Deletion vectors after DELETE, UPDATE and MERGE, with the change feed on."""
    c.sql(
        f"CREATE TABLE {{t}} (id INT, v STRING, part STRING) USING delta PARTITIONED BY (part) "
        f"TBLPROPERTIES ({DV}, {CDF})",
        "INSERT INTO {t} SELECT id, concat('v', id), IF(id % 2 = 0, 'even', 'odd') "
        "FROM range(0, 40) AS r(id)",
        "DELETE FROM {t} WHERE id % 5 = 0",
        "UPDATE {t} SET v = upper(v) WHERE id % 3 = 0",
        "MERGE INTO {t} AS t USING (SELECT id, concat('m', id) AS v, "
        "IF(id % 2 = 0, 'even', 'odd') AS part FROM range(30, 50) AS r(id)) AS s "
        "ON t.id = s.id WHEN MATCHED AND t.id % 2 = 0 THEN DELETE "
        "WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *",
    )
    for v in range(1, 5):
        c.expect_scan(f"v{v}", version=v)
    c.expect_scan("filtered", filter="id > 20 AND part = 'odd'")
    c.expect_changes("changes", 1)
    c.expect_changes("changes-update", 3, 3)


def column_mapping_name(c: Case) -> None:
    """Column mapping by name with a rename and a drop (before and after each)."""
    _column_mapping(c, "name")


def column_mapping_id(c: Case) -> None:
    """Column mapping by id with a rename and a drop (before and after each)."""
    _column_mapping(c, "id")


def _column_mapping(c: Case, mode: str) -> None:
    c.sql(
        "CREATE TABLE {t} (id BIGINT, `the name` STRING, dropped INT, s STRUCT<a: INT, b: STRING>,"
        " p STRING) USING delta PARTITIONED BY (p) TBLPROPERTIES ("
        f"'delta.columnMapping.mode' = '{mode}', 'delta.minReaderVersion' = '2', "
        "'delta.minWriterVersion' = '5')",
        "INSERT INTO {t} VALUES (1, 'one', 10, named_struct('a', 1, 'b', 'x'), 'p1'), "
        "(2, 'two', 20, named_struct('a', 2, 'b', 'y'), 'p2')",
        "ALTER TABLE {t} RENAME COLUMN `the name` TO renamed",
        "ALTER TABLE {t} RENAME COLUMN s.a TO a2",
        "INSERT INTO {t} VALUES (3, 'three', 30, named_struct('a2', 3, 'b', 'z'), 'p1')",
        "ALTER TABLE {t} DROP COLUMN dropped",
        "ALTER TABLE {t} ADD COLUMNS (dropped STRING)",
        "INSERT INTO {t} VALUES (4, 'four', named_struct('a2', 4, 'b', 'w'), 'p2', 'new')",
    )
    for v in (1, 3, 5):
        c.expect_scan(f"v{v}", version=v)
    c.expect_scan("filtered", filter="renamed <> 'two' AND s.a2 >= 1")
    c.expect_scan("projected", columns=["renamed", "id"])


def cdf(c: Case) -> None:
    """The change data feed across inserts, an update, a delete, a merge and an overwrite of
    one partition, read by version and by timestamp, and filtered."""
    c.sql(
        f"CREATE TABLE {{t}} (id INT, name STRING, day DATE) USING delta PARTITIONED BY (day) "
        f"TBLPROPERTIES ({CDF})",
        "INSERT INTO {t} VALUES (1, 'a', DATE'2024-01-01'), (2, 'b', DATE'2024-01-01'), "
        "(3, 'c', DATE'2024-01-02')",
        "INSERT INTO {t} VALUES (4, 'd', DATE'2024-01-02')",
        "UPDATE {t} SET name = 'B' WHERE id = 2",
        "DELETE FROM {t} WHERE id = 3",
        "MERGE INTO {t} AS t USING (SELECT 4 AS id, 'D' AS name, DATE'2024-01-02' AS day UNION "
        "ALL SELECT 5, 'e', DATE'2024-01-03') AS s ON t.id = s.id "
        "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
        "INSERT OVERWRITE {t} PARTITION (day = '2024-01-01') VALUES (6, 'f')",
    )
    c.expect_changes("all", 0)
    c.expect_changes("middle", 2, 4)
    c.expect_changes("by-timestamp", 2, 4, by_timestamp=True)
    c.expect_changes("filtered", 0, filter="id >= 2 AND _change_type <> 'insert'")
    c.expect_scan("v3", version=3)
    c.expect_scan("at-commit-4", at_commit_of=4)


def v2_checkpoint_json(c: Case) -> None:
    """A v2 checkpoint with a JSON manifest and sidecars, then more commits after it."""
    _v2_checkpoint(c, "json")


def v2_checkpoint_parquet(c: Case) -> None:
    """A v2 checkpoint with a Parquet manifest and sidecars, then more commits after it."""
    _v2_checkpoint(c, "parquet")


def _v2_checkpoint(c: Case, fmt: str) -> None:
    with c.conf(spark__databricks__delta__checkpointV2__topLevelFileFormat=fmt,
                spark__databricks__delta__checkpoint__partSize="2"):
        c.sql(
            "CREATE TABLE {t} (id INT, s STRING) USING delta TBLPROPERTIES ("
            "'delta.checkpointPolicy' = 'v2', 'delta.checkpointInterval' = '4', " + DV + ")",
            *[f"INSERT INTO {{t}} VALUES ({i}, 's{i}'), ({i + 100}, 't{i}')" for i in range(5)],
            "DELETE FROM {t} WHERE id = 2",
        )
    c.expect_scan("v3", version=3)
    c.expect_scan("v4", version=4)
    c.expect_scan("filtered", filter="id < 100")


def multipart_checkpoint(c: Case) -> None:
    """Multi-part classic checkpoints (checkpoint.partSize = 2 actions per part)."""
    with c.conf(spark__databricks__delta__checkpoint__partSize="2"):
        c.sql(
            "CREATE TABLE {t} (id INT, s STRING) USING delta "
            "TBLPROPERTIES ('delta.checkpointInterval' = '3')",
            *[f"INSERT INTO {{t}} VALUES ({i}, 's{i}')" for i in range(7)],
            "DELETE FROM {t} WHERE id = 1",
        )
    c.expect_scan("v3", version=3)
    c.expect_scan("v6", version=6)


def in_commit_timestamps(c: Case) -> None:
    """In-commit timestamps: time travel by timestamp reads commitInfo, not file times."""
    c.sql(
        "CREATE TABLE {t} (id INT, s STRING) USING delta "
        "TBLPROPERTIES ('delta.enableInCommitTimestamps' = 'true')",
        *[f"INSERT INTO {{t}} VALUES ({i}, 's{i}')" for i in range(3)],
        "UPDATE {t} SET s = 'x' WHERE id = 1",
    )
    for v in (1, 2, 4):
        c.expect_scan(f"at-commit-{v}", at_commit_of=v)


def in_commit_timestamps_enabled_later(c: Case) -> None:
    """In-commit timestamps turned on after some commits (enablement version and timestamp)."""
    c.sql(
        "CREATE TABLE {t} (id INT) USING delta",
        "INSERT INTO {t} VALUES (1)",
        "ALTER TABLE {t} SET TBLPROPERTIES ('delta.enableInCommitTimestamps' = 'true')",
        "INSERT INTO {t} VALUES (2)",
        "INSERT INTO {t} VALUES (3)",
    )
    for v in (1, 3, 4):
        c.expect_scan(f"at-commit-{v}", at_commit_of=v)


def row_tracking(c: Case) -> None:
    """Row tracking: row ids and row commit versions kept across UPDATE and MERGE."""
    c.sql(
        "CREATE TABLE {t} (id INT, v STRING) USING delta "
        "TBLPROPERTIES ('delta.enableRowTracking' = 'true')",
        "INSERT INTO {t} VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "INSERT INTO {t} VALUES (4, 'd'), (5, 'e')",
        "UPDATE {t} SET v = 'B' WHERE id = 2",
        "MERGE INTO {t} AS t USING (SELECT 5 AS id, 'E' AS v UNION ALL SELECT 6, 'f') AS s "
        "ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
    )
    c.expect_scan("row-ids", metadata_columns=["_row_id", "_row_commit_version"])
    c.expect_scan("row-ids-v2", version=2, metadata_columns=["_row_id", "_row_commit_version"])


def type_widening(c: Case) -> None:
    """Type widening: byte -> int -> long, float -> double, decimal widened, date -> ntz."""
    c.sql(
        "CREATE TABLE {t} (b BYTE, i INT, f FLOAT, d DECIMAL(5, 2), dt DATE) USING delta "
        "TBLPROPERTIES ('delta.enableTypeWidening' = 'true')",
        "INSERT INTO {t} VALUES (1, 100, 1.5, 123.45, DATE'2024-01-01')",
        "ALTER TABLE {t} ALTER COLUMN b TYPE INT",
        "ALTER TABLE {t} ALTER COLUMN i TYPE BIGINT",
        "ALTER TABLE {t} ALTER COLUMN f TYPE DOUBLE",
        "ALTER TABLE {t} ALTER COLUMN d TYPE DECIMAL(10, 4)",
        "INSERT INTO {t} VALUES (100000, 10000000000, 2.25, 123456.7891, DATE'2024-02-02')",
    )
    c.expect_scan("v1", version=1)
    c.expect_scan("filtered", filter="i > 1000")


def timestamp_ntz(c: Case) -> None:
    """TIMESTAMP_NTZ columns, one a partition column, next to TIMESTAMP."""
    c.sql(
        "CREATE TABLE {t} (id INT, ntz TIMESTAMP_NTZ, ts TIMESTAMP, p TIMESTAMP_NTZ) USING delta "
        "PARTITIONED BY (p)",
        "INSERT INTO {t} VALUES "
        "(1, TIMESTAMP_NTZ'2024-01-01 10:00:00.123456', TIMESTAMP'2024-01-01 10:00:00', "
        "TIMESTAMP_NTZ'2021-11-18 02:30:00.123456'), "
        "(2, TIMESTAMP_NTZ'1969-12-31 23:59:59.999999', NULL, NULL), "
        "(3, NULL, TIMESTAMP'2000-02-29 12:00:00.5', TIMESTAMP_NTZ'2021-11-18 02:30:00.123456')",
    )
    c.expect_scan("filtered", filter="ntz > TIMESTAMP_NTZ'2000-01-01 00:00:00'")


def variant(c: Case) -> None:
    """Unshredded variant columns (the shape Spark writes)."""
    c.sql(
        "CREATE TABLE {t} (id INT, v VARIANT, s STRUCT<inner: VARIANT>) USING delta",
        "INSERT INTO {t} SELECT id, parse_json(concat('{\"a\": ', id, ', \"b\": [1, \"x\"]}')), "
        "named_struct('inner', parse_json(cast(id AS STRING))) FROM range(0, 4) AS r(id)",
        "INSERT INTO {t} VALUES (10, NULL, NULL)",
    )


def variant_shredding_feature(c: Case) -> None:
    """The variantShredding-preview reader feature, which this kernel does not implement: we
    must refuse the table by naming it (tests/corpus_known_errors.json)."""
    c.sql(
        "CREATE TABLE {t} (id INT, v VARIANT) USING delta "
        "TBLPROPERTIES ('delta.feature.variantShredding-preview' = 'supported')",
        "INSERT INTO {t} SELECT id, parse_json(concat('{\"a\": ', id, '}')) "
        "FROM range(0, 3) AS r(id)",
    )


def partitions_every_type(c: Case) -> None:
    """Partition columns of every type Spark partitions by, with nulls and edge values."""
    c.sql(
        "CREATE TABLE {t} (id INT, p_byte BYTE, p_short SHORT, p_int INT, p_long BIGINT, "
        "p_float FLOAT, p_double DOUBLE, p_bool BOOLEAN, p_string STRING, p_date DATE, "
        "p_ts TIMESTAMP, p_dec DECIMAL(12, 3)) USING delta PARTITIONED BY (p_byte, p_short, "
        "p_int, p_long, p_float, p_double, p_bool, p_string, p_date, p_ts, p_dec)",
        "INSERT INTO {t} VALUES "
        "(1, -128, -32768, -2147483648, -9223372036854775808, -1.5, -2.25, false, '', "
        "DATE'0001-01-01', TIMESTAMP'1970-01-01 00:00:00', -123456789.123), "
        "(2, 127, 32767, 2147483647, 9223372036854775807, 3.25, 1e300, true, 'x', "
        "DATE'9999-12-31', TIMESTAMP'2024-06-30 23:59:59.999999', 999999999.999), "
        "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
        "(4, 0, 0, 0, 0, 0.0, -0.0, true, 'null', DATE'2024-02-29', "
        "TIMESTAMP'1969-12-31 23:59:59.5', 0)",
    )
    c.expect_scan("filtered", filter="p_int > 0 OR p_string = 'null'")
    c.expect_scan("null-partitions", filter="p_long IS NULL")


def special_characters(c: Case) -> None:
    """Partition values and a column name with characters paths and URIs must escape."""
    values = ["a b", "a/b", "a=b", "a%b", "a#b?c", "a:b", "ü€😀", "a{b}[c]", "a'b\"c", "a\\b",
              " lead", "%20", "a+b&c", "\t"]
    rows = ", ".join(f"({i}, '{_sql_str(v)}', '{_sql_str(v)}')" for i, v in enumerate(values))
    c.sql(
        "CREATE TABLE {t} (id INT, `value col` STRING, `p.a r t` STRING) USING delta "
        "PARTITIONED BY (`p.a r t`) TBLPROPERTIES ('delta.columnMapping.mode' = 'name')",
        f"INSERT INTO {{t}} VALUES {rows}",
        "DELETE FROM {t} WHERE id = 1",
    )
    c.expect_scan("filtered", filter="`p.a r t` = 'a%b' OR `p.a r t` = 'ü€😀'")


def _sql_str(v: str) -> str:
    return v.replace("\\", "\\\\").replace("'", "\\'")


def primitive_types(c: Case) -> None:
    """Every primitive type as a data column, with edge values (NaN, infinities, -0.0, the
    widest decimals, dates and times before 1970 and far out, empty and binary strings), over
    two files so that stats-based skipping has something to skip."""
    c.sql(
        "CREATE TABLE {t} (id INT, b BOOLEAN, i8 BYTE, i16 SHORT, i32 INT, i64 BIGINT, "
        "f32 FLOAT, f64 DOUBLE, d5 DECIMAL(5, 0), d18 DECIMAL(18, 6), d38 DECIMAL(38, 18), "
        "s STRING, bin BINARY, dt DATE, ts TIMESTAMP) USING delta",
        "INSERT INTO {t} VALUES "
        "(1, true, -128, -32768, -2147483648, -9223372036854775808, float('NaN'), "
        "double('-Infinity'), -99999, -123456789012.345678, "
        "-12345678901234567890.123456789012345678, '', X'', DATE'1582-10-04', "
        "TIMESTAMP'1900-01-01 00:00:00'), "
        "(2, false, 127, 32767, 2147483647, 9223372036854775807, float('Infinity'), -0.0, "
        "99999, 0.000001, 0.000000000000000001, 'ünïcødé 😀', X'00FF10', DATE'2262-04-11', "
        "TIMESTAMP'2262-04-11 23:47:16.854775')",
        "INSERT INTO {t} VALUES "
        "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
        "(4, true, 0, 0, 0, 0, 1.5, 2.5, 0, 1.5, 1.5, 'plain', X'61', DATE'1970-01-01', "
        "TIMESTAMP'1969-12-31 23:59:59.999999')",
    )
    c.expect_scan("filtered-int", filter="i64 > 0")
    c.expect_scan("filtered-decimal", filter="d18 < 1")
    c.expect_scan("filtered-date", filter="dt >= DATE'1970-01-01'")
    c.expect_scan("filtered-string", filter="s = 'plain' OR s IS NULL")


def checkpoint_column_mapping(c: Case) -> None:
    """A classic checkpoint of a partitioned, column-mapped (id) table with struct stats,
    then a rename and more commits: the checkpoint's physical names must be mapped."""
    c.sql(
        "CREATE TABLE {t} (id BIGINT, v STRING, p INT) USING delta PARTITIONED BY (p) "
        "TBLPROPERTIES ('delta.columnMapping.mode' = 'id', 'delta.checkpointInterval' = '2', "
        "'delta.checkpoint.writeStatsAsStruct' = 'true')",
        "INSERT INTO {t} VALUES (1, 'a', 1), (2, 'b', 2)",
        "INSERT INTO {t} VALUES (3, 'c', 1)",
        "ALTER TABLE {t} RENAME COLUMN v TO w",
        "INSERT INTO {t} VALUES (4, 'd', 2)",
        "DELETE FROM {t} WHERE id = 1",
    )
    c.expect_scan("v2", version=2)
    c.expect_scan("filtered", filter="w > 'b' AND p = 2")


def nested_types(c: Case) -> None:
    """Structs, arrays and maps nested in each other, with nulls at every level."""
    c.sql(
        "CREATE TABLE {t} (id INT, s STRUCT<a: INT, b: STRUCT<c: STRING, d: ARRAY<INT>>>, "
        "arr ARRAY<STRUCT<x: INT, y: MAP<STRING, INT>>>, m MAP<STRING, ARRAY<STRING>>, "
        "aa ARRAY<ARRAY<BIGINT>>) USING delta",
        "INSERT INTO {t} VALUES "
        "(1, named_struct('a', 1, 'b', named_struct('c', 'x', 'd', array(1, 2, NULL))), "
        "array(named_struct('x', 1, 'y', map('k', 1)), NULL), map('a', array('1', NULL)), "
        "array(array(1, 2), array(), NULL)), "
        "(2, NULL, NULL, NULL, NULL), "
        "(3, named_struct('a', NULL, 'b', NULL), array(), map(), array(NULL))",
    )
    c.expect_scan("filtered", filter="s.a = 1")
    c.expect_scan("projected", columns=["s", "id"])


def clustering(c: Case) -> None:
    """Liquid clustering (CLUSTER BY), then OPTIMIZE clusters the files."""
    c.sql(
        "CREATE TABLE {t} (id INT, k STRING, x DOUBLE) USING delta CLUSTER BY (k, id)",
        *[f"INSERT INTO {{t}} SELECT id, concat('k', id % {n}), id / 2 FROM range({n * 10}, "
          f"{n * 10 + 8}) AS r(id)" for n in (1, 2, 3)],
        "OPTIMIZE {t}",
    )
    c.expect_scan("v3", version=3)
    c.expect_scan("filtered", filter="k = 'k1' AND id > 20")


def constraints_generated(c: Case) -> None:
    """CHECK constraints, a generated column (the partition) and an identity column."""
    from delta.tables import DeltaTable, IdentityGenerator

    (DeltaTable.create(c.spark).location(str(c.root))
     .addColumn("id", "BIGINT", generatedAlwaysAs=IdentityGenerator())
     .addColumn("ts", "TIMESTAMP")
     .addColumn("day", "DATE", generatedAlwaysAs="CAST(ts AS DATE)")
     .addColumn("qty", "INT").addColumn("note", "STRING")
     .partitionedBy("day").execute())
    c.sql(
        "ALTER TABLE {t} ADD CONSTRAINT qty_positive CHECK (qty > 0)",
        "INSERT INTO {t} (ts, qty, note) VALUES (TIMESTAMP'2024-03-01 10:00:00', 5, NULL), "
        "(TIMESTAMP'2024-03-02 11:00:00', 7, 'a')",
        "INSERT INTO {t} (ts, qty, note) VALUES (TIMESTAMP'2024-03-02 12:00:00', 1, 'x')",
    )
    c.expect_scan("filtered", filter="day = DATE'2024-03-02'")


def time_travel_schema_changes(c: Case) -> None:
    """Time travel across an added column and two overwrites that replace the schema."""
    c.sql(
        "CREATE TABLE {t} (id INT, a STRING) USING delta",
        "INSERT INTO {t} VALUES (1, 'x'), (2, 'y')",
        "ALTER TABLE {t} ADD COLUMNS (b DOUBLE)",
        "INSERT INTO {t} VALUES (3, 'z', 0.5)",
    )
    df = c.spark.sql("SELECT CAST(id AS BIGINT) AS id, 'new' AS c FROM range(10, 13) AS r(id)")
    df.write.format("delta").mode("overwrite").option("overwriteSchema", "true").save(str(c.root))
    c.sql("INSERT INTO {t} VALUES (20, 'later')")
    df = c.spark.sql("SELECT 'replaced' AS k")
    df.write.format("delta").mode("overwrite").option("overwriteSchema", "true").save(str(c.root))
    for v in range(0, 7):
        c.expect_scan(f"v{v}", version=v)
    c.expect_scan("at-commit-3", at_commit_of=3)
    c.expect_scan("filtered-v4", version=4, filter="id > 10")


def checkpoint_with_dvs_and_stats(c: Case) -> None:
    """A classic checkpoint holding DVs and struct stats, with commits after it, then a
    compaction of the deleted rows (REORG PURGE)."""
    c.sql(
        "CREATE TABLE {t} (id INT, s STRING) USING delta TBLPROPERTIES ("
        f"{DV}, 'delta.checkpointInterval' = '3', "
        "'delta.checkpoint.writeStatsAsStruct' = 'true', "
        "'delta.checkpoint.writeStatsAsJson' = 'false')",
        "INSERT INTO {t} SELECT id, concat('s', id) FROM range(0, 20) AS r(id)",
        "DELETE FROM {t} WHERE id < 5",
        "DELETE FROM {t} WHERE id > 17",
        "INSERT INTO {t} VALUES (100, 'late')",
        "REORG TABLE {t} APPLY (PURGE)",
    )
    c.expect_scan("v3", version=3)
    c.expect_scan("filtered", filter="id BETWEEN 6 AND 10")


CASES = [
    dv_dml, column_mapping_name, column_mapping_id, cdf, v2_checkpoint_json,
    v2_checkpoint_parquet, multipart_checkpoint, in_commit_timestamps,
    in_commit_timestamps_enabled_later, row_tracking, type_widening, timestamp_ntz, variant,
    variant_shredding_feature,
    partitions_every_type, special_characters, primitive_types, checkpoint_column_mapping,
    nested_types, clustering, constraints_generated,
    time_travel_schema_changes, checkpoint_with_dvs_and_stats,
]
