"""The write commands of the delta-kernel CLI: `create`, `append` and `overwrite` from Parquet
and CSV files. Output, messages and exit codes are asserted exactly; every refusal leaves the
log as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from harness import assert_error, assert_ok, run_cli

SCHEMA = {
    "type": "struct",
    "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}},
        {"name": "region", "type": "string", "nullable": True, "metadata": {}},
    ],
}


def create(table: Path, *extra: str):
    return run_cli("create", table, "--schema", json.dumps(SCHEMA), "--partition-by", "region",
                   *extra)


def rows(table: Path, *extra: str) -> list[tuple]:
    res = run_cli("scan", table, "--format", "jsonl", *extra)
    assert_ok(res)
    return sorted((r["id"], r.get("region")) for r in res.json_lines())


def version(table: Path) -> int:
    res = run_cli("info", table, "--json")
    assert_ok(res)
    return res.json()["version"]


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def write_parquet(path: Path, ids, regions, id_type=pa.int64()) -> Path:
    pq.write_table(pa.table({"id": pa.array(ids, id_type), "region": pa.array(regions)}), path)
    return path


# --- create ----------------------------------------------------------------------------------


def test_create_prints_version_zero_and_defines_the_table(tmp_path):
    table = tmp_path / "t"
    res = create(table, "--property", "delta.appendOnly=false", "--name", "events")
    assert_ok(res)
    assert res.stdout == "committed version 0\n"
    info = run_cli("info", table, "--json").json()
    assert info["version"] == 0
    assert info["partitionColumns"] == ["region"]
    assert info["schema"] == SCHEMA
    assert info["configuration"] == {"delta.appendOnly": "false"}
    assert info["name"] == "events"
    assert info["numFiles"] == 0


def test_create_reads_the_schema_from_a_file(tmp_path):
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(SCHEMA))
    res = run_cli("create", tmp_path / "t", "--schema", schema_file, "--json")
    assert_ok(res)
    out = res.json()
    assert out["table"] == (tmp_path / "t").resolve().as_uri()
    assert (out["version"], out["committed"], out["attempts"], out["rebasedOver"]) == (
        0, True, 1, [])
    assert isinstance(out["timestamp"], int)


def test_create_modes_when_the_table_exists(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    res = create(table)
    assert_error(res, "Conflict")
    assert table.resolve().as_uri() in res.stderr
    res = create(table, "--mode", "ignore")
    assert_ok(res)
    assert res.stdout == "nothing committed: the table exists (version 0)\n"
    assert version(table) == 0
    res = create(table, "--mode", "replace")
    assert_ok(res)
    assert res.stdout == "committed version 1\n"


@pytest.mark.parametrize("args, message", [
    (["--schema", "{"], "error: InvalidArgument: --schema: "),
    (["--schema", "no-such-schema.json"],
     "error: NotFound: --schema: cannot read file 'no-such-schema.json'\n"),
    (["--schema", json.dumps(SCHEMA), "--property", "novalue"],
     "error: InvalidArgument: --property must be KEY=VALUE, got 'novalue'\n"),
    (["--schema", json.dumps(SCHEMA), "--mode", "sometimes"],
     "error: InvalidArgument: --mode: sometimes not in {error,ignore,replace}\n"),
])
def test_create_refuses_bad_arguments(tmp_path, args, message):
    res = run_cli("create", tmp_path / "t", *args, cwd=tmp_path)
    assert res.returncode != 0
    assert res.stdout == ""
    assert res.stderr.startswith(message), res.stderr
    assert not (tmp_path / "t" / "_delta_log").exists()


# --- append ----------------------------------------------------------------------------------


def test_append_csv_and_parquet(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    csv = write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,us\n3,\n")
    res = run_cli("append", table, csv)
    assert_ok(res)
    assert res.stdout == "committed version 1\n"
    assert rows(table) == [(1, "eu"), (2, "us"), (3, None)]

    pq_file = write_parquet(tmp_path / "b.parquet", [10, 11], ["eu", "eu"])
    res = run_cli("append", table, pq_file, csv, "--json")
    assert_ok(res)
    out = res.json()
    assert (out["version"], out["committed"], out["attempts"]) == (2, True, 1)
    assert rows(table) == [(1, "eu"), (1, "eu"), (2, "us"), (2, "us"), (3, None), (3, None),
                           (10, "eu"), (11, "eu")]
    history = run_cli("history", table, "--json").json()
    assert [h["version"] for h in history] == [2, 1, 0]


def test_append_refuses_files_that_differ(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    good = write_parquet(tmp_path / "good.parquet", [1], ["eu"])
    bad = write_parquet(tmp_path / "bad.parquet", [2], ["eu"], pa.int32())
    res = run_cli("append", table, good, bad)
    assert_error(res, "InvalidArgument")
    assert res.stderr == (f"error: InvalidArgument: {bad}: column 'id' is int32, not int64 as in "
                          f"{good}\n")
    assert version(table) == 0


def test_append_refuses_a_missing_file_and_bad_csv_values(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    res = run_cli("append", table, tmp_path / "nope.parquet")
    assert_error(res, "NotFound")
    assert res.stderr == f"error: NotFound: {tmp_path / 'nope.parquet'}: no such file\n"
    # CSV columns are parsed as the table's types.
    bad = write_csv(tmp_path / "bad.csv", "id,region\n1,eu\nabc,us\n")
    res = run_cli("append", table, bad)
    assert_error(res, "InvalidArgument")
    assert res.stderr.startswith(f"error: InvalidArgument: {bad}: ")
    assert "abc" in res.stderr
    assert version(table) == 0


def test_append_refuses_data_that_does_not_match_the_table(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"id": pa.array([1], pa.int64()), "extra": ["x"]}), other)
    res = run_cli("append", table, other)
    assert_error(res, "InvalidArgument")
    assert "extra" in res.stderr or "region" in res.stderr, res.stderr
    assert version(table) == 0


def test_append_creates_a_missing_table(tmp_path):
    table = tmp_path / "new"
    data = write_parquet(tmp_path / "d.parquet", [1, 2], ["eu", "us"])
    res = run_cli("append", table, data, "--partition-by", "region")
    assert_ok(res)
    assert res.stdout == "committed version 0\n"
    assert rows(table) == [(1, "eu"), (2, "us")]
    assert run_cli("info", table, "--json").json()["partitionColumns"] == ["region"]


def test_append_with_schema_merge_adds_columns(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    wide = write_csv(tmp_path / "wide.csv", "id,region,note\n5,eu,hello\n")
    res = run_cli("append", table, wide)
    assert_error(res, "InvalidArgument")
    assert "note" in res.stderr
    assert version(table) == 0
    res = run_cli("append", table, wide, "--schema-mode", "merge")
    assert_ok(res)
    assert res.stdout == "committed version 1\n"
    names = [f["name"] for f in run_cli("info", table, "--json").json()["schema"]["fields"]]
    assert names == ["id", "region", "note"]


# --- overwrite -------------------------------------------------------------------------------


def test_overwrite_replaces_every_row(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    assert_ok(run_cli("append", table, write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,us\n")))
    res = run_cli("overwrite", table, write_csv(tmp_path / "b.csv", "id,region\n7,us\n"))
    assert_ok(res)
    assert res.stdout == "committed version 2\n"
    assert rows(table) == [(7, "us")]


def test_overwrite_where_replaces_only_matching_rows(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    assert_ok(run_cli("append", table,
                      write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,us\n3,eu\n")))
    res = run_cli("overwrite", table, write_csv(tmp_path / "eu.csv", "id,region\n9,eu\n"),
                  "--where", "region = 'eu'")
    assert_ok(res)
    assert res.stdout == "committed version 2\n"
    assert rows(table) == [(2, "us"), (9, "eu")]


def test_overwrite_where_over_a_data_column_replaces_only_those_rows(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    assert_ok(run_cli("append", table,
                      write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,eu\n3,us\n")))
    res = run_cli("overwrite", table, write_csv(tmp_path / "b.csv", "id,region\n20,us\n"),
                  "--where", "id >= 2")
    assert_ok(res)
    assert res.stdout == "committed version 2\n"
    assert rows(table) == [(1, "eu"), (20, "us")]
    # A row outside the predicate is refused; nothing committed.
    res = run_cli("overwrite", table, write_csv(tmp_path / "c.csv", "id,region\n0,eu\n"),
                  "--where", "id >= 2")
    assert_error(res, "InvalidArgument")
    assert "replaceWhere" in res.stderr
    assert version(table) == 2


def test_overwrite_refuses_a_predicate_that_does_not_parse(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    # Refused before any file is opened: the file does not even exist.
    res = run_cli("overwrite", table, tmp_path / "nope.csv", "--where", "region = ")
    assert_error(res, "InvalidArgument")
    assert "nope.csv" not in res.stderr
    assert version(table) == 0


def test_write_commands_are_listed_in_help():
    res = run_cli("--help")
    for command in ("create", "append", "overwrite", "delete"):
        assert f"  {command}" in res.stdout


# --- delete ----------------------------------------------------------------------------------


def test_delete_where_prints_what_it_did(tmp_path):
    table = tmp_path / "t"
    assert_ok(create(table))
    assert_ok(run_cli("append", table,
                      write_csv(tmp_path / "a.csv", "id,region\n1,eu\n2,eu\n3,us\n")))
    res = run_cli("delete", table, "--where", "id = 2")
    assert_ok(res)
    assert res.stdout == ("deleted 1 rows in version 2 (files removed 1, rewritten 1, "
                          "deletion vectors written 0)\n")
    assert rows(table) == [(1, "eu"), (3, "us")]
    res = run_cli("delete", table, "--where", "id > 100", "--json")
    assert_ok(res)
    assert res.json() == {
        "table": table.resolve().as_uri(), "version": 2, "committed": False,
        "numDeletedRows": 0, "numRemovedFiles": 0, "numAddedFiles": 0, "numCopiedRows": 0,
        "numDeletionVectorsAdded": 0, "numDeletionVectorsRemoved": 0, "numAddedChangeFiles": 0,
    }
    res = run_cli("delete", table, "--all")
    assert_ok(res)
    assert res.stdout.startswith("deleted 2 rows in version 3 ")
    assert rows(table) == []


@pytest.mark.parametrize(
    "args,kind,message",
    [
        ([], "InvalidArgument", "give exactly one of --where EXPR and --all"),
        (["--where", "id = 1", "--all"], "InvalidArgument",
         "give exactly one of --where EXPR and --all"),
        (["--where", "id = "], "InvalidArgument", None),
        (["--where", "nope = 1"], "InvalidArgument", "nope"),
    ],
)
def test_delete_refuses_bad_arguments(tmp_path, args, kind, message):
    table = tmp_path / "t"
    assert_ok(create(table))
    assert_ok(run_cli("append", table, write_csv(tmp_path / "a.csv", "id,region\n1,eu\n")))
    res = run_cli("delete", table, *args)
    assert_error(res, kind)
    if message:
        assert message in res.stderr
    assert version(table) == 1
