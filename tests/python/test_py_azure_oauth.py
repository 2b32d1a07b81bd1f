"""Azure AD tokens end to end: a table written and read on Azurite started with `--oauth basic`
over HTTPS (scripts/objectstores/azurite.sh start-oauth), where every blob request must carry a
bearer token whose issuer, audience and lifetime Azurite checks (not its signature). The token
comes from a client-secret token endpoint served by this test on 127.0.0.1; the certificate is
made by the test and trusted through the ca_bundle option. Needs Azurite installed (it is when
scripts/test.sh started it: DELTA_TEST_AZURE_ENDPOINT) and openssl; skips without them, except
in CI."""

from __future__ import annotations

import base64
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

import delta_kernel as dk

ROOT = Path(__file__).resolve().parents[2]
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(audience: str, issuer: str = f"https://sts.windows.net/{TENANT}/") -> str:
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT"}
    claims = {"aud": audience, "iss": issuer, "nbf": now - 60, "iat": now - 60,
              "exp": now + 3600, "oid": str(uuid.uuid4()), "tid": TENANT}
    # Azurite's basic mode decodes the token without checking the signature.
    return ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(claims).encode()),
                     b64url(b"not-a-signature")])


class TokenEndpoint:
    """Answers POST /<tenant>/oauth2/v2.0/token with `token`, recording each form."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.forms: list[dict[str, list[str]]] = []
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                endpoint.forms.append(urllib.parse.parse_qs(self.rfile.read(length).decode()))
                ok = self.path == f"/{TENANT}/oauth2/v2.0/token"
                body = json.dumps({"token_type": "Bearer", "expires_in": 3599,
                                   "access_token": endpoint.token}).encode() if ok else b"{}"
                self.send_response(200 if ok else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def oauth_azurite(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    if not os.environ.get("DELTA_TEST_AZURE_ENDPOINT"):
        if os.environ.get("CI") == "true":
            pytest.fail("DELTA_TEST_AZURE_ENDPOINT is not set: scripts/test.sh starts it in CI")
        pytest.skip("Azurite not started (scripts/objectstores/azurite.sh start DIR)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not installed")
    folder = tmp_path_factory.mktemp("azurite-oauth")
    key, cert = folder / "server.key", folder / "server.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    state = folder / "server"
    script = ROOT / "scripts" / "objectstores" / "azurite.sh"
    started = subprocess.run(["bash", str(script), "start-oauth", str(state), str(cert),
                              str(key)], check=True, capture_output=True, text=True)
    endpoint = started.stdout.strip().split("=", 1)[1]
    assert endpoint.startswith("https://127.0.0.1:")
    try:
        yield endpoint, cert
    finally:
        subprocess.run(["bash", str(script), "stop", str(state)], check=False)


def options(endpoint: str, cert: Path, tokens: TokenEndpoint) -> dict[str, str]:
    return {"AZURE_STORAGE_ACCOUNT_NAME": "devstoreaccount1", "AZURE_STORAGE_ENDPOINT": endpoint,
            "ca_bundle": str(cert), "AZURE_CLIENT_ID": "app-1",
            "AZURE_CLIENT_SECRET": "s3cr/t", "AZURE_TENANT_ID": TENANT,
            "AZURE_AUTHORITY_HOST": tokens.url}


def create_container(endpoint: str, cert: Path, token: str) -> str:
    """Create Container with the bearer token (independently of the kernel's client)."""
    import ssl
    import urllib.request

    container = "oauth" + uuid.uuid4().hex[:12]
    request = urllib.request.Request(
        f"{endpoint}/{container}?restype=container", method="PUT", data=b"",
        headers={"Authorization": f"Bearer {token}", "x-ms-version": "2021-08-06"})
    context = ssl.create_default_context(cafile=str(cert))
    with urllib.request.urlopen(request, context=context) as response:
        assert response.status == 201
    return container


def test_a_table_round_trips_with_an_azure_ad_token(oauth_azurite) -> None:
    endpoint, cert = oauth_azurite
    tokens = TokenEndpoint(jwt("https://storage.azure.com"))
    try:
        container = create_container(endpoint, cert, tokens.token)
        uri = f"az://{container}/t"
        opts = options(endpoint, cert, tokens)
        dk.write_table(uri, pa.table({"id": [1, 2], "part": ["a", "b"]}), partition_by=["part"],
                       storage_options=opts)
        dk.write_table(uri, pa.table({"id": [3], "part": ["a"]}), mode="append",
                       storage_options=opts)
        table = dk.Table(uri, storage_options=opts)
        assert table.version == 1
        rows = sorted(table.scan().to_arrow().to_pylist(), key=lambda r: r["id"])
        assert rows == [{"id": 1, "part": "a"}, {"id": 2, "part": "b"}, {"id": 3, "part": "a"}]
        # One token per store client, each asked for with the client secret and storage scope.
        assert tokens.forms
        assert all(form == {"client_id": ["app-1"], "client_secret": ["s3cr/t"],
                            "scope": ["https://storage.azure.com/.default"],
                            "grant_type": ["client_credentials"]} for form in tokens.forms)
    finally:
        tokens.close()


def test_a_token_the_store_refuses_is_a_clear_error(oauth_azurite) -> None:
    endpoint, cert = oauth_azurite
    good = TokenEndpoint(jwt("https://storage.azure.com"))
    # Issued for another service: Azurite answers 403 AuthenticationFailed ("Invalid token
    # audience").
    wrong = TokenEndpoint(jwt("https://vault.azure.net"))
    try:
        container = create_container(endpoint, cert, good.token)
        with pytest.raises(dk.PermissionDeniedError) as info:
            dk.write_table(f"az://{container}/t", pa.table({"id": [1]}),
                           storage_options=options(endpoint, cert, wrong))
        assert str(info.value) == (
            f"listing az://{container}/t/_delta_log: azure account 'devstoreaccount1' container "
            f"'{container}' blob 't/_delta_log/': list refused (HTTP 403 AuthenticationFailed) "
            "with the Azure AD token from option AZURE_CLIENT_SECRET")
        # Refused with 403 (not 401, an expired token): the token is not fetched again.
        assert len(wrong.forms) == 1, wrong.forms
        # Nothing was written: the table does not exist.
        with pytest.raises(dk.NotFoundError):
            dk.Table(f"az://{container}/t", storage_options=options(endpoint, cert, good)).version
    finally:
        good.close()
        wrong.close()
