"""HTTP client against a real loopback server: politeness, robustness and the address guard."""

from __future__ import annotations

import gzip
import ipaddress
import json
from collections import Counter
from dataclasses import replace

import pytest

from tests.transforms.conftest import EUROPA_GZ, FRENCH_CP1252, TITAN_HTML
from transforms.io.charset import detect_charset
from transforms.io.http import FetchOptions, HttpClient
from transforms.io.netguard import AddressPolicy, BlockedRequest, pin_url
from transforms.io.politeness import HostGate
from transforms.io.remote import canonical_url, read_remote

FAST = FetchOptions(timeout=0.5, deadline=5.0, retries=2, backoff=0.01, per_host_interval=0.0,
                    max_bytes=1_000_000, policy=AddressPolicy(allow_private=True))


def _fetch(server, path: str, sleeps: list | None = None, **changes):
    sleep = sleeps.append if sleeps is not None else (lambda _s: None)
    with HttpClient(replace(FAST, **changes), sleep=sleep) as client:
        return client.fetch(server.url(path))


def test_gzip_page_is_decoded_with_validators(http_server):
    result = _fetch(http_server, "/article/europa")
    assert (result.error, result.status, result.attempts) == (None, 200, 1)
    assert result.content == gzip.decompress(EUROPA_GZ)
    assert (result.media_type, result.declared_charset) == ("text/html", "utf-8")
    assert (result.etag, result.last_modified) == ('"v1"', "Wed, 01 May 2024 10:00:00 GMT")


def test_conditional_request_gets_304(http_server):
    with HttpClient(FAST) as client:
        result = client.fetch(http_server.url("/article/europa"), etag='"v1"')
    assert (result.not_modified, result.status, result.content, result.error) == (True, 304, None, None)
    assert http_server.requests[-1][1]["If-None-Match"] == '"v1"'


def test_transient_503_is_retried_honouring_retry_after(http_server):
    sleeps: list = []
    result = _fetch(http_server, "/flaky", sleeps)
    assert (result.error, result.attempts, result.content) == (None, 3, TITAN_HTML)
    assert sleeps == [0.0, 0.0]  # Retry-After: 0 wins over the backoff


def test_persistent_500_gives_up_with_backoff(http_server):
    sleeps: list = []
    result = _fetch(http_server, "/always500", sleeps)
    assert (result.error, result.attempts, http_server.hits["/always500"]) == ("http_500", 3, 3)
    assert result.detail == f"HTTP 500 from {http_server.url('/always500')} (after 3 attempts)"
    assert sleeps == [0.01, 0.02]


def test_client_errors_are_not_retried(http_server):
    result = _fetch(http_server, "/gone")
    assert (result.error, result.attempts, http_server.hits["/gone"]) == ("http_410", 1, 1)


@pytest.mark.parametrize(("path", "reason"), [
    ("/slow", "timeout"),
    ("/truncated", "truncated_body"),
    ("/huge", "body_too_large"),
    ("/huge-declared", "body_too_large"),
    ("/bomb", "decompression_bomb"),
    ("/pdf", "unsupported_content_type"),
    ("/loop-a", "redirect_loop"),
    ("/to-file", "blocked_scheme"),
    ("/private/secret", "robots_disallowed"),
    ("/nowhere", "http_404"),
])
def test_failures_have_a_reason_and_no_content(http_server, path, reason):
    result = _fetch(http_server, path, retries=0)
    assert (result.error, result.content) == (reason, None)


def test_body_cap_stops_reading_early(http_server):
    result = _fetch(http_server, "/huge", retries=0, max_bytes=100_000)
    assert result.error == "body_too_large"
    assert result.detail == "body exceeds 100000 bytes after decoding"


def test_redirects_are_followed_and_limited(http_server):
    result = _fetch(http_server, "/hop1")
    assert (result.error, result.final_url) == (None, http_server.url("/article/titan?utm_source=feed#top"))
    assert canonical_url(result.final_url) == http_server.url("/article/titan")
    assert _fetch(http_server, "/hop1", max_redirects=1).error == "too_many_redirects"


def test_untyped_response_is_sniffed(http_server):
    result = _fetch(http_server, "/untyped")
    assert (result.error, result.media_type) == (None, "text/html")


def test_robots_txt_is_fetched_once_per_host(http_server):
    with HttpClient(FAST) as client:
        assert client.fetch(http_server.url("/private/secret")).error == "robots_disallowed"
        assert client.fetch(http_server.url("/article/titan")).error is None
    assert (http_server.hits["/robots.txt"], http_server.hits["/private/secret"]) == (1, 0)


def test_loopback_is_refused_by_default_without_a_request(http_server):
    result = _fetch(http_server, "/article/titan", policy=AddressPolicy())
    assert result.error == "blocked_address"
    assert sum(http_server.hits.values()) == 0


def test_redirect_to_link_local_is_refused(http_server):
    # Loopback is allowed for the test server; the metadata address it redirects to is not.
    result = _fetch(http_server, "/to-metadata", policy=AddressPolicy(allowed_networks=("127.0.0.0/8",)))
    assert (result.error, result.final_url) == ("blocked_address", "http://169.254.169.254/latest/meta-data/")
    assert result.detail == "169.254.169.254 resolves to non-public address 169.254.169.254"


@pytest.mark.parametrize(("url", "reason"), [
    ("http://localhost/", "blocked_address"),  # via the DNS answer, not the name
    ("http://[::ffff:127.0.0.1]/", "blocked_address"),
    ("http://10.1.2.3/", "blocked_address"),
    ("ftp://example.org/", "blocked_scheme"),
    ("http://user:pw@example.org/", "bad_url"),
])
def test_pin_url_refuses(url, reason):
    with pytest.raises(BlockedRequest) as raised:
        pin_url(url, AddressPolicy())
    assert raised.value.reason == reason


def test_pin_url_keeps_host_header_and_server_name():
    assert pin_url("https://93.184.216.34/a?b=1", AddressPolicy()) == (
        "https://93.184.216.34:443/a?b=1", "93.184.216.34", "93.184.216.34")
    assert pin_url("http://127.0.0.1:8080/x", AddressPolicy(allow_private=True)) == (
        "http://127.0.0.1:8080/x", "127.0.0.1:8080", "127.0.0.1")


@pytest.mark.parametrize(("ip", "default", "private_ok"), [
    ("8.8.8.8", True, True), ("10.0.0.1", False, True), ("169.254.169.254", False, True),
    ("::1", False, True), ("fc00::1", False, True), ("0.0.0.0", False, False), ("224.0.0.1", False, False),
    ("100.64.0.1", False, False), ("2606:4700::1111", True, True),
])
def test_address_policy(ip, default, private_ok):
    address = ipaddress.ip_address(ip)
    assert (AddressPolicy().allows(address), AddressPolicy(allow_private=True).allows(address)) == (default, private_ok)


@pytest.mark.parametrize(("content", "declared", "expected"), [
    (FRENCH_CP1252, "utf-8", ("cp1252", "fallback")),  # wrong label: the bytes are not UTF-8
    ("Обмен военнопленными состоялся при посредничестве ОАЭ.".encode("cp1251"), "utf-8", ("cp1251", "sniffed")),
    ("café".encode("utf-8"), "iso-8859-1", ("utf-8", "utf8")),
    (b"\xef\xbb\xbfplain", None, ("utf-8", "bom")),
    (b"<meta charset='koi8-r'>\xf7\xcf\xca\xce\xc1", None, ("koi8-r", "meta")),
    (b"plain ascii", "latin-1", ("cp1252", "declared")),
])
def test_detect_charset(content, declared, expected):
    assert detect_charset(content, declared) == expected


def test_host_gate_spaces_request_starts():
    clock, sleeps = iter([0.0, 0.2, 5.0]), []
    gate = HostGate(1, 1.0, clock=lambda: next(clock), sleep=sleeps.append)
    for _ in range(3):
        with gate.slot("example.org"):
            pass
    assert sleeps == [pytest.approx(0.8)]


def test_read_remote_urls_then_rerun_fetches_nothing(http_server, tmp_path):
    urls = [http_server.url("/article/titan?utm_source=x"), http_server.url("/article/titan#frag"),
            http_server.url("/wrong-charset"), http_server.url("/always500")]
    stats: Counter = Counter()
    records = list(read_remote(urls, state_dir=tmp_path, allow_private=True, options=replace(FAST, retries=0), stats=stats))
    assert [r["source_uri"] for r in records] == [http_server.url(p) for p in ("/article/titan", "/wrong-charset", "/always500")]
    titan, french, failed = records
    assert (titan["source_kind"], titan["content"], titan["content_type"]) == ("url", TITAN_HTML, "text/html; charset=utf-8")
    assert json.loads(titan["meta_json"]) == {"url": http_server.url("/article/titan"), "charset": "utf-8", "charset_basis": "utf8"}
    assert french["content_type"] == "text/html; charset=cp1252"
    assert failed == {"source_uri": http_server.url("/always500"), "error": "http_500",
                      "detail": f"HTTP 500 from {http_server.url('/always500')}"}
    assert stats == Counter({"fetched": 2, "failed": 1})
    again: Counter = Counter()
    rerun = list(read_remote(urls, state_dir=tmp_path, allow_private=True, options=replace(FAST, retries=0), stats=again))
    assert [r["source_uri"] for r in rerun] == [http_server.url("/always500")]  # only the failure is retried
    assert again == Counter({"skipped_known": 2, "failed": 1})
    assert http_server.hits["/article/titan"] == 1
