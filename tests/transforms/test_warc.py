"""WARC reading: HTML responses become warc_record raw records; everything else is skipped."""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from datetime import datetime, timezone
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.transforms.conftest import TITAN_HTML
from transforms.ids import content_sha256, stable_id
from transforms.io.remote import canonical_url, read_remote
from transforms.io.warc import read_warc
from transforms.sources import SourceFilters, SourceSpec

DATE = "2024-01-03T12:00:00Z"


def _write_warc(path) -> None:
    """A tiny CC-NEWS-like WARC: one gzip-encoded article, a redirect, robots.txt, a request, a PDF."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, status: str, headers: list, body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": DATE}))

        response("https://news.example/titan?utm_source=cc", "200 OK",
                 [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], gzip.compress(TITAN_HTML))
        response("https://news.example/old", "301 Moved Permanently", [("Location", "https://news.example/titan")], b"")
        response("https://news.example/robots.txt", "200 OK", [("Content-Type", "text/plain")], b"User-agent: *")
        response("https://news.example/report.pdf", "200 OK", [("Content-Type", "application/pdf")], b"%PDF-1.4")
        writer.write_record(writer.create_warc_record("https://news.example/titan", "request", payload=BytesIO(b"GET /")))


def test_read_warc_keeps_html_responses(tmp_path):
    path = tmp_path / "CC-NEWS-test.warc.gz"
    _write_warc(path)
    stats: Counter = Counter()
    records = list(read_warc(path, canonical=canonical_url, stats=stats))
    assert len(records) == 1
    record = records[0]
    meta = json.loads(record.pop("meta_json"))
    assert record == {
        "raw_id": stable_id("https://news.example/titan", content_sha256(TITAN_HTML)),
        "source_uri": "https://news.example/titan", "source_kind": "warc_record",
        "content_type": "text/html; charset=utf-8", "content": TITAN_HTML, "error": None,
        "fetched_at": datetime(2024, 1, 3, 12, 0, tzinfo=timezone.utc),
    }
    assert (meta["url"], meta["warc_file"]) == ("https://news.example/titan", "CC-NEWS-test.warc.gz")
    assert meta["warc_record_id"].startswith("<urn:uuid:")
    assert stats == Counter({"warc_skipped_status": 1, "warc_skipped_type": 2})


def test_read_warc_filters_and_caps(tmp_path):
    path = tmp_path / "test.warc.gz"
    _write_warc(path)
    assert list(read_warc(path, filters=SourceFilters(keywords=("europa",)))) == []
    assert [r["source_uri"] for r in read_warc(path, filters=SourceFilters(keywords=("titan",)))] == [
        "https://news.example/titan?utm_source=cc"]
    [capped] = read_warc(path, max_bytes=1000)
    assert (capped["source_uri"], capped["error"]) == ("https://news.example/titan?utm_source=cc", "body_too_large")
    assert capped["detail"].endswith(f"in {path} exceeds 1000 bytes")


def test_damaged_warc_ends_with_an_error_record(tmp_path):
    good = tmp_path / "good.warc.gz"
    _write_warc(good)
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(good.read_bytes()[:-200] + b"garbage")
    records = list(read_warc(damaged))
    assert [r["source_uri"] for r in records] == ["https://news.example/titan?utm_source=cc", str(damaged)]
    assert records[-1]["error"] == "bad_warc"


@pytest.mark.parametrize("seed", [153, 19013])
def test_random_bytes_warcio_reads_as_records_are_a_bad_warc(tmp_path, seed):
    # warcio reads these bytes without an error: seed 153 as a record with no headers, 19013 as old ARC
    # records; before, such a file ended quietly with nothing read and nothing quarantined
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(random.Random(seed).randbytes(4096))
    assert [r["error"] for r in read_warc(garbage)] == ["bad_warc"]


def test_warc_through_read_remote(tmp_path):
    path = tmp_path / "x.warc.gz"
    _write_warc(path)
    records = list(read_remote([str(path), SourceSpec(name="cc", kind="warc", url="https://data.example/a.warc.gz")],
                               state_dir=tmp_path / "state"))
    assert [(r["source_uri"], r.get("error")) for r in records] == [
        ("https://news.example/titan", None), ("https://data.example/a.warc.gz", "unsupported_source")]
