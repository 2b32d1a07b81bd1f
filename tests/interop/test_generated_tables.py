"""Tables written by delta-table-gen are valid Delta tables: delta-rs (the `deltalake` package)
and pyarrow read them, agree with an independent replay of the JSON commits, and agree with our
own CLI (`delta-kernel files --json`). One small table per checkpoint kind."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import deltalake
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]

FILES, COMMITS, REMOVES_PERCENT, ROWS = 12, 5, 25, 7
LIVE_FILES = FILES - FILES * REMOVES_PERCENT // 100  # 9
LAST_VERSION = COMMITS - 1

COMMON = {"--files": FILES, "--commits": COMMITS, "--removes": REMOVES_PERCENT,
          "--partitioned": 3, "--rows-per-file": ROWS, "--columns": 9, "--seed": 7,
          "--start-time": "2024-03-01T00:00:00Z", "--threads": 2}

# name -> options on top of COMMON (flags map to None)
CASES = {
    "no-checkpoint": {"--checkpoint": "none"},
    "classic": {"--checkpoint": "classic"},
    "multipart": {"--checkpoint": "multipart:3"},
    "v2-json-sidecars": {"--checkpoint": "v2-json", "--sidecars": 2},
    "v2-parquet-sidecars": {"--checkpoint": "v2-parquet", "--sidecars": 3},
    "v2-parquet-inline": {"--checkpoint": "v2-parquet", "--sidecars": 0},
    "classic-every-2-unpartitioned-no-stats": {"--checkpoint": "classic",
                                               "--checkpoint-interval": 2,
                                               "--partitioned": 0, "--stats": "off"},
    "in-commit-timestamps": {"--checkpoint": "classic", "--in-commit-timestamps": None},
}


def generate(table_gen: Path, root: Path, options: dict) -> Path:
    args = [str(table_gen), str(root), "-q"]
    for key, value in {**COMMON, **options}.items():
        args += [key] if value is None else [key, str(value)]
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    return root


def commit_actions(root: Path, version: int) -> list[dict]:
    path = root / "_delta_log" / f"{version:020d}.json"
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def replay(root: Path, version: int = LAST_VERSION) -> dict[str, dict]:
    """Live add actions by path, from the JSON commits alone (the reference here)."""
    live: dict[str, dict] = {}
    for v in range(version + 1):
        for action in commit_actions(root, v):
            if "add" in action:
                live[action["add"]["path"]] = action["add"]
            elif "remove" in action:
                live.pop(action["remove"]["path"], None)
    return live


def cli_files(cli: Path, root: Path, version: int | None = None) -> list[dict]:
    args = [str(cli), "files", str(root), "--json"]
    if version is not None:
        args += ["--version", str(version)]
    out = subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout
    return [json.loads(line) for line in out.splitlines() if line]


def delta_rs_paths(table: deltalake.DeltaTable, root: Path) -> list[str]:
    prefix = str(root) + "/"
    uris = [u.removeprefix("file://") for u in table.file_uris()]
    assert all(u.startswith(prefix) for u in uris), uris
    return sorted(u[len(prefix):] for u in uris)


def delta_rs_row_count(table: deltalake.DeltaTable) -> int:
    # DataFusion-backed: reads v2-checkpoint tables too, which to_pyarrow_table refuses.
    result = deltalake.QueryBuilder().register("t", table).execute("SELECT count(*) AS n FROM t")
    return pa.table(result.read_all()).column("n")[0].as_py()


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def case(request, table_gen, tmp_path_factory):
    root = generate(table_gen, tmp_path_factory.mktemp("gen") / request.param,
                    CASES[request.param])
    return request.param, root


def test_readers_agree_with_the_log(case, cli):
    name, root = case
    expected = replay(root)
    assert len(expected) == LIVE_FILES

    table = deltalake.DeltaTable(str(root))
    assert table.version() == LAST_VERSION
    assert delta_rs_paths(table, root) == sorted(expected)
    assert delta_rs_row_count(table) == LIVE_FILES * ROWS
    if table.protocol().min_reader_version < 3:
        assert table.to_pyarrow_table().num_rows == LIVE_FILES * ROWS

    mine = cli_files(cli, root)
    assert [f["path"] for f in mine] == sorted(expected)
    assert {f["path"]: f["size"] for f in mine} == {p: a["size"] for p, a in expected.items()}

    stats_on = CASES[name].get("--stats", "on") == "on"
    for path, add in expected.items():
        data = root / path
        assert data.stat().st_size == add["size"]
        meta = pq.read_metadata(data)
        assert meta.num_rows == ROWS
        assert "region" not in meta.schema.names  # partition values live in the log only
        if stats_on:
            assert json.loads(add["stats"])["numRecords"] == ROWS
        else:
            assert "stats" not in add
    if stats_on:
        assert sum(f["numRecords"] for f in mine) == LIVE_FILES * ROWS


def test_time_travel_agrees(case, cli):
    _, root = case
    for version in (0, 2):
        expected = sorted(replay(root, version))
        table = deltalake.DeltaTable(str(root), version=version)
        assert delta_rs_paths(table, root) == expected
        assert [f["path"] for f in cli_files(cli, root, version)] == expected


def checkpoint_versions(root: Path) -> list[int]:
    names = (p.name for p in (root / "_delta_log").iterdir())
    return sorted({int(n.split(".")[0]) for n in names if ".checkpoint." in n})


def test_checkpoint_alone_is_enough(case, cli, tmp_path):
    """With the commits the checkpoint covers deleted (as metadata cleanup would), readers must
    get the same files from the checkpoint itself."""
    name, root = case
    versions = checkpoint_versions(root)
    if CASES[name]["--checkpoint"] == "none":
        assert versions == []
        pytest.skip("no checkpoint")
    copy = shutil.copytree(root, tmp_path / name)
    last = versions[-1]
    assert json.loads((copy / "_delta_log" / "_last_checkpoint").read_text())["version"] == last
    for v in range(last):
        (copy / "_delta_log" / f"{v:020d}.json").unlink()

    expected = sorted(replay(root))
    assert delta_rs_paths(deltalake.DeltaTable(str(copy)), copy) == expected
    assert [f["path"] for f in cli_files(cli, copy)] == expected


def read_checkpoint(root: Path, version: int) -> pa.Table:
    """All rows of the checkpoint at `version`, sidecar rows included."""
    log = root / "_delta_log"
    parts = sorted(log.glob(f"{version:020d}.checkpoint*"))
    assert parts
    tables = []
    for part in parts:
        if part.suffix == ".json":
            rows = [json.loads(line) for line in part.read_text().splitlines()]
            sidecars = [r["sidecar"]["path"] for r in rows if "sidecar" in r]
            assert [r for r in rows if "checkpointMetadata" in r][0]["checkpointMetadata"] == {
                "version": version, "tags": {}}
        else:
            t = pq.read_table(part)
            tables.append(t)
            sidecars = ([s["path"] for s in t.column("sidecar").to_pylist() if s]
                        if "sidecar" in t.column_names else [])
        for sidecar in sidecars:
            tables.append(pq.read_table(log / "_sidecars" / sidecar))
    return pa.concat_tables(tables, promote_options="default") if tables else pa.table({})


def test_checkpoint_schema(case):
    name, root = case
    versions = checkpoint_versions(root)
    if not versions:
        pytest.skip("no checkpoint")
    table = read_checkpoint(root, versions[-1])
    add_type = table.schema.field("add").type
    assert add_type.field("partitionValues").type == pa.map_(pa.string(), pa.string())
    assert add_type.field("stats").type == pa.string()
    assert table.schema.field("remove").type.field("deletionTimestamp").type == pa.int64()
    adds = [a for a in table.column("add").to_pylist() if a]
    removes = [r for r in table.column("remove").to_pylist() if r]
    live = replay(root, versions[-1])
    assert sorted(a["path"] for a in adds) == sorted(live)
    for a in adds:
        assert a["partitionValues"] == list(live[a["path"]]["partitionValues"].items())
        assert a["stats"] == live[a["path"]].get("stats")
    added = {a["add"]["path"] for v in range(versions[-1] + 1) for a in commit_actions(root, v)
             if "add" in a}
    assert sorted(r["path"] for r in removes) == sorted(added - live.keys())  # tombstones
    if "protocol" in table.column_names:
        protocols = [p for p in table.column("protocol").to_pylist() if p]
        assert len(protocols) == 1
        v2 = CASES[name]["--checkpoint"].startswith("v2")
        assert (protocols[0]["readerFeatures"] is not None) == v2


def test_stats_match_the_data(table_gen, tmp_path):
    """Per-file stats, as delta-rs parses them, equal min/max/null counts computed from the rows."""
    root = generate(table_gen, tmp_path / "t", {"--checkpoint": "classic", "--columns": 8})
    actions = pa.table(deltalake.DeltaTable(str(root)).get_add_actions(flatten=True))
    assert actions.num_rows == LIVE_FILES
    for row in actions.to_pylist():
        data = pq.read_table(root / row["path"])
        for column in data.column_names:
            values = data.column(column)
            assert row[f"null_count.{column}"] == values.null_count, column
            if pa.types.is_boolean(values.type):
                continue  # Delta writers keep no bounds for booleans
            bounds = pc.min_max(values).as_py()
            assert row[f"min.{column}"] == bounds["min"], column
            assert row[f"max.{column}"] == bounds["max"], column


def test_fake_data_log(table_gen, cli, tmp_path):
    """--data fake writes only the log; readers still agree on it."""
    root = generate(table_gen, tmp_path / "fake",
                    {"--data": "fake", "--files": 3000, "--commits": 7, "--removes": 10,
                     "--checkpoint": "multipart:4", "--checkpoint-interval": 3})
    assert not any(root.glob("region=*"))
    expected = replay(root, 6)
    assert len(expected) == 2700
    table = deltalake.DeltaTable(str(root))
    assert delta_rs_paths(table, root) == sorted(expected)
    actions = pa.table(table.get_add_actions(flatten=True))
    assert pc.sum(actions.column("num_records")).as_py() == 2700 * ROWS
    mine = cli_files(cli, root)
    assert [f["path"] for f in mine] == sorted(expected)
    assert sum(f["numRecords"] for f in mine) == 2700 * ROWS
    parts = sorted((root / "_delta_log").glob("00000000000000000006.checkpoint.*.parquet"))
    assert [p.name.split(".")[2:4] for p in parts] == [
        [f"{i:010d}", "0000000004"] for i in range(1, 5)]


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_same_bytes(table_gen, tmp_path):
    options = {"--checkpoint": "v2-parquet", "--sidecars": 2}
    a = tree(generate(table_gen, tmp_path / "a", options))
    b = tree(generate(table_gen, tmp_path / "b", {**options, "--threads": 1}))
    c = tree(generate(table_gen, tmp_path / "c", {**options, "--seed": 8}))
    assert a == b
    assert a.keys() != c.keys()


def test_sample_table_is_reproducible(table_gen, tmp_path):
    """examples/sample-table is exactly what scripts/make-sample-table.sh writes."""
    out = tmp_path / "sample"
    subprocess.run(["bash", str(REPO / "scripts" / "make-sample-table.sh"), str(out)],
                   check=True, capture_output=True, timeout=120,
                   env={"PATH": "/usr/bin:/bin", "DELTA_TABLE_GEN": str(table_gen)})
    assert tree(out) == tree(REPO / "examples" / "sample-table")


def test_existing_directory_is_protected(table_gen, tmp_path):
    other = tmp_path / "not-a-table"
    other.mkdir()
    (other / "precious.txt").write_text("keep me")
    for extra in ([], ["--force"]):
        res = subprocess.run([str(table_gen), str(other), "--files", "1", *extra],
                             capture_output=True, text=True)
        assert res.returncode == 2, res.stderr
        assert "error: InvalidArgument" in res.stderr
    assert (other / "precious.txt").read_text() == "keep me"


def spark_hash(data: bytes, seed: int = 42) -> int:
    """Spark's Murmur3Hash of a string (Murmur3_x86_32.hashUnsafeBytes): the key Delta uses to
    cluster multi-part checkpoints by path."""
    def mix_k1(k1: int) -> int:
        k1 = (k1 * 0xCC9E2D51) & 0xFFFFFFFF
        k1 = ((k1 << 15) | (k1 >> 17)) & 0xFFFFFFFF
        return (k1 * 0x1B873593) & 0xFFFFFFFF

    def mix_h1(h1: int, k1: int) -> int:
        h1 ^= k1
        h1 = ((h1 << 13) | (h1 >> 19)) & 0xFFFFFFFF
        return (h1 * 5 + 0xE6546B64) & 0xFFFFFFFF

    h1 = seed & 0xFFFFFFFF
    aligned = len(data) - len(data) % 4
    for i in range(0, aligned, 4):
        h1 = mix_h1(h1, mix_k1(int.from_bytes(data[i:i + 4], "little")))
    for b in data[aligned:]:  # each trailing byte as a sign-extended int
        h1 = mix_h1(h1, mix_k1((b - 256 if b >= 128 else b) & 0xFFFFFFFF))
    h1 ^= len(data)
    h1 ^= h1 >> 16
    h1 = (h1 * 0x85EBCA6B) & 0xFFFFFFFF
    h1 ^= h1 >> 13
    h1 = (h1 * 0xC2B2AE35) & 0xFFFFFFFF
    h1 ^= h1 >> 16
    return h1 - (1 << 32) if h1 & 0x80000000 else h1


def test_spark_hash_reference():
    # Spark SQL docs: SELECT hash('Spark', array(123), 2) = -1321691492. The int steps are
    # Murmur3 of 4 little-endian bytes, which hashUnsafeBytes computes the same way.
    h = spark_hash(b"Spark")
    for value in (123, 2):
        h = spark_hash(value.to_bytes(4, "little"), h)
    assert h == -1321691492


def test_multipart_parts_are_clustered_by_spark_hash(table_gen, tmp_path):
    root = generate(table_gen, tmp_path / "mp", {"--checkpoint": "multipart:5", "--files": 60,
                                                 "--commits": 3, "--removes": 20})
    parts = sorted((root / "_delta_log").glob("*.checkpoint.*.parquet"))
    assert len(parts) == 5
    seen = 0
    for number, part in enumerate(parts, start=1):
        table = pq.read_table(part)
        for column in ("add", "remove"):
            for action in table.column(column).to_pylist():
                if action:
                    assert spark_hash(action["path"].encode()) % 5 + 1 == number
                    seen += 1
        # protocol and metaData have a null key: Murmur3 leaves the seed 42, pmod 5 = 2.
        has_protocol = any(table.column("protocol").to_pylist())
        assert has_protocol == (number == 42 % 5 + 1)
    assert seen == 60
