"""Date expressions resolved against the publication date, with ACLED time precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["ResolvedDate", "find_dates", "DAY", "WEEK", "MONTH"]

DAY, WEEK, MONTH = 1, 2, 3  # ACLED time_precision codes

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH_RE = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"

_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("day_month_year", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE},? (?P<y>\d{{4}})\b", re.I)),
    ("month_day_year", re.compile(rf"\b{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})", re.I)),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE}\b(?!,? \d{{4}})", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH_RE},? (?P<y>\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b(?:[Ii]n|[Ll]ate|[Ee]arly|[Mm]id-|[Ee]nd of|[Bb]eginning of) (?:\w+ ){{0,2}}?{_MONTH_RE}\b(?![ ,]*\d)")),
    ("year", re.compile(r"\b(?:[Ii]n|[Oo]f|[Ss]ince|[Dd]uring) (?:\w+ ){0,2}?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)")),
    ("weekday", re.compile(r"\b(?:on |last |this )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<rel>yesterday|today|earlier today|the day before yesterday"
                                r"|(?:earlier )?this (?:morning|afternoon|evening))\b", re.I)),
    ("relative_week", re.compile(r"\b(?P<rel>last week|this week|earlier this week|past week)\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at) the weekend\b|\b(?:this|last) weekend\b", re.I)),
    ("relative_month", re.compile(r"\b(?P<rel>last month|this month|earlier this month)\b", re.I)),
]


@dataclass(frozen=True)
class ResolvedDate:
    value: date | None
    precision: int | None
    text: str
    start: int
    basis: str  # stated (absolute), relative, unresolved


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month(match: re.Match) -> int:
    return _MONTHS[match.group("month").lower().rstrip(".")]


def _most_recent(month: int, day: int, published: date) -> date | None:
    """The latest month/day on or before publication: 'On August 6' in late August is this year's."""
    for year in (published.year, published.year - 1):
        candidate = _safe(year, month, day)
        if candidate and candidate <= published:
            return candidate
    return None


def _resolve(kind: str, match: re.Match, published: date | None) -> tuple[date | None, int, str]:
    g = match.group
    if kind == "iso":
        return _safe(int(g("y")), int(g("m")), int(g("d"))), DAY, "stated"
    if kind in ("day_month_year", "month_day_year"):
        return _safe(int(g("y")), _month(match), int(g("d"))), DAY, "stated"
    if kind == "month_year":
        return _safe(int(g("y")), _month(match), 1), MONTH, "stated"
    if kind == "year":
        return _safe(int(g("y")), 1, 1), MONTH, "stated"  # only ever background: dates a past event to its year
    if published is None:
        return None, None, "unresolved"
    if kind == "month":  # "In May": the latest such month on or before publication
        first = _most_recent(_month(match), 1, published)
        if first and match.group().lower().startswith("end of"):  # "at the end of May": its last week
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return min(last, published), WEEK, "relative"
        return first, MONTH, "relative"
    if kind in ("month_day", "day_month"):
        return _most_recent(_month(match), int(g("d")), published), DAY, "relative"
    if kind == "weekday":
        back = (published.weekday() - _WEEKDAYS[g("wd").lower()]) % 7
        return published - timedelta(days=back), DAY, "relative"
    if kind == "weekend":  # the Saturday of the latest weekend: "over the weekend" spans it, week precision
        back = (published.weekday() - 5) % 7
        return published - timedelta(days=back), WEEK, "relative"
    rel = g("rel").lower()
    if kind == "relative_day":
        offset = {"yesterday": 1, "the day before yesterday": 2}.get(rel, 0)
        return published - timedelta(days=offset), DAY, "relative"
    if kind == "relative_week":
        # ACLED codes a week-precision event on a day inside that week: the week's Monday.
        monday = published - timedelta(days=published.weekday())
        return (monday - timedelta(days=7) if rel == "last week" else monday), WEEK, "relative"
    first = published.replace(day=1)
    if rel == "last month":
        first = (first - timedelta(days=1)).replace(day=1)
    return first, MONTH, "relative"


# Month patterns run only when a month name is in the text: a cheap prefilter, same results.
_ANY_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def find_dates(text: str, published: date | None) -> list[ResolvedDate]:
    """All date expressions in ``text``, most specific first where they overlap, in text order."""
    return list(_find_dates_cached(text, published))


@lru_cache(maxsize=4096)
def _find_dates_cached(text: str, published: date | None) -> tuple[ResolvedDate, ...]:
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    months = bool(_ANY_MONTH.search(text))
    for kind, pattern in _PATTERNS:
        if not months and "(?P<month>" in pattern.pattern:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and match.end() > start for start, end in taken):
                continue
            value, precision, basis = _resolve(kind, match, published)
            if basis == "unresolved" or value is None:
                found.append(ResolvedDate(None, None, match.group(), match.start(), "unresolved"))
            else:
                found.append(ResolvedDate(value, precision, match.group(), match.start(), basis))
            taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda d: d.start))
