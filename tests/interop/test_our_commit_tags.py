"""commitInfo.tags next to Delta Spark's: on copies of the same row-tracking table, Spark's and
our DELETE, UPDATE, MERGE and OPTIMIZE carry the same ``delta.rowTracking.preserved`` tag
("true"), appends carry none, and on a table without row tracking neither writes it. Spark
reads the table we rewrote. Also what Spark's DV DELETE writes as operationMetrics next to
ours (docs/dml.md, DELETE's commit step)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk
from peers import assert_peers_read, spark_sql, spark_write

PRESERVED = "delta.rowTracking.preserved"


def data(ids: list[int], part: str) -> pa.Table:
    return pa.table({"id": pa.array(ids, pa.int64()), "part": [part] * len(ids)})


def commit_info(root: Path, version: int) -> dict:
    with open(root / "_delta_log" / f"{version:020d}.json") as f:
        for line in f:
            action = json.loads(line)
            if "commitInfo" in action:
                return action["commitInfo"]
    raise AssertionError(f"no commitInfo in version {version} of {root}")


def latest_version(root: Path) -> int:
    return max(int(p.name[:20]) for p in (root / "_delta_log").glob("*.json"))


def preserved_tag(root: Path) -> str | None:
    return commit_info(root, latest_version(root)).get("tags", {}).get(PRESERVED)


def ours_then_spark(spark, ours: Path, theirs: Path, run_ours, spark_statement: str):
    """Runs the statement on each copy; the two latest commits' tags."""
    before = latest_version(ours)
    run_ours(dk.Table(str(ours)))
    assert latest_version(ours) == before + 1
    spark_sql(spark, spark_statement, t=theirs)
    assert latest_version(theirs) == latest_version(ours)
    return preserved_tag(ours), preserved_tag(theirs)


STATEMENTS = [
    ("delete", lambda t: t.delete("id = 2"), "DELETE FROM {t} WHERE id = 2"),
    ("update", lambda t: t.update({"part": "'u'"}, "id = 3"),
     "UPDATE {t} SET part = 'u' WHERE id = 3"),
    ("merge",
     lambda t: (t.merge(data([4, 9], "m"), on="target.id = source.id")
                .when_matched_update(set={"part": "source.part"})
                .when_not_matched_insert_all().execute()),
     "MERGE INTO {t} AS target USING (SELECT 4L AS id, 'm' AS part UNION ALL "
     "SELECT 9L AS id, 'm' AS part) AS source ON target.id = source.id "
     "WHEN MATCHED THEN UPDATE SET part = source.part WHEN NOT MATCHED THEN INSERT *"),
    ("optimize", lambda t: t.optimize(), "OPTIMIZE {t}"),
]
EXPECTED = [{"id": 1, "part": "a"}, {"id": 3, "part": "u"}, {"id": 4, "part": "m"},
            {"id": 5, "part": "b"}, {"id": 6, "part": "b"}, {"id": 9, "part": "m"}]


@pytest.mark.parametrize(
    "properties,expected_tag",
    [
        ({"delta.enableRowTracking": "true", "delta.enableDeletionVectors": "true"}, "true"),
        ({"delta.enableRowTracking": "true"}, "true"),
        ({"delta.enableDeletionVectors": "true"}, None),
    ],
    ids=["row-tracking-dvs", "row-tracking-copy-on-write", "no-row-tracking"],
)
def test_rewrites_carry_sparks_tag(spark, tmp_path, properties, expected_tag):
    ours, theirs = tmp_path / "ours", tmp_path / "spark"
    dk.write_table(str(ours), data([1, 2, 3, 4], "a"), properties=properties)
    assert commit_info(ours, 0).get("tags", {}).get(PRESERVED) is None  # CREATE TABLE
    shutil.copytree(ours, theirs)
    # Appends: none from either.
    dk.write_table(str(ours), data([5, 6], "b"), mode="append")
    spark_write(spark, theirs, data([5, 6], "b"))
    assert (preserved_tag(ours), preserved_tag(theirs)) == (None, None)

    for name, run_ours, statement in STATEMENTS:
        tags = ours_then_spark(spark, ours, theirs, run_ours, statement)
        assert tags == (expected_tag, expected_tag), f"{name}: ours, Spark's {tags}"
    assert_peers_read(spark, ours, EXPECTED)
    assert_peers_read(spark, theirs, EXPECTED, delta_rs=False)


def test_deletion_vector_delete_metrics_next_to_sparks(spark, tmp_path):
    """The same DV DELETE (one row of a 4-row file without a DV) by each: the rows and the
    deletion vector written agree; Spark counts the file re-added with its DV neither as
    removed nor as added (numRemovedFiles 0), we count its remove (numRemovedFiles 1)."""
    ours, theirs = tmp_path / "ours", tmp_path / "spark"
    dk.write_table(str(ours), data([1, 2, 3, 4], "a"),
                   properties={"delta.enableDeletionVectors": "true"})
    shutil.copytree(ours, theirs)
    dk.Table(str(ours)).delete("id = 2")
    spark_sql(spark, "DELETE FROM {t} WHERE id = 2", t=theirs)
    mine = commit_info(ours, 1)["operationMetrics"]
    sparks = commit_info(theirs, 1)["operationMetrics"]
    same = ["numDeletedRows", "numAddedFiles", "numCopiedRows", "numDeletionVectorsAdded",
            "numDeletionVectorsRemoved", "numAddedChangeFiles", "numAddedBytes"]
    assert {k: mine[k] for k in same} == {k: sparks[k] for k in same}
    assert {k: mine[k] for k in same} == {
        "numDeletedRows": "1", "numAddedFiles": "0", "numCopiedRows": "0",
        "numDeletionVectorsAdded": "1", "numDeletionVectorsRemoved": "0",
        "numAddedChangeFiles": "0", "numAddedBytes": "0"}
    assert (mine["numRemovedFiles"], sparks["numRemovedFiles"]) == ("1", "0")
    assert sparks["numDeletionVectorsUpdated"] == "0" and "numDeletionVectorsUpdated" not in mine
