"""HTTP client for unattended fetching: SSRF guard, robots.txt, per-host limits, bounded bodies.

Failures never raise: `fetch` returns a FetchResult whose `error` is a short quarantine reason.
Retries (with exponential backoff) only on timeouts, connection errors, 429 and 5xx.
"""

from __future__ import annotations

import email.utils
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from transforms.io.netguard import AddressPolicy, BlockedRequest, pin_url
from transforms.io.politeness import HostGate

__all__ = ["FetchOptions", "FetchResult", "HttpClient", "HTML_TYPES", "FEED_TYPES"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                        "application/rdf+xml", "application/x-rss+xml"})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 16_384


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # seconds, per connect and per read
    deadline: float = 60.0  # seconds for one whole response, against slow-drip servers
    max_bytes: int = 10_000_000  # after decompression: also the decompression-bomb cap
    max_redirects: int = 5
    retries: int = 3  # extra attempts after the first, transient failures only
    backoff: float = 1.0  # first retry waits this long, then doubles
    max_retry_after: float = 120.0  # a server's Retry-After longer than this is cut down
    per_host_concurrency: int = 2
    per_host_interval: float = 1.0  # seconds between request starts to one host
    respect_robots: bool = True
    user_agent: str = "sitrep/0.1 (news event research; batch, polite)"
    ca_bundle: str | None = None  # PEM file of trusted CAs; None: certifi's (the environment is not trusted)
    policy: AddressPolicy = field(default_factory=AddressPolicy)


@dataclass
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int | None = None
    content: bytes | None = None
    media_type: str | None = None  # e.g. text/html, from the header or sniffed
    declared_charset: str | None = None  # from the Content-Type header, possibly wrong
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a 304 answer to a conditional request
    error: str | None = None
    detail: str | None = None
    attempts: int = 0
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(microsecond=0))


class _Failure(Exception):
    def __init__(self, reason: str, detail: str, retry: bool = False, wait: float | None = None) -> None:
        super().__init__(detail)
        self.reason, self.retry, self.wait = reason, retry, wait


def _sniff(head: bytes) -> str | None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<urlset", b"<sitemapindex")):
        return "application/xml"
    if text.startswith(b"<?xml"):
        return "text/html" if b"<html" in text[:1024] else "application/xml"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "text/html"
    return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    parsed = email.utils.parsedate_to_datetime(value) if value else None
    return max(0.0, (parsed - datetime.now(timezone.utc)).total_seconds()) if parsed and parsed.tzinfo else None


class HttpClient:
    """One per run; thread-safe. Use as a context manager so connections are closed."""

    def __init__(self, options: FetchOptions | None = None, *, sleep=time.sleep) -> None:
        self.options = options or FetchOptions()
        self._sleep = sleep
        self._gate = HostGate(self.options.per_host_concurrency, self.options.per_host_interval)
        self._robots: dict[str, RobotFileParser | bool] = {}
        self._robots_lock = threading.Lock()
        # trust_env=False: an environment proxy would bypass the address guard.
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout), follow_redirects=False, trust_env=False,
            verify=ssl.create_default_context(cafile=self.options.ca_bundle) if self.options.ca_bundle else True,
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> "HttpClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def fetch(self, url: str, *, accept: frozenset[str] = HTML_TYPES, etag: str | None = None,
              last_modified: str | None = None) -> FetchResult:
        """GET with redirects checked hop by hop; never raises for network or HTTP trouble."""
        result = FetchResult(url=url, final_url=url)
        headers = {"Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        try:
            for _hop in range(self.options.max_redirects + 1):
                if urlsplit(result.final_url).scheme not in ("http", "https"):
                    raise BlockedRequest("blocked_scheme", f"only http and https are fetched: {result.final_url}")
                if self.options.respect_robots and not self._robots_allow(result.final_url):
                    raise _Failure("robots_disallowed", f"robots.txt disallows {result.final_url}")
                status, target = self._with_retries(result, headers, accept)
                if status not in _REDIRECT_STATUS:
                    return result
                if not target:
                    raise _Failure("bad_redirect", f"HTTP {status} without a Location header")
                if target in seen:
                    raise _Failure("redirect_loop", f"{target} was already visited")
                seen.add(target)
                result.final_url = target
            raise _Failure("too_many_redirects", f"more than {self.options.max_redirects} redirects")
        except _Failure as failure:
            result.error, result.detail, result.content = failure.reason, str(failure), None
        except BlockedRequest as blocked:
            result.error, result.detail, result.content = blocked.reason, str(blocked), None
        return result

    def _with_retries(self, result: FetchResult, headers: dict, accept: frozenset[str]) -> tuple[int, str | None]:
        for attempt in range(self.options.retries + 1):
            result.attempts += 1
            try:
                return self._once(result, headers, accept)
            except _Failure as failure:
                if not failure.retry or attempt == self.options.retries:
                    if result.attempts > 1:
                        raise _Failure(failure.reason, f"{failure} (after {result.attempts} attempts)") from None
                    raise
                wait = failure.wait if failure.wait is not None else self.options.backoff * 2 ** attempt
                self._sleep(min(wait, self.options.max_retry_after))
        raise AssertionError("unreachable")

    def _once(self, result: FetchResult, headers: dict, accept: frozenset[str]) -> tuple[int, str | None]:
        url = result.final_url
        pinned, host_header, server_name = pin_url(url, self.options.policy)
        extensions = {"sni_hostname": server_name} if url.startswith("https:") else {}
        started = time.monotonic()
        try:
            with self._gate.slot(server_name), self._client.stream(
                "GET", pinned, headers={**headers, "Host": host_header}, extensions=extensions
            ) as response:
                result.status = response.status_code
                if response.status_code in _REDIRECT_STATUS:
                    location = response.headers.get("location")
                    return response.status_code, urljoin(url, location) if location else None
                if response.status_code == 304:
                    result.not_modified = True
                    return 304, None
                if response.status_code in _RETRY_STATUS:
                    raise _Failure(f"http_{response.status_code}", f"HTTP {response.status_code} from {url}",
                                   retry=True, wait=_retry_after(response.headers.get("retry-after")))
                if response.status_code != 200:
                    raise _Failure(f"http_{response.status_code}", f"HTTP {response.status_code} from {url}")
                declared = response.headers.get("content-type", "").split(";")[0].strip().lower() or None
                if declared and declared not in accept and declared != "application/octet-stream":
                    raise _Failure("unsupported_content_type", f"{declared} is not one of {sorted(accept)}")
                body = self._read_body(response, started)
                media = declared if declared in accept else _sniff(body[:2048])
                if media not in accept:
                    raise _Failure("unsupported_content_type", f"{declared or 'no content type'}, sniffed {media}")
                result.content, result.media_type = body, media
                result.declared_charset = response.charset_encoding
                result.etag = response.headers.get("etag")
                result.last_modified = response.headers.get("last-modified")
                return 200, None
        except httpx.TimeoutException as exc:
            raise _Failure("timeout", f"{type(exc).__name__} on {url}", retry=True) from exc
        except httpx.RemoteProtocolError as exc:
            raise _Failure("truncated_body", f"{exc} ({url})", retry=True) from exc
        except httpx.TransportError as exc:
            raise _Failure("connection_error", f"{type(exc).__name__}: {exc} ({url})", retry=True) from exc

    def _read_body(self, response: httpx.Response, started: float) -> bytes:
        """Stream the raw bytes, decompressing in bounded steps; the cap counts decoded bytes."""
        cap = self.options.max_bytes
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise _Failure("body_too_large", f"Content-Length {length} exceeds {cap} bytes")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise _Failure("unsupported_encoding", f"Content-Encoding {encoding}")
        # wbits=47 accepts gzip and zlib headers; max_length bounds each step's output.
        inflater = zlib.decompressobj(47) if encoding not in ("identity", "") else None
        parts, total = [], 0
        for chunk in response.iter_raw(_CHUNK):
            if time.monotonic() - started > self.options.deadline:
                raise _Failure("timeout", f"body not complete after {self.options.deadline} s", retry=True)
            data = chunk
            while data:
                try:
                    piece = inflater.decompress(data, _CHUNK) if inflater else data
                except zlib.error as exc:
                    raise _Failure("bad_compression", f"{encoding}: {exc}") from exc
                data = inflater.unconsumed_tail if inflater else b""
                total += len(piece)
                if total > cap:
                    kind = "decompression_bomb" if inflater else "body_too_large"
                    raise _Failure(kind, f"body exceeds {cap} bytes after decoding")
                parts.append(piece)
        if inflater and not inflater.eof:
            raise _Failure("truncated_body", f"{encoding} stream ends early", retry=True)
        return b"".join(parts)

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:  # one robots.txt fetch per origin, even with many threads
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._robots[origin] = self._load_robots(origin)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self.options.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | bool:
        """RFC 9309: 4xx means no rules; 5xx or unreachable means disallow everything.

        A BlockedRequest propagates: the page itself would be refused for the same reason.
        """
        probe = FetchResult(url=origin + "/robots.txt", final_url=origin + "/robots.txt")
        try:
            for _hop in range(self.options.max_redirects + 1):
                status, target = self._with_retries(probe, {"Accept": "text/plain"}, HTML_TYPES)
                if status not in _REDIRECT_STATUS or not target:
                    break
                probe.final_url = target
        except _Failure as failure:
            # A missing robots.txt (404, 410, an HTML soft-404) has no rules; 429, 5xx, timeouts do not
            # prove anything, so the host is left alone this run.
            return failure.reason == "unsupported_content_type" or (
                failure.reason.startswith("http_4") and failure.reason != "http_429")
        parser = RobotFileParser()
        parser.parse((probe.content or b"").decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.options.user_agent)
        if delay:
            self._gate.set_delay(urlsplit(origin).hostname or "", min(float(delay), 60.0))
        return parser
