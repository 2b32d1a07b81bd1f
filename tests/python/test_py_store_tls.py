"""Each object store behind HTTPS with a certificate the test makes (openssl, self-signed for
127.0.0.1): untrusted, the first request fails at once, naming the TLS failure and the trust
store, and is never retried; with the CA bundle option (ca_bundle, or AWS_CA_BUNDLE for S3) the
table is written and read back. The TLS side is the loopback proxy of tests/support in front of
versitygw, Azurite and fake-gcs-server (scripts/test.sh); skipped without them, except in CI."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk
from delta_kernel.exceptions import InvalidArgumentError, PermissionDeniedError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from fault_proxy import FaultProxy  # noqa: E402
from test_py_store_faults import STORES, Store  # noqa: E402


def make_cert(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return key, cert


@pytest.fixture()
def certs(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not installed")
    return make_cert(tmp_path, "server"), make_cert(tmp_path, "other")[1]


@pytest.fixture(params=STORES)
def tls_store(request, certs, monkeypatch):
    # The kernel also reads these variables (AWS's own tools do); the tests choose the trust.
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("DELTA_CA_BUNDLE", raising=False)
    (key, cert), other = certs
    store = Store(request.param)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    with FaultProxy(store.upstream, tls=ctx) as proxy:
        yield store, proxy, cert, other


def test_an_untrusted_certificate_fails_once_and_says_why(tls_store):
    store, proxy, _, _ = tls_store
    with pytest.raises(PermissionDeniedError) as err:
        dk.Table(store.uri, storage_options=store.options(proxy.endpoint)).version
    message = str(err.value)
    assert "TLS: SSL certificate problem: self-signed certificate (checked against the " \
           "system's CA certificates; not retried); to trust a private CA, set the storage " \
           "option ca_bundle" in message, message
    assert f"GET {proxy.endpoint}" in message, message
    # Two requests, one handshake each, nothing tried again: the _last_checkpoint hint (its
    # failure is only a warning), then the listing, whose failure is the error.
    assert proxy.connections == 2


def test_the_ca_bundle_option_trusts_the_servers_certificate(tls_store):
    store, proxy, cert, other = tls_store
    key = "AWS_CA_BUNDLE" if store.kind == "s3" else "ca_bundle"
    opts = {**store.options(proxy.endpoint), key: str(cert)}
    dk.write_table(store.uri, pa.table({"id": [1, 2]}), storage_options=opts)
    dk.write_table(store.uri, pa.table({"id": [3]}), mode="append", storage_options=opts)
    table = dk.Table(store.uri, storage_options=opts)
    assert table.version == 1
    assert sorted(table.scan().to_arrow().column("id").to_pylist()) == [1, 2, 3]
    assert proxy.count() > 0

    # A bundle of another CA: refused, naming the bundle; a missing file: named up front.
    before = proxy.connections
    with pytest.raises(PermissionDeniedError) as err:
        dk.Table(store.uri, storage_options={**opts, key: str(other)}).version
    assert f"(checked against the CA bundle '{other}' from option {key}; not retried)" in \
        str(err.value), str(err.value)
    assert proxy.connections == before + 2
    with pytest.raises(InvalidArgumentError) as err:
        dk.Table(store.uri, storage_options={**opts, key: str(cert) + ".missing"}).version
    assert str(err.value).endswith(
        f"the CA bundle '{cert}.missing' (option {key}) cannot be read"), str(err.value)
