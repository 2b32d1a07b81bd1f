"""`delta-kernel update`: SET expressions over the current values, --where, --json, and
errors (exact output)."""

from __future__ import annotations

import json
from pathlib import Path

from harness import assert_error, assert_ok, run_cli

SCHEMA = {"type": "struct", "fields": [
    {"name": "id", "type": "long", "nullable": True, "metadata": {}},
    {"name": "region", "type": "string", "nullable": True, "metadata": {}},
]}


def make(tmp_path: Path) -> Path:
    table = tmp_path / "t"
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA), "--partition-by",
                      "region"))
    csv = tmp_path / "a.csv"
    csv.write_text("id,region\n1,eu\n2,eu\n3,us\n")
    assert_ok(run_cli("append", table, csv))
    return table


def rows(table: Path) -> list[tuple]:
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    return sorted((r["id"], r.get("region")) for r in res.json_lines())


def test_update_sets_columns_and_prints_what_it_did(tmp_path):
    table = make(tmp_path)
    res = run_cli("update", table, "--set", "id=id * 10 + 1", "--set", "region='us'",
                  "--where", "id = 2")
    assert_ok(res)
    assert res.stdout == ("updated 1 rows in version 2 (files removed 1, added 2, "
                          "deletion vectors written 0)\n")
    assert rows(table) == [(1, "eu"), (3, "us"), (21, "us")]
    res = run_cli("update", table, "--set", "id=0", "--where", "id > 100", "--json")
    assert_ok(res)
    assert res.json() == {
        "table": table.resolve().as_uri(), "version": 2, "committed": False,
        "numUpdatedRows": 0, "numCopiedRows": 0, "numAddedFiles": 0, "numRemovedFiles": 0,
        "numDeletionVectorsAdded": 0, "numDeletionVectorsRemoved": 0, "numAddedChangeFiles": 0,
    }
    res = run_cli("update", table, "--set", "id=-id")
    assert_ok(res)
    assert res.stdout.startswith("updated 3 rows in version 3 ")
    assert rows(table) == [(-21, "us"), (-3, "us"), (-1, "eu")]


def test_update_refuses_bad_arguments(tmp_path):
    table = make(tmp_path)
    res = run_cli("update", table, "--set", "id")
    assert_error(res, "InvalidArgument")
    assert "--set must be COLUMN=EXPRESSION, got 'id'" in res.stderr
    res = run_cli("update", table, "--set", "nope=1")
    assert_error(res, "InvalidArgument")
    assert "column 'nope' not found" in res.stderr
    res = run_cli("update", table, "--set", "id=id +")
    assert_error(res, "InvalidArgument")
    assert "--set id" in res.stderr
    res = run_cli("update", table, "--where", "id = 1")
    assert res.returncode != 0


def test_update_set_allows_blanks_around_the_column_name(tmp_path):
    table = make(tmp_path)
    res = run_cli("update", table, "--set", " region = 'ap'", "--where", "id = 1")
    assert_ok(res)
    assert rows(table) == [(1, "ap"), (2, "eu"), (3, "us")]
    for bad in (" = 1", "=1", "\t=1"):
        res = run_cli("update", table, "--set", bad)
        assert_error(res, "InvalidArgument")
        assert f"--set must be COLUMN=EXPRESSION, got '{bad}'" in res.stderr
