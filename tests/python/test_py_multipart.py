"""Data files larger than one part, written from Python to each store (versitygw, Azurite,
fake-gcs-server from scripts/test.sh) with storage option multipart_part_size, read back
exactly. Without the servers these tests skip, except in CI."""

from __future__ import annotations

import os
import random
import uuid

import pyarrow as pa
import pytest

import delta_kernel as dk
from test_py_azure_gcs import create_bucket, create_container, endpoint

PART = 5 << 20


def big_table(rows: int = 200_000) -> pa.Table:
    rng = random.Random(11)
    return pa.table({"id": list(range(rows)),
                     "part": [f"{rng.getrandbits(192):048x}" for _ in range(rows)]})


def write_and_read_back(uri: str, options: dict[str, str]) -> None:
    options = {**options, "multipart_part_size": str(PART), "multipart_concurrency": "2"}
    data = big_table()
    result = dk.write_table(uri, data, storage_options=options)
    assert result.version == 0
    snapshot = dk.Table(uri, storage_options=options).snapshot()
    assert snapshot.num_files == 1
    assert snapshot.total_bytes > PART  # one file of several parts
    back = snapshot.scan().to_arrow().sort_by("id")
    assert back.column("id").to_pylist() == data.column("id").to_pylist()
    assert back.column("part").to_pylist() == data.column("part").to_pylist()


def test_s3_file_larger_than_a_part() -> None:
    base = endpoint("DELTA_TEST_S3_ENDPOINT")
    bucket = os.environ.get("DELTA_TEST_S3_BUCKET", "delta-test")
    write_and_read_back(f"s3://{bucket}/mp-{uuid.uuid4().hex[:8]}", {
        "AWS_ENDPOINT_URL": base,
        "AWS_ACCESS_KEY_ID": os.environ.get("DELTA_TEST_S3_ACCESS_KEY_ID", ""),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("DELTA_TEST_S3_SECRET_ACCESS_KEY", ""),
        "AWS_ALLOW_HTTP": "true",
    })


def test_azurite_file_larger_than_a_part() -> None:
    base = endpoint("DELTA_TEST_AZURE_ENDPOINT")
    container = "mp" + uuid.uuid4().hex[:12]
    create_container(base, container)
    write_and_read_back(f"az://{container}/t",
                        {"AZURE_STORAGE_USE_EMULATOR": "true", "AZURE_STORAGE_ENDPOINT": base})


def test_fake_gcs_file_larger_than_a_part() -> None:
    base = endpoint("DELTA_TEST_GCS_ENDPOINT")
    bucket = "mp" + uuid.uuid4().hex[:12]
    create_bucket(base, bucket)
    write_and_read_back(f"gs://{bucket}/t", {"GOOGLE_ENDPOINT_URL": base})


def test_a_part_size_below_the_minimum_is_refused(tmp_path) -> None:
    base = endpoint("DELTA_TEST_GCS_ENDPOINT")
    with pytest.raises(Exception, match="multipart_part_size must be a whole number >= 5242880"):
        dk.write_table("gs://nobucket/t", pa.table({"id": [1]}),
                       storage_options={"GOOGLE_ENDPOINT_URL": base, "multipart_part_size": "1024"})
