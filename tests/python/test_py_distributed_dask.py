"""delta_kernel.integrations.dask.read_delta on a Dask LocalCluster of 2 worker processes on
127.0.0.1 started here: exactly the rows of a local scan, columns and filter pushed into
planning (fewer partitions when files are pruned)."""

from __future__ import annotations

import pytest

import delta_kernel as dk
from distributed_tables import (CASES, export_package_path, local_rows, make_table, require,
                                sorted_rows)


@pytest.fixture(scope="module")
def client():
    require("dask.dataframe")
    distributed = require("distributed")
    export_package_path()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       memory_limit="1GiB")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> str:
    return make_table(tmp_path_factory.mktemp("dask") / "t")


@pytest.mark.parametrize("columns,filter", CASES)
def test_read_delta_gives_the_local_scans_rows(client, table, columns, filter):
    from delta_kernel.integrations.dask import read_delta

    df = read_delta(table, columns=columns, filter=filter)
    expected = local_rows(table, columns, filter)
    assert df.npartitions == len(dk.Table(table).scan(columns, filter).files())
    pdf = client.compute(df).result()
    names = list(pdf.columns)
    assert names == (columns or ["id", "region", "amount", "day"])
    assert sorted_rows(pdf.itertuples(index=False, name=None)) == expected
    assert len(expected) > 0


def test_partitions_follow_the_tasks_and_empty_scans(client, table):
    from delta_kernel.integrations.dask import read_delta

    # The filter prunes to region 'us' (4 files): 2 partitions of 2 files each.
    df = read_delta(table, columns=["id"], filter="region = 'us'", files_per_partition=2)
    assert df.npartitions == 2
    got = sorted(client.compute(df).result()["id"].tolist())
    assert got == [1, 10, 13, 16, 19, 22]
    none = read_delta(table, filter="id > 1000")
    assert none.npartitions == 1
    assert list(none.compute().columns) == ["id", "region", "amount", "day"]
    assert len(none.compute()) == 0


@pytest.mark.parametrize("columns,filter", CASES[::2])
def test_distributed_planning_gives_the_local_scans_rows(client, tmp_path_factory, columns,
                                                          filter):
    from delta_kernel.integrations.dask import read_delta

    table = make_table(tmp_path_factory.mktemp("dask-planned") / "t", checkpoint_part_size=5)
    df = read_delta(table, columns=columns, filter=filter, distributed_planning=True,
                    files_per_partition=2)
    # Three checkpoint parts, and the two files the delete re-added with DVs in one partition.
    assert df.npartitions == 4
    pdf = client.compute(df).result()
    assert list(pdf.columns) == (columns or ["id", "region", "amount", "day"])
    assert sorted_rows(pdf.itertuples(index=False, name=None)) == local_rows(table, columns,
                                                                              filter)
