"""Article-level context for event mentions: analysed sentences, whether the article is about the war,
the warring dyad, the story's own date, dates relative to another event, and places carried over."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from transforms.extract.attributes import MEDIATOR_CODES, event_place
from transforms.extract.dates import WEEK, ResolvedDate
from transforms.extract.lexicon import find_actors, find_places
from transforms.extract.numbers import find_numbers
from transforms.extract.quantities import HISTORICAL_DAYS
from transforms.extract.text import Sentence

__all__ = ["Analysed", "is_historical", "about_ukraine", "war_dyad", "lead_date", "anchor_event_dates",
           "carried_place", "is_war_exchange"]

# An article is about the war only if Ukraine (its actors or places) comes up in at least this many sentences.
_MIN_UKRAINE_SENTENCES = 2


# "two priests detained by Russian forces in November 2022 were among ten civilians freed on Friday": the date after a
# detention participle dates the detention, not the release or swap the sentence reports.
_DETAINED_BEFORE = re.compile(r"\b(?:detained|captured|arrested|abducted|imprisoned|jailed|taken (?:captive|prisoner))\b"
                              r"(?![^,;.]*\b(?:freed|released|returned|exchanged|swapped|handed over)\b)[^,;.]{0,80}$", re.I)
_RETURNS = {"prisoner_release", "prisoner_exchange", "bodies_repatriation"}
_SPAN_END = re.compile(r",?\s+(?:to|through|until|till)\s+(?:\w+\s+)?\d", re.I)


@dataclass
class Analysed:
    sentence: Sentence
    types: list[str]
    modes: dict[str, str]  # event kind -> modality of the clause its trigger is in
    actors: list[str]
    claimant: tuple[str, str] | None
    dates: list = field(default_factory=list)
    clause_dates: dict = field(default_factory=dict)  # kind -> dates of the relative clause its trigger is in

    def dates_for(self, kind: str) -> list:
        found = self.clause_dates.get(kind, self.dates)
        if kind in _RETURNS:
            found = [d for d in found if not _DETAINED_BEFORE.search(self.sentence.text[:d.start])]
        text = self.sentence.text
        # "losses from February 24, 2022, to November 30, 2023": the span's start is its period, the end dates the claim
        return [d for d in found if not (re.search(r"\bfrom\s+$", text[:d.start], re.I)
                                         and _SPAN_END.match(text, d.start + len(d.text)))]


def is_historical(item: Analysed, published: date | None, kind: str | None = None) -> bool:
    if published is None:
        return False
    dates = item.dates_for(kind) if kind else item.dates
    first = next((d for d in dates if d.value is not None), None)
    return bool(first and first.value <= published - timedelta(days=HISTORICAL_DAYS))  # CODING.md: "14 days or more"


def about_ukraine(analysed: list[Analysed]) -> bool:
    """Ukraine named in two sentences, or at least once with no third country other than mediators."""
    hits = sum(1 for a in analysed if "UKR" in a.actors or any(p.code == "UKR" for p in find_places(a.sentence.text)))
    third = {c for a in analysed for c in a.actors} - MEDIATOR_CODES - {"RUS", "UKR", "BLR", "PRK"}
    return hits >= _MIN_UKRAINE_SENTENCES or (hits == 1 and not third)


def war_dyad(analysed: list[Analysed]) -> tuple[str, str] | None:
    """The two warring sides: Russia and Ukraine when both appear, else the two most named parties."""
    counts = Counter(code for a in analysed for code in a.actors if code not in MEDIATOR_CODES)
    if counts["RUS"] and counts["UKR"]:
        return ("RUS", "UKR")
    top = [code for code, _ in counts.most_common(2)]
    return tuple(sorted(top)) if len(top) == 2 else None


def lead_date(analysed: list[Analysed], published: date | None) -> tuple | None:
    """The date of the first recent, realised event the article dates: the story's own date. Failing
    that, the first recent agreement ("delegations meeting on Friday agreed to ..."): it happened then."""
    for wanted in ("realised", "agreed"):
        for item in analysed:
            for kind, mode in item.modes.items():
                if mode != wanted or is_historical(item, published, kind):
                    continue
                found = next((d for d in item.dates_for(kind) if d.value is not None), None)
                if found:
                    return found.value, found.precision, found.basis, found.text
    return None


# "A week-and-a-half after the launch of the incursion": a date counted from another event's date.
_AFTER_EVENT = re.compile(
    r"\b(?P<n>\w+)[- ](?P<unit>days?|weeks?|months?)(?P<half>[- ]and[- ]a[- ]half)? (?:after|since) (?:the )?"
    r"(?:start|launch|beginning|outbreak) of (?:the |its |their |Kyiv’s |Kyiv's )?(?P<what>incursion|offensive|operation"
    r"|invasion|attack|assault|war)\b", re.I)
_ANCHOR_KINDS = {"incursion": ("incursion",), "offensive": ("incursion", "attack"), "operation": ("incursion", "attack"),
                 "invasion": ("incursion",), "attack": ("attack", "incursion"), "assault": ("attack",),
                 "war": ("incursion",)}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def _anchor(analysed: list[Analysed], what: str) -> date | None:
    kinds = _ANCHOR_KINDS[what.lower()]
    for item in analysed:
        if set(item.types) & set(kinds):
            found = next((d.value for d in item.dates if d.value is not None and d.basis != "relative_event"), None)
            if found:
                return found
    return None


def anchor_event_dates(analysed: list[Analysed]) -> None:
    """Date sentences that count from another event the article dates; week precision, as the count is loose."""
    for item in analysed:
        match = _AFTER_EVENT.search(item.sentence.text)
        if not match or any(d.value is not None and d.basis == "stated" for d in item.dates):
            continue
        count = 1 if match.group("n").lower() in ("a", "an", "one") else next(
            (n.value for n in find_numbers(match.group("n")) if n.qualifier == "exact"), None)
        anchor = _anchor(analysed, match.group("what"))
        if count is None or anchor is None:
            continue
        days = (count + (0.5 if match.group("half") else 0)) * _UNIT_DAYS[match.group("unit").lower().rstrip("s")]
        value = anchor + timedelta(days=int(days))
        item.dates = [ResolvedDate(value, WEEK, match.group(), match.start(), "relative_event")]


_ANAPHORIC = re.compile(r"^\W*(?:the|this|these|those|that|it|they)\b", re.I)


def carried_place(analysed: list[Analysed], evidence: Analysed) -> dict | None:
    """A sentence that refers back ("The talks, hosted by Turkey, were ...") is where the previous sentence says."""
    index = next((i for i, a in enumerate(analysed) if a is evidence), None)
    if not index or not _ANAPHORIC.match(evidence.sentence.text):
        return None
    place = event_place(analysed[index - 1].sentence.text)
    return place if place["country_iso3"] else None


# "entered the region on Tuesday", "taken prisoner since the start of the operation", "near the border": a sentence that
# places its event only by pointing back at the story's area
_POINTS_AT_AREA = re.compile(r"\b(?:the|this|that|its|their|cross-border) (?:region|oblast|area|border|operation|incursion"
                             r"|offensive)\b", re.I)


def story_region(analysed: list[Analysed], evidence: Analysed) -> dict | None:
    """The region (admin1, region precision) of a war country the article names most often, for an event whose sentence
    places it only as "the region" or "the operation": a story about the Kursk incursion is in Kursk Oblast."""
    if not _POINTS_AT_AREA.search(evidence.sentence.text):
        return None
    regions = Counter(dict(m.extra)["admin1"] for a in analysed for m in find_places(a.sentence.text)
                      if dict(m.extra)["country_iso3"] in ("RUS", "UKR") and dict(m.extra)["admin1"])
    if not regions:
        return None
    (top, n), *rest = regions.most_common(2) + [(None, 0)]
    if n < 2 or rest[0][1] == n:
        return None  # named once, or two regions as often: no single story area
    place = event_place(f"in {top}")
    return place if place["country_iso3"] and place["admin1"] == top and place["geo_precision"] == 3 else None


# "Russia's war on Ukraine", "the invasion of Ukraine": the war named as a topic, not Ukraine as a party.
_WAR_TOPIC = re.compile(r"\b(?:war|invasion|conflict|aggression|fighting)\s+(?:on|in|against|of|over)\s+(?:the\s+)?Ukraine\b"
                        r"|\bUkraine\s+(?:war|conflict|crisis)\b", re.I)


# "The United States and Russia have carried out a prisoner exchange", "a US-Russia swap", "a swap between Minsk and
# Warsaw": the swap's two parties named as a pair, which outranks any other country the sentence mentions.
_PAIR_LINK = re.compile(r"\s*(?:-|–|/)\s*|\s+and\s+")
_SWAP_AFTER = re.compile(r"^(?:[^.;]{0,60}?)\b(?:swap|exchange|traded|swapped|exchanged)", re.I)


def _swap_pairs(text: str) -> list[frozenset[str]]:
    actors = [a for a in find_actors(text) if a.code not in MEDIATOR_CODES]
    pairs = []
    for a, b in zip(actors, actors[1:]):
        if a.code != b.code and _PAIR_LINK.fullmatch(text[a.end:b.start]):
            between = re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, a.start - 20):a.start], re.I)
            if between or _SWAP_AFTER.search(text[b.end:]):
                pairs.append(frozenset((a.code, b.code)))
    return pairs


def is_war_exchange(items: list[Analysed], analysed: list[Analysed]) -> bool:
    """A swap between the warring sides: Ukraine a party in the mention's sentences, or, when they name
    no third country, in any exchange sentence of the article. A US-Russia swap of detainees is not one."""
    def parties(item: Analysed) -> set[str]:
        text = _WAR_TOPIC.sub(" ", item.sentence.text)
        return {a.code for a in find_actors(text)} - MEDIATOR_CODES

    pairs = {pair for i in items for pair in _swap_pairs(i.sentence.text)}
    if pairs and all(pair != {"RUS", "UKR"} for pair in pairs):
        return False  # "The United States and Russia carried out a prisoner exchange ... a Ukrainian charity"
    own = set().union(*(parties(i) for i in items))
    if "UKR" in own:
        return True
    if own - {"RUS"}:
        return False  # "swapped back to Russia in exchange for 16 people, including four Americans"
    family = {"prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation"}
    # "agreed to exchange 157 each following talks with the United States": who talked is not a party to the swaps
    others = set().union(*(parties(i) for i in analysed if family & set(i.types) and "negotiation" not in i.types))
    return not others - {"RUS", "UKR", "BLR", "PRK"}
