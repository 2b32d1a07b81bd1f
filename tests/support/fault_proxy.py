"""A fault-injecting HTTP proxy on 127.0.0.1 for the object-store tests.

It forwards every request to one upstream server (versitygw, Azurite, fake-gcs-server) and,
by rules the test sets, answers some of them itself:

- ``lose``: the request is forwarded and carried out, then the connection is closed without a
  response (the client sees a transport failure for a request that landed);
- ``error``: an HTTP error (5xx, 429) is answered without forwarding (nothing happened);
- ``error_after``: forwarded and carried out, then an error is answered instead of the reply.

Requests are sorted into kinds: ``commit`` (a write of ``_delta_log/<20 digits>.json``),
``write`` (other writes), ``list``, ``read`` (GET/HEAD of an object) and ``other``; every
request is counted by kind and by what was done to it, so tests can bound retries.

The Host header is forwarded as the client sent it, so S3 SigV4 signatures (which sign the host)
still verify upstream. With ``tls`` (an ``ssl.SSLContext``) the proxy speaks HTTPS to clients.
"""

from __future__ import annotations

import collections
import http.client
import http.server
import random
import re
import ssl
import threading
import urllib.parse
from dataclasses import dataclass, field

COMMIT = re.compile(r"_delta_log/\d{20}\.json$")
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-connection", "content-length"}
# Set by the proxy's own reply (send_response) or recomputed.
NOT_COPIED_BACK = HOP_BY_HOP | {"server", "date"}


def classify(method: str, target: str) -> str:
    """The kind of a request, from its method and target (path and query)."""
    parsed = urllib.parse.urlsplit(target)
    path = urllib.parse.unquote(parsed.path)
    query = urllib.parse.parse_qs(parsed.query)
    if method in ("PUT", "POST"):
        # GCS uploads name the object in the query (uploadType=media&name=...).
        key = query["name"][0] if "name" in query else path
        return "commit" if COMMIT.search(key) else "write"
    if method == "GET" and ("list-type" in query or query.get("comp") == ["list"]
                            or path.endswith("/o")):
        return "list"
    if method in ("GET", "HEAD"):
        return "read"
    return "other"


@dataclass
class Rule:
    """Applies `action` to requests of `kind` ("any" for all) and `method` (None for any):
    the first `first` matches, or every `every`-th, else each with `probability` (drawn from
    the proxy's seeded generator; by default every match). `status`, `headers` and `body` make the error reply."""

    kind: str
    action: str  # "lose", "error", "error_after"
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    method: str | None = None
    first: int = 0
    every: int = 0
    probability: float = 1.0
    matched: int = 0

    def fires(self, kind: str, method: str, rng: random.Random) -> bool:
        if self.kind not in ("any", kind) or self.method not in (None, method):
            return False
        self.matched += 1
        if self.first:
            return self.matched <= self.first
        if self.every:
            return self.matched % self.every == 0
        return rng.random() < self.probability


class _CountingServer(http.server.ThreadingHTTPServer):
    def __init__(self, proxy: "FaultProxy", *args):
        self.proxy = proxy
        super().__init__(*args)

    def get_request(self):
        with self.proxy._lock:
            self.proxy.connections += 1
        return super().get_request()


class FaultProxy:
    """Start with ``with FaultProxy(upstream) as proxy:``; ``proxy.endpoint`` is the URL to give
    the client (the upstream's path, e.g. Azurite's /devstoreaccount1, kept)."""

    def __init__(self, upstream: str, *, seed: int = 7, tls: ssl.SSLContext | None = None):
        parts = urllib.parse.urlsplit(upstream)
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.upstream_path = parts.path.rstrip("/")
        self.rules: list[Rule] = []
        self.counts: collections.Counter = collections.Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._tls = tls
        self.connections = 0  # accepted, TLS handshakes included (failed ones too)
        self._server = _CountingServer(self, ("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        scheme = "https" if self._tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}{self.upstream_path}"

    def add(self, rule: Rule) -> Rule:
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.counts.clear()

    def count(self, kind: str = "any", action: str | None = None) -> int:
        """Requests of `kind` seen (any action), or those `action` was applied to."""
        with self._lock:
            return sum(n for (k, a), n in self.counts.items()
                       if kind in ("any", k) and action in (None, a))

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _decide(self, kind: str, method: str) -> Rule | None:
        with self._lock:
            chosen = None
            for rule in self.rules:
                if rule.fires(kind, method, self._rng) and chosen is None:
                    chosen = rule
            self.counts[(kind, chosen.action if chosen else "forward")] += 1
            return chosen

    def _forward(self, method: str, target: str, headers, body: bytes):
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                if name.lower() not in HOP_BY_HOP:
                    conn.putheader(name, value)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.getheaders(), data
        finally:
            conn.close()

    def _handler(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                kind = classify(self.command, self.path)
                rule = proxy._decide(kind, self.command)
                if rule is not None and rule.action == "error":
                    return self._reply(rule.status, list(rule.headers.items()), rule.body)
                status, headers, data = proxy._forward(self.command, self.path, self.headers,
                                                       body)
                if rule is None:
                    return self._reply(status, headers, data)
                if rule.action == "error_after":
                    return self._reply(rule.status, list(rule.headers.items()), rule.body)
                # "lose": carried out upstream, the answer never arrives.
                self.close_connection = True

            def _reply(self, status: int, headers, data: bytes) -> None:
                self.send_response(status)
                length = str(len(data))
                for name, value in headers:
                    if name.lower() == "content-length" and self.command == "HEAD":
                        length = value  # the object's size, which HEAD reports
                    elif name.lower() not in NOT_COPIED_BACK:
                        self.send_header(name, value)
                self.send_header("Content-Length", length)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = _serve

        return Handler
