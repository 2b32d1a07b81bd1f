"""Unshredded variant columns read as structs of binary `metadata` and `value`, checked against
the table's published expected rows (tables/unshredded-variant.expected.in, a printed table of
id and each variant column's bytes in hex)."""

from __future__ import annotations

import collections
import re

import pyarrow.parquet as pq

from harness import CONFORMANCE, assert_ok, discover_tables, run_cli

EXPECTED = CONFORMANCE / "tables" / "unshredded-variant.expected.in"
CELL = re.compile(r"\{metadata: ([0-9a-f]+), value: ([0-9a-f]+)\}")


def expected_rows() -> collections.Counter:
    """(id, metadata hex, value hex) of column `v` per printed row."""
    rows = collections.Counter()
    for line in EXPECTED.read_text().splitlines():
        line = line.strip().strip('",')
        if not line.startswith("| ") or line.startswith("| id "):
            continue
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        m = CELL.fullmatch(cells[1])
        assert m, cells[1]
        rows[(int(cells[0]), m.group(1), m.group(2))] += 1
    return rows


def test_unshredded_variant_matches_expected(extract, tmp_path):
    case = next(c for c in discover_tables() if c.name == "unshredded-variant")
    root = extract(case)
    out = tmp_path / "v.parquet"
    assert_ok(run_cli("scan", root, "--format", "parquet", "--output", out))
    table = pq.read_table(out)
    assert {f.name for f in table.schema.field("v").type} == {"metadata", "value"}
    got = collections.Counter(
        (r["id"], r["v"]["metadata"].hex(), r["v"]["value"].hex()) for r in table.to_pylist())
    want = expected_rows()
    assert sum(want.values()) == table.num_rows and got == want
    # Every nested position holds the same variant as `v` (the generator's construction).
    for r in table.to_pylist():
        assert r["struct_of_variants"]["v"] == r["v"]
        assert r["array_of_variants"] == [r["v"], None, r["v"], None, r["v"]]
        assert r["map_of_variants"] == [(str(r["id"]), r["v"]), ("nullKey", None)]
