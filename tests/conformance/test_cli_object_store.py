"""The CLI on object stores: the global --option KEY=VALUE, and create / append / scan /
history on S3 (versitygw on 127.0.0.1, started by scripts/test.sh; skipped without it, except
in CI). Messages are asserted exactly."""

from __future__ import annotations

import os
import uuid

import pytest

from harness import assert_error, run_cli

ENDPOINT = os.environ.get("DELTA_TEST_S3_ENDPOINT")
BUCKET = os.environ.get("DELTA_TEST_S3_BUCKET", "delta-test")


def s3_options(**overrides: str) -> list[str]:
    opts = {
        "AWS_ENDPOINT_URL": ENDPOINT or "",
        "AWS_ACCESS_KEY_ID": os.environ.get("DELTA_TEST_S3_ACCESS_KEY_ID", ""),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("DELTA_TEST_S3_SECRET_ACCESS_KEY", ""),
        "AWS_ALLOW_HTTP": "true",
    }
    opts.update(overrides)
    return [a for k, v in opts.items() for a in ("--option", f"{k}={v}")]


def requires_s3():
    if ENDPOINT:
        return
    if os.environ.get("CI") == "true":
        pytest.fail("DELTA_TEST_S3_ENDPOINT is not set in CI (scripts/test.sh starts versitygw)")
    pytest.skip("no S3 server (DELTA_TEST_S3_ENDPOINT); run scripts/test.sh")


def test_option_is_a_global_option():
    assert "--option" in run_cli("--help").stdout
    res = run_cli("--option", "NOEQUALS", "info", "/tmp")
    assert_error(res, "InvalidArgument")
    assert res.stderr == "error: InvalidArgument: --option: expected KEY=VALUE, got 'NOEQUALS'\n"


def test_plain_http_needs_allow_http():
    res = run_cli("--option", "AWS_ENDPOINT_URL=http://127.0.0.1:9", "info", "s3://b/t")
    assert_error(res, "InvalidArgument")
    assert res.stderr == (
        "error: InvalidArgument: listing s3://b/t/_delta_log: storage option AWS_ENDPOINT_URL "
        "'http://127.0.0.1:9' uses plain HTTP; set AWS_ALLOW_HTTP=true to allow it\n")


def test_create_append_scan_history_on_s3(tmp_path):
    requires_s3()
    uri = f"s3://{BUCKET}/cli-{uuid.uuid4().hex[:8]}"
    schema = '{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}'
    res = run_cli(*s3_options(), "create", uri, "--schema", schema)
    assert res.returncode == 0, res.stderr
    rows = tmp_path / "rows.csv"
    rows.write_text("id\n1\n2\n")
    res = run_cli(*s3_options(), "append", uri, rows)
    assert res.returncode == 0, res.stderr
    res = run_cli(*s3_options(), "scan", uri, "--format", "csv")
    assert (res.returncode, res.stdout) == (0, "id\n1\n2\n"), res.stderr
    res = run_cli(*s3_options(), "history", uri, "--json")
    assert [h["version"] for h in res.json()] == [1, 0]
    res = run_cli(*s3_options(AWS_SECRET_ACCESS_KEY="wrong"), "info", uri)
    assert_error(res, "PermissionDenied")
    assert "(SignatureDoesNotMatch: " in res.stderr
    assert res.stderr.endswith("; credentials from the storage options\n")
