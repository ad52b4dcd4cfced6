"""Actors, claimants and places from the CSV lexicons shipped in transforms/data."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Match", "find_actors", "find_claimants", "find_places", "REPORTING_VERB"]

_DATA = Path(__file__).resolve().parents[1] / "data"

REPORTING_VERB = re.compile(
    r"\b(?:said|says|say|has said|have said|announced|reported|claimed|claims|stated|clarified|told|noted"
    r"|explained|stressed|emphasi[sz]ed|confirmed|added|wrote|according to|reported by|the statement read)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    start: int
    end: int
    extra: tuple = ()


def _load(name: str) -> list[dict]:
    with (_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _compile(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


@lru_cache(maxsize=1)
def _actors() -> list[tuple[re.Pattern, str, str]]:
    return [(_compile(row["pattern"]), row["code"], row["sector"]) for row in _load("actors.csv")]


@lru_cache(maxsize=1)
def _claimants() -> list[tuple[re.Pattern, str, str]]:
    return [(_compile(row["pattern"]), row["claimant"], row["iso3"]) for row in _load("claimants.csv")]


@lru_cache(maxsize=1)
def _places() -> list[tuple[re.Pattern, dict]]:
    return [(_compile(row.pop("pattern")), row) for row in _load("places.csv")]


def _non_overlapping(matches: list[Match]) -> list[Match]:
    """Keep the longest match where matches overlap, then order by position."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def find_actors(text: str) -> list[Match]:
    found = [Match(code, m.group(), m.start(), m.end(), (sector,))
             for pattern, code, sector in _actors() for m in pattern.finditer(text)]
    return _non_overlapping(found)


# "Russian lawmaker Shamsail Saraliev told", "regional governor Oleh Kiper said": a title, then a
# capitalised two- or three-word name right before a reporting verb.
_NAMED_SPEAKER = re.compile(
    r"(?P<title>(?:(?:[A-Z][a-z]+|[a-z]+)\s){1,4})(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}),?\s+"
    r"(?:said|says|told|wrote|claimed|stated|announced|added|noted|reported)\b")
_UNIT = re.compile(r"(?P<who>(?:Ukraine|Russia)(?:’s|'s)|Ukrainian|Russian)\s+(?P<unit>\d+(?:st|nd|rd|th)\s+(?:[A-Z]\w+\s+){0,3}"
                   r"(?:Brigade|Regiment|Battalion|Division|Corps|Army))")


# "Russian officials said", "according to the Ukrainian military", "Ukraine's military claims": a
# collective speaker of one side, named by the nationality and the body.
_COLLECTIVE = re.compile(
    r"(?:\b[Aa]ccording to (?:the )?(?P<who1>[A-Z][\w.’'-]+(?:\s[A-Z][\w’'-]+)?)\s+(?P<body1>officials|authorities|military"
    r"|army|forces|sources|media|state media|intelligence)\b)"
    r"|(?:(?P<who2>[A-Z][\w.’'-]+(?:\s[A-Z][\w’'-]+)?)\s+(?P<body2>officials|authorities|military|army|forces|sources"
    r"|media|state media|intelligence)\s+(?:have\s+|has\s+)?(?:said|say|says|claimed|claims|reported|announced|told|stated)\b)")
_NATION = {"RUS": "Russian", "UKR": "Ukrainian", "USA": "US", "GBR": "British", "DEU": "German", "FRA": "French",
           "POL": "Polish", "BLR": "Belarusian", "TUR": "Turkish", "CHN": "Chinese", "PRK": "North Korean"}


def _collective_claimants(text: str) -> list[Match]:
    found = []
    for m in _COLLECTIVE.finditer(text):
        who, body = (m.group("who1"), m.group("body1")) if m.group("who1") else (m.group("who2"), m.group("body2"))
        actors = find_actors(who)
        if actors and actors[-1].code in _NATION:
            code = actors[-1].code
            start = m.start("who1") if m.group("who1") else m.start("who2")
            found.append(Match(code, f"{_NATION[code]} {body}", start, start + len(who) + 1 + len(body)))
    return found


def _generic_claimants(text: str) -> list[Match]:
    found = _collective_claimants(text)
    for m in _NAMED_SPEAKER.finditer(text):
        if find_actors(m.group("name")) or not re.search(r"[a-z]", m.group("title")):
            continue  # "Russia Today said", "Moscow Kiev said": places and outlets, not people
        codes = [a.code for a in find_actors(m.group("title"))]
        found.append(Match(codes[-1] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in _UNIT.finditer(text):
        code = find_actors(m.group("who"))[0].code
        found.append(Match(code, m.group("unit"), m.start(), m.end()))
    return found


def find_claimants(text: str) -> list[Match]:
    """Known claimants from the lexicon, then named speakers and military units by pattern."""
    found = [Match(iso3, name, m.start(), m.end())
             for pattern, name, iso3 in _claimants() for m in pattern.finditer(text)]
    return _non_overlapping(found + _generic_claimants(text))


def find_places(text: str) -> list[Match]:
    found = [Match(row["country_iso3"], row["place_name"], m.start(), m.end(), tuple(sorted(row.items())))
             for pattern, row in _places() for m in pattern.finditer(text)]
    return _non_overlapping(found)
