from datetime import date

import pytest

from transforms.extract.events import extract_article
from transforms.schemas import MENTIONS, QUANTITIES


def _article(text, published=date(2024, 8, 24), is_english=True):
    return {"article_id": "a1", "text": text, "published_date": published, "is_english": is_english}


EXCHANGE = ("Moscow and Kiev have swapped 115 troops each in a prisoner exchange, the Russian Defense Ministry has said.\n"
            "The United Arab Emirates provided mediation efforts, the ministry said.")


def test_exchange_article_whole_output():
    mentions, quantities = extract_article(_article(EXCHANGE))
    got = [(m["event_type"], m["modality"], m["event_date"], m["side_a"], m["side_b"], m["returned_to_a"],
            m["returned_to_b"], m["mediators"], m["claimant"]) for m in mentions]
    assert got == [
        ("prisoner_exchange", "realised", date(2024, 8, 24), "RUS", "UKR", 115, 115, ["ARE"], "Russian Defence Ministry"),
        ("mediation", "realised", date(2024, 8, 24), "RUS", "UKR", None, None, ["ARE"], "Russian Defence Ministry"),
    ]
    assert set(mentions[0]) == set(MENTIONS.names) - {"_extractor_version"}
    assert set(quantities[0]) == set(QUANTITIES.names) - {"_extractor_version"}
    assert EXCHANGE[mentions[0]["evidence_start"]:mentions[0]["evidence_end"]] == mentions[0]["evidence"]


@pytest.mark.parametrize("text, is_english", [
    (EXCHANGE, False),
    ("Moscow is ready to exchange prisoners with Washington, the Kremlin said. The US wants a swap.", True),
    ("The United States and Russia completed a prisoner swap in Ankara. Russia's war in Ukraine goes on.", True),
])
def test_no_events(text, is_english):
    mentions, _ = extract_article(_article(text, is_english=is_english))
    assert [(m["event_type"], m["modality"]) for m in mentions if m["modality"] == "realised"] == []


def test_hypothetical_is_not_an_exchange():
    text = "Moscow is ready to exchange prisoners with Ukraine, Vershinin said. Kyiv has not replied to Ukraine's critics."
    mentions, _ = extract_article(_article(text))
    assert [(m["event_type"], m["modality"]) for m in mentions] == [("prisoner_exchange", "hypothetical")]
