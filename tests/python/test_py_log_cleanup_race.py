"""Log cleanup racing a writer in another process: while a child process appends and writes
checkpoints (automatic and on demand), this process keeps dating the older commits out of the
retention and cleaning the log. Every version the cleanup keeps, and
every version still inside the retention, reads exactly its rows at every moment, and the
newest version always reads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk

DAY = 24 * 3600
COMMITS = 40  # appends by the writer, each of 2 rows
RECENT = 6  # the newest versions are never dated out of the retention

WRITER = r"""
import sys
import pyarrow as pa
import delta_kernel as dk

root, commits = sys.argv[1], int(sys.argv[2])
for i in range(1, commits + 1):
    data = pa.table({"id": pa.array([2 * i, 2 * i + 1], pa.int64())})
    dk.write_table(root, data, mode="append")
    if i % 5 == 0:
        try:
            dk.Table(root).checkpoint()
        except dk.ConflictError:
            pass  # the automatic checkpoint of this version came first
"""


def rows_at(version: int) -> list[int]:
    """Version 0 holds ids 0, 1; each later version adds the next two."""
    return list(range(2 * (version + 1)))


def read(root: Path, version: int) -> list[int]:
    snapshot = dk.Table(str(root)).snapshot(version)
    return sorted(r["id"] for r in snapshot.scan().to_arrow().to_pylist())


def commit_versions(root: Path) -> list[int]:
    return sorted(int(p.name[:20]) for p in (root / "_delta_log").glob("*.json")
                  if p.name[:20].isdigit() and len(p.name) == 25)


def date_out(root: Path, versions: list[int]) -> None:
    """Dates commits (and their checksums) 40 days back, in version order."""
    for v in versions:
        t = time.time() - (40 - v * 0.001) * DAY
        for suffix in (".json", ".crc"):
            path = root / "_delta_log" / f"{v:020d}{suffix}"
            try:
                os.utime(path, (t, t))
            except FileNotFoundError:
                pass  # cleaned up meanwhile


@pytest.mark.parametrize("policy", ["classic", "v2"])
def test_cleanup_racing_a_writer_keeps_every_retained_version_readable(tmp_path, policy):
    root = tmp_path / policy
    # This process is the only cleaner: the writer's checkpoints leave the log alone, so every
    # version the last cleanup kept must still be there.
    properties = {"delta.checkpointInterval": "3", "delta.enableExpiredLogCleanup": "false"}
    if policy == "v2":
        properties["delta.checkpointPolicy"] = "v2"
    dk.write_table(str(root), pa.table({"id": pa.array([0, 1], pa.int64())}),
                   properties=properties)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root), str(COMMITS)],
                              env=os.environ.copy(), stderr=subprocess.PIPE, text=True)
    cleanups = 0
    earliest = 0
    try:
        while True:
            done = writer.poll() is not None
            versions = commit_versions(root)
            latest = versions[-1]
            dated_out = [v for v in versions if v <= latest - RECENT]
            date_out(root, dated_out)
            result = dk.Table(str(root)).cleanup_metadata()
            cleanups += 1
            if result.earliest_version is not None:
                assert result.earliest_version >= earliest  # the log only ever gets shorter
                earliest = result.earliest_version
            # Every version from the log's start that this cleanup kept, and every one still
            # inside the retention, reads exactly its rows.
            first = earliest
            newest = dk.Table(str(root)).snapshot().version
            for v in range(first, newest + 1):
                assert read(root, v) == rows_at(v), (v, first, newest)
            if done:
                break
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0, writer.stderr.read()
    assert cleanups >= 2
    # The writer's commits all landed; the cleanup cut the log at some checkpoint.
    assert dk.Table(str(root)).snapshot().version == COMMITS
    assert read(root, COMMITS) == rows_at(COMMITS)
    assert earliest > 0
    with pytest.raises(dk.NotFoundError):
        dk.Table(str(root)).snapshot(0).scan().to_arrow()
