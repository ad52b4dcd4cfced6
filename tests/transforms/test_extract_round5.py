"""Round 5 rules (issue 3): exchange stories, mediation, attack/capture/negotiation recall, claimants."""

import pytest

from transforms.extract.attributes import event_place
from transforms.extract.classify import event_types, modality
from transforms.extract.events import extract_article
from transforms.extract.lexicon import find_claimants


@pytest.mark.parametrize("sentence, expected", [
    # the other half of a swap, with a long subject between "In turn" / "In exchange" and the verb
    ('"In turn, 62 prisoners of war from among the servicemen of the Armed Forces of Ukraine were transferred," '
     "the ministry said.", ["prisoner_exchange"]),
    ("In exchange, 96 prisoners of war of the Armed Forces of Ukraine were handed over.", ["prisoner_exchange"]),
    ("Andriy Yermak was the first to announce the exchange on Telegram this morning.", ["prisoner_exchange"]),
    # a wish for an exchange is a (hypothetical) exchange, not a mere topic
    ('Lubinets said that Ukraine remains ready for an exchange of prisoners in the "all for all" format.', ["prisoner_exchange"]),
    ('Zelensky said Kyiv was ready to exchange "all for all".', ["prisoner_exchange"]),
    ("Contacts on the issue of prisoner exchange continue.", []),
    # a running tally is not a release
    ("More than 3,100 Ukrainians have been returned from Russian captivity since the beginning of the full-scale invasion.", []),
    ("Ten Ukrainian civilians have been freed from Russian captivity, Zelensky said.", ["prisoner_release"]),
])
def test_exchange_family_rules(sentence, expected):
    assert sorted(event_types(sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Erdogan has repeatedly offered to host a summit between the two leaders.", ["mediation"]),
    ("Turkey said Ankara was ready to continue its facilitation role.", ["mediation"]),
    ("The weather was fine.", []),
])
def test_mediation_triggers(sentence, expected):
    assert sorted(event_types(sentence)) == expected


@pytest.mark.parametrize("sentence, at_word, expected", [
    ("Turkey has sought to mediate between the two sides.", "mediate", "hypothetical"),
    ("The ministry thanked the UAE for the mediation that made the return of the servicemen possible.", "mediation", "realised"),
    ("Russia said 239 servicemen had been returned from captivity and would be flown to Moscow.", "returned", "realised"),
    ("Russia said 239 servicemen had been returned from captivity and would be flown to Moscow.", "flown", "hypothetical"),
])
def test_round5_modality(sentence, at_word, expected):
    assert modality(sentence, sentence.index(at_word)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # attacks: impact verbs with a weapon; "were hit" with casualties; civilian dead are the attack's, not a loss claim
    ("In Mykolaiv, a missile slammed into the regional administration building on Tuesday morning.", ["attack"]),
    ("In the central city of Dnipro, six people were killed and 28 injured when a shopping centre was hit.", ["attack"]),
    ("Russian shelling destroyed two tanks and killed 12 soldiers.", ["attack", "loss_claim"]),
    # captures with quotes around the verb, and "capturing"
    ('Russia said its troops had "liberated" the village of Rozdolivka.', ["capture"]),
    ("On May 10 Russia opened a new front, capturing a string of border villages within days.", ["capture"]),
    # negotiations without "talks between/with/in"
    ("Russian and Ukrainian negotiators have met for their first face-to-face talks in weeks.", ["negotiation"]),
    ("The two delegations had previously met three times in Belarus.", ["negotiation"]),
    ("The sides last met face to face on March 29, 2022.", ["negotiation"]),
])
def test_attack_capture_negotiation_recall(sentence, expected):
    assert sorted(event_types(sentence)) == expected


@pytest.mark.parametrize("sentence, place", [
    ("In the southern port city of Odesa, four people died after a drone slammed into a building.", "Odesa"),
    ("In the capital Kyiv, at least 16 people were killed.", "Kyiv"),
])
def test_place_after_descriptive_noun(sentence, place):
    assert event_place(sentence)["place_name"] == place


@pytest.mark.parametrize("sentence, name, code", [
    ("Defence Minister Sergey Shoigu has reported to the president.", "Sergei Shoigu", "RUS"),
    ("Lieutenant-General Igor Konashenkov reported at the briefing.", "Russian Defence Ministry", "RUS"),
    ("Commander-in-Chief Oleksandr Syrskyi said on Thursday.", "Oleksandr Syrskyi", "UKR"),
    ("Turkish President Recep Tayyip Erdogan said on Thursday.", "Recep Tayyip Erdogan", "TUR"),
])
def test_claimant_lexicon_officials(sentence, name, code):
    found = find_claimants(sentence)
    assert (found[0].name, found[0].code) == (name, code)


def _article(text):
    from datetime import date
    return {"article_id": "a", "text": text, "published_date": date(2024, 1, 3), "is_english": True}


@pytest.mark.parametrize("text, expected", [
    # the story refers to "the swap": its returns are one exchange, and "the previous one" is an exchange too
    ("Seventy-five Ukrainians have returned home from Russian captivity, Ukraine's Coordination Headquarters said on "
     "Wednesday.\nThe United Arab Emirates mediated the swap.\nThe previous one took place on August 7, 2023, when 22 "
     "Ukrainians came home.\nRussia and Ukraine have fought since 2022.",
     [("prisoner_exchange", "historical"), ("prisoner_exchange", "realised")]),
    # no swap named: a release
    ("Ten Ukrainian civilians have been freed from Russian captivity, Zelensky said on Wednesday.\nRussia and Ukraine "
     "have fought since 2022.", [("prisoner_release", "realised")]),
])
def test_exchange_story_type(text, expected):
    mentions, _ = extract_article(_article(text))
    assert sorted((m["event_type"], m["modality"]) for m in mentions) == expected
