"""Row-level concurrency across processes: several OS processes delete their own rows of ONE
data file of a deletion-vector table at the same time through Table.delete; every delete
commits (the later ones rebase by uniting deletion vectors), every acknowledged delete is
visible, and nothing else goes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyarrow as pa

import delta_kernel as dk

WORKER = r"""
import json, sys, time
import delta_kernel as dk
path, me, writers, per, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
while time.time() < start:
    time.sleep(0.001)
done = []
for k in range(per):
    r = dk.Table(path).delete(f"id = {k * writers + me}", max_attempts=500)
    done.append([k * writers + me, r.num_deleted_rows, r.commit.version])
print(json.dumps(done))
"""


def ids(path) -> list[int]:
    return sorted(dk.Table(str(path)).scan(columns=["id"]).to_arrow().column("id").to_pylist())


def test_processes_delete_their_own_rows_of_one_file(tmp_path):
    writers, per, extra = 4, 5, 3
    total = writers * per + extra
    dk.write_table(str(tmp_path), pa.table({"id": pa.array(range(total), pa.int64())}),
                   properties={"delta.enableDeletionVectors": True})
    assert len(dk.Table(str(tmp_path)).snapshot().scan().plan().files) == 1
    start = time.time() + 2.0  # every process imports first, then all start together
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(tmp_path), str(me), str(writers),
                          str(per), str(start)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=os.environ.copy())
        for me in range(writers)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.extend(json.loads(out))
    # Each acknowledged delete removed its row, in a version of its own.
    assert sorted(r[0] for r in results) == list(range(writers * per))
    assert all(r[1] == 1 for r in results)
    versions = sorted(r[2] for r in results)
    assert versions == list(range(1, writers * per + 1))
    assert ids(tmp_path) == list(range(writers * per, total))
    files = dk.Table(str(tmp_path)).snapshot().scan().plan().files
    assert len(files) == 1 and files[0].deletion_vector.cardinality == writers * per
