"""Hostile and broken inputs, all in one batch with good articles: each bad one is quarantined with a
specific reason (or handled), the run completes, and every good article is processed.

Large inputs (a 50 MB page, a gzip bomb) are generated here at test time, never committed.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import time
import zlib
from datetime import date

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from reliability_support import SAMPLES
from transforms import stages
from transforms.io.feeds import FeedError, parse_feed
from transforms.io.warc import read_warc

SENTENCE = ("Russia and Ukraine exchanged 95 prisoners of war on Friday, officials said, in a deal mediated by "
            "the United Arab Emirates. ")
RU = "Россия и Украина обменялись пленными в пятницу, сообщили официальные лица, при посредничестве ОАЭ. "
FR = "Élysée : l'échange de prisonniers a eu lieu à côté du musée, déjà fermé, près de la frontière. "
UK = "Україна та Росія провели обмін полоненими у пʼятницю за посередництва Обʼєднаних Арабських Еміратів. "


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><article>{body}</article></body></html>"


def _warc(path, records: list[tuple[str, bytes, dict]], gz: bool = True) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, body, headers in records:
            http = StatusAndHeaders("200 OK", list({"Content-Type": "text/html; charset=utf-8", **headers}.items()),
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))


# file name -> expected outcome: a quarantine reason, or "article" (handled: becomes an article).
EXPECTED = {
    "empty.html": "empty_content",
    "whitespace.txt": "empty_content",
    "binary.html": "binary_content",                  # a PNG with an .html name
    "gzip_as_html.html": "binary_content",            # gzip bytes (a 64 MB bomb) named .html: never inflated
    "bomb.html.gz": "unsupported_file_type",
    "truncated.html": "article",                      # cut off mid-tag
    "malformed.html": "article",                      # unclosed and stray tags, junk
    "no_article.html": "no_main_text",                # navigation and scripts only
    "cp1251_undeclared.html": "article",              # Russian, no charset anywhere
    "cp1252_labelled_utf8.html": "article",           # French, <meta charset=utf-8> that lies
    "koi8.txt": "article",                            # Russian text file in KOI8-R
    "utf16.txt": "article",                           # UTF-16 with BOM (has NUL bytes, is still text)
    "ukrainian.txt": "article",                       # non-English
    "page_50mb.html": "too_large",                    # refused before reading
    "many_elements.html": "too_many_elements",        # 300k elements: ~45 s in trafilatura otherwise
    "deep_nesting.html": "markup_too_deep",           # 100k nested divs
    "thousands_of_numbers.txt": "article",            # 2,000 sentences with numbers, extracted in seconds
    "too_long.txt": "text_too_long",                  # 600k characters of text
    "bad_dates.txt": "article",                       # sidecar dates 2024-13-45, 9999-12-31, a number
    "bad_meta_types.txt": "article",                  # sidecar title a number, source a list, url javascript:
    "bad_sidecar.txt": "unreadable_input",            # sidecar is not JSON
    "list_sidecar.txt": "unreadable_input",           # sidecar is a JSON list
    "garbage.warc": "bad_warc",                       # random bytes
    "manifest.jsonl#L2": "bad_manifest_line",         # not JSON
    "manifest.jsonl#L3": "bad_manifest_line",         # a JSON array
    "manifest.jsonl#L4": "bad_manifest_line",         # neither text nor path
    "manifest.jsonl#L5": "bad_manifest_line",         # path ../ out of the folder
    "manifest.jsonl#L6": "bad_manifest_line",         # absolute path
    "manifest.jsonl#L7": "bad_manifest_line",         # path to a FIFO (would block for ever)
    "manifest.jsonl#L8": "bad_manifest_line",         # path is a number
}
# Also: a symlink out of the folder (never read), a gzip-bomb WARC record (body_too_large, by URL),
# a WARC with a damaged tail (the record before is kept), 3 more bad sidecar dates (checked below).
BAD_INPUT_COUNT = len(EXPECTED) + 6


def _make_inputs(folder, outside, warcs) -> None:
    good = "<p>" + SENTENCE + "</p>"
    (folder / "empty.html").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b" \n\t\n ")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    bomb = gzip.compress(b"\0" * (64 << 20), 9)
    (folder / "gzip_as_html.html").write_bytes(bomb)
    (folder / "bomb.html.gz").write_bytes(bomb)
    (folder / "truncated.html").write_text(_page(good * 3)[:-40] + "<p class=\"x", encoding="utf-8")
    (folder / "malformed.html").write_text("<html><body><div><article><p>" + SENTENCE + "<p>" + SENTENCE.replace(
        "Friday", "<b><i>Friday</b></i>") + "</div></span><<>>&bogus;<p>" + SENTENCE + "</table>", encoding="utf-8")
    (folder / "no_article.html").write_text("<html><body><nav><a href='/'>Home</a></nav><script>var a = '"
                                            + "x" * 500 + "';</script></body></html>", encoding="utf-8")
    (folder / "cp1251_undeclared.html").write_bytes(_page(f"<p>{RU}</p>" * 3).encode("cp1251"))
    (folder / "cp1252_labelled_utf8.html").write_bytes(_page(f"<p>{FR}</p>" * 3, '<meta charset="utf-8">').encode("cp1252"))
    (folder / "koi8.txt").write_bytes(("KOI8-R. " + RU * 3).encode("koi8_r"))
    (folder / "utf16.txt").write_bytes((RU * 3).encode("utf-16"))
    (folder / "ukrainian.txt").write_text(UK * 3, encoding="utf-8")
    with open(folder / "page_50mb.html", "wb") as handle:
        handle.write(b"<html><body>")
        chunk = good.encode() * 8000
        while handle.tell() < 50 << 20:
            handle.write(chunk)
        handle.write(b"</body></html>")
    (folder / "many_elements.html").write_text("<html><body>" + "<span>a</span>" * 300_000 + good + "</body></html>")
    (folder / "deep_nesting.html").write_text("<html><body>" + "<div>" * 100_000 + good * 3 + "</div>" * 100_000)
    (folder / "thousands_of_numbers.txt").write_text("\n".join(
        f"On Friday Russia and Ukraine exchanged {i} prisoners each, and Russia claimed {i * 7} soldiers and {i} tanks "
        "were lost near Bakhmut." for i in range(1, 2001)))
    (folder / "thousands_of_numbers.meta.json").write_text(json.dumps({"published": "2024-09-30"}))
    (folder / "too_long.txt").write_text("word " * 120_000)
    for name, meta in [("bad_dates", {"published": "2024-13-45"}), ("bad_meta_types",
                       {"title": 123, "source": ["x"], "url": "javascript:alert(1)", "language": 7})]:
        (folder / f"{name}.txt").write_text(f"{name}: " + SENTENCE * 2)
        (folder / f"{name}.meta.json").write_text(json.dumps(meta))
    for name, published in [("future_date", "9999-12-31"), ("numeric_date", 20240824), ("epoch_date", "1970-01-01")]:
        (folder / f"{name}.txt").write_text(f"{name}: " + SENTENCE * 2)
        (folder / f"{name}.meta.json").write_text(json.dumps({"published": published}))
    (folder / "bad_sidecar.txt").write_text(SENTENCE * 2)
    (folder / "bad_sidecar.meta.json").write_text("{not json")
    (folder / "list_sidecar.txt").write_text(SENTENCE * 2)
    (folder / "list_sidecar.meta.json").write_text("[1, 2]")
    _warc(warcs / "good.warc.gz", [("https://example.org/warc-good", _page(good * 2 + "<p>warc good</p>").encode(), {}),
                                    ("https://example.org/warc-bomb", zlib.compress(b"\0" * (64 << 20), 9),
                                     {"Content-Encoding": "deflate"})])
    _warc(warcs / "whole.warc.gz", [("https://example.org/warc-before-damage",
                                      _page(good * 2 + "<p>before damage</p>").encode(), {})] * 1)
    whole = (warcs / "whole.warc.gz").read_bytes()
    (warcs / "whole.warc.gz").unlink()
    (warcs / "bad.warc.gz").write_bytes(whole + gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nxx")[:30])
    (warcs / "garbage.warc").write_bytes(os.urandom(4096))
    (outside / "secret.html").write_text(_page(good * 2 + "<p>SECRET outside the folder</p>"))
    (folder / "link_out.html").symlink_to(outside / "secret.html")
    os.mkfifo(folder / "fifo.txt")
    (folder / "manifest.jsonl").write_text("\n".join([
        json.dumps({"text": "manifest good: " + SENTENCE * 2, "url": "https://example.org/manifest-good"}),
        "{not json", "[1, 2]", json.dumps({"title": "no body"}), json.dumps({"path": "../outside/secret.html"}),
        json.dumps({"path": str(outside / "secret.html")}), json.dumps({"path": "fifo.txt"}), json.dumps({"path": 5}),
    ]) + "\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    folder, outside, warcs, root = base / "inbox", base / "outside", base / "warcs", base / "warehouse"
    for path in (folder, outside, warcs):
        path.mkdir()
    for path in SAMPLES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    _make_inputs(folder, outside, warcs)
    started = time.monotonic()
    counts = stages.ingest([str(folder), *sorted(str(p) for p in warcs.iterdir())], root)
    for manifest in stages.pending_batches(root, 500):  # one batch: good and bad together
        stages.process_batch(manifest, root)
    stages.build(root)
    elapsed = time.monotonic() - started
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        quarantine = con.sql("select source_uri, stage, reason, detail from quarantine").fetchall()
        articles = {uri.rsplit("/", 1)[-1]: (title, published, language, text, url) for uri, title, published, language,
                    text, url in con.sql("select source_uri, title, published_date, language, text, url from articles").fetchall()}
        exchanges = con.sql("select event_date, returned_to_a, returned_to_b from prisoner_exchanges "
                            "where event_date in ('2024-01-03', '2024-08-24') order by 1").fetchall()
    return {"counts": counts, "quarantine": quarantine, "articles": articles, "exchanges": exchanges,
            "elapsed": elapsed, "root": root}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_is_quarantined_or_handled(hostile, name):
    reasons = {uri.rsplit("/", 1)[-1]: reason for uri, _stage, reason, _detail in hostile["quarantine"]}
    if EXPECTED[name] == "article":
        assert name in hostile["articles"], reasons.get(name)
        assert name not in reasons
    else:
        assert reasons.get(name) == EXPECTED[name]


def test_good_articles_in_the_same_batch_are_all_processed(hostile):
    assert {"2024-01-03_248_returned.txt", "rt_2024-08-24_115_for_115.txt"} <= set(hostile["articles"])
    assert [(a, b) for _d, a, b in hostile["exchanges"]] == [(248, 173), (115, 115)]
    texts = {t for _ti, _p, _l, t, _u in hostile["articles"].values()}
    assert any("manifest good" in t for t in texts) and any("warc good" in t for t in texts)
    assert any("before damage" in t for t in texts)  # a damaged WARC keeps the records before the damage


def test_nothing_outside_the_given_folder_is_read(hostile):
    texts = " ".join(t for _ti, _p, _l, t, _u in hostile["articles"].values())
    assert "SECRET" not in texts and "secret.html" not in hostile["articles"]
    assert not any("link_out" in uri or "fifo" in uri.rsplit("#", 1)[0].rsplit("/", 1)[-1] for uri, *_ in hostile["quarantine"])


def test_charsets_are_decoded_not_mangled(hostile):
    arts = hostile["articles"]
    assert "обменялись пленными" in arts["cp1251_undeclared.html"][3] and arts["cp1251_undeclared.html"][2] == "ru"
    assert "Élysée" in arts["cp1252_labelled_utf8.html"][3]
    assert "обменялись пленными" in arts["koi8.txt"][3] and "обменялись" in arts["utf16.txt"][3]
    assert arts["ukrainian.txt"][2] == "uk"


def test_bad_metadata_becomes_null_not_a_crash(hostile):
    arts = hostile["articles"]
    for name in ("bad_dates.txt", "future_date.txt", "numeric_date.txt", "epoch_date.txt"):
        assert arts[name][1] is None, name
    assert arts["thousands_of_numbers.txt"][1] == date(2024, 9, 30)
    title, _published, _language, _text, url = arts["bad_meta_types.txt"]
    assert title is None and url is None


def test_gzip_bomb_in_a_warc_record_is_capped(hostile):
    reasons = {uri: reason for uri, _stage, reason, _detail in hostile["quarantine"]}
    assert reasons.get("https://example.org/warc-bomb") == "body_too_large"


def test_pathological_inputs_take_bounded_time(hostile):
    assert hostile["elapsed"] < 90, hostile["elapsed"]
    with duckdb.connect(str(hostile["root"] / "sitrep.duckdb"), read_only=True) as con:
        numbers = con.sql("select count(*) from event_quantities q join articles a using (article_id) "
                          "where a.source_uri like '%thousands_of_numbers.txt'").fetchone()[0]
    assert numbers > 1000


@pytest.mark.parametrize("content, reason", [
    (b"", "bad_feed"),
    (b"<rss><channel><item><link>http://x/a</link>", "bad_feed"),            # truncated
    (b"<html><body>not a feed</body></html>", "bad_feed"),                    # wrong root element
    (b"\x89PNG\r\n\x1a\n\x00\x00", "bad_feed"),                               # binary
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
     b"<rss><channel><title>&lol2;</title></channel></rss>", "xml_entities"),  # billion laughs
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss>&xxe;</rss>', "xml_entities"),
])
def test_malformed_feeds_raise_a_feed_error_with_a_reason(content, reason):
    with pytest.raises(FeedError) as error:
        parse_feed(content, "https://example.org/feed.xml")
    assert error.value.reason == reason


def test_feed_items_with_junk_are_kept_or_dropped_not_crashing():
    feed = (b"<rss><channel><title>T</title><item><title>no link</title></item>"
            b"<item><link>javascript:alert(1)</link></item><item><link>https://example.org/a</link>"
            b"<pubDate>not a date</pubDate></item></channel></rss>")
    urls = [item.url for item in parse_feed(feed, "https://example.org/feed.xml")]
    assert urls == ["https://example.org/a"]  # no link, or a javascript: link, is no item


@pytest.mark.parametrize("cut", [100, 300])
def test_warc_truncated_mid_record_keeps_the_records_before(tmp_path, cut):
    _warc(tmp_path / "a.warc.gz", [("https://example.org/a", _page("<p>" + SENTENCE * 2 + "</p>").encode(), {})] * 2)
    data = (tmp_path / "a.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - cut])
    records = list(read_warc(tmp_path / "cut.warc.gz"))
    assert records[0].get("error") is None and b"exchanged 95 prisoners" in records[0]["content"]
    # The damaged second record is reported, never passed on as a shorter page.
    assert [r.get("error") for r in records[1:]] in (["truncated_warc_record", "truncated_warc_file"],
                                                    ["truncated_warc_file"], ["bad_warc"])
