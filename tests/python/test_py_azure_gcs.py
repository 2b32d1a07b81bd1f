"""Tables on Azurite and fake-gcs-server from Python: write_table and Table with
storage_options at az:// and gs:// locations, read back exactly. The servers come from
scripts/test.sh (DELTA_TEST_AZURE_ENDPOINT, DELTA_TEST_GCS_ENDPOINT); without them these tests
skip, except in CI."""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import json
import os
import urllib.request
import uuid

import pyarrow as pa
import pytest

import delta_kernel as dk

AZURITE_ACCOUNT = "devstoreaccount1"
# The emulator's well-known key, published by Microsoft.
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)


def endpoint(var: str) -> str:
    value = os.environ.get(var, "")
    if not value:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{var} is not set: scripts/test.sh starts the server in CI")
        pytest.skip(f"{var} not set (scripts/objectstores/*.sh start DIR)")
    return value


def create_container(base: str, container: str) -> None:
    """Create Container, signed with Shared Key (independently of the kernel's signer)."""
    date = email.utils.formatdate(usegmt=True)
    url = f"{base}/{container}?restype=container"
    path = urllib.request.urlparse(url).path
    to_sign = (
        "PUT\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:2021-08-06\n"
        f"/{AZURITE_ACCOUNT}{path}\nrestype:container"
    )
    key = base64.b64decode(AZURITE_KEY)
    signature = base64.b64encode(hmac.new(key, to_sign.encode(), hashlib.sha256).digest())
    request = urllib.request.Request(url, method="PUT", data=b"", headers={
        "x-ms-date": date,
        "x-ms-version": "2021-08-06",
        "Content-Type": "",
        "Authorization": f"SharedKey {AZURITE_ACCOUNT}:{signature.decode()}",
    })
    with urllib.request.urlopen(request) as response:
        assert response.status == 201


def create_bucket(base: str, bucket: str) -> None:
    request = urllib.request.Request(
        f"{base}/storage/v1/b?project=test", method="POST",
        data=json.dumps({"name": bucket}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def round_trip(uri: str, options: dict[str, str]) -> None:
    first = pa.table({"id": [1, 2, 3], "part": ["a", "b", "a"]})
    dk.write_table(uri, first, partition_by=["part"], storage_options=options)
    dk.write_table(uri, pa.table({"id": [4], "part": ["c c"]}), mode="append",
                   storage_options=options)
    table = dk.Table(uri, storage_options=options)
    assert table.version == 1
    rows = sorted(table.scan().to_arrow().to_pylist(), key=lambda r: r["id"])
    assert rows == [{"id": 1, "part": "a"}, {"id": 2, "part": "b"}, {"id": 3, "part": "a"},
                    {"id": 4, "part": "c c"}]


def test_azurite_round_trip() -> None:
    base = endpoint("DELTA_TEST_AZURE_ENDPOINT")
    container = "py" + uuid.uuid4().hex[:12]
    create_container(base, container)
    round_trip(f"az://{container}/t",
               {"AZURE_STORAGE_USE_EMULATOR": "true", "AZURE_STORAGE_ENDPOINT": base})


def test_fake_gcs_round_trip() -> None:
    base = endpoint("DELTA_TEST_GCS_ENDPOINT")
    bucket = "py" + uuid.uuid4().hex[:12]
    create_bucket(base, bucket)
    round_trip(f"gs://{bucket}/t", {"GOOGLE_ENDPOINT_URL": base})
