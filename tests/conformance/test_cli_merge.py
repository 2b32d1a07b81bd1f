"""`delta-kernel merge`: an upsert from a CSV file, deletes, NOT MATCHED BY SOURCE, the JSON
output, and refusals that leave the log as it was. Output and messages are asserted exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import assert_error, assert_ok, run_cli

SCHEMA = {
    "type": "struct",
    "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}},
        {"name": "region", "type": "string", "nullable": True, "metadata": {}},
    ],
}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def make(tmp_path: Path) -> Path:
    table = tmp_path / "t"
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA)))
    assert_ok(run_cli("append", table,
                      write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,eu\n3,us\n")))
    return table


def rows(table: Path) -> list[tuple]:
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    return sorted((r["id"], r.get("region")) for r in res.json_lines())


def test_upsert_prints_what_it_did(tmp_path):
    table = make(tmp_path)
    src = write_csv(tmp_path / "s.csv", "id,region\n2,us\n4,eu\n")
    res = run_cli("merge", table, src, "--on", "target.id = source.id",
                  "--when-matched-update-all", "--when-not-matched-insert-all")
    assert_ok(res)
    assert res.stdout == ("merged in version 2: inserted 1, updated 1, deleted 0 rows "
                          "(files removed 1, added 1)\n")
    assert rows(table) == [(1, "eu"), (2, "us"), (3, "us"), (4, "eu")]


def test_delete_and_by_source_with_json(tmp_path):
    table = make(tmp_path)
    src = write_csv(tmp_path / "s.csv", "id,region\n1,x\n")
    res = run_cli("merge", table, src, "--on", "t.id = s.id", "--source-alias", "s",
                  "--target-alias", "t", "--when-matched-update", "region='seen'",
                  "--when-not-matched-by-source-delete", "--json")
    assert_ok(res)
    assert res.json() == {
        "table": table.resolve().as_uri(), "version": 2, "committed": True,
        "numSourceRows": 1, "numTargetRowsInserted": 0, "numTargetRowsUpdated": 1,
        "numTargetRowsDeleted": 2, "numTargetRowsCopied": 0, "numTargetFilesAdded": 1,
        "numTargetFilesRemoved": 1, "numTargetDeletionVectorsAdded": 0,
        "numTargetChangeFilesAdded": 0,
    }
    assert rows(table) == [(1, "seen")]
    res = run_cli("merge", table, src, "--on", "target.id = source.id", "--when-matched-delete")
    assert_ok(res)
    assert rows(table) == []
    res = run_cli("merge", table, src, "--on", "target.id = source.id", "--when-matched-delete")
    assert_ok(res)
    assert res.stdout == "nothing committed: no row changed (version 3)\n"


@pytest.mark.parametrize(
    "args,message",
    [
        (["--on", "target.id = source.id"], "give at least one --when-... clause"),
        (["--on", "target.id = source.id", "--when-matched-update-all", "--when-matched-delete"],
         "give at most one of --when-matched-update(-all) and --when-matched-delete"),
        (["--on", "target.id =", "--when-matched-delete"], "--on"),
        (["--on", "target.nope = source.id", "--when-matched-delete"], "nope"),
        (["--on", "target.id = source.id", "--when-matched-update", "region"],
         "--when-matched-update takes COLUMN=EXPRESSION, got 'region'"),
    ],
)
def test_merge_refuses_bad_arguments(tmp_path, args, message):
    table = make(tmp_path)
    src = write_csv(tmp_path / "s.csv", "id,region\n2,us\n2,eu\n")
    res = run_cli("merge", table, src, *args)
    assert_error(res, "InvalidArgument")
    assert message in res.stderr
    assert rows(table) == [(1, "eu"), (2, "eu"), (3, "us")]


def test_duplicate_source_rows_are_refused(tmp_path):
    table = make(tmp_path)
    src = write_csv(tmp_path / "s.csv", "id,region\n2,us\n2,eu\n")
    res = run_cli("merge", table, src, "--on", "target.id = source.id",
                  "--when-matched-update-all")
    assert_error(res, "InvalidArgument")
    assert "multiple source rows matched" in res.stderr
    assert rows(table) == [(1, "eu"), (2, "eu"), (3, "us")]
