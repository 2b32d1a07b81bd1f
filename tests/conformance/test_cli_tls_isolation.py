"""HTTPS to an object store from a process that also holds Arrow: the system libssl that
libcurl brings must bind to the system libcrypto, never to the OpenSSL copy that Arrow's
libparquet exports (mixing two OpenSSL builds is undefined behaviour). A TLS server on
127.0.0.1 with a self-signed certificate answers; the request must fail on that certificate,
cleanly, and the dynamic linker's record must show no libssl symbol bound into libparquet."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading

import pytest

from harness import cli_path


@pytest.fixture()
def tls_server(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not installed")
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"],
                   check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_https_uses_the_system_openssl_not_arrows_copy(tls_server, tmp_path):
    log = tmp_path / "ld"
    proc = subprocess.run(
        [str(cli_path()), "--option", f"AWS_ENDPOINT_URL=https://127.0.0.1:{tls_server}",
         "--option", "AWS_ACCESS_KEY_ID=a", "--option", "AWS_SECRET_ACCESS_KEY=b",
         "info", "s3://bucket/t"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "LD_DEBUG": "bindings", "LD_DEBUG_OUTPUT": str(log)})
    assert proc.returncode != 0
    assert "SSL certificate problem: self-signed certificate" in proc.stderr, proc.stderr
    bindings = "".join(p.read_text() for p in tmp_path.glob("ld.*"))
    from_libssl = [line for line in bindings.splitlines()
                   if "binding file" in line and "/libssl.so" in line.split(" to ")[0]]
    assert from_libssl, "libssl was never loaded: the request did not use TLS"
    # "binding file A [0] to B [0]: normal symbol `S'": B is the library that defines S.
    targets = [line.split(" to ", 1)[1].split(" [", 1)[0] for line in from_libssl]
    into_arrow = [t for t in targets if "parquet" in t or "arrow" in t]
    assert into_arrow == [], into_arrow[:3]
