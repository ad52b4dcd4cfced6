"""RSS / Atom / sitemap parsing and filters, and feeds fetched end to end from the loopback server."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.transforms.conftest import EUROPA_GZ, FIXTURES, TITAN_HTML
from tests.transforms.test_http import FAST
from transforms.io.feeds import FeedError, FeedItem, filter_items, parse_feed
from transforms.io.remote import read_remote
from transforms.sources import SourceFilters, SourceSpec

BASE = "http://news.example"


def _fixture(name: str) -> bytes:
    return (FIXTURES / "feeds" / name).read_text(encoding="utf-8").replace("{base}", BASE).encode("utf-8")


def test_rss_items():
    items = parse_feed(_fixture("news.rss"), BASE + "/feed.xml")
    assert items == [
        FeedItem(url=BASE + "/article/europa?utm_source=rss&utm_medium=feed", title="Water plumes above Europa",
                 summary="<p>NASA confirms <b>plumes</b> on Jupiter's moon.</p>",
                 published="2024-01-02T23:30:00-05:00", categories=("Space",), source="Loopback Space News"),
        FeedItem(url=BASE + "/article/titan", title="A map of Titan",
                 summary="The first global geological map of Saturn's moon.",
                 published="2024-01-03T08:00:00+00:00", categories=("Space",), source="Loopback Space News"),
        FeedItem(url=BASE + "/lifestyle/gossip", title="Celebrity gossip", summary="Nothing about moons.",
                 categories=("Lifestyle",), source="Loopback Space News"),
        FeedItem(url=BASE + "/article/europa#comments", title="Europa again, same story", categories=("Space",),
                 source="Loopback Space News"),
    ]
    # The feed's own offset is kept, so the local publication date stays 2 January.
    assert items[0].meta() == {"url": items[0].url, "title": "Water plumes above Europa",
                               "published": "2024-01-02T23:30:00-05:00", "source": "Loopback Space News"}


def test_atom_entries():
    items = parse_feed(_fixture("news.atom"), BASE + "/atom.xml")
    assert items == [
        FeedItem(url=BASE + "/article/titan", title="Titan & its lakes",
                 summary="Saturn's moon mapped.", published="2024-01-03T10:00:00+02:00",
                 categories=("science",), source="Loopback Atom"),
        FeedItem(url=BASE + "/article/exchange", title="Prisoner exchange mediated",
                 summary="<p>Sides swapped 100 prisoners each.</p>", published="2024-01-05T00:00:00+00:00",
                 source="Wire Agency"),
    ]


def test_news_sitemap():
    items = parse_feed(_fixture("sitemap.xml"), BASE + "/sitemap.xml")
    assert items == [
        FeedItem(url=BASE + "/article/titan", title="A map of Titan", published="2024-01-03T00:00:00",
                 source="Loopback Times"),
        FeedItem(url=BASE + "/about", published="2023-12-01T00:00:00+00:00"),
    ]


@pytest.mark.parametrize(("content", "reason"), [
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss>&b;</rss>', "xml_entities"),
    (b"<rss><channel><item>", "bad_feed"),
    (b"<html><body>not a feed</body></html>", "bad_feed"),
])
def test_bad_feeds_are_refused(content, reason):
    with pytest.raises(FeedError) as raised:
        parse_feed(content, BASE)
    assert raised.value.reason == reason


@pytest.mark.parametrize(("filters", "titles"), [
    (SourceFilters(), ["Water plumes above Europa", "A map of Titan", "Celebrity gossip", "Europa again, same story"]),
    (SourceFilters(keywords=("plumes",)), ["Water plumes above Europa"]),  # found inside HTML markup
    (SourceFilters(keywords=("moon",)), ["Water plumes above Europa", "A map of Titan"]),  # whole words: not "moons"
    (SourceFilters(sections=("lifestyle",)), ["Celebrity gossip"]),
    (SourceFilters(sections=("article",), exclude_patterns=("#comments$",)), ["Water plumes above Europa", "A map of Titan"]),
    (SourceFilters(url_patterns=(r"/article/",), max_items=1), ["Water plumes above Europa"]),
])
def test_filters(filters, titles):
    items = parse_feed(_fixture("news.rss"), BASE + "/feed.xml")
    assert [item.title for item in filter_items(items, filters)] == titles


def test_feed_end_to_end_then_conditional_rerun(http_server, tmp_path):
    spec = SourceSpec(name="space", kind="feed", url=http_server.url("/feed.xml"),
                      filters=SourceFilters(sections=("space",)))
    stats: Counter = Counter()
    records = list(read_remote([spec], state_dir=tmp_path, allow_private=True, options=FAST, stats=stats))
    # Two Europa links canonicalise to one URL: fetched once; the linkless item is skipped.
    assert [(r["source_uri"], r["source_kind"]) for r in records] == [
        (http_server.url("/article/europa"), "feed_item"), (http_server.url("/article/titan"), "feed_item")]
    assert records[0]["content"] == gzip.decompress(EUROPA_GZ) and records[1]["content"] == TITAN_HTML
    assert json.loads(records[0]["meta_json"]) == {
        "url": http_server.url("/article/europa"), "title": "Water plumes above Europa",
        "published": "2024-01-02T23:30:00-05:00", "source": "Loopback Space News", "feed": "space",
        "charset": "utf-8", "charset_basis": "utf8"}
    assert stats == Counter({"fetched": 2})
    assert (http_server.hits["/article/europa"], http_server.hits["/lifestyle/gossip"]) == (1, 0)
    state = json.loads((tmp_path / "fetch_state.json").read_text())
    assert state["urls"][http_server.url("/article/europa")]["etag"] == '"v1"'

    again: Counter = Counter()
    refetch = list(read_remote([spec], state_dir=tmp_path, allow_private=True, options=FAST, stats=again,
                               refetch_after=timedelta(0)))
    # Europa answers 304 to its ETag; Titan has no validators, so it is fetched and found unchanged.
    assert refetch == []
    assert again == Counter({"not_modified": 1, "unchanged": 1})


def test_sitemap_source_and_outlet_override(http_server, tmp_path):
    spec = SourceSpec(name="maps", kind="sitemap", url=http_server.url("/sitemap.xml"), outlet="Configured Outlet",
                      filters=SourceFilters(url_patterns=("/article/",)))
    records = list(read_remote([spec], state_dir=tmp_path, allow_private=True, options=replace(FAST, retries=0)))
    assert [json.loads(r["meta_json"])["source"] for r in records] == ["Configured Outlet"]
    assert json.loads(records[0]["meta_json"])["published"] == "2024-01-03T00:00:00"


def test_feed_failure_is_a_record_and_the_run_goes_on(http_server, tmp_path):
    sources = [http_server.url("/missing/feed.xml"), http_server.url("/article/titan")]
    records = list(read_remote(sources, state_dir=tmp_path, allow_private=True, options=replace(FAST, retries=0)))
    assert records[0] == {"source_uri": http_server.url("/missing/feed.xml"), "error": "http_404",
                          "detail": f"HTTP 404 from {http_server.url('/missing/feed.xml')}"}
    assert records[1]["source_uri"] == http_server.url("/article/titan")
