"""delta_kernel.integrations.spark: spark.read.format("delta_kernel") (a PySpark 4 Python data
source) on the interop suite's local[2] session: exactly the rows of a local scan, with the
columns and filter options pushed into the kernel's planning."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from distributed_tables import CASES, export_package_path, local_rows, make_table  # noqa: E402
from distributed_tables import sorted_rows  # noqa: E402


@pytest.fixture(scope="module")
def kernel_source(spark):
    from delta_kernel.integrations.spark import register

    export_package_path()
    register(spark)
    return spark


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> str:
    return make_table(tmp_path_factory.mktemp("spark-source") / "t")


def read(spark, table, columns=None, filter=None, **options):
    reader = spark.read.format("delta_kernel")
    if columns:
        reader = reader.option("columns", ",".join(columns))
    if filter:
        reader = reader.option("filter", filter)
    for k, v in options.items():
        reader = reader.option(k, v)
    return reader.load(table)


@pytest.mark.parametrize("columns,filter", CASES)
def test_format_delta_kernel_gives_the_local_scans_rows(kernel_source, table, columns, filter):
    df = read(kernel_source, table, columns, filter)
    assert df.columns == (columns or ["id", "region", "amount", "day"])
    expected = local_rows(table, columns, filter)
    assert len(expected) > 0
    assert sorted_rows(df.collect()) == expected


def test_partitions_are_tasks_and_versions_read(kernel_source, table):
    df = read(kernel_source, table, ["id"], "region = 'us'", files_per_partition="2")
    assert df.rdd.getNumPartitions() == 2  # 4 files after pruning
    assert sorted(r.id for r in df.collect()) == [1, 10, 13, 16, 19, 22]
    # Version 0: the first append only, before the delete.
    v1 = read(kernel_source, table, ["id"], "region = 'us'", version="0")
    assert sorted(r.id for r in v1.collect()) == [1, 4, 7, 10]
    assert read(kernel_source, table, ["id"], "id > 1000").count() == 0


def test_distributed_planning_option(kernel_source, tmp_path_factory):
    table = make_table(tmp_path_factory.mktemp("spark-planned") / "t", checkpoint_part_size=5)
    for columns, filter in CASES[::2]:
        df = read(kernel_source, table, columns, filter, distributed_planning="true")
        # Three checkpoint parts and one scan task per file the delete re-added with a DV.
        assert df.rdd.getNumPartitions() == 5
        assert sorted_rows(df.collect()) == local_rows(table, columns, filter)
    with pytest.raises(Exception, match="distributed_planning must be true or false"):
        read(kernel_source, table, distributed_planning="yes").collect()
