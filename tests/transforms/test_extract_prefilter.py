"""The whole-text prefilter of extract_article: it never rejects text the full extractor would accept
(gold, holdout and sample articles), and it does reject plainly off-topic text."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest

from transforms.clean import clean_record
from transforms.extract import events
from transforms.extract.context import about_ukraine
from transforms.extract.lexicon import _load, find_actors, find_places
from transforms.extract.prefilter import may_name_ukraine
from transforms.extract.text import split_sentences
from transforms.io import files

REPO = Path(__file__).resolve().parents[2]
# holdout17 is the blind set (round 19): never read here (holdout16 was opened in round 19).
_BLIND = {"holdout17"}
_DIRS = [REPO / "tests" / "gold" / "articles", REPO / "samples" / "articles"] + sorted(
    d / "articles" for d in (REPO / "tests" / "gold").glob("holdout*") if d.name not in _BLIND)


def _articles() -> list[tuple[str, str, date | None]]:
    found = []
    for folder in _DIRS:
        for path in sorted(folder.glob("*.txt")):
            meta_path = path.with_suffix(".meta.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            published = date.fromisoformat(meta["published"]) if meta.get("published") else None
            found.append((f"{folder.parent.name}/{path.name}", path.read_text(encoding="utf-8"), published))
    return found


ARTICLES = _articles()


def _names_ukraine(sentence: str) -> bool:
    return any(a.code == "UKR" for a in find_actors(sentence)) or any(p.code == "UKR" for p in find_places(sentence))


def test_the_gold_sets_are_there():
    assert len(ARTICLES) >= 150  # a moved folder must not make the checks below vacuous
    assert not any(name.split("/")[0] in _BLIND for name, _, _ in ARTICLES)


@pytest.mark.parametrize("name, text, published", ARTICLES, ids=[a[0] for a in ARTICLES])
def test_never_rejects_what_the_extractor_accepts(name, text, published, monkeypatch):
    article = {"article_id": name, "text": text, "published_date": published, "is_english": True}
    if may_name_ukraine(text):
        # Each sentence naming Ukraine passes on its own too: the check does not lean on the rest of the article.
        assert all(may_name_ukraine(s.text) for s in split_sentences(text) if _names_ukraine(s.text))
        return
    assert not about_ukraine(events._analyse(text, published))
    monkeypatch.setattr(events, "may_name_ukraine", lambda _text: True)
    assert events.extract_article(article) == ([], [])


@pytest.mark.parametrize("name, text, published", ARTICLES[::5], ids=[a[0] for a in ARTICLES[::5]])
def test_sentences_are_bordered_so_a_sentence_match_is_a_text_match(name, text, published):
    """The prefilter's argument: a sentence is a substring of the text whose neighbours are not word
    characters or hyphens, so the lexicon's (?<![\\w-]) / (?![\\w-]) guards pass in the text as well."""
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.start == 0 or not re.match(r"[\w-]", text[s.start - 1]), (name, s.text[:60])
        assert s.end == len(text) or not re.match(r"[\w-]", text[s.end]), (name, s.text[:60])


def test_ukraine_rows_test_no_context_beyond_their_guards():
    rows = [r["pattern"] for r in _load("actors.csv") if r["code"] == "UKR"]
    rows += [r["pattern"] for r in _load("places.csv") if r["country_iso3"] == "UKR"]
    assert len(rows) > 10
    for pattern in rows:
        # no lookaround, anchor, flag or back-reference: they would read context or break the combined regex
        assert not re.search(r"\(\?<?[=!]|\^|\$|\\[ABZ1-9]|\(\?P=|\(\?[a-zA-Z]", pattern), pattern


@pytest.mark.parametrize("text", [
    "Ukraine said 95 prisoners returned.",
    "\u201cWe hit Kharkiv,\u201d he said. Others disagreed",
    "Talks went on.\nThe Kyiv delegation left",
    "Fighting near Chasiv Yar (Donetsk region) went on.",
    "Zelensky's office spoke.",
])
def test_accepts_text_naming_ukraine(text):
    assert may_name_ukraine(text)


@pytest.mark.parametrize("text", [
    "The council approved a new bike lane on Main Street after a two-hour meeting on Tuesday.",
    "Preheat the oven to 200 degrees. Mix the flour and the butter, then bake for 20 minutes.",
    "Russia and Belarus held talks in Minsk. Moscow said the Kremlin welcomed the exchange of views.",
    "Officials swapped 12 prisoners with Venezuela on Friday, the State Department said.",
    "A pro-Ukrainianness essay",  # not the word Ukrainian: the lexicon's guards reject it too
])
def test_rejects_text_not_naming_ukraine(text, monkeypatch):
    assert not may_name_ukraine(text)

    def fail(*_args):
        raise AssertionError("rejected text must not be analysed sentence by sentence")

    monkeypatch.setattr(events, "_analyse", fail)
    assert events.extract_article({"article_id": "x", "text": text, "published_date": None, "is_english": True}) == ([], [])


def test_rejects_a_real_off_topic_page(tmp_path):
    page = tmp_path / "titan_map.html"
    page.write_bytes(gzip.decompress((REPO / "tests" / "fixtures" / "html" / "titan_map.html.gz").read_bytes()))
    record = next(files.read_sources(files.discover([str(page)])))
    article, problem = clean_record(record)
    assert problem is None and len(article["text"]) > 500
    assert not may_name_ukraine(article["text"])
    assert events.extract_article(article) == ([], [])
