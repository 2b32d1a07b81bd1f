"""Faults between the kernel and each object store (versitygw for S3, Azurite, fake-gcs-server;
started by scripts/test.sh), injected by a loopback proxy (tests/support/fault_proxy.py):
lost responses and 5xx errors on commit PUTs, listings and reads; processes racing appends with
faults on lose and duplicate nothing; a throttled store is retried a bounded number of times,
believing Retry-After, then named in the error. Skipped without the servers, except in CI."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import uuid
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk
from delta_kernel.exceptions import DeltaIOError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from fault_proxy import FaultProxy, Rule  # noqa: E402
from test_py_azure_gcs import create_bucket, create_container, endpoint  # noqa: E402

STORES = ["s3", "azure", "gcs"]
# What a throttled read of the first commit says, per store: the store, the operation, the key
# and the attempts.
COMMIT0 = "_delta_log/00000000000000000000.json"
THROTTLED = {
    "s3": ("reading {uri}/" + COMMIT0 + ": s3 bucket '{bucket}' key '{key}/" + COMMIT0 +
           "': reading was throttled (HTTP 503 SlowDown: Please reduce your request rate.); "
           "gave up after 6 attempts"),
    "azure": ("reading {uri}/" + COMMIT0 + ": azure account 'devstoreaccount1' container "
              "'{bucket}' blob '{key}/" + COMMIT0 + "': read was throttled (HTTP 503 ServerBusy: "
              "The server is busy.); gave up after 6 attempts"),
    "gcs": ("reading {uri}/" + COMMIT0 + ": gcs bucket '{bucket}' object '{key}/" + COMMIT0 +
            "': read was throttled (HTTP 429: The rate of requests is too high.); gave up after "
            "6 attempts"),
}


def s3_options(url: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": url,
        "AWS_ACCESS_KEY_ID": os.environ.get("DELTA_TEST_S3_ACCESS_KEY_ID", ""),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("DELTA_TEST_S3_SECRET_ACCESS_KEY", ""),
        "AWS_ALLOW_HTTP": "true",
        "AWS_REGION": "us-east-1",
    }


class Store:
    """One server: a fresh table location on it, and the options reaching it through `url`."""

    def __init__(self, kind: str):
        self.kind = kind
        name = "flt" + uuid.uuid4().hex[:12]
        if kind == "s3":
            self.upstream = endpoint("DELTA_TEST_S3_ENDPOINT")
            self.uri = f"s3://{os.environ.get('DELTA_TEST_S3_BUCKET', 'delta-test')}/{name}"
        elif kind == "azure":
            self.upstream = endpoint("DELTA_TEST_AZURE_ENDPOINT")
            create_container(self.upstream, name)
            self.uri = f"az://{name}/t"
        else:
            self.upstream = endpoint("DELTA_TEST_GCS_ENDPOINT")
            create_bucket(self.upstream, name)
            self.uri = f"gs://{name}/t"

    def options(self, url: str | None = None) -> dict[str, str]:
        url = url or self.upstream
        if self.kind == "s3":
            return s3_options(url)
        if self.kind == "azure":
            return {"AZURE_STORAGE_USE_EMULATOR": "true", "AZURE_STORAGE_ENDPOINT": url}
        return {"GOOGLE_ENDPOINT_URL": url}

    def throttle_reply(self) -> Rule:
        """Each store's own way of saying "slow down", with Retry-After: 1."""
        if self.kind == "s3":
            body = (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                    b"<Message>Please reduce your request rate.</Message></Error>")
            return Rule("any", "error", 503, {"Retry-After": "1"}, body)
        if self.kind == "azure":
            body = (b"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code>"
                    b"<Message>The server is busy.</Message></Error>")
            return Rule("any", "error", 503,
                        {"Retry-After": "1", "x-ms-error-code": "ServerBusy"}, body)
        body = b'{"error":{"code":429,"message":"The rate of requests is too high."}}'
        return Rule("any", "error", 429, {"Retry-After": "1"}, body)


@pytest.fixture(params=STORES)
def store(request) -> Store:
    return Store(request.param)


def ids(uri: str, options: dict[str, str]) -> list[int]:
    return sorted(dk.Table(uri, storage_options=options).scan().to_arrow().column("id").to_pylist())


def test_lost_responses_and_server_errors_on_commits_lists_and_reads(store):
    with FaultProxy(store.upstream) as proxy:
        opts = store.options(proxy.endpoint)
        # The create's PUT lands and its answer is lost: the txnId check finds it.
        proxy.add(Rule("commit", "lose", first=1))
        created = dk.write_table(store.uri, pa.table({"id": [1, 2]}), storage_options=opts)
        assert (created.version, created.recovered_lost_response, created.attempts) == (0, True, 1)

        # 500 before the store saw it: the transaction tries the same version again.
        proxy.clear()
        proxy.add(Rule("commit", "error", 500, first=1))
        r = dk.write_table(store.uri, pa.table({"id": [3]}), mode="append", storage_options=opts)
        assert (r.version, r.recovered_lost_response, r.attempts) == (1, False, 2)
        assert proxy.count("commit", "error") == 1

        # 503 after the PUT landed: the store client repeats the create (503 says "not done"),
        # meets its own object, and the txnId check recognises it: one commit, not two.
        proxy.clear()
        proxy.add(Rule("commit", "error_after", 503, first=1))
        r = dk.write_table(store.uri, pa.table({"id": [4]}), mode="append", storage_options=opts)
        assert (r.version, r.recovered_lost_response) == (2, True)
        assert proxy.count("commit") == 2

        # Listings and reads fail now and then (5xx, lost responses): retried, answers exact.
        proxy.clear()
        proxy.add(Rule("list", "error", 503, every=2))
        proxy.add(Rule("read", "error", 500, every=3))
        proxy.add(Rule("read", "lose", every=4))
        r = dk.write_table(store.uri, pa.table({"id": [5]}), mode="append", storage_options=opts)
        assert r.version == 3
        assert ids(store.uri, opts) == [1, 2, 3, 4, 5]
        assert proxy.count("list", "error") >= 1
        assert proxy.count("read", "error") + proxy.count("read", "lose") >= 1
    # Straight from the server: four commits, nothing written twice.
    direct = dk.Table(store.uri, storage_options=store.options())
    assert direct.version == 3
    assert ids(store.uri, store.options()) == [1, 2, 3, 4, 5]


def _append(args) -> list[int]:
    uri, options, writer, appends = args
    import delta_kernel as dk2

    versions = []
    for a in range(appends):
        r = dk2.write_table(uri, pa.table({"id": [100 * (writer + 1) + a]}), mode="append",
                            storage_options=options, max_attempts=200)
        versions.append(r.version)
    return versions


WRITERS, APPENDS = 8, 2


def test_processes_racing_appends_with_faults_lose_and_duplicate_nothing(store):
    dk.write_table(store.uri, pa.table({"id": pa.array([0], pa.int64())}),
                   storage_options=store.options())
    with FaultProxy(store.upstream, seed=15) as proxy:
        proxy.add(Rule("commit", "lose", probability=0.15))
        proxy.add(Rule("commit", "error", 500, probability=0.1))
        proxy.add(Rule("commit", "error_after", 503, probability=0.05))
        proxy.add(Rule("list", "error", 503, probability=0.1))
        proxy.add(Rule("read", "error", 500, probability=0.05))
        proxy.add(Rule("read", "lose", probability=0.05))
        opts = store.options(proxy.endpoint)
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(WRITERS) as pool:
            versions = pool.map(_append, [(store.uri, opts, w, APPENDS) for w in range(WRITERS)])
        faults = {a: proxy.count("commit", a) for a in ("lose", "error", "error_after")}
    # Every append got its own version; the faults really happened.
    assert sorted(v for vs in versions for v in vs) == list(range(1, WRITERS * APPENDS + 1))
    assert faults["lose"] > 0 and faults["error"] > 0, faults
    direct = dk.Table(store.uri, storage_options=store.options())
    assert direct.version == WRITERS * APPENDS
    want = [0] + sorted(100 * (w + 1) + a for w in range(WRITERS) for a in range(APPENDS))
    assert ids(store.uri, store.options()) == want


def test_a_throttled_store_is_retried_within_bounds_and_named(store):
    dk.write_table(store.uri, pa.table({"id": [1]}), storage_options=store.options())
    with FaultProxy(store.upstream) as proxy:
        throttle = store.throttle_reply()
        throttle.kind = "read"
        proxy.add(throttle)
        start = time.monotonic()
        with pytest.raises(DeltaIOError) as err:
            dk.Table(store.uri, storage_options=store.options(proxy.endpoint)).version
        took = time.monotonic() - start
        counts = dict(proxy.counts)
    # 6 attempts at the _last_checkpoint hint (a hint: its failure is only a warning), the
    # listing, 6 attempts at the commit file; each retry 1 s later, as the store asked.
    assert counts == {("read", "error"): 12, ("list", "forward"): 1}
    assert took >= 10.0
    bucket, key = store.uri.split("/", 3)[2:]
    assert str(err.value) == THROTTLED[store.kind].format(uri=store.uri, bucket=bucket, key=key)
