"""Log cleanup by our kernel (classic and v2 checkpoints): every version it keeps reads the
same in delta_kernel, Delta Spark and delta-rs, older ones are refused by all three, and Spark
appends to the cleaned table."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyarrow as pa
import pytest

from peers import (
    assert_rows_equal,
    delta_rs_rows,
    kernel_rows,
    sorted_rows,
    spark_rows,
    spark_write,
)


def batch(first: int, count: int) -> pa.Table:
    return pa.table({"id": pa.array(range(first, first + count), pa.int64())})


def age_versions(root: Path, versions: range, days_ago: float) -> None:
    t = time.time() - days_ago * 24 * 3600
    for v in versions:
        for suffix in (".json", ".crc"):
            path = root / "_delta_log" / f"{v:020d}{suffix}"
            if path.exists():
                os.utime(path, (t, t))
    sidecars = root / "_delta_log" / "_sidecars"
    if sidecars.exists():
        for s in sidecars.iterdir():
            os.utime(s, (t, t))


@pytest.mark.parametrize("policy", ["classic", "v2"])
def test_versions_kept_by_our_cleanup_read_alike_in_every_peer(spark, tmp_path, policy):
    import delta_kernel as dk

    root = tmp_path / policy
    properties = {"delta.checkpointPolicy": "v2"} if policy == "v2" else {}
    dk.write_table(str(root), batch(0, 3), properties=properties)
    dk.write_table(str(root), batch(3, 3), mode="append")
    table = dk.Table(str(root))
    assert table.checkpoint()["version"] == 1
    dk.write_table(str(root), batch(6, 3), mode="overwrite")  # a remove: new sidecars for v2
    assert table.checkpoint()["version"] == 2
    dk.write_table(str(root), batch(9, 3), mode="append")
    dk.write_table(str(root), batch(12, 3), mode="append")
    age_versions(root, range(3), 40)

    result = dk.Table(str(root)).cleanup_metadata()
    assert result.earliest_version == 2
    names = {f.rsplit("/", 1)[1] for f in result.files}
    assert f"{0:020d}.json" in names and f"{1:020d}.json" in names
    assert f"{2:020d}.json" not in names
    if policy == "v2":
        # The first checkpoint's sidecar went with it.
        assert any("/_sidecars/" in f for f in result.files)

    expected = {
        2: sorted_rows(batch(6, 3)),
        3: sorted_rows(batch(6, 3).to_pylist() + batch(9, 3).to_pylist()),
        4: sorted_rows(batch(6, 3).to_pylist() + batch(9, 3).to_pylist()
                       + batch(12, 3).to_pylist()),
    }
    for version, rows in expected.items():
        assert_rows_equal(kernel_rows(root, version), rows, f"delta_kernel v{version}")
        assert_rows_equal(spark_rows(spark, root, version), rows, f"Delta Spark v{version}")
        assert_rows_equal(delta_rs_rows(root, version), rows, f"delta-rs v{version}")

    with pytest.raises(dk.NotFoundError):
        kernel_rows(root, 1)
    with pytest.raises(Exception):
        spark_rows(spark, root, 1)
    with pytest.raises(Exception):
        delta_rs_rows(root, 1)

    spark_write(spark, root, batch(100, 2))
    assert_rows_equal(kernel_rows(root), sorted_rows(expected[4] + batch(100, 2).to_pylist()),
                      "delta_kernel after Spark's append")


def test_our_log_compaction_leaves_the_table_alike_in_every_peer(spark, tmp_path):
    import delta_kernel as dk

    root = tmp_path / "compacted"
    dk.write_table(str(root), batch(0, 3))
    dk.write_table(str(root), batch(3, 3), mode="append")
    dk.write_table(str(root), batch(6, 3), mode="overwrite")
    dk.write_table(str(root), batch(9, 3), mode="append")
    dk.write_table(str(root), batch(12, 3), mode="append")
    result = dk.Table(str(root)).compact_log(1, 3)
    assert result["location"].endswith(f"{1:020d}.{3:020d}.compacted.json")
    expected = sorted_rows(batch(6, 3).to_pylist() + batch(9, 3).to_pylist()
                           + batch(12, 3).to_pylist())
    assert_rows_equal(kernel_rows(root), expected, "delta_kernel")
    assert_rows_equal(spark_rows(spark, root), expected, "Delta Spark")
    assert_rows_equal(delta_rs_rows(root), expected, "delta-rs")
    spark_write(spark, root, batch(100, 2))
    assert_rows_equal(kernel_rows(root), sorted_rows(expected + batch(100, 2).to_pylist()),
                      "delta_kernel after Spark's append")
