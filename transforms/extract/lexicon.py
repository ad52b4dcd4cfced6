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


def find_claimants(text: str) -> list[Match]:
    found = [Match(iso3, name, m.start(), m.end())
             for pattern, name, iso3 in _claimants() for m in pattern.finditer(text)]
    return _non_overlapping(found)


def find_places(text: str) -> list[Match]:
    found = [Match(row["country_iso3"], row["place_name"], m.start(), m.end(), tuple(sorted(row.items())))
             for pattern, row in _places() for m in pattern.finditer(text)]
    return _non_overlapping(found)
