"""Our tables on S3 (versitygw on 127.0.0.1, started by scripts/test.sh) read by delta-rs with
the same storage_options, and delta-rs' S3 tables read by us: same rows, same versions.
Skipped without the server (DELTA_TEST_S3_ENDPOINT) or deltalake, except in CI."""

from __future__ import annotations

import os
import uuid

import pyarrow as pa
import pytest

from peers import sorted_rows

ENDPOINT = os.environ.get("DELTA_TEST_S3_ENDPOINT")
BUCKET = os.environ.get("DELTA_TEST_S3_BUCKET", "delta-test")

if not ENDPOINT:
    if os.environ.get("CI") == "true":
        raise RuntimeError("DELTA_TEST_S3_ENDPOINT is not set in CI (scripts/test.sh starts versitygw)")
    pytest.skip("no S3 server (DELTA_TEST_S3_ENDPOINT); run scripts/test.sh", allow_module_level=True)
deltalake = pytest.importorskip("deltalake")

import delta_kernel as dk  # noqa: E402

OPTIONS = {
    "AWS_ENDPOINT_URL": ENDPOINT or "",
    "AWS_ACCESS_KEY_ID": os.environ.get("DELTA_TEST_S3_ACCESS_KEY_ID", ""),
    "AWS_SECRET_ACCESS_KEY": os.environ.get("DELTA_TEST_S3_SECRET_ACCESS_KEY", ""),
    "AWS_ALLOW_HTTP": "true",
    "AWS_REGION": "us-east-1",
}


def delta_rs_rows(uri: str, version: int | None = None) -> list[dict]:
    table = deltalake.DeltaTable(uri, version=version, storage_options=OPTIONS)
    return sorted_rows(table.to_pyarrow_table())


def test_delta_rs_reads_our_s3_table():
    uri = f"s3://{BUCKET}/ours-{uuid.uuid4().hex[:8]}"
    dk.write_table(uri, pa.table({"id": [1, 2, 3], "part": ["a", "b", "a"]}),
                   partition_by=["part"], storage_options=OPTIONS)
    dk.write_table(uri, pa.table({"id": [4], "part": ["c"]}), mode="append",
                   storage_options=OPTIONS)
    ours = dk.Table(uri, storage_options=OPTIONS)
    assert deltalake.DeltaTable(uri, storage_options=OPTIONS).version() == ours.version == 1
    assert delta_rs_rows(uri) == sorted_rows(ours.scan().to_arrow())
    assert delta_rs_rows(uri, 0) == sorted_rows(ours.snapshot(0).scan().to_arrow())


def test_we_read_delta_rs_s3_table():
    uri = f"s3://{BUCKET}/theirs-{uuid.uuid4().hex[:8]}"
    deltalake.write_deltalake(uri, pa.table({"id": [1, 2], "s": ["x", "y"]}),
                              storage_options=OPTIONS)
    deltalake.write_deltalake(uri, pa.table({"id": [3], "s": ["z"]}), mode="append",
                              storage_options=OPTIONS)
    ours = dk.Table(uri, storage_options=OPTIONS)
    assert ours.version == 1
    assert sorted_rows(ours.scan().to_arrow()) == delta_rs_rows(uri)
