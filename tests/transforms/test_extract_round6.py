"""Round 6 rules: time precision (overnight, report-dated loss claims, spans, digests, weekends), dated stages
of a multi-stage exchange, 'on each side', and three off-topic false events."""
from datetime import date

import pytest

from transforms.extract.dates import DAY, MONTH, WEEK, find_dates
from transforms.extract.events import extract_article
from transforms.extract.quantities import sentence_quantities

UKR_RUS = ("Russia and Ukraine have been at war since 2022. Ukrainian and Russian officials commented. ")


def _article(text, published=date(2024, 5, 31)):
    return {"article_id": "a", "source_uri": "/x/a.txt", "text": text, "published_date": published, "is_english": True}


def _mentions(text, published=date(2024, 5, 31), kind=None):
    mentions, _ = extract_article(_article(text, published))
    return [m for m in mentions if kind is None or m["event_type"] == kind]


@pytest.mark.parametrize("text, kind, expected", [
    # "overnight" with no date: the night before the report, day precision
    ("Russian forces struck Kharkiv with two missiles overnight, hitting a residential building, the governor said. "
     "Ukraine's air force said Russia launched drones at Ukraine.", "attack", (date(2024, 5, 31), DAY)),
    # a loss claim is dated as of its report: its period phrase is what the figures cover
    ("According to the ministry's daily update, Ukrainian forces lost up to 340 servicemen and two tanks over the past week. "
     "Russia and Ukraine continued fighting.", "loss_claim", (date(2024, 5, 31), DAY)),
    ("The Russian Defence Ministry said Ukraine had lost about 8,460 servicemen in the period from May 12 to 18. "
     "Ukraine did not comment.", "loss_claim", (date(2024, 5, 31), DAY)),
    # shelling counted over the past day is a span: week precision even with a report date
    ("Russian troops shelled border communities of Sumy region 34 times over the past day, the Ukrainian military said on Friday. "
     "Ukraine and Russia traded fire.", "attack", (date(2024, 5, 31), WEEK)),
])
def test_event_dates_and_precision(text, kind, expected):
    found = _mentions(text, kind=kind)
    assert found and (found[0]["event_date"], found[0]["time_precision"]) == expected


def test_digest_header_dates_undated_items():
    text = ("Russia's war against Ukraine, day 828: key events of Friday 31 May\n\nHere is a summary of the main developments.\n\n"
            "The bodies of 212 fallen Ukrainian defenders have been returned to Ukraine from Russia, the Coordination "
            "Headquarters reported.")
    found = _mentions(text, published=date(2024, 6, 1), kind="bodies_repatriation")
    assert found and (found[0]["event_date"], found[0]["time_precision"], found[0]["date_basis"]) == (date(2024, 5, 31), DAY, "digest")


@pytest.mark.parametrize("sentence, expected", [
    ("Under the exchange, which took place on Wednesday, 138 Ukrainian prisoners were handed to Kyiv.", (date(2024, 5, 29), DAY)),
    ("Earlier this month, on 6 May, Kyiv said 60 of its soldiers had been exchanged for Russian prisoners.", (date(2024, 5, 6), DAY)),
])
def test_own_clause_and_most_precise_date(sentence, expected):
    found = _mentions(UKR_RUS + sentence, kind="prisoner_exchange")
    assert found and (found[-1]["event_date"], found[-1]["time_precision"]) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("surrendered over the weekend, the ministry said on Monday", date(2024, 5, 20), (date(2024, 5, 18), WEEK)),
    ("the previous exchange took place at the end of May", date(2024, 6, 25), (date(2024, 5, 31), WEEK)),
    ("the previous exchange took place in May", date(2024, 6, 25), (date(2024, 5, 1), MONTH)),
])
def test_weekend_and_end_of_month(text, published, expected):
    first = find_dates(text, published)[0]
    assert (first.value, first.precision) == expected


STAGES = ("The UAE has mediated a new exchange of captives between Russia and Ukraine, with 32 prisoners released by each "
          "side, the Ministry of Foreign Affairs said on Sunday. Sunday's exchange was the second in less than a week. "
          "On December 30, Russia and Ukraine swapped 140 prisoners each, also with UAE mediation.")


def test_each_dated_stage_is_its_own_exchange():
    found = sorted(_mentions(STAGES, published=date(2025, 1, 5), kind="prisoner_exchange"), key=lambda m: m["event_date"])
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
    assert len(_mentions(text, published=date(2024, 5, 30), kind="prisoner_exchange")) == 1


def test_on_each_side_counts_for_both():
    found = sentence_quantities("On Friday, 390 people were exchanged on each side.", role="returned_to",
                                published=None, dyad=("RUS", "UKR"), default_side=None)
    assert {(q.side, q.value, q.basis) for q in found} == {("RUS", 390, "each"), ("UKR", 390, "each")}


@pytest.mark.parametrize("text, kind", [
    ("Courts in Ukraine have begun releasing prisoners who volunteered to join the armed forces under a law allowing "
     "convicts to serve in exchange for parole, the Ukrainian Justice Ministry said on Friday. Russia was not involved.",
     "prisoner_exchange"),
    ("\"We surrendered nothing today,\" the Shakhtar coach said after the match in Kyiv. Ukraine's league resumed "
     "despite Russian attacks.", "surrender"),
    ("Exchange Point, which premiered in Berlin, follows a Ukrainian medic and a Russian conscript due to be swapped. "
     "The cinematographer shoots the Ukrainian border in greys. Russia and Ukraine agreed to exchange 90 prisoners.",
     "exchange_agreed"),
])
def test_not_war_events(text, kind):
    assert _mentions(text, kind=kind) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Three Russian soldiers surrendered to a Ukrainian brigade west of Avdiivka.", ("Avdiivka", 2)),
    ("Three Russian soldiers surrendered near Avdiivka.", ("Avdiivka", 2)),
    ("Three Russian soldiers surrendered near the village of Robotyne.", ("Robotyne", 1)),
    ("Russian forces liberated the town of Maryinka in the Donetsk People's Republic.", ("Marinka", 1)),
    ("Ukrainian forces destroyed a ship near Alupka in occupied Crimea.", ("Alupka", 2)),
])
def test_place_precision(sentence, expected):
    from transforms.extract.attributes import event_place
    place = event_place(sentence)
    assert (place["place_name"], place["geo_precision"]) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The agency said it had destroyed 41 Russian military aircraft, a figure that could not be independently verified.",
     "realised"),
    ("Ukrainian forces lost up to 340 servicemen in that direction as they tried to hold on to their positions.", "realised"),
    ("Russia said it could destroy 41 aircraft.", "hypothetical"),
])
def test_verification_disclaimers_are_not_modal(sentence, expected):
    from transforms.extract.classify import modality
    assert modality(sentence) == expected


def test_cost_is_a_loss_claim():
    text = ("Defense Minister Sergei Shoigu told senior officers that Kiev's counteroffensive had cost Ukraine more than "
            "90,000 troops and 600 tanks. Russia and Ukraine continue fighting.")
    found = _mentions(text, kind="loss_claim")
    assert found and found[0]["side_b"] == "UKR"
