from datetime import date

import pytest

from transforms.extract.events import extract_article


def _run(text, published=date(2024, 3, 16)):
    mentions, quantities = extract_article({"article_id": "a1", "text": text, "published_date": published,
                                            "is_english": True})
    return mentions, quantities


def _types(mentions):
    return sorted((m["event_type"], m["modality"]) for m in mentions)


def test_attacks_at_different_places_are_different_events():
    text = ("Russian forces attacked Ukraine overnight with 112 Shahed drones, Ukraine's air force said.\n"
            "In Odesa, a drone strike damaged port infrastructure, regional governor Oleh Kiper said.\n"
            "Meanwhile, Russian troops shelled Kherson on Thursday, hitting a bus stop.")
    mentions, _ = _run(text, date(2025, 3, 7))
    attacks = [m for m in mentions if m["event_type"] == "attack"]
    # the undated, unplaced first sentence joins an attack group; the two places stay apart
    assert sorted(str(m["place_name"]) for m in attacks) == ["Kherson", "Odesa"]
    odesa = next(m for m in attacks if m["place_name"] == "Odesa")
    assert (odesa["side_a"], odesa["side_b"], odesa["acled_sub_event_type"]) == ("RUS", "UKR", "Air/drone strike")


@pytest.mark.parametrize("second, claims", [
    ("The enemy also lost 41 field artillery guns, the ministry said.", 1),             # continuation
    ("In the area of Avdeyevka alone, the enemy lost up to 1,130 troops.", 2),           # own scope
    ("Russian air defences also shot down 47 Ukrainian drones, the ministry said.", 2),  # a shoot-down claim
])
def test_loss_claim_continuation(second, claims):
    text = ("Ukrainian forces lost up to 1,500 servicemen over the past 24 hours, the Russian Defence Ministry said.\n"
            + second)
    mentions, _ = _run(text)
    losses = [m for m in mentions if m["event_type"] == "loss_claim"]
    assert len(losses) == claims
    assert (losses[0]["side_a"], losses[0]["side_b"]) == ("RUS", "UKR")  # [claimant's side, side that lost]


def test_loss_claimant_at_sentence_end_according_to_the_statement():
    text = ("Russian forces repelled Ukrainian attacks in Kharkiv region, the Russian Defence Ministry said.\n"
            "In the Kharkov area, the enemy lost up to 280 troops over the past day, according to the statement.")
    mentions, quantities = _run(text)
    loss = next(m for m in mentions if m["event_type"] == "loss_claim")
    assert (loss["claimant"], loss["side_a"], loss["side_b"]) == ("Russian Defence Ministry", "RUS", "UKR")
    assert {q["side_iso3"] for q in quantities if q["mention_id"] == loss["mention_id"]} == {"UKR"}


@pytest.mark.parametrize("text, mediation_events", [
    ("Russia and Ukraine swapped 95 prisoners each, the Russian Defence Ministry said.\n"
     "Both sides thanked the United Arab Emirates for mediating.", 0),
    ("Ankara has repeatedly offered to mediate between Moscow and Kyiv, Turkish officials said.\n"
     "Ukraine and Russia are both named here.", 1),
])
def test_mediation_of_a_reported_exchange_is_not_its_own_event(text, mediation_events):
    mentions, _ = _run(text)
    assert sum(m["event_type"] == "mediation" for m in mentions) == mediation_events
    exchanges = [m for m in mentions if m["event_type"] == "prisoner_exchange"]
    assert all(m["mediators"] == ["ARE"] for m in exchanges)


def test_capture_of_ground_and_of_prisoners_are_two_events_and_pre_war_dates_none():
    text = ("Ukrainian forces have taken 47 Russian soldiers prisoner over the past day in Kursk Oblast, Syrskyi said.\n"
            "Syrskyi also reported that Ukrainian troops had established full control over the town of Sudzha.\n"
            "In the autumn of 1941 alone, hundreds of thousands of soldiers were taken prisoner near Kyiv.")
    mentions, _ = _run(text, date(2024, 8, 15))
    captures = [m for m in mentions if m["event_type"] == "capture"]
    assert len(captures) == 2
    assert all((m["side_a"], m["side_b"]) == ("UKR", "RUS") for m in captures)


def test_earlier_swap_in_an_exchange_story_is_its_own_historical_event():
    text = ("Forty-six Russian civilians returned home on Tuesday, Moskalkova said. In turn, thirty-one Ukrainian civilians "
            "were handed over to the Ukrainian side, she said. Ukraine confirmed the exchange.\n\n"
            "Earlier, on April 19, Russia and Ukraine exchanged 246 prisoners of war each, the Russian Defence Ministry said.")
    mentions, _ = extract_article({"article_id": "a", "text": text, "published_date": date(2025, 4, 30), "is_english": True})
    exchanges = sorted((m["modality"], m["returned_to_a"], m["returned_to_b"]) for m in mentions
                       if m["event_type"] == "prisoner_exchange")
    assert exchanges == [("historical", 246, 246), ("realised", 46, 31)]


@pytest.mark.parametrize("text, claimant", [
    # an unqualified body takes the article's own named body of that kind
    ("The Russian Defence Ministry said 63 servicemen were returned.\n\nThe Defence Ministry said Russian forces had "
     "repelled four attacks by Ukrainian assault groups.", "Russian Defence Ministry"),
    ("The Defence Ministry said Russian forces had repelled four attacks by Ukrainian assault groups.", None),
])
def test_unqualified_body_takes_the_articles_side(text, claimant):
    mentions, _ = extract_article({"article_id": "a", "text": text, "published_date": date(2023, 3, 7), "is_english": True})
    attack = next(m for m in mentions if m["event_type"] == "attack")
    assert attack["claimant"] == claimant


STAGES = ("The UAE has mediated a new exchange of captives between Russia and Ukraine, with 32 prisoners released by each "
          "side, the Ministry of Foreign Affairs said on Sunday. Sunday's exchange was the second in less than a week. "
          "On December 30, Russia and Ukraine swapped 140 prisoners each, also with UAE mediation.")


def _exchanges(text, published):
    return [m for m in _run(text, published)[0] if m["event_type"] == "prisoner_exchange"]


def test_each_dated_stage_is_its_own_exchange():
    found = sorted(_exchanges(STAGES, date(2025, 1, 5)), key=lambda m: m["event_date"])
    assert [(m["event_date"], m["returned_to_a"], m["returned_to_b"]) for m in found] == [
        (date(2024, 12, 30), 140, 140), (date(2025, 1, 5), 32, 32)]


@pytest.mark.parametrize("text", [
    # the day of a report and a running total are not a stage of their own
    "Ukraine and Russia swapped prisoners late Wednesday in an exchange facilitated by Turkey. Ukraine's intelligence "
    "chief said on Thursday that a total of 261 people were involved in the swap.",
    # a dateline is not the day of the swap
    "MOSCOW. May 30 (Interfax) - Forty-six residents returned to Russia in exchange for Ukrainian civilians. "
    "\"On Tuesday, 46 of our residents returned home,\" the Russian ombudsman wrote on Wednesday.",
])
def test_report_days_datelines_and_totals_are_not_stages(text):
    assert len(_exchanges(text, date(2024, 5, 30))) == 1
