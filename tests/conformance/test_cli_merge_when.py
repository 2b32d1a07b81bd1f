"""`delta-kernel merge --when CLAUSE`: SQL clause text with conditions, several clauses of a
kind (the first whose condition holds wins, in the order given), NOT MATCHED BY SOURCE UPDATE
and DELETE, INSERT with a column list, the shorthands in command-line order, and refusals
naming the clause, position and token or the column. Rows and messages are asserted exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import assert_error, assert_ok, import_delta_kernel, run_cli

SCHEMA = {
    "type": "struct",
    "fields": [
        {"name": "id", "type": "long", "nullable": True, "metadata": {}},
        {"name": "region", "type": "string", "nullable": True, "metadata": {}},
        {"name": "n", "type": "long", "nullable": True, "metadata": {}},
    ],
}
START = [(1, "eu", 10), (2, "eu", 20), (3, "us", 30), (4, "us", 40), (5, "ap", 50)]
SOURCE = "id,region,n,op\n1,eu,11,upd\n2,xx,0,del\n3,us,5,keep\n6,eu,60,new\n7,ap,70,skip\n"


def make(tmp_path: Path, properties: tuple[str, ...] = ()) -> Path:
    table = tmp_path / "t"
    props = [a for p in properties for a in ("--property", p)]
    assert_ok(run_cli("create", table, "--schema", json.dumps(SCHEMA), *props))
    rows_csv = tmp_path / "a.csv"
    rows_csv.write_text("id,region,n\n" + "".join(f"{i},{r},{n}\n" for i, r, n in START))
    assert_ok(run_cli("append", table, rows_csv))
    return table


def source(tmp_path: Path, text: str = SOURCE) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(text)
    return path


def rows(table: Path) -> list[tuple]:
    res = run_cli("scan", table, "--format", "jsonl")
    assert_ok(res)
    return sorted((r["id"], r.get("region"), r.get("n")) for r in res.json_lines())


EVERY_KIND = [
    "--when", "MATCHED AND source.op = 'del' THEN DELETE",
    "--when", "MATCHED AND source.n > target.n THEN UPDATE SET n = source.n, region = 'up'",
    "--when", "matched then update set target.region = 'm'",
    "--when", "NOT MATCHED AND source.op = 'new' THEN INSERT (id, n) VALUES (source.id, source.n)",
    "--when", "NOT MATCHED BY TARGET THEN INSERT *",
    "--when", "NOT MATCHED BY SOURCE AND target.region = 'us' THEN DELETE",
    "--when", "NOT MATCHED BY SOURCE THEN UPDATE SET region = 'old'",
]
AFTER_EVERY_KIND = [(1, "up", 11), (3, "m", 30), (5, "old", 50), (6, None, 60), (7, "ap", 70)]


@pytest.mark.parametrize("properties", [(), ("delta.enableDeletionVectors=true",)],
                         ids=["copy-on-write", "deletion-vectors"])
def test_every_clause_kind_with_conditions(tmp_path, properties):
    table = make(tmp_path, properties)
    res = run_cli("merge", table, source(tmp_path), "--on", "target.id = source.id", *EVERY_KIND,
                  "--json")
    assert_ok(res)
    out = res.json()
    assert {k: out[k] for k in ("version", "committed", "numSourceRows", "numTargetRowsInserted",
                                "numTargetRowsUpdated", "numTargetRowsDeleted")} == {
        "version": 2, "committed": True, "numSourceRows": 5, "numTargetRowsInserted": 2,
        "numTargetRowsUpdated": 3, "numTargetRowsDeleted": 2}
    assert rows(table) == AFTER_EVERY_KIND
    # The clauses as the commit records them, in the order given.
    res = run_cli("history", table, "--limit", "1", "--json")
    assert_ok(res)
    params = res.json()[0]["operationParameters"]
    assert json.loads(params["matchedPredicates"]) == [
        {"predicate": "source.op = 'del'", "actionType": "delete"},
        {"predicate": "source.n > target.n", "actionType": "update"},
        {"actionType": "update"}]
    assert json.loads(params["notMatchedPredicates"]) == [
        {"predicate": "source.op = 'new'", "actionType": "insert"}, {"actionType": "insert"}]
    assert json.loads(params["notMatchedBySourcePredicates"]) == [
        {"predicate": "target.region = 'us'", "actionType": "delete"},
        {"actionType": "update"}]


def test_same_rows_and_commit_as_the_python_builder(tmp_path):
    """The CLI's clause text means what the same clauses given to Python's builder mean."""
    try:
        import_delta_kernel()
        import delta_kernel as dk
        import pyarrow.csv as pv
    except ImportError as e:
        pytest.skip(f"the Python package is not built: {e}")
    by_cli = make(tmp_path / "cli")
    assert_ok(run_cli("merge", by_cli, source(tmp_path), "--on", "target.id = source.id",
                      *EVERY_KIND))
    by_py = make(tmp_path / "py")
    (dk.Table(str(by_py))
     .merge(pv.read_csv(source(tmp_path)), on="target.id = source.id")
     .when_matched_delete(condition="source.op = 'del'")
     .when_matched_update(set={"n": "source.n", "region": "'up'"},
                          condition="source.n > target.n")
     .when_matched_update(set={"region": "'m'"})
     .when_not_matched_insert(values={"id": "source.id", "n": "source.n"},
                              condition="source.op = 'new'")
     .when_not_matched_insert_all()
     .when_not_matched_by_source_delete(condition="target.region = 'us'")
     .when_not_matched_by_source_update(set={"region": "'old'"})
     .execute())
    assert rows(by_cli) == rows(by_py) == AFTER_EVERY_KIND
    cli_commit, py_commit = (run_cli("history", t, "--limit", "1", "--json").json()[0]
                             for t in (by_cli, by_py))
    assert cli_commit["operationParameters"] == py_commit["operationParameters"]


def test_first_matching_clause_of_a_kind_wins_in_the_order_given(tmp_path):
    src = source(tmp_path, "id,n\n1,100\n2,3\n")
    a = "MATCHED AND source.n > 1 THEN UPDATE SET region = 'a'"
    b = "MATCHED AND source.n > 50 THEN UPDATE SET region = 'b'"
    table = make(tmp_path / "ab")
    assert_ok(run_cli("merge", table, src, "--on", "target.id = source.id", "--when", a,
                      "--when", b))
    assert rows(table)[:2] == [(1, "a", 10), (2, "a", 20)]
    table = make(tmp_path / "ba")
    assert_ok(run_cli("merge", table, src, "--on", "target.id = source.id", "--when", b,
                      "--when", a))
    assert rows(table)[:2] == [(1, "b", 10), (2, "a", 20)]


def test_shorthands_take_their_place_in_the_command_line(tmp_path):
    table = make(tmp_path)
    res = run_cli("merge", table, source(tmp_path), "--on", "target.id = source.id",
                  "--when", "MATCHED AND source.op = 'del' THEN DELETE",
                  "--when-matched-update", "region='set'", "--when-not-matched-insert-all",
                  "--when-matched-update", "n=source.n",
                  "--when", "NOT MATCHED BY SOURCE AND target.n > 40 THEN DELETE")
    assert_ok(res)
    assert res.stdout == ("merged in version 2: inserted 2, updated 2, deleted 2 rows "
                          "(files removed 1, added 1)\n")
    assert rows(table) == [(1, "set", 11), (3, "set", 5), (4, "us", 40), (6, "eu", 60),
                           (7, "ap", 70)]


def test_insert_with_a_column_list_and_quoted_text(tmp_path):
    table = make(tmp_path)
    src = source(tmp_path, "id,region\n8,x\n")
    res = run_cli("merge", table, src, "--on", "target.id = source.id", "--when",
                  "NOT MATCHED THEN INSERT (`n`, id, region) VALUES (8, source.id, "
                  "'it''s, (then)')")
    assert_ok(res)
    assert rows(table) == START + [(8, "it's, (then)", 8)]


@pytest.mark.parametrize(
    "clauses,message",
    [
        (["--when", "MATCHED THEN UPSERT"],
         'cannot parse merge clause "MATCHED THEN UPSERT": at position 14: expected UPDATE or '
         "DELETE (WHEN MATCHED) but found 'UPSERT'"),
        (["--when", "NOT MATCHED THEN INSERT (id) VALUES (source.id, 1)"],
         'cannot parse merge clause "NOT MATCHED THEN INSERT (id) VALUES (source.id, 1)": at '
         "position 37: INSERT lists 1 columns but 2 values"),
        (["--when", "MATCHED AND source.n > THEN DELETE"],
         'cannot parse merge clause "MATCHED AND source.n > THEN DELETE": the condition: '
         'cannot parse expression "source.n >": at position 11:'),
        (["--when", "MATCHED THEN UPDATE SET nope = 1"],
         "WHEN MATCHED clause 1: the table has no column 'nope'"),
        (["--when", "MATCHED AND source.nope = 1 THEN DELETE"],
         "WHEN MATCHED clause 1 condition: column source.nope not found in the table schema"),
        (["--when", "MATCHED THEN DELETE", "--when", "NOT MATCHED BY SOURCE THEN UPDATE SET "
          "n = source.n"],
         "column 'source.n' in WHEN NOT MATCHED BY SOURCE clause 2 value of 'n' is not "
         "qualified by 'target'"),
        (["--when", "MATCHED THEN DELETE", "--when", "MATCHED AND source.n = 1 THEN DELETE"],
         '--when "MATCHED AND source.n = 1 THEN DELETE" could never apply: --when "MATCHED '
         'THEN DELETE" before it is a clause of the same kind without a condition (only the '
         "last clause of a kind may omit its AND condition)"),
        (["--when-matched-update-all", "--when", "MATCHED AND source.n = 1 THEN DELETE"],
         '--when "MATCHED AND source.n = 1 THEN DELETE" could never apply: '
         "--when-matched-update-all before it"),
    ],
)
def test_bad_clauses_are_refused(tmp_path, clauses, message):
    table = make(tmp_path)
    res = run_cli("merge", table, source(tmp_path), "--on", "target.id = source.id", *clauses)
    assert_error(res, "InvalidArgument")
    assert message in res.stderr
    assert rows(table) == START
    assert len(run_cli("history", table, "--json").json()) == 2


def test_help_names_the_clause_grammar():
    res = run_cli("merge", "--help")
    assert res.returncode == 0
    text = " ".join(res.stdout.split())
    assert ("NOT MATCHED BY SOURCE [AND cond] THEN UPDATE SET ... | DELETE" in text)
