"""HTML cleaning and language identification in transforms.clean: same output as trafilatura's full path, cheaper."""

from __future__ import annotations

import gzip
from pathlib import Path

import py3langid
import pytest
import trafilatura

from transforms import clean

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
_BODY = ("<p>Russia and Ukraine exchanged 95 prisoners of war on Friday, the defence ministry said, after talks "
         "mediated by the United Arab Emirates.</p>" * 4)
_PAGES = {
    "meta_and_json_ld": f"""<html><head><title>Swap completed | Example News</title>
<meta property="og:title" content="Ninety-five prisoners come home"><meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.org/world/2024/10/18/swap">
<meta property="article:published_time" content="2024-10-18T09:30:00Z"><meta name="author" content="Jane Doe">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Ninety-five come home",
"datePublished": "2024-10-18", "publisher": {{"@type": "Organization", "name": "Example News"}}}}</script>
</head><body><nav><a href="/tag/war/">war</a></nav><article><h1>Ninety-five prisoners come home</h1>{_BODY}
</article><footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></footer></body></html>""",
    "bare_title_only": f"<html><head><title>exchange-report.example.com</title></head><body><div>{_BODY}</div></body></html>",
    "relative_canonical": f"""<html><head><link rel="canonical" href="/a/1"><meta property="og:url"
content="https://site.example.net/a/1"><meta name="twitter:site" content="@examplesite"></head>
<body><h1>One</h1><h1>Two</h1><div class="date">Published 3 March 2023</div>{_BODY}</body></html>""",
}


def _fixture_pages():
    return [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in sorted(FIXTURES.glob("*.html.gz"))]


@pytest.mark.parametrize("html", list(_PAGES.values()) + _fixture_pages())
@pytest.mark.parametrize("url", [None, "https://given.example.com/story"])
def test_one_parse_gives_what_trafilatura_full_metadata_path_gives(html, url):
    # The reference is the previous code path: bare_extraction on the string with every metadata field.
    ref = trafilatura.bare_extraction(html, url=url, with_metadata=True, **clean._TRAFILATURA)
    found, problem = clean._from_html(html, url)
    assert problem is None
    assert found == {"text": ref.text, "title": ref.title, "published": ref.date, "site": ref.hostname,
                     "source": ref.sitename, "url": ref.url}
    assert found["text"] and found["title"]


def test_metadata_fields_on_a_rich_page():
    found, _ = clean._from_html(_PAGES["meta_and_json_ld"], None)
    assert found["published"] == "2024-10-18"
    assert found["url"] == "https://news.example.org/world/2024/10/18/swap"
    assert (found["site"], found["source"]) == ("example.org", "Example News")  # hostname is the registered domain


@pytest.mark.parametrize("html, reason", [
    ("<html><body>" + "<span>a</span>" * (clean.MAX_HTML_ELEMENTS + 1) + _BODY + "</body></html>", "too_many_elements"),
    ("<html><body>" + "<div>" * 2000 + _BODY + "</div>" * 2000 + "</body></html>", "markup_too_deep"),
    # html > body > divs > p: 250 levels is the most allowed
    ("<html><body>" + "<div>" * (clean.MAX_HTML_DEPTH - 3) + _BODY + "</div>" * (clean.MAX_HTML_DEPTH - 3)
     + "</body></html>", None),
    ("<html><body>" + "<div>" * (clean.MAX_HTML_DEPTH - 2) + _BODY + "</div>" * (clean.MAX_HTML_DEPTH - 2)
     + "</body></html>", "markup_too_deep"),
])
def test_markup_limits(html, reason):
    found, problem = clean._from_html(html, None)
    assert (problem[0] if problem else None) == reason
    if reason is None:
        assert "95 prisoners" in found["text"]


def test_html_that_is_not_a_document_has_no_text():
    assert clean._from_html("just words, no markup at all", None) == ({}, None)


_ENGLISH = ("The ministry said that the prisoners, who had been held since 2022, were returned to their families "
            "after the talks, and that further exchanges would follow. They have been examined by doctors. ") * 3
_OTHERS = {
    "fr": "Le ministère a déclaré que les prisonniers, détenus depuis 2022, ont été rendus à leurs familles après "
          "les négociations, et que d'autres échanges suivraient. Ils ont été examinés par des médecins. " * 3,
    "de": "Das Ministerium sagte, die Gefangenen, die seit 2022 festgehalten wurden, seien nach den Gesprächen zu "
          "ihren Familien zurückgekehrt, und weitere Austausche würden folgen. Was sie erlebt haben, will keiner sagen. " * 3,
    "nl": "Het ministerie zei dat de gevangenen, die sinds 2022 vastzaten, na de gesprekken naar hun families zijn "
          "teruggekeerd, en dat er meer uitwisselingen zouden volgen. Of dat gebeurt, is niet zeker. " * 3,
    "uk": "Міністерство заявило, що полонені, яких утримували з 2022 року, повернулися до своїх родин після "
          "переговорів, і що будуть нові обміни. Їх оглянули лікарі. " * 3,
}


def test_clear_english_is_decided_without_the_model(monkeypatch):
    def no_model(_text):
        raise AssertionError("the py3langid model was consulted")

    monkeypatch.setattr(py3langid, "classify", no_model)
    assert clean._language(_ENGLISH, None) == "en"
    assert clean._language("x" * 10 + _ENGLISH * 200, None) == "en"  # only a prefix is read


@pytest.mark.parametrize("language", sorted(_OTHERS))
def test_other_languages_go_to_the_model(monkeypatch, language):
    seen = []
    real = py3langid.classify
    monkeypatch.setattr(py3langid, "classify", lambda text: seen.append(text) or real(text))
    assert clean._language(_OTHERS[language], None) == language
    assert seen and len(seen[0]) <= clean._LANGUAGE_SAMPLE


def test_short_or_mixed_text_goes_to_the_model(monkeypatch):
    seen = []
    monkeypatch.setattr(py3langid, "classify", lambda text: seen.append(text) or ("en", 0.0))
    clean._language("The ministry said the prisoners were returned.", None)  # too few words to decide
    clean._language(_OTHERS["fr"] * 3 + _ENGLISH, None)  # mostly French in the sample: below the English share
    assert len(seen) == 2


def test_declared_language_wins():
    assert clean._language(_ENGLISH, "UK-ua") == "uk"


WRAPPED = """Missiles hit Kharkiv

Russian missiles struck Kharkiv on Tuesday, killing nine people and injuring
23, regional governor Petro Ivanenko said, adding that rescuers were still
searching the rubble of a five-storey building.

Ukraine's air force said it had shot down
most of the drones launched overnight.
"""


def test_hard_wrapped_plain_text_is_joined_into_paragraphs():
    from transforms.clean import unwrap_lines

    assert unwrap_lines(WRAPPED).split("\n\n") == [
        "Missiles hit Kharkiv",
        "Russian missiles struck Kharkiv on Tuesday, killing nine people and injuring 23, regional governor "
        "Petro Ivanenko said, adding that rescuers were still searching the rubble of a five-storey building.",
        "Ukraine's air force said it had shot down most of the drones launched overnight."]


def test_paragraph_per_line_text_is_left_alone():
    from transforms.clean import unwrap_lines

    text = "Short headline\nMoscow and Kyiv swapped 115 troops each.\nThe UAE mediated the exchange.\nIt was the 55th swap."
    assert unwrap_lines(text) == text
    long_lines = "A" * 150 + "\n" + "b" * 120 + "\nc c c c\n"
    assert unwrap_lines(long_lines) == long_lines


def test_wrapped_sentence_gives_its_event_after_cleaning():
    from datetime import date

    from transforms.extract.events import extract_article

    record = {"source_uri": "/in/strike.txt", "raw_id": "r1", "content": WRAPPED.encode(), "source_kind": "file_text",
              "content_type": "text/plain", "meta_json": '{"published": "2024-04-10", "language": "en"}',
              "fetched_at": None}
    article, problem = clean.clean_record(record)
    assert problem is None
    article["published_date"] = date(2024, 4, 10)
    mentions, quantities = extract_article(article)
    assert [(m["event_type"], m["side_a"], m["side_b"]) for m in mentions][:1] == [("attack", "RUS", "UKR")]
    assert {(q["role"], q["value"]) for q in quantities} >= {("killed", 9), ("injured", 23)}
