"""Row-level concurrency read back by the peers: several of our CLI processes delete their own
rows of ONE data file of a deletion-vector table at the same time; every delete commits (the
later ones rebase by uniting deletion vectors), and Delta Spark and delta-rs read exactly the
rows left, at the last version and at every version in between (each adds one deleted row)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyarrow as pa

import delta_kernel as dk
from peers import assert_peers_read, assert_rows_equal, delta_rs_rows, spark_rows

WRITERS = 4
PER_WRITER = 3
TOTAL = WRITERS * PER_WRITER + 2


def test_racing_cli_deletes_of_one_file_read_by_peers(spark, cli: Path, tmp_path: Path):
    root = tmp_path / "race"
    dk.write_table(str(root), pa.table({"id": pa.array(range(TOTAL), pa.int64())}),
                   properties={"delta.enableDeletionVectors": "true"})
    procs = []
    for me in range(WRITERS):
        script = "; ".join(
            f"{cli} delete {root} --where 'id = {k * WRITERS + me}'" for k in range(PER_WRITER))
        procs.append(subprocess.Popen(["bash", "-ec", script], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    deleted = WRITERS * PER_WRITER
    table = dk.Table(str(root))
    assert table.version == deleted
    files = table.snapshot().scan().plan().files
    assert len(files) == 1 and files[0].deletion_vector.cardinality == deleted
    assert_peers_read(spark, root, [{"id": i} for i in range(deleted, TOTAL)])
    # Every version in between lost exactly one more row, for every reader.
    for v in range(1, deleted + 1):
        ours = sorted(r["id"] for r in dk.Table(str(root)).snapshot(v).scan().to_arrow().to_pylist())
        assert len(ours) == TOTAL - v
        expected = [{"id": i} for i in ours]
        assert_rows_equal(spark_rows(spark, root, v), expected, f"Delta Spark at version {v}")
        assert_rows_equal(delta_rs_rows(root, v), expected, f"delta-rs at version {v}")
