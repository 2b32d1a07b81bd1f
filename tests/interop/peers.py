"""Delta Spark and delta-rs as test peers: one SparkSession for the whole pytest run, and helpers
that read a table into sorted Python rows with Spark, delta-rs and our kernel (delta_kernel).

scripts/setup-peers.sh installs Delta Spark (pyspark + delta-spark, the Delta jars) and records
where the jars are in <repo>/.spark-jars-path; this module only starts Spark on them, without
resolving anything at run time. Where Spark cannot run (no Java, setup-peers.sh not run), the
tests that need it skip naming the reason, and fail when CI=true.

Rows compare as Python values through Arrow (``to_pylist``): maps are lists of (key, value)
pairs, timestamps are datetimes (aware in UTC for TIMESTAMP, naive for TIMESTAMP_NTZ),
decimals are Decimal. Spark's session time zone is UTC, so its Arrow timestamps are too.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import pyarrow as pa

REPO = Path(__file__).resolve().parents[2]
JARS_PATH_FILE = REPO / ".spark-jars-path"
LOG4J_CONFIG = Path(__file__).resolve().parent / "log4j2.properties"

Row = dict[str, Any]


class PeerTimer:
    """What Spark costs a run: the session start, and the time spent in Spark calls after it."""

    startup_seconds: Optional[float] = None
    spark_seconds = 0.0
    jvm_cpu_seconds: Optional[float] = None  # user + system time of Spark's JVM, where known

    @staticmethod
    @contextmanager
    def measure() -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        finally:
            PeerTimer.spark_seconds += time.monotonic() - start


# --- starting Spark -----------------------------------------------------------------------------


def spark_unavailable_reason() -> Optional[str]:
    """Why Delta Spark cannot start here, or None when it can."""
    if shutil.which("java") is None:
        return "no java on PATH (Delta Spark needs Java 17+)"
    try:
        import pyspark  # noqa: F401
        import delta  # noqa: F401  (the delta-spark package)
    except ImportError as e:
        return f"pyspark/delta-spark not installed ({e}): run scripts/setup-peers.sh"
    if not spark_jars():
        return f"no Delta jars recorded in {JARS_PATH_FILE}: run scripts/setup-peers.sh"
    return None


def spark_jars() -> list[str]:
    if not JARS_PATH_FILE.is_file():
        return []
    return sorted(glob.glob(os.path.join(JARS_PATH_FILE.read_text().strip(), "*.jar")))


def start_spark(scratch: Path, *, memory: str = "1g", quick_jvm: bool = True):
    """One local SparkSession with Delta, sized for tests: 2 threads, 1 GiB, few partitions,
    no UI, errors-only logging, everything it writes of its own under ``scratch``. A benchmark
    (bench/dml_spark.py) asks for more ``memory`` and the JVM's own JIT and GC
    (``quick_jvm=False``)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    java_options = " ".join(
        [
            f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
            f"-Dderby.system.home={scratch}",
        ]
        # Short runs: the quick JIT tier and a serial GC start faster and use less CPU.
        + (["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"] if quick_jvm else [])
    )
    conf = {
        "spark.master": "local[2]",
        "spark.app.name": "delta-kernel-cpp interop tests",
        "spark.jars": ",".join(spark_jars()),
        "spark.driver.memory": memory,
        "spark.driver.extraJavaOptions": java_options,
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.warehouse.dir": str(scratch / "warehouse"),
        "spark.local.dir": str(scratch / "local"),
        "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        # Delta rebuilds a snapshot's state in 50 partitions by default: far too many here.
        "spark.databricks.delta.snapshotPartitions": "2",
    }
    builder = SparkSession.builder
    for key, value in conf.items():
        builder = builder.config(key, value)
    start = time.monotonic()
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    PeerTimer.startup_seconds = time.monotonic() - start
    return spark


def stop_spark(spark) -> None:
    """Stops the session, first noting the CPU time its JVM used (Linux /proc; the JVM is not
    a child that the shell's ``time`` sees, as nothing waits for it)."""
    try:
        pid = spark.sparkContext._gateway.proc.pid
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 of stat(5); fields[0] is field 3 (state).
        ticks = int(fields[11]) + int(fields[12])
        PeerTimer.jvm_cpu_seconds = ticks / os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, ValueError, IndexError):
        pass
    spark.stop()


# --- rows ---------------------------------------------------------------------------------------


def _sort_key(row: Row) -> str:
    return repr([(k, row[k]) for k in sorted(row)])


def sorted_rows(table: pa.Table | Iterable[Row]) -> list[Row]:
    """Rows as dicts (column order ignored), sorted the same way whoever read them."""
    rows = table.to_pylist() if isinstance(table, pa.Table) else list(table)
    return sorted(rows, key=_sort_key)


def kernel_rows(path: Path | str, version: Optional[int] = None) -> list[Row]:
    """The table read by our kernel (the delta_kernel package)."""
    import delta_kernel as dk

    table = dk.Table(str(path))
    snapshot = table.snapshot(version) if version is not None else table
    return sorted_rows(snapshot.scan().to_arrow())


def spark_rows(spark, path: Path | str, version: Optional[int] = None) -> list[Row]:
    """The table read by Delta Spark."""
    with PeerTimer.measure():
        reader = spark.read.format("delta")
        if version is not None:
            reader = reader.option("versionAsOf", version)
        return sorted_rows(reader.load(str(path)).toArrow())


def spark_sql(spark, *statements: str, **names: Path | str) -> None:
    """Runs SQL statements; ``{name}`` in them becomes the path table delta.`<path>` (other
    braces are left alone)."""
    tables = {key: f"delta.`{value}`" for key, value in names.items()}
    with PeerTimer.measure():
        for statement in statements:
            text = re.sub(r"\{(\w+)\}", lambda m: tables.get(m.group(1), m.group(0)), statement)
            spark.sql(text).collect()


def spark_write(spark, path: Path | str, data: pa.Table, mode: str = "append", **options: str):
    """Writes (by default appends) ``data`` with Delta Spark through a DataFrame; ``options``
    are Delta writer options such as ``mergeSchema="true"``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    # An Arrow timestamp without a time zone is TIMESTAMP_NTZ (Spark's default reads it as a
    # local TIMESTAMP).
    schema = from_arrow_schema(data.schema, prefer_timestamp_ntz=True)
    with PeerTimer.measure():
        writer = spark.createDataFrame(data, schema).write.format("delta").mode(mode)
        for key, value in options.items():
            writer = writer.option(key, value)
        writer.save(str(path))


def delta_rs_rows(path: Path | str, version: Optional[int] = None) -> list[Row]:
    """The table read by delta-rs (the deltalake package), through its SQL engine: unlike
    ``DeltaTable.to_pyarrow_table()``, which reads column-mapped tables as nulls and refuses
    deletion vectors, it applies both."""
    import deltalake

    table = deltalake.DeltaTable(str(path), version=version)
    result = deltalake.QueryBuilder().register("t", table).execute("SELECT * FROM t")
    return sorted_rows(pa.table(result))


def delta_rs_write(path: Path | str, data: pa.Table, **options: Any) -> None:
    """Writes (by default appends) ``data`` with delta-rs; options go to write_deltalake."""
    import deltalake

    deltalake.write_deltalake(str(path), data, **{"mode": "append", **options})


def assert_rows_equal(actual: list[Row], expected: list[Row], who: str) -> None:
    """Exact equality, with a message that names the reader and the first differing row."""
    expected = sorted_rows(expected)
    if actual == expected:
        return
    for i, (a, e) in enumerate(zip(actual, expected)):
        if a != e:
            raise AssertionError(f"{who}: row {i} differs:\n  read:     {a}\n  expected: {e}")
    raise AssertionError(f"{who}: read {len(actual)} rows, expected {len(expected)}")


def assert_peers_read(
    spark, path: Path | str, expected_rows: list[Row], *, delta_rs: bool = True
) -> None:
    """Delta Spark and delta-rs (unless ``delta_rs=False``, for features it cannot read) both
    read exactly ``expected_rows`` from the table at ``path``, in any order."""
    assert_rows_equal(spark_rows(spark, path), expected_rows, f"Delta Spark reading {path}")
    if delta_rs:
        assert_rows_equal(delta_rs_rows(path), expected_rows, f"delta-rs reading {path}")


def insert_update_delete_feed(insert_version: int) -> list[Row]:
    """The change feed of the scenario both peers' feed tests write: insert (1, 'a'), (2, 'b'),
    (3, 'c') at ``insert_version``, set v = 'B' where id = 2 in the next commit, delete id 3 in
    the one after."""
    u, d = insert_version + 1, insert_version + 2
    return [
        {"id": 1, "v": "a", "_change_type": "insert", "_commit_version": insert_version},
        {"id": 2, "v": "b", "_change_type": "insert", "_commit_version": insert_version},
        {"id": 3, "v": "c", "_change_type": "insert", "_commit_version": insert_version},
        {"id": 2, "v": "b", "_change_type": "update_preimage", "_commit_version": u},
        {"id": 2, "v": "B", "_change_type": "update_postimage", "_commit_version": u},
        {"id": 3, "v": "c", "_change_type": "delete", "_commit_version": d},
    ]


def assert_change_feeds(spark, path: Path | str, start: int, expected_rows: list[Row]) -> None:
    """The change data feed from version ``start`` on, read by our kernel and by Delta Spark:
    each equals ``expected_rows`` (which leave out ``_commit_timestamp``), and the two reads
    agree on the commit timestamps too."""
    import delta_kernel as dk

    ours = sorted_rows(dk.Table(str(path)).changes(start).to_arrow())
    with PeerTimer.measure():
        reader = spark.read.format("delta").option("readChangeFeed", "true")
        theirs = sorted_rows(reader.option("startingVersion", start).load(str(path)).toArrow())

    def without_time(rows: list[Row]) -> list[Row]:
        return sorted_rows({k: v for k, v in r.items() if k != "_commit_timestamp"} for r in rows)

    assert_rows_equal(without_time(ours), expected_rows, f"delta_kernel change feed of {path}")
    assert_rows_equal(without_time(theirs), expected_rows, f"Delta Spark change feed of {path}")
    assert ours == theirs, f"commit timestamps differ in the change feeds of {path}"
