"""A real HTTP server on 127.0.0.1 for fetch tests: real pages plus misbehaving endpoints.

`http_server` starts a fresh ThreadingHTTPServer per test (so hit counters start at zero);
`http_server.url("/path")` gives an absolute URL, `http_server.hits["/path"]` counts requests and
`http_server.requests` keeps (path, headers) of each, in order.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EUROPA_GZ = (FIXTURES / "html" / "europa_plumes.html.gz").read_bytes()
TITAN_HTML = gzip.decompress((FIXTURES / "html" / "titan_map.html.gz").read_bytes())
FRENCH_CP1252 = "<html><body><p>Élysée : le café est déjà fermé, à côté du musée.</p></body></html>".encode("cp1252")
FRENCH_UTF8 = FRENCH_CP1252.decode("cp1252").encode("utf-8")


@functools.cache
def bomb() -> bytes:
    """64 MB of zeros compress to about 64 KB: a decompression bomb (built on first use)."""
    # Level 1: compressing 64 MB at level 9 takes seconds on a loaded machine and the fetch would time out.
    return zlib.compress(b"\0" * (64 << 20), 1)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **(headers or {})}
        for key, value in headers.items():
            if value is not None:
                self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        server = self.server
        path = self.path.split("?")[0]
        with server.lock:
            server.hits[path] += 1
            server.requests.append((path, dict(self.headers)))
            hits = server.hits[path]
        route = server.routes.get(path)
        if route is None:
            self.send(404, b"not found", {"Content-Type": "text/plain"})
        else:
            route(self, hits)


def _europa(handler: _Handler, _hits: int) -> None:
    if handler.headers.get("If-None-Match") == '"v1"':
        handler.send(304, b"", {"ETag": '"v1"', "Content-Length": None})
        return
    handler.send(200, EUROPA_GZ, {"Content-Encoding": "gzip", "ETag": '"v1"',
                                  "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"})


def _flaky(handler: _Handler, hits: int) -> None:
    if hits <= 2:
        handler.send(503, b"busy", {"Retry-After": "0"})
    else:
        handler.send(200, TITAN_HTML)


def _truncated(handler: _Handler, _hits: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(TITAN_HTML[:500])  # then the connection closes (HTTP/1.0)


def _huge(handler: _Handler, _hits: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no Content-Length: only the streaming cap can stop it
    try:
        for _ in range(64):
            handler.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")
    except (BrokenPipeError, ConnectionResetError):
        pass


def _redirect(target: str):
    return lambda handler, _hits: handler.send(302, b"", {"Location": target})


def _routes(base: str) -> dict:
    feed = (FIXTURES / "feeds" / "news.rss").read_text(encoding="utf-8").replace("{base}", base)
    atom = (FIXTURES / "feeds" / "news.atom").read_text(encoding="utf-8").replace("{base}", base)
    sitemap = (FIXTURES / "feeds" / "sitemap.xml").read_text(encoding="utf-8").replace("{base}", base)
    xml = {"Content-Type": "application/rss+xml"}
    return {
        "/robots.txt": lambda h, _: h.send(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
        "/article/europa": _europa,
        "/article/titan": lambda h, _: h.send(200, TITAN_HTML),
        "/article/titan-copy": lambda h, _: h.send(200, TITAN_HTML),
        "/private/secret": lambda h, _: h.send(200, TITAN_HTML),
        "/flaky": _flaky,
        "/always500": lambda h, _: h.send(500, b"boom"),
        "/gone": lambda h, _: h.send(410, b"gone"),
        "/slow": lambda h, _: (time.sleep(1.5), h.send(200, TITAN_HTML)),
        "/truncated": _truncated,
        "/huge": _huge,
        "/huge-declared": lambda h, _: h.send(200, b"", {"Content-Length": str(50 << 20)}),
        "/bomb": lambda h, _: h.send(200, bomb(), {"Content-Encoding": "deflate"}),
        "/pdf": lambda h, _: h.send(200, b"%PDF-1.4", {"Content-Type": "application/pdf"}),
        "/untyped": lambda h, _: h.send(200, TITAN_HTML, {"Content-Type": None}),
        "/wrong-charset": lambda h, _: h.send(200, FRENCH_CP1252, {"Content-Type": "text/html; charset=utf-8"}),
        "/utf8-as-latin1": lambda h, _: h.send(200, FRENCH_UTF8, {"Content-Type": "text/html; charset=iso-8859-1"}),
        "/loop-a": _redirect("/loop-b"),
        "/loop-b": _redirect("/loop-a"),
        "/hop1": _redirect("/hop2"),
        "/hop2": _redirect("/article/titan?utm_source=feed#top"),
        "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/feed.xml": lambda h, _: h.send(200, feed.encode("utf-8"), xml),
        "/atom.xml": lambda h, _: h.send(200, atom.encode("utf-8"), {"Content-Type": "application/atom+xml"}),
        "/sitemap.xml": lambda h, _: h.send(200, sitemap.encode("utf-8"), {"Content-Type": "application/xml"}),
    }


class LoopbackServer:
    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False  # slow handlers must not hold up teardown
        self.server.lock = threading.Lock()
        self.server.hits = self.hits = Counter()
        self.server.requests = self.requests = []
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.server.routes = self.routes = _routes(self.base)
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_server():
    bomb()  # built before the server answers, so building it never eats into a fetch's timeout
    server = LoopbackServer()
    yield server
    server.close()
