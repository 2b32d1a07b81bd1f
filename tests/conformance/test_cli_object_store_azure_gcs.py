"""The CLI's global --option KEY=VALUE on Azure (Azurite) and GCS (fake-gcs-server): create /
append / scan / history, wrong credentials and a missing container or bucket, and the CA bundle
option checked up front. The servers come from scripts/test.sh (DELTA_TEST_AZURE_ENDPOINT,
DELTA_TEST_GCS_ENDPOINT); skipped without them, except in CI. Messages are asserted exactly."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

from harness import assert_error, run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from test_py_azure_gcs import (  # noqa: E402
    AZURITE_ACCOUNT, AZURITE_KEY, create_bucket, create_container, endpoint)

SCHEMA = '{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}'


def as_args(options: dict[str, str]) -> list[str]:
    return [a for k, v in options.items() for a in ("--option", f"{k}={v}")]


def azure() -> tuple[str, str, dict[str, str]]:
    base = endpoint("DELTA_TEST_AZURE_ENDPOINT")
    container = "cli" + uuid.uuid4().hex[:12]
    create_container(base, container)
    return f"az://{container}/t", container, {
        "AZURE_STORAGE_ACCOUNT_NAME": AZURITE_ACCOUNT, "AZURE_STORAGE_ACCOUNT_KEY": AZURITE_KEY,
        "AZURE_STORAGE_ENDPOINT": base, "AZURE_ALLOW_HTTP": "true"}


def gcs() -> tuple[str, str, dict[str, str]]:
    base = endpoint("DELTA_TEST_GCS_ENDPOINT")
    bucket = "cli" + uuid.uuid4().hex[:12]
    create_bucket(base, bucket)
    return f"gs://{bucket}/t", bucket, {"GOOGLE_ENDPOINT_URL": base}


@pytest.mark.parametrize("store", [azure, gcs], ids=["azure", "gcs"])
def test_create_append_scan_history(store, tmp_path):
    uri, _, options = store()
    opts = as_args(options)
    res = run_cli(*opts, "create", uri, "--schema", SCHEMA)
    assert res.returncode == 0, res.stderr
    rows = tmp_path / "rows.csv"
    rows.write_text("id\n1\n2\n")
    res = run_cli(*opts, "append", uri, rows)
    assert res.returncode == 0, res.stderr
    res = run_cli(*opts, "scan", uri, "--format", "csv")
    assert (res.returncode, res.stdout) == (0, "id\n1\n2\n"), res.stderr
    res = run_cli(*opts, "history", uri, "--json")
    assert [h["version"] for h in res.json()] == [1, 0]
    # The CA bundle option is checked before any request.
    res = run_cli(*as_args({**options, "ca_bundle": str(tmp_path / "none.pem")}), "info", uri)
    assert_error(res, "InvalidArgument")
    assert res.stderr == (f"error: InvalidArgument: listing {uri}/_delta_log: the CA bundle "
                          f"'{tmp_path / 'none.pem'}' (option ca_bundle) cannot be read\n")


def test_azure_wrong_key_and_missing_container():
    uri, container, options = azure()
    res = run_cli(*as_args({**options, "AZURE_STORAGE_ACCOUNT_KEY": "d3Jvbmcga2V5"}), "info", uri)
    assert_error(res, "PermissionDenied")
    assert res.stderr == (
        f"error: PermissionDenied: listing {uri}/_delta_log: azure account 'devstoreaccount1' "
        f"container '{container}' blob 't/_delta_log/': list refused (HTTP 403 "
        "AuthorizationFailure) with the account key from option AZURE_STORAGE_ACCOUNT_KEY\n")
    res = run_cli(*as_args(options), "info", "az://nosuchcontainer/t")
    assert_error(res, "NotFound")
    assert res.stderr == (
        "error: NotFound: no Delta table at az://nosuchcontainer/t: azure account "
        "'devstoreaccount1' container 'nosuchcontainer': the container does not exist\n")


def test_gcs_missing_bucket_and_plain_http():
    uri, _, options = gcs()
    res = run_cli(*as_args(options), "info", "gs://nosuchbucket/t")
    assert_error(res, "NotFound")
    assert res.stderr == ("error: NotFound: no Delta table at gs://nosuchbucket/t: gcs bucket "
                          "'nosuchbucket': the bucket does not exist\n")
    res = run_cli("--option", "GOOGLE_ENDPOINT_URL=http://storage.example.com", "info", uri)
    assert_error(res, "InvalidArgument")
    assert res.stderr == (
        f"error: InvalidArgument: listing {uri}/_delta_log: GCS endpoint "
        "'http://storage.example.com' is plain HTTP; set GOOGLE_ALLOW_HTTP=true to allow it\n")
