"""Sources TOML parsing and classification of command-line SOURCE strings."""

from __future__ import annotations

import pytest

from transforms.sources import SourceFilters, SourceSpec, classify_source, load_sources_toml, split_sources

TOML = """
[[source]]
name = "kyiv-feed"
url = "https://news.example/rss"
schedule = "0 */2 * * *"
outlet = "Kyiv News"
filters = { keywords = ["prisoner", "exchange"], sections = ["war"], max_items = 50 }

[[source]]
name = "cc-news"
kind = "warc"
path = "crawl/CC-NEWS-1.warc.gz"

[[source]]
name = "one-page"
url = "https://news.example/2024/01/03/swap.html"

[[source]]
name = "local"
path = "articles"
kind = "folder"
"""


@pytest.mark.parametrize(("source", "kind"), [
    ("https://news.example/2024/01/03/swap.html", "url"),
    ("https://news.example/feed", "feed"),
    ("https://news.example/world/rss.xml", "feed"),
    ("http://news.example/index.atom", "feed"),
    ("https://news.example/news-sitemap.xml", "sitemap"),
    ("https://data.example/crawl-data/CC-NEWS/2024/01/CC-NEWS-20240103.warc.gz", "warc"),
    ("feed:https://news.example/api?format=xml", "feed"),
    ("articles/*.html", "glob"),
])
def test_classify_strings(source, kind):
    assert classify_source(source) == kind


def test_classify_local_paths(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(b"")
    (tmp_path / "s.toml").write_text("")
    (tmp_path / "x.html").write_text("")
    assert [classify_source(str(tmp_path / name)) for name in ("a.warc.gz", "s.toml", "x.html")] == ["warc", "toml", "file"]
    assert classify_source(str(tmp_path)) == "folder"
    with pytest.raises(FileNotFoundError):
        classify_source(str(tmp_path / "missing.html"))
    with pytest.raises(ValueError, match="only http and https"):
        classify_source("ftp://news.example/a")


def test_load_sources_toml(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(TOML)
    (tmp_path / "articles").mkdir()
    assert load_sources_toml(path) == [
        SourceSpec(name="kyiv-feed", kind="feed", url="https://news.example/rss", schedule="0 */2 * * *",
                   outlet="Kyiv News", filters=SourceFilters(keywords=("prisoner", "exchange"), sections=("war",), max_items=50)),
        SourceSpec(name="cc-news", kind="warc", url=str(tmp_path / "crawl" / "CC-NEWS-1.warc.gz")),
        SourceSpec(name="one-page", kind="url", url="https://news.example/2024/01/03/swap.html"),
        SourceSpec(name="local", kind="folder", url=str(tmp_path / "articles")),
    ]


@pytest.mark.parametrize(("text", "message"), [
    ('[[source]]\nname = "a"\n', "needs url or path"),
    ('[[source]]\nurl = "https://a.example/"\ncolour = "red"\n', "unknown keys"),
    ('[[source]]\nurl = "https://a.example/"\nfilters = { keyword = ["x"] }\n', "unknown filter keys"),
    ('[[source]]\nurl = "https://a.example/"\nfilters = { url_patterns = ["("] }\n', "missing \\)"),
    ('[[source]]\nurl = "https://a.example/"\n[[source]]\nurl = "https://a.example/"\n', "must be unique"),
    ('[[source]]\nurl = "https://a.example/"\nkind = "carrier-pigeon"\n', "unknown source kind"),
])
def test_bad_toml_is_refused(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(Exception, match=message):
        load_sources_toml(path)


def test_split_sources(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(TOML)
    (tmp_path / "articles").mkdir()
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    local, remote = split_sources([str(page), str(path), "https://other.example/feed"])
    assert local == [str(page), str(tmp_path / "articles")]
    assert [(spec.name, spec.kind) for spec in remote] == [
        ("kyiv-feed", "feed"), ("cc-news", "warc"), ("one-page", "url"), ("https://other.example/feed", "feed")]
