"""When a mention happened: which of a sentence's dates dates its event, and with what ACLED precision.

The rules, in order: a date in the event's own clause ("which took place on Wednesday" counts as its
own); for a loss claim, a period phrase ("over the past week") is the span the figures cover, so the
claim is dated as of its report; "overnight" with no date is the night before the report (day
precision); "over the past day / 24 hours" is the report's day (day precision, CODING.md: "a day precision 1");
a date-stamped digest ("key events of Friday 31 May") or a live blog dates its undated items; else the story's
lead date; else the publication week.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from transforms.extract.dates import DAY, MONTH, WEEK, find_dates
from transforms.extract.other_senses import TALKS_AGREED_AT

__all__ = ["main_clause_dates", "event_date", "digest_date"]

# "who/which ..." clauses describe someone or something else, except "which took place on Wednesday".
_RELATIVE = re.compile(r"\b(?:who|which|whom)\b(?!\s+(?:took place|happened|occurred|was held|was carried out)\b)")
# "since the start of the hostilities in the Kursk area on August 6": the date starts a span
_SINCE_BEFORE = re.compile(r"\b(?:since|until|before)\s+$"
                           r"|\bsince (?:the )?(?:start|beginning|outbreak|launch|onset) of\b[^,;.]{0,70}\b(?:on|in)\s+$", re.I)
# Period phrases: what a loss claim's figures cover, not when the claim was made.
_PERIOD = re.compile(r"\b(?:past|previous|last) (?:week|day|24 hours|month)\b|\bover the week\b", re.I)
_FROM = re.compile(r"\b(?:from|between)\s+$", re.I)
_SPAN_END = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s+\w", re.I)
_DAY_AFTER = re.compile(r"\b(?:came|comes|took place|followed|happened)\s+(?:a|one) day after (?:a|an|the)\b", re.I)
_OVERNIGHT = re.compile(r"\bovernight\b", re.I)
_PAST_DAY = re.compile(r"\b(?:over|in|during) the (?:past|previous|last) (?:day|24 hours)\b", re.I)
_SPAN_TYPES = {"attack", "surrender"}  # aggregates over a day; one capture is one act
# A digest's header: "key events of Friday 31 May", "Here is a summary of the main developments on Friday".
_DIGEST = re.compile(r"\b(?:key events|at a glance|main developments|summary of (?:the )?(?:main |key )?(?:events|developments)"
                     r"|what we know on day|day \d{2,4}: )", re.I)


# A live blog's header: "Ukraine war live: ...", "Live: ...", "War in Ukraine, day 1,205: live updates".
_LIVE = re.compile(r"(?:^|\bwar |\bwar, )live\s*:|\blive updates\b|\blive ?blog\b", re.I)


# A dateline is when the report was filed, not when its event happened: "Sept 19 (Interfax-Ukraine) - The bodies ...",
# "KYIV. Sept 19 (Interfax) -", "MOSCOW, December 31. On December 30, ...".
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*\d{4}\s*)?(?:\(\w[\w -]*\)\s*[-–—]|/[A-Z]+/)")
_DATELINE_BEFORE = re.compile(r"^\W*[A-Z]{3,}(?:[ -][A-Z]{2,})*[.,]\s*$")


# ("civilians who had been held in Russia since 2022 returned to Ukraine on Tuesday": the main verb in the simple past)
_MAIN_VERB = re.compile(r"(?<!who )(?<!which )(?<!whom )\b(?:(?:were|was|have been|has been|had been)\s+\w+"
                        r"|(?:returned|came (?:home|back)|arrived|crossed)\b)")


def main_clause_dates(sentence: str, published: date | None) -> list:
    """Dates that date the sentence's event: not those in a who/which clause, nor 'since <date>'."""
    skip: list[tuple[int, int]] = []
    for relative in _RELATIVE.finditer(sentence):
        comma = sentence.find(",", relative.end())
        end = comma if comma >= 0 else len(sentence)
        # "the bodies of 41 soldiers who died in combat were brought back on Wednesday": the clause ends where the
        # main clause's verb begins, before the comma
        main = _MAIN_VERB.search(sentence, relative.end(), end)
        skip.append((relative.start(), main.start() if main else end))
    # "the repatriation agreed at direct talks in Istanbul earlier this month": that date is the talks'
    skip += [m.span() for m in TALKS_AGREED_AT.finditer(sentence)]
    found = find_dates(sentence, published)
    return [d for d in found if not any(a <= d.start < b for a, b in skip) and not _SINCE_BEFORE.search(sentence[:d.start])
            and not _DATELINE_AFTER.match(sentence[d.start + len(d.text):])
            and not _DATELINE_BEFORE.search(sentence[:d.start])
            # "from February 24, 2022 to March 1, 2023": the span's start is not when it was told
            and not (_FROM.search(sentence[:d.start]) and _SPAN_END.match(sentence[d.start + len(d.text):]))]


def _pick(dates: list, event_type: str, sentence: str):
    usable = [d for d in dates if d.value is not None]
    if event_type == "loss_claim":  # "in the period from April 12 to 18", "over the past week": what the figures cover
        usable = [d for d in usable if not _PERIOD.search(d.text) and not _FROM.search(sentence[:d.start])]
    if not usable:
        return None
    first = usable[0]
    if first.precision == MONTH:
        # "earlier this month, on 6 December": the day inside that month is the more precise date.
        inside = next((d for d in usable[1:] if d.precision == DAY and (d.value.year, d.value.month)
                       == (first.value.year, first.value.month)), None)
        first = inside or first
    elif first.precision == WEEK:
        # "Earlier this week, on 15 October": the day inside that week
        inside = next((d for d in usable[1:] if d.precision == DAY and 0 <= (d.value - first.value).days < 7), None)
        first = inside or first
    return first


def digest_date(analysed: list, published: date | None) -> tuple | None:
    """A date-stamped digest's date, from its header lines: its undated items happened that day. A live blog
    ("Ukraine war live: ...", "day 1,205: live updates") reports the day it runs: its undated items happened on the
    day its header names, else on its publication day."""
    live = any(_LIVE.search(item.sentence.text) for item in analysed[:3])
    for item in analysed[:3]:
        if live or _DIGEST.search(item.sentence.text):
            found = next((d for d in find_dates(item.sentence.text, published) if d.value is not None
                          and d.precision == DAY and (published is None or d.value <= published)), None)
            if found:
                return found.value, DAY, "digest", found.text
    if live and published is not None:
        return published, DAY, "live_blog", None
    return None


def event_date(event_type: str, items: list, published: date | None, lead: tuple | None):
    """(date, precision, basis, text) for a mention whose evidence sentence is ``items[0]``."""
    evidence = items[0].sentence.text
    for item in items:
        found = _pick(item.dates_for(event_type), event_type, item.sentence.text)
        if found is not None:
            return found.value, found.precision, found.basis, found.text
    if published is not None:
        if event_type == "loss_claim":
            # Loss figures are released daily: a claim is dated as of its report.
            return published, DAY, "report_date", None
        if _OVERNIGHT.search(evidence):
            return published, DAY, "overnight", None
        if event_type in _SPAN_TYPES and _PAST_DAY.search(evidence):
            return published, DAY, "past_day", None
    if lead is not None and lead[0] is not None and event_type in ("negotiation", "mediation") and _DAY_AFTER.search(evidence):
        # "The swap came a day after a phone call between the presidents": the talks the day before the story's event
        return lead[0] - timedelta(days=1), DAY, "day_before_lead", None
    if lead is not None:
        return lead  # an undated sentence in a story about a dated event shares its date
    if published is not None:
        # No date in the text: news reports recent events, so the publication week is the estimate.
        return published, WEEK, "publication_date", None
    return None, None, "unresolved", None
