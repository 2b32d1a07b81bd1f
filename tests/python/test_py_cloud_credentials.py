"""Token credentials over real HTTP, against token endpoints served by this test on 127.0.0.1
(counting and recording every request). GCS: the GCE metadata server (GCE_METADATA_HOST) and an
authorized_user file (GOOGLE_APPLICATION_CREDENTIALS), with fake-gcs-server behind a recording
proxy for a real table write and read (it accepts any bearer token); fake-gcs-server comes from
scripts/test.sh (DELTA_TEST_GCS_ENDPOINT), and without it those tests skip, except in CI.
Azure: an Azure AD client secret and a managed identity, checked at a recording blob endpoint
(a table written and read with an Azure AD token on Azurite itself, with --oauth over
HTTPS, is test_py_azure_oauth.py).
Proves the exact token requests, that store requests carry the token, and the errors when a
token endpoint refuses."""

from __future__ import annotations

import http.server
import json
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator

import pyarrow as pa
import pytest

import delta_kernel as dk

METADATA_PATH = "/computeMetadata/v1/instance/service-accounts/default/token"


def gcs_endpoint() -> str:
    value = os.environ.get("DELTA_TEST_GCS_ENDPOINT", "")
    if not value:
        if os.environ.get("CI") == "true":
            pytest.fail("DELTA_TEST_GCS_ENDPOINT is not set: scripts/test.sh starts it in CI")
        pytest.skip("DELTA_TEST_GCS_ENDPOINT not set (scripts/objectstores/fake-gcs.sh start DIR)")
    return value


class Recorder:
    """A loopback server: token requests are answered from `token_status`/`token_body`; any
    other request is forwarded to `upstream` (fake-gcs-server). Everything is recorded."""

    def __init__(self, upstream: str | None) -> None:
        self.upstream = upstream
        self.token_requests: list[dict] = []
        self.store_auth: list[str] = []
        self.store_requests: list[tuple] = []
        self.token_status = 200
        self.tokens_issued = 0
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _handle(self) -> None:
                body = self._body()
                path = urllib.parse.urlsplit(self.path).path
                if path in (METADATA_PATH, "/token") or path.endswith(
                        ("/oauth2/v2.0/token", "/metadata/identity/oauth2/token")):
                    recorder.token_requests.append({
                        "method": self.command, "path": self.path,
                        "flavor": self.headers.get("Metadata-Flavor"),
                        "metadata": self.headers.get("Metadata"),
                        "content_type": self.headers.get("Content-Type"),
                        "form": urllib.parse.parse_qs(body.decode())})
                    if recorder.token_status != 200:
                        self._reply(recorder.token_status, b'{"error":"no such account"}', {})
                        return
                    recorder.tokens_issued += 1
                    token = json.dumps({"access_token": f"tok-{recorder.tokens_issued}",
                                        "expires_in": 3599, "token_type": "Bearer"})
                    self._reply(200, token.encode(), {"Content-Type": "application/json"})
                    return
                recorder.store_auth.append(self.headers.get("Authorization", "<absent>"))
                recorder.store_requests.append((self.command, self.path,
                                                self.headers.get("x-ms-version")))
                if recorder.upstream is None and "comp=list" not in self.path:
                    self._reply(404, b"", {"x-ms-error-code": "BlobNotFound"})
                    return
                if recorder.upstream is None:  # an Azure container with no blobs
                    listing = (b'<?xml version="1.0" encoding="utf-8"?><EnumerationResults>'
                               b'<Blobs></Blobs><NextMarker/></EnumerationResults>')
                    self._reply(200, listing, {"Content-Type": "application/xml"})
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection")}
                request = urllib.request.Request(recorder.upstream + self.path, data=body or None,
                                                 method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(request) as response:
                        status, data, rh = response.status, response.read(), response.headers
                except urllib.error.HTTPError as e:
                    status, data, rh = e.code, e.read(), e.headers
                keep = {k: v for k, v in rh.items()
                        if k.lower() in ("content-type", "content-range", "etag")}
                self._reply(status, data, keep)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


CLEARED = ("AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN",
           "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_AUTHORITY_HOST",
           "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_MSI_ENDPOINT",
           "AZURE_USE_MANAGED_IDENTITY")


@pytest.fixture
def azure_recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    for var in CLEARED:
        monkeypatch.delenv(var, raising=False)
    r = Recorder(None)
    yield r
    r.close()


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[Recorder]:
    upstream = gcs_endpoint()
    for var in ("GOOGLE_SERVICE_ACCOUNT", "GOOGLE_SERVICE_ACCOUNT_PATH",
                "GOOGLE_SERVICE_ACCOUNT_KEY", "GOOGLE_APPLICATION_CREDENTIALS",
                "GOOGLE_OAUTH_ACCESS_TOKEN", "STORAGE_EMULATOR_HOST", "GCE_METADATA_HOST",
                "GCE_METADATA_ROOT", "CLOUDSDK_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    r = Recorder(upstream)
    yield r
    r.close()


def make_bucket(base: str) -> str:
    bucket = "cred" + uuid.uuid4().hex[:12]
    request = urllib.request.Request(
        f"{base}/storage/v1/b?project=test", method="POST",
        data=json.dumps({"name": bucket}).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
    return bucket


def write_and_read(recorder: Recorder) -> None:
    uri = f"gs://{make_bucket(recorder.upstream)}/t"
    options = {"GOOGLE_ENDPOINT_URL": recorder.url}
    dk.write_table(uri, pa.table({"id": [1, 2, 3]}), storage_options=options)
    table = dk.Table(uri, storage_options=options)
    assert table.version == 0
    assert sorted(table.scan().to_arrow().column("id").to_pylist()) == [1, 2, 3]


def test_metadata_server_token_reaches_every_request(recorder, monkeypatch) -> None:
    monkeypatch.setenv("GCE_METADATA_HOST", recorder.url.removeprefix("http://"))
    write_and_read(recorder)
    assert recorder.token_requests[0] == {
        "method": "GET", "path": METADATA_PATH, "flavor": "Google", "metadata": None,
        "content_type": None, "form": {}}
    # one token per store made (the write and the read each make one), never one per request
    assert len(recorder.token_requests) <= 2
    assert len(recorder.store_auth) > len(recorder.token_requests)
    assert set(recorder.store_auth) <= {"Bearer tok-1", "Bearer tok-2"}


def test_authorized_user_file_refresh_token(recorder, monkeypatch, tmp_path) -> None:
    path = tmp_path / "adc.json"
    path.write_text(json.dumps({
        "type": "authorized_user", "client_id": "cid.apps.googleusercontent.com",
        "client_secret": "sec/ret", "refresh_token": "1//refresh+tok",
        "token_uri": recorder.url + "/token"}))
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    write_and_read(recorder)
    assert recorder.token_requests[0] == {
        "method": "POST", "path": "/token", "flavor": None, "metadata": None,
        "content_type": "application/x-www-form-urlencoded",
        "form": {"grant_type": ["refresh_token"],
                 "client_id": ["cid.apps.googleusercontent.com"],
                 "client_secret": ["sec/ret"], "refresh_token": ["1//refresh+tok"]}}
    assert "<absent>" not in recorder.store_auth
    assert recorder.store_auth[0] == "Bearer tok-1"


def test_refused_metadata_token_is_a_clear_error(recorder, monkeypatch) -> None:
    host = recorder.url.removeprefix("http://")
    monkeypatch.setenv("GCE_METADATA_HOST", host)
    recorder.token_status = 403
    bucket = make_bucket(recorder.upstream)
    with pytest.raises(dk.PermissionDeniedError) as info:
        dk.Table(f"gs://{bucket}/t", storage_options={"GOOGLE_ENDPOINT_URL": recorder.url}).version
    assert (f"the GCE metadata server http://{host}{METADATA_PATH} refused the VM's default "
            "service account (the GCE metadata server from environment variable "
            "GCE_METADATA_HOST) (HTTP 403): {\"error\":\"no such account\"}") in str(info.value)
    assert recorder.store_auth == []


def azure_options(recorder: Recorder, **more: str) -> dict[str, str]:
    return {"AZURE_STORAGE_ACCOUNT_NAME": "acct", "AZURE_STORAGE_ENDPOINT": recorder.url,
            "AZURE_ALLOW_HTTP": "true",
            **more}


def test_azure_client_secret_token_reaches_the_blob_requests(azure_recorder) -> None:
    options = azure_options(azure_recorder, azure_client_id="app-1",
                            azure_client_secret="s3cr/t+", azure_tenant_id="tenant-1",
                            azure_authority_host=azure_recorder.url)
    with pytest.raises(dk.NotFoundError):
        dk.Table("az://cont/t", storage_options=options).version
    assert azure_recorder.token_requests == [{
        "method": "POST", "path": "/tenant-1/oauth2/v2.0/token", "flavor": None,
        "metadata": None, "content_type": "application/x-www-form-urlencoded",
        "form": {"client_id": ["app-1"], "client_secret": ["s3cr/t+"],
                 "scope": ["https://storage.azure.com/.default"],
                 "grant_type": ["client_credentials"]}}]
    assert azure_recorder.store_requests
    assert all(p.startswith("/acct/cont") and v == "2021-08-06"
               for _, p, v in azure_recorder.store_requests)
    assert set(azure_recorder.store_auth) == {"Bearer tok-1"}


def test_azure_managed_identity_from_msi_endpoint(azure_recorder, monkeypatch) -> None:
    monkeypatch.setenv("AZURE_MSI_ENDPOINT",
                       azure_recorder.url + "/metadata/identity/oauth2/token")
    with pytest.raises(dk.NotFoundError):
        dk.Table("az://cont/t", storage_options=azure_options(azure_recorder)).version
    assert azure_recorder.token_requests == [{
        "method": "GET",
        "path": "/metadata/identity/oauth2/token?api-version=2018-02-01"
                "&resource=https%3A%2F%2Fstorage.azure.com",
        "flavor": None, "metadata": "true", "content_type": None, "form": {}}]
    assert set(azure_recorder.store_auth) == {"Bearer tok-1"}


def test_azure_refused_client_secret_is_a_clear_error(azure_recorder) -> None:
    azure_recorder.token_status = 401
    options = azure_options(azure_recorder, AZURE_CLIENT_ID="app", AZURE_CLIENT_SECRET="bad",
                            AZURE_TENANT_ID="t", AZURE_AUTHORITY_HOST=azure_recorder.url)
    with pytest.raises(dk.PermissionDeniedError) as info:
        dk.Table("az://cont/t", storage_options=options).version
    assert (f"the token endpoint {azure_recorder.url}/t/oauth2/v2.0/token refused the client "
            "secret of 'app' from option AZURE_CLIENT_SECRET (HTTP 401): "
            '{"error":"no such account"}') in str(info.value)
    assert azure_recorder.store_auth == []
