"""delta_kernel.integrations.ray.DeltaDatasource through ray.data.read_datasource on a local
Ray started here (2 CPUs, 127.0.0.1): exactly the rows of a local scan, columns and filter
pushed into planning."""

from __future__ import annotations

import pytest

from distributed_tables import (CASES, export_package_path, local_rows, make_table, require,
                                sorted_rows)


@pytest.fixture(scope="module")
def ray():
    ray = require("ray")
    require("ray.data")
    export_package_path()
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1",
             log_to_driver=False, configure_logging=False, object_store_memory=200 * 1024**2)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> str:
    return make_table(tmp_path_factory.mktemp("ray") / "t")


def take(ds, names) -> list[tuple]:
    return sorted_rows(tuple(r[n] for n in names) for r in ds.take_all())


@pytest.mark.parametrize("columns,filter", CASES)
def test_datasource_gives_the_local_scans_rows(ray, table, columns, filter):
    from delta_kernel.integrations.ray import DeltaDatasource

    source = DeltaDatasource(table, columns=columns, filter=filter)
    ds = ray.data.read_datasource(source)
    names = columns or ["id", "region", "amount", "day"]
    assert ds.schema().names == names
    expected = local_rows(table, columns, filter)
    assert len(expected) > 0
    assert take(ds, names) == expected


def test_read_tasks_spread_the_files(ray, table):
    from delta_kernel.integrations.ray import DeltaDatasource

    source = DeltaDatasource(table, columns=["id"], filter="region = 'us'")
    tasks = source.get_read_tasks(2)
    assert len(tasks) == 2  # 4 files after pruning, 2 a task
    assert [len(t.metadata.input_files) for t in tasks] == [2, 2]
    assert source.estimate_inmemory_data_size() == sum(t.metadata.size_bytes for t in tasks)
    fixed = DeltaDatasource(table, columns=["id"], filter="region = 'us'", max_files_per_task=1)
    assert len(fixed.get_read_tasks(2)) == 4
    ds = ray.data.read_datasource(fixed)
    assert sorted(r["id"] for r in ds.take_all()) == [1, 10, 13, 16, 19, 22]


@pytest.fixture(scope="module")
def checkpointed(tmp_path_factory) -> str:
    return make_table(tmp_path_factory.mktemp("ray-planned") / "t", checkpoint_part_size=5)


@pytest.mark.parametrize("columns,filter", CASES[::2])
def test_distributed_planning_gives_the_local_scans_rows(ray, checkpointed, columns, filter):
    from delta_kernel.integrations.ray import DeltaDatasource

    source = DeltaDatasource(checkpointed, columns=columns, filter=filter,
                             distributed_planning=True)
    # Three checkpoint parts and the two files the delete re-added with DVs (no case here
    # prunes or skips both).
    tasks = source.get_read_tasks(8)
    assert sum(len(t.metadata.input_files) for t in tasks) == 5
    names = columns or ["id", "region", "amount", "day"]
    expected = local_rows(checkpointed, columns, filter)
    assert take(ray.data.read_datasource(source), names) == expected
