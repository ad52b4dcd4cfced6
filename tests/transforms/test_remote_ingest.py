"""Remote sources through the stages: a feed and URLs served on loopback end up as articles or quarantine."""

from __future__ import annotations

import duckdb

from transforms import stages
from transforms.settings import Settings

LOOPBACK_OK = Settings(allow_private=True)


def _run(sources, root, settings):
    counts = stages.ingest(sources, root, settings)
    for manifest in stages.pending_batches(root, 10):
        stages.process_batch(manifest, root)
    stages.build(root)
    return counts


def _rows(root, sql):
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_feed_and_urls_become_articles_and_failures_quarantine(http_server, tmp_path):
    sources = [f"feed:{http_server.url('/feed.xml')}", http_server.url("/gone"), http_server.url("/private/secret")]
    _run(sources, tmp_path, LOOPBACK_OK)
    urls = {u for (u,) in _rows(tmp_path, "select url from articles")}
    assert http_server.url("/article/europa") in urls and http_server.url("/article/titan") in urls
    reasons = {uri.rsplit("/", 1)[-1]: reason for uri, reason in _rows(tmp_path, "select source_uri, reason from quarantine")}
    assert set(reasons) >= {"gone", "secret"}
    assert http_server.hits["/private/secret"] == 0  # robots.txt disallows it: never requested


def test_rerun_fetches_no_article_again(http_server, tmp_path):
    sources = [f"feed:{http_server.url('/feed.xml')}"]
    _run(sources, tmp_path, LOOPBACK_OK)
    hits = http_server.hits["/article/titan"]
    before = _rows(tmp_path, "select article_id, url from articles order by 1")
    counts = _run(sources, tmp_path, LOOPBACK_OK)
    assert http_server.hits["/article/titan"] == hits
    assert counts["raw_new"] == 0
    assert _rows(tmp_path, "select article_id, url from articles order by 1") == before


def test_loopback_is_refused_by_default(http_server, tmp_path):
    _run([http_server.url("/article/titan")], tmp_path, Settings(allow_private=False))
    assert http_server.hits["/article/titan"] == 0
    assert _rows(tmp_path, "select count(*) from articles") == [(0,)]
    assert len(_rows(tmp_path, "select reason from quarantine")) == 1
