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
    r"|explained|stressed|emphasi[sz]ed|confirmed|added|wrote|according to|reported by|the statement read|recalled"
    r"|was claiming|acknowledged)\b",
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


_META = set("()[]{}?*+|.^$\\")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (``|`` outside groups and classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _literal(alternative: str) -> str:
    """The longest run of plain characters every match of ``alternative`` contains ('' if none is sure)."""
    runs, run, depth, i = [], "", 0, 0
    while i < len(alternative):
        ch, nxt = alternative[i], alternative[i + 1:i + 2]
        if ch in "([" and depth == 0 and run:
            runs.append(run)
            run = ""
        if ch == "\\" and depth == 0 and alternative[i + 1:i + 2] and not alternative[i + 1].isalnum():
            ch, i = alternative[i + 1], i + 1
            nxt = alternative[i + 1:i + 2]
        elif ch in "([":
            depth += 1
            i += 1
            continue
        elif ch in ")]":
            depth -= 1
            i += 1
            continue
        elif depth or ch in _META:
            i += 1
            continue
        if nxt and nxt in "?*{":
            runs.append(run)  # an optional character ends the sure run
            run = ""
        else:
            run += ch
        i += 1
    return max(runs + [run], key=len)


def keywords(pattern: str) -> tuple[str, ...] | None:
    """Plain strings one of which any match of the pattern contains (a cheap prefilter), or None."""
    if "(?i" in pattern:
        return None
    found = tuple(_literal(a) for a in _alternatives(pattern))
    return found if all(len(k) >= 2 for k in found) else None


class _Lexicon:
    """One lexicon's compiled rows. One scan for all rows' keywords picks the rows whose regex can match;
    the others are skipped (same results as running every row)."""

    def __init__(self, rows: list[tuple[str, tuple]]):
        self.rows = [(_compile(pattern), keywords(pattern), payload) for pattern, payload in rows]
        words = sorted({w for _, ws, _ in self.rows for w in ws or ()}, key=len, reverse=True)
        # At each position the longest keyword; the shorter ones it contains are there too.
        self.scan = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))") if words else None
        self.implied = {w: {v for v in words if v in w} for w in words}
        self.always = [i for i, (_, ws, _) in enumerate(self.rows) if ws is None]
        self.by_word: dict[str, list[int]] = {}
        for i, (_, ws, _) in enumerate(self.rows):
            for w in ws or ():
                self.by_word.setdefault(w, []).append(i)

    def finditer(self, text: str):
        present = {v for w in set(self.scan.findall(text)) for v in self.implied[w]} if self.scan else set()
        chosen = sorted(set(self.always).union(*(self.by_word[w] for w in present)))
        for i in chosen:
            pattern, _, payload = self.rows[i]
            for m in pattern.finditer(text):
                yield m, payload


@lru_cache(maxsize=1)
def _actors() -> _Lexicon:
    return _Lexicon([(row["pattern"], (row["code"], row["sector"])) for row in _load("actors.csv")])


@lru_cache(maxsize=1)
def _claimants() -> _Lexicon:
    return _Lexicon([(row["pattern"], (row["claimant"], row["iso3"])) for row in _load("claimants.csv")])


@lru_cache(maxsize=1)
def _places() -> _Lexicon:
    return _Lexicon([(row.pop("pattern"), (row["country_iso3"], row["place_name"], tuple(sorted(row.items()))))
                     for row in _load("places.csv")])


def _non_overlapping(matches: list[Match]) -> list[Match]:
    """Keep the longest match where matches overlap, then order by position."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def find_actors(text: str) -> list[Match]:
    return list(_find_actors(text))


@lru_cache(maxsize=8192)
def _find_actors(text: str) -> tuple[Match, ...]:
    found = [Match(code, m.group(), m.start(), m.end(), (sector,)) for m, (code, sector) in _actors().finditer(text)
             if not _CLOCK.match(text, m.end())]  # "at 3:00 a.m. Moscow time": a time zone, not a party
    return tuple(_non_overlapping(found))


_CLOCK = re.compile(r"\s+time\b")


# "Russian lawmaker Shamsail Saraliev told", "regional governor Oleh Kiper said": a title, then a
# capitalised two- or three-word name right before a reporting verb.
_NAMED_SPEAKER = re.compile(
    r"(?P<title>(?:(?:[A-Z][a-z]+|[a-z]+)\s){1,4})(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}),?\s+"
    r"(?:said|says|told|wrote|claimed|stated|announced|added|noted|reported)\b")
# "Andrei Yermak, head of the Ukrainian president's office, wrote": a name, its title in commas, a reporting verb.
_APPOSITIVE_SPEAKER = re.compile(
    r"(?P<name>\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}),\s+(?P<title>(?:the\s+)?[a-z][^,;\"“”]{3,80}?),\s+"
    r"(?:has\s+|had\s+)?(?:said|says|told|wrote|claimed|stated|announced|added|noted|reported)\b")
# "..., the head of the Presidential Office, Andriy Yermak, said" (or opening a sentence): a title, the name in commas, the verb.
_TITLE_THEN_NAME = re.compile(
    r"\b[Tt]he (?P<title>(?:[\w’'-]+\s){0,8}?[\w’'-]+),\s+(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}),\s+"
    r"(?:has\s+|had\s+)?(?:said|says|told|wrote|claimed|stated|announced|added|noted|reported)\b")
# "according to the regional governor, Maksym Kozytskyi": a title, then the name after a comma.
_ACCORDING_TO_TITLE = re.compile(
    r"\b[Aa]ccording to (?:the )?(?P<title>(?:[a-z]+\s){0,3}[a-z]+),\s+(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2})\b")
# "according to Andriy Yermak, head of the presidential office": the name, then the title in apposition.
_ACCORDING_TO_NAME = re.compile(
    r"\b[Aa]ccording to (?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}),\s+(?P<title>(?:the\s+)?(?:head|chief|spokes\w+|director"
    r"|commander|minister|secretary|adviser|advisor|aide|governor|mayor)\b[^,;.]{0,80})")
_BODY = re.compile(r"\b(?:Ministry|Staff|Headquarters|Command|Forces|Service|Office|Council|Committee|Agency|Brigade|Army"
                   r"|Guard|Force|Group|Corps|Administration|News|Times|Post|Press)\b")
_UNIT = re.compile(r"(?:(?P<who>(?:Ukraine|Russia)(?:’s|'s)|Ukrainian|Russian)|\b[Tt]he)\s+(?P<unit>\d+(?:st|nd|rd|th)\s+(?:[A-Z]\w+\s+){0,3}"
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


# "the head of the Kyiv City Military Administration said": Ukraine's wartime city and regional heads, named by office.
_ADMIN_HEAD = re.compile(r"\b(?P<name>head of (?:the )?(?:[A-Z][\w’'-]+ ){0,2}(?:[Cc]ity |[Rr]egional |[Oo]blast |[Dd]istrict )?"
                         r"[Mm]ilitary [Aa]dministration)")


_NAME_AFTER = re.compile(r",\s+[A-Z][\w’'-]+ [A-Z]")
_HOLDER_AFTER = re.compile(r"\s+(?P<name>[A-Z][a-z’'-]+(?:[- ][A-Z][a-z’'-]+){1,2})\b(?=,?\s+(?:has\s+)?(?:said|says|told|wrote|reported"
                           r"|announced|stated|added|noted)\b)")
_COUNTRYS_BODY = re.compile(r"(?P<who>\b(?:[A-Z][a-z]+ )?[A-Z][a-z]+)(?:’s|'s) (?P<body>(?:[A-Z][\w-]+ ){1,4}(?:Service|Ministry|Staff"
                            r"|Headquarters|Command|Committee|Agency|Directorate|Council))(?: \([A-Z]{2,6}\))?,? (?:has |had )?"
                            r"(?:said|says|confirmed|reported|announced|stated|estimated|claimed|told)\b")
# "Gov. Pavlo Kyrylenko", "Lt. Gen. Ivan Petrov": an abbreviated title, then the name
_ABBREVIATED_TITLE = re.compile(r"\b(?:Gov|Gen|Lt|Col|Maj|Adm|Sgt|Sen|Rep)\.\s+(?P<name>[A-Z][a-z’'-]+(?:[- ][A-Z][a-z’'-]+){1,2})\b")
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]+ [A-Z][\w’'-]+,\s+(?:the\s+)?$")


def _generic_claimants(text: str) -> list[Match]:
    found = _collective_claimants(text)
    # "Ivan Petrenko, head of the ... Administration" / "the head of the ... Administration, Ivan Petrenko": the person
    for m in _ADMIN_HEAD.finditer(text):
        if _NAME_AFTER.match(text, m.end()) or _NAME_BEFORE.search(text[:m.start()]):
            continue
        # "the head of the Sumy Regional Military Administration Oleh Hryhorov wrote": the office, then its holder
        holder = _HOLDER_AFTER.match(text, m.end())
        found.append(Match("UKR", holder.group("name"), holder.start("name"), holder.end("name")) if holder
                     else Match("UKR", m.group("name"), m.start("name"), m.end("name")))
    for m in _COUNTRYS_BODY.finditer(text):
        # "South Korea's National Intelligence Service (NIS) confirmed": a body the lexicon lacks, named with its country
        codes = [a.code for a in find_actors(m.group("who"))]
        if codes and not find_actors(m.group("body")):
            found.append(Match(codes[-1], m.group("body"), m.start("body"), m.end("body")))
    for m in _ABBREVIATED_TITLE.finditer(text):
        if find_actors(m.group("name")) or _BODY.search(m.group("name")):
            continue
        # "Gov. Pavlo Kyrylenko wrote", "according to regional Gov. Oleksandr Prokudin": a person by his title
        codes = [a.code for a in find_actors(text[max(0, m.start() - 40):m.start()])]
        found.append(Match(codes[-1] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in _NAMED_SPEAKER.finditer(text):
        if find_actors(m.group("name")) or not re.search(r"[a-z]", m.group("title")) or _BODY.search(m.group("name")):
            continue  # "Russia Today said", "Moscow Kiev said", "the Defence Ministry said": places, outlets, bodies
        codes = [a.code for a in find_actors(m.group("title"))]
        found.append(Match(codes[-1] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in _APPOSITIVE_SPEAKER.finditer(text):
        if find_actors(m.group("name")) or _BODY.search(m.group("name")):
            continue
        codes = [a.code for a in find_actors(m.group("title"))]
        found.append(Match(codes[0] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in _TITLE_THEN_NAME.finditer(text):
        if find_actors(m.group("name")) or _BODY.search(m.group("name")):
            continue
        codes = [a.code for a in find_actors(m.group("title"))]
        found.append(Match(codes[-1] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in [*_ACCORDING_TO_TITLE.finditer(text), *_ACCORDING_TO_NAME.finditer(text)]:
        if find_actors(m.group("name")) or _BODY.search(m.group("name")):
            continue
        codes = [a.code for a in find_actors(m.group("title"))]
        found.append(Match(codes[-1] if codes else None, m.group("name"), m.start("name"), m.end("name")))
    for m in _UNIT.finditer(text):
        code = find_actors(m.group("who"))[0].code if m.group("who") else None
        found.append(Match(code, m.group("unit"), m.start("unit") if code is None else m.start(), m.end()))
    return found


def find_claimants(text: str) -> list[Match]:
    """Known claimants from the lexicon, then named speakers and military units by pattern."""
    return list(_find_claimants(text))


@lru_cache(maxsize=4096)
def _find_claimants(text: str) -> tuple[Match, ...]:
    found = [Match(iso3, name, m.start(), m.end()) for m, (name, iso3) in _claimants().finditer(text)]
    return tuple(_non_overlapping(found + _generic_claimants(text)))



def find_places(text: str) -> list[Match]:
    return list(_find_places(text))


@lru_cache(maxsize=4096)
def _find_places(text: str) -> tuple[Match, ...]:
    gate = _places_gate()
    if gate is not None and gate.search(text) is None:
        return ()  # no keyword: the lexicon's scan would pick no row (most sentences name no place)
    found = [Match(code, name, m.start(), m.end(), extra) for m, (code, name, extra) in _places().finditer(text)]
    return tuple(_non_overlapping(found))


def _keyword_gate(lexicon: _Lexicon) -> re.Pattern | None:
    """A plain alternation that finds something exactly when one of the lexicon's keywords occurs; None
    when a row has no keywords (it always runs). Searching it costs a fraction of the scan's lookahead at
    every position. A keyword holding a shorter one adds nothing ("Kyiv " holds "Kyiv")."""
    if lexicon.always or not lexicon.by_word:
        return None
    words = sorted(lexicon.by_word, key=len)
    minimal = [w for i, w in enumerate(words) if not any(v in w for v in words[:i])]
    return re.compile("|".join(map(re.escape, minimal)))


@lru_cache(maxsize=1)
def _places_gate() -> re.Pattern | None:
    return _keyword_gate(_places())
