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


def test_since_clause_event_is_a_time_anchor_unless_recent():
    old = "Grain exports have fallen since Russian troops invaded Ukraine on February 24, 2022, officials in Kyiv said."
    mentions, _ = _run(old, date(2023, 6, 1))
    assert mentions == []
    recent = ("Ukrainian and Russian officials met on Monday for their first talks since Russian troops invaded Ukraine on "
              "Thursday, Kyiv said.")
    mentions, _ = _run(recent, date(2022, 2, 28))
    assert "incursion" in {m["event_type"] for m in mentions}


def test_loss_claim_same_period_joins_the_claim_that_stated_it():
    text = ("From 1 May to 31 May, Russia lost about 31,000 troops, the Ukrainian General Staff said.\n"
            "Over the past day alone, Ukrainian forces eliminated 950 occupiers.\n"
            "In the same period, the enemy lost 410 tanks, the General Staff said.")
    mentions, quantities = _run(text, date(2024, 5, 31))
    losses = {m["mention_id"]: m for m in mentions if m["event_type"] == "loss_claim"}
    figures = {mid: sorted(q["value"] for q in quantities if q["mention_id"] == mid) for mid in losses}
    assert sorted(figures.values()) == [[410, 31000], [950]]
    month = next(m for mid, m in losses.items() if 31000 in figures[mid])
    assert (month["modality"], str(month["period_start"]), str(month["event_date"])) == ("realised", "2024-05-01", "2024-05-31")
    # the daily figure is told on in the same voice
    assert {m["claimant"] for m in losses.values()} == {"General Staff"}


def test_agreement_dated_by_a_later_sentence():
    text = ("Kyiv and Moscow have reached an agreement on a new prisoner exchange, Ukraine's ombudsman Dmytro Lubinets said on Friday.\n"
            "He gave no figures.\nThe lists are being prepared.\n"
            "According to him, the agreement was reached on Monday at a meeting on the border.")
    mentions, _ = _run(text, date(2024, 3, 15))
    agreed = next(m for m in mentions if m["event_type"] == "exchange_agreed")
    assert str(agreed["event_date"]) == "2024-03-11"


def test_bare_ratio_in_a_bodies_story_is_the_bodies():
    text = ("Ukraine received the bodies of 800 fallen soldiers on Tuesday, while Russia received the bodies of 31, "
            "Kyiv's coordination headquarters said.\n\"800 for 31,\" a Russian official wrote.")
    mentions, _ = _run(text, date(2024, 3, 12))
    assert [m["event_type"] for m in mentions] == ["bodies_repatriation"]


def test_separate_release_and_freed_foreigners_home_countries():
    text = ("Russia and Ukraine exchanged 120 prisoners each on Tuesday in a swap mediated by the United Arab Emirates, "
            "Kyiv said.\nSeparately, eight foreign volunteers, including three Canadian citizens and two Danish nationals, "
            "were freed by Russia after Qatar mediated their release.")
    mentions, _ = _run(text, date(2024, 3, 13))
    kinds = sorted(m["event_type"] for m in mentions)
    assert kinds == ["prisoner_exchange", "prisoner_release"]
    for m in mentions:
        assert not {"CAN", "DNK"} & set(m["mediators"])
    release = next(m for m in mentions if m["event_type"] == "prisoner_release")
    assert {release["side_a"], release["side_b"]} == {"RUS", "UKR"}


def test_according_to_the_ministry_is_the_ministry_named_before():
    text = ("Ukrainian troops attacked positions near Sudzha, the Russian Defence Ministry said.\n"
            "The FSB said it detained two saboteurs in Belgorod.\n"
            "According to the ministry, Ukraine lost up to 60 servicemen and four tanks in the fighting.")
    mentions, _ = _run(text, date(2024, 8, 7))
    loss = next(m for m in mentions if m["event_type"] == "loss_claim")
    assert loss["claimant"] == "Russian Defence Ministry"


def test_troops_retaking_their_own_town_is_not_an_incursion():
    text = "Ukrainian troops entered the centre of Kherson on Friday, officials in Kyiv said, as Russian forces withdrew."
    mentions, _ = _run(text, date(2022, 11, 11))
    assert [(m["event_type"], m["place_name"]) for m in mentions] == [("capture", "Kherson")]
    # an incursion still under way is not a new one
    ongoing = "Russian forces were fighting for a second day to repel a Ukrainian incursion into the Bryansk region."
    mentions, _ = _run(ongoing + " Kyiv did not comment.", date(2024, 8, 8))
    assert "incursion" not in {m["event_type"] for m in mentions}


def test_talks_named_as_a_cause_are_not_news_unless_dated_or_placed():
    undated = ("The swap of 84 prisoners each took place on Sunday, Kyiv said.\n"
               "It was the only result of the first direct talks between Russia and Ukraine in years.")
    mentions, _ = _run(undated, date(2025, 5, 25))
    assert "negotiation" not in {m["event_type"] for m in mentions}
    placed = undated.replace("talks between Russia and Ukraine in years", "talks between Russia and Ukraine in Geneva")
    mentions, _ = _run(placed, date(2025, 5, 25))
    assert "negotiation" in {m["event_type"] for m in mentions}


def test_how_the_freed_were_captured_is_news_only_when_dated():
    text = "Russia released 40 Ukrainian soldiers on Monday, Kyiv said.\nMost of them were taken prisoner near Bakhmut."
    mentions, _ = _run(text, date(2024, 3, 12))
    assert "capture" not in {m["event_type"] for m in mentions}
    dated = text.replace("near Bakhmut", "near Bakhmut in May 2023")
    mentions, _ = _run(dated, date(2024, 3, 12))
    assert "capture" in {m["event_type"] for m in mentions}


def test_transit_country_same_people_twice_and_an_earlier_swaps_mediator():
    text = ("Twenty residents of the Belgorod region have returned to Russia through Belarus, Russian ombudswoman "
            "Tatyana Moskalkova said on Wednesday.\n"
            "In turn, 15 Ukrainian civilians were handed over to the Ukrainian side, she said.\n"
            "Kyiv confirmed that 15 Ukrainians had come home.\n"
            "Earlier, on March 2, Russia and Ukraine exchanged 90 prisoners of war each with the mediation of the "
            "United Arab Emirates.")
    mentions, _ = _run(text, date(2025, 3, 12))
    swap = next(m for m in mentions if m["event_type"] == "prisoner_exchange" and m["modality"] == "realised")
    assert {swap["side_a"], swap["side_b"]} == {"RUS", "UKR"}       # Belarus is the way home, not a side
    assert (swap["returned_to_a"], swap["returned_to_b"]) == (20, 15)  # the 15 are counted once
    assert "ARE" not in swap["mediators"]                            # the UAE mediated the earlier swap


def test_return_as_a_result_of_another_exchange_is_an_exchange():
    text = ("Today, 64 Ukrainian defenders have returned home from Russian captivity as a result of another exchange.\n"
            "Among them are border guards and marines.")
    mentions, _ = _run(text, date(2024, 10, 18))
    assert [(m["event_type"], m["modality"]) for m in mentions] == [("prisoner_exchange", "realised")]


def test_mediator_of_the_bodies_is_not_the_swaps():
    text = ("Russia and Ukraine exchanged 80 prisoners each on Friday, Kyiv said, thanking the United Arab Emirates for "
            "its mediation in the exchange.\n"
            "On Tuesday, the bodies of 300 fallen soldiers were repatriated to Ukraine.\n"
            "The repatriation was carried out with the assistance of the International Committee of the Red Cross.")
    mentions, _ = _run(text, date(2024, 10, 18))
    by_kind = {m["event_type"]: m["mediators"] for m in mentions}
    assert by_kind["prisoner_exchange"] == ["ARE"]
    assert by_kind["bodies_repatriation"] == ["ICRC"]


def test_a_part_told_as_its_own_claim_lets_the_next_also_sentence_go_on_with_the_outer_claim():
    from transforms.extract.events import _analyse
    from transforms.extract.grouping import groups
    text = ("Russia has lost about 950,000 troops since Feb. 24, 2022, the General Staff said. "
            "This number includes 1,120 casualties over the past day. "
            "According to the report, Russia has also lost 10,400 tanks.")
    analysed = _analyse(text, date(2025, 5, 2))
    found = [[analysed.index(i) for i in items] for kind, _, items in groups(analysed, date(2025, 5, 2)) if kind == "loss_claim"]
    assert found == [[0, 2], [1]]


@pytest.mark.parametrize("follow, claims", [
    # the places of the figure just claimed: 30 + 12 = 42
    ("According to the ministry, 30 drones were downed over the Kursk Region and 12 over the Oryol Region.", 1),
    # the same figure quoted back
    ('"Over the past night, air defence systems destroyed 42 Ukrainian unmanned aerial vehicles," the ministry said.', 1),
    # figures that do not add up stay their own claim
    ("According to the ministry, 30 drones were downed over the Kursk Region and 19 over the Oryol Region.", 2),
])
def test_loss_breakdown_and_restatement_join_the_claim(follow, claims):
    text = ("Russian air defences destroyed 42 Ukrainian drones over several regions overnight, the Russian Defence "
            "Ministry said on Sunday.\n" + follow)
    mentions, quantities = _run(text, date(2025, 8, 3))
    assert len([m for m in mentions if m["event_type"] == "loss_claim"]) == claims
    if claims == 1:  # the parts add no losses to the 42 (a quote repeats it, as in the lead-and-quote test)
        assert {q["value"] for q in quantities} == {42}


def test_bare_passive_figure_and_running_total_join_the_claim():
    text = ("Russia's losses from February 24, 2022 to August 3, 2025 amount to about 1,050,000 personnel, the General Staff "
            "of Ukraine reported.\n"
            "According to the General Staff, Ukrainian forces have also destroyed 11,000 tanks since the start of the "
            "full-scale invasion.\n"
            "Twenty-eight warships and boats have been destroyed.")
    mentions, quantities = _run(text, date(2025, 8, 3))
    losses = [m for m in mentions if m["event_type"] == "loss_claim"]
    assert len(losses) == 1
    assert {q["value"] for q in quantities if q["mention_id"] == losses[0]["mention_id"]} >= {11000, 28}


def test_agreed_with_the_mediation_of_goes_into_the_agreed_exchange():
    text = ("Ukraine and Russia have agreed on a new exchange of 150 prisoners for 150, the ombudsman said on Tuesday.\n"
            "It was agreed with the mediation of Qatar, he said.")
    mentions, _ = _run(text, date(2025, 9, 2))
    assert [m["event_type"] for m in mentions if m["event_type"] == "mediation"] == []
    assert any(m["event_type"] == "exchange_agreed" for m in mentions)


def test_toll_without_attacker_on_the_day_of_an_incursion_is_its_toll():
    text = ("A Ukrainian sabotage group crossed the border into Russia's Belgorod Region on Monday, governor Vyacheslav "
            "Gladkov said.\n"
            "According to the governor, six people were injured as a result of shelling of the district on Monday.")
    mentions, quantities = _run(text, date(2023, 5, 23))
    assert [m["event_type"] for m in mentions] == ["incursion"]
    assert [(q["item"], q["value"], q["side_iso3"]) for q in quantities] == [("injured", 6, "RUS")]
