"""Analysed sentences grouped into event mentions: one realised exchange story per article, attacks by date
and place, loss claims by statement (a continuation sentence joins the claim before it), the rest by date."""

from __future__ import annotations

import re
from datetime import date

from transforms.extract.attributes import event_place
from transforms.extract.classify import THIRD_PARTY_VISIT
from transforms.extract.modality import modality
from transforms.extract.context import Analysed, is_historical
from transforms.extract.crosswalk import attack_kind
from transforms.extract.other_senses import THANKS

__all__ = ["groups", "loss_continues", "exchange_mediation", "breaks_down", "TALKS_MEDIATED"]

_EXCHANGE_FAMILY = ("prisoner_exchange", "prisoner_release")
_RETURNS = {"prisoner_exchange", "prisoner_release", "bodies_repatriation", "exchange_agreed"}
# A loss sentence that states its own period or scope starts a new claim: "Since the beginning of ...",
# "over the past 24 hours", "In the area of Avdeyevka alone".
_OWN_SCOPE = re.compile(r"\bsince\b|\b(?:past|last|previous) (?:24 hours|day|week|month)\b|\balone\b|\btotal\b", re.I)
_ADDED = re.compile(r"\b(?:it|they|he|she|the (?:ministry|statement|report|summary|agency|General Staff))\s+added\W*$", re.I)
_CONTINUES = re.compile(r"\b(?:also|in addition|additionally)\b|^\W*(?:it|they)\b|" + _ADDED.pattern, re.I)
_GROUND = re.compile(r"\bcontrol (?:of|over)\b|\bliberat|\bseiz|\boverran\b|\bentered\b|\bcaptured (?:the )?(?:\w+ )?(?:village|town|city|settlement)", re.I)
# An earlier swap the story recalls: "Earlier, on April 19, ...", "the previous exchange took place on ...".
_PREVIOUS = re.compile(r"^\W*(?:earlier|previously|before that)\b|\b(?:the|a|its) (?:previous|prior|last|preceding) "
                       r"(?:exchange|swap|one|round|release|repatriation)\b", re.I)
# "talks between US and Ukrainian delegations in Jeddah, facilitated by Saudi Arabia": the host goes into the talks.
TALKS_MEDIATED = re.compile(r"\b(?:talks|negotiations|meeting|consultations)\b[^.;]{0,100}\b(?:facilitated|mediated|brokered|hosted)"
                             r" by\b", re.I)
_SEPARATELY = re.compile(r"^\W*(?:Separately|In a separate (?:\w+ )?(?:development|exchange|swap|release|move|deal))\b", re.I)
_SAME_PERIOD = re.compile(r"^\W*(?:in|over|during|for) the same period\b", re.I)
_SPAN = re.compile(r"\bfrom\b[^.;]{0,40}\b(?:to|until|through)\b|\bsince\b", re.I)
# "This number includes 1,510 casualties over the past day": a part of the claim before it, told as a claim of its own;
# the next "also lost" sentence goes on with the outer claim.
_PART_OF = re.compile(r"^\W*(?:This|That|The) (?:number|figure|total|tally) (?:includes|included|comprises)\b", re.I)
# A figure a loss claim states: grouped digits or three digits or more that are not a year ("2,030", "1120", not "2024").
_FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:19|20)\d\d\b)\d{3,}\b")
# A running total since the war began: "since the start of the full-scale invasion", "from February 24, 2022".
_CUMULATIVE = re.compile(r"\bsince (?:the )?(?:start|beginning|outset) of (?:the )?(?:full-scale |Russian |large-scale )?"
                         r"(?:invasion|war|special military operation)\b|\b(?:since|from) (?:24 )?February (?:24, )?2022\b", re.I)
_PASSIVE_LOSS = re.compile(r"\b(?:ha(?:ve|s|d) been|were|was) (?:also )?(?:destroyed|downed|shot down|lost|eliminated)\b(?! by\b)", re.I)
_WITH_MEDIATION = re.compile(r"\bwith the (?:\w+ )?(?:mediation|help|assistance|facilitation) of\b", re.I)
_SHOOT_DOWN = re.compile(r"\b(?:shot down|downed|intercepted)\b", re.I)
# "mediated the swap", "mediation in the return of the servicemen from captivity", "with the assistance of the ICRC,
# the repatriation ...": the mediator of an exchange the article reports goes into the exchange, not an event of its own.
_EXCHANGE_WORD = re.compile(r"\b(?:swaps?|exchanges?|exchanged|releases?|released|freed|repatriat\w*|captivity|captives?|prisoners?"
                            r"|POWs?|bodies|remains)\b", re.I)


def _place_key(item: Analysed) -> str | None:
    place = event_place(item.sentence.text)
    return place["admin1"] or place["place_name"] or place["country_iso3"]


def loss_continues(item: Analysed, previous: Analysed | None) -> bool:
    """A loss sentence that goes on with the previous claim ("The enemy also lost 41 guns during the week"):
    it follows a loss sentence of the same claimant and states no period, scope or place of its own."""
    if previous is None or "loss_claim" not in previous.types:
        return False
    text = re.sub(r"\([^()]*\)", " ", item.sentence.text)  # "3,910 tanks (+5 over the past day)": the day's change, not a scope
    same = item.claimant is None or previous.claimant is None or item.claimant == previous.claimant
    if same and _restates(text, previous.sentence.text):
        return True  # 'destroyed 45 drones overnight, the ministry said. "Over the past night ... destroyed 45 UAVs"'
    if same and breaks_down(text, previous.sentence.text):
        return True  # "30 drones were downed over Kursk, 12 over Oryol": the places of the 42 just claimed
    if same and _CUMULATIVE.search(text) and _CUMULATIVE.search(previous.sentence.text) and _CONTINUES.search(text):
        return True  # "since the start of the invasion, they also destroyed ..." after a total from 24 February 2022
    if _OWN_SCOPE.search(text) or (event_place(text)["country_iso3"] and not re.search(r"\bthere\b", text)):
        return False
    if _SHOOT_DOWN.search(text) and not _SHOOT_DOWN.search(previous.sentence.text) and not _ADDED.search(text):
        # "air defences also shot down 47 drones" after ground losses: a claim of its own; "Air defences shot down 1,252
        # drones, it added.": the same statement goes on
        return False
    # "Fourteen warships have been destroyed.": a bare passive figure right after the claim, with no voice or agent of its
    # own ("Fleet forces destroyed four boats" names who did it: a statement of its own)
    bare = (item.claimant is None and 0 <= item.sentence.start - previous.sentence.end <= 2 and not _OWN_SCOPE.search(text)
            and _PASSIVE_LOSS.search(text))
    return same and (bool(_CONTINUES.search(text)) or bare)


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", text)]


def _restates(text: str, previous: str) -> bool:
    """The sentence gives again a figure (10 or more, not a year) of the sentence before: its quote or restatement."""
    return bool({n for n in _numbers(text) if n >= 10 and not 1900 <= n <= 2100} & set(_numbers(previous)))


def breaks_down(text: str, previous: str) -> bool:
    """The sentence's figures (two or more) add up to a figure of the sentence before: a breakdown of that claim."""
    parts = [n for n in _numbers(text) if not 1900 <= n <= 2100]
    return len(parts) >= 2 and sum(parts) in set(_numbers(previous))


def exchange_mediation(item: Analysed, analysed: list[Analysed]) -> bool:
    """A realised mediation that mediates an exchange, release or repatriation the article reports."""
    if item.modes.get("mediation") == "agreed" and _WITH_MEDIATION.search(item.sentence.text):
        # "It was agreed with the mediation of X": the mediator of the agreed exchange the article reports ("agreed ...,
        # following mediation by X" tells the mediation as a deed of its own)
        return bool(set(item.types) & _RETURNS) or any(
            set(i.types) & _RETURNS and "agreed" in (i.modes.get(t) for t in _RETURNS) for i in analysed)
    if item.modes.get("mediation") != "realised":
        return False
    if set(item.types) & _RETURNS or _EXCHANGE_WORD.search(item.sentence.text):
        return True
    return any(set(i.types) & _RETURNS and "realised" in (i.modes.get(t) for t in _RETURNS) for i in analysed)


def _credits_other(item: Analysed, analysed: list[Analysed]) -> bool:
    """Thanks for mediation in an article that reports the swap, return or talks mediated: their mediator."""
    return bool(THANKS.search(item.sentence.text)) and any(set(i.types) & (_RETURNS | {"negotiation"}) for i in analysed)


# "The United Arab Emirates mediated the swap.", "... had been returned from Ukrainian captivity in exchange.": the story's
# returns are one swap (not "the previous swap", not "an exchange of all for all" that is only called for).
_THE_EXCHANGE = re.compile(r"\b(?:the|this|today[’']s|\w+day[’']s|latest) (?:prisoner |POW )?(?:exchange|swap)\b(?! rates?\b)"
                           r"|\bin (?:exchange|return)\W*$|\bin an? (?:prisoner |POW )?(?:exchange|swap)\b"
                           # "103 defenders have returned home ... as a result of another exchange"
                           r"|\b(?:result|part|course) of (?:an(?:other)?|a new|the latest) (?:prisoner |POW )?(?:exchange|swap)\b", re.I)


# "a mission to help the return of children and the exchange of prisoners": swaps as an aim, not one that happened.
_AIMED_AT = re.compile(r"\b(?:mission|efforts?|work|role|task)\s+to\s+(?:help|facilitate|assist|promote|support)\b[^.;]{0,80}"
                       r"\bthe (?:exchange|swap) of (?:prisoners|captives|POWs)\b", re.I)


def _story_is_exchange(story: list[Analysed], analysed: list[Analysed], published: date | None) -> bool:
    if any("prisoner_exchange" in i.types for i in story):
        return True
    if not story:
        return False
    return any(_THE_EXCHANGE.search(i.sentence.text) and not _PREVIOUS.search(i.sentence.text)
               and not _AIMED_AT.search(i.sentence.text)
               and not is_historical(i, published) and modality(i.sentence.text) == "realised" for i in analysed)


# "Budanov said on Thursday that a total of 261 ...": the day of the report, and a running total, not a stage.
_REPORTED_ON = re.compile(r"\b(?:said|says|announced|reported|wrote|told [\w ]{1,30}?|confirmed|stated)\s+(?:late |early )?$", re.I)
_DATELINE = re.compile(r"\s*(?:,\s*\d{4}\s*)?\(\w[\w ]*\)\s*[-–—]")
_RUNNING_TOTAL = re.compile(r"\b(?:a|the) total (?:of|number)\b|\btakes? the total\b|\bin total\b", re.I)


def _stage_date(analysed: list[Analysed], published: date | None) -> date | None:
    """The day of the story's own exchange: the first day-precise date of a realised, recent exchange sentence."""
    for item in analysed:
        for kind in set(item.types) & set(_EXCHANGE_FAMILY):
            if item.modes.get(kind) == "realised" and not is_historical(item, published, kind):
                # failing the event's own day, the lead's "said on Sunday" dates its swap
                day = _event_day(item, kind) or _event_day(item, kind, reports=True)
                if day:
                    return day.value
    return None


def _event_day(item: Analysed, kind: str, reports: bool = False):
    """The sentence's first day-precise date that dates an event: not a dateline ("April 30 (Interfax) -")
    nor the day of a report ("said on Thursday")."""
    text = item.sentence.text
    return next((d for d in item.dates_for(kind) if d.value and d.precision == 1
                 and (reports or not _REPORTED_ON.search(text[:d.start])) and not _DATELINE.match(text[d.start + len(d.text):])), None)


def _key(event_type: str, mode: str, item: Analysed, claim: int, stage: date | None = None) -> tuple:
    if event_type == "prisoner_exchange" and mode == "agreed":
        event_type = "exchange_agreed"  # a planned exchange is the agreement to exchange
    if event_type == "exchange_agreed" and mode in ("realised", "hypothetical"):
        # "agreeing to a large prisoner exchange": an agreement reached is an agreed exchange; "the agreement on the swap,
        # if implemented, would be the largest": the condition is the swap's, the agreement stands
        mode = "agreed"
    if event_type in _EXCHANGE_FAMILY and mode == "realised" and _SEPARATELY.match(item.sentence.text):
        return (event_type, mode, f"separate@{item.sentence.start}")  # "Separately, 10 foreign nationals were released": another event
    if event_type in _EXCHANGE_FAMILY and mode == "realised":
        when = next((d.value for d in item.dates_for(event_type) if d.value), None)
        if when and _PREVIOUS.search(item.sentence.text):
            return ("exchange_story", "historical", when)  # "Earlier, on April 19, ... exchanged 246 each": another swap
        day = _event_day(item, event_type)
        if stage and day and day.value != stage and not _RUNNING_TOTAL.search(item.sentence.text):
            return ("exchange_story", mode, day.value)  # "On Jan. 31, in an exchange also brokered ...": an earlier stage
        return ("exchange_story", mode)
    if event_type == "loss_claim":
        return (event_type, mode, claim)
    when = next((d.value for d in item.dates_for(event_type) if d.value), None)
    if event_type == "attack":
        return (event_type, mode, when, _place_key(item), attack_kind(item.sentence.text))
    if event_type == "capture":  # taking a town and taking prisoners are two events
        return (event_type, mode, when, bool(_GROUND.search(item.sentence.text)))
    return (event_type, mode, when)


# "were returned together with the second group": a sentence that names its stage; "carried out a two-stage exchange over
# the weekend": the whole told before its dated stages, which are the events (CODING.md: one event per stage).
_NTH_STAGE = re.compile(r"\b(?:the )?(?P<nth>first|second|third|final|last) (?:group|stage|round|batch|phase)\b", re.I)
_IN_STAGES = re.compile(r"\b(?:two|three|four|\d)-(?:stage|phase|part)\b|\bin (?:two|three|four|\d) (?:stages|phases|parts)\b", re.I)
_ORDINAL = {"first": 0, "second": 1, "third": 2, "final": -1, "last": -1}


def _sort_into_stages(found: dict) -> None:
    for mode in ("realised", "historical"):
        main = found.get(("exchange_story", mode))
        stages = sorted((k for k in found if k[:2] == ("exchange_story", mode) and len(k) == 3 and isinstance(k[2], date)),
                        key=lambda k: k[2])
        if not main or len(stages) < 2:
            continue
        for item in list(main):
            nth = _NTH_STAGE.search(item.sentence.text)
            if nth and -len(stages) <= _ORDINAL[nth.group("nth").lower()] < len(stages) and not item.dates:
                main.remove(item)
                _add(found, stages[_ORDINAL[nth.group("nth").lower()]], item)
        # '"367 of our people are home," he wrote': an undated figure in a story told in stages is the whole's total
        if any(_IN_STAGES.search(item.sentence.text) for item in main) and all(
                _IN_STAGES.search(item.sentence.text) or not item.dates for item in main):
            voice = next((item.claimant for item in main if item.claimant), None)
            for key in stages:  # who told the whole tells its stages
                for item in found[key]:
                    item.claimant = item.claimant or voice
            del found[("exchange_story", mode)]


def _merge_restated_claims(found: dict) -> None:
    """A lead and its quote ("lost up to 1,120 servicemen ..., the ministry said. 'In total, ... the enemy has lost up to
    1,120 servicemen, 22 tanks ...'") state one claim twice: loss claims of one voice that share a figure are one."""
    keys = [k for k in found if k[0] == "loss_claim"]
    for i, key in enumerate(keys):
        for other in keys[:i]:
            if other not in found or key not in found or other[1] != key[1]:
                continue
            voices = {m.claimant for m in found[key] + found[other] if m.claimant}
            figures = [{f for m in found[k] for f in _FIGURE.findall(m.sentence.text)} for k in (other, key)]
            if len(voices) <= 1 and figures[0] & figures[1]:
                for item in found.pop(key):
                    _add(found, other, item)
                break


def _month_covered(item: Analysed, published: date | None) -> bool:
    """"In October the army lost some 29,640 personnel", told in early November: the month the figures cover, just ended."""
    first = next((d for d in item.dates_for("loss_claim") if d.value), None)
    return bool(first and published and first.precision == 3
                and 0 <= (published.year * 12 + published.month) - (first.value.year * 12 + first.value.month) <= 1
                and re.search(r"\b(?:in|during|over|for)\s+\S*$", item.sentence.text[:first.start] + " " + first.text[:7], re.I))


def _add(groups: dict, key: tuple, item: Analysed) -> None:
    members = groups.setdefault(key, [])
    if not any(member is item for member in members):
        members.append(item)


def groups(analysed: list[Analysed], published: date | None) -> list[tuple[str, str, list[Analysed]]]:
    """(event type, modality, sentences) per mention. An undated sentence joins the group of its kind and
    modality if there is one (an attack: the group at its place and of its kind, else a new one)."""
    found: dict[tuple, list[Analysed]] = {}
    undated: list[tuple[tuple, Analysed]] = []
    claim, previous, spans, resume = 0, None, [], None
    stage = _stage_date(analysed, published)
    for position, item in enumerate(analysed):
        if "loss_claim" in item.types:
            outer = claim
            if _SAME_PERIOD.match(item.sentence.text) and spans:
                claim = spans[-1]  # "In the same period, the enemy has lost 6,570 tanks": the claim that stated the period
            elif not loss_continues(item, previous):
                claim = position
            elif resume is not None:
                claim = resume
            resume = outer if _PART_OF.match(item.sentence.text) and claim != outer else None
            if _SPAN.search(item.sentence.text):
                spans.append(claim)
        previous = item if item.types else previous
        for event_type in item.types:
            mode = item.modes[event_type]
            mode = ("historical" if mode == "realised" and is_historical(item, published, event_type)
                    and not (event_type == "loss_claim" and _month_covered(item, published)) else mode)
            # (an envoy's visit to both sides dated weeks back, "his envoy visited Kyiv and Moscow in June 2023", is a
            # mediation of its own, not the hand in the swap the article reports)
            if event_type == "mediation" and ((not (mode == "historical" and THIRD_PARTY_VISIT.search(item.sentence.text))
                                               and exchange_mediation(item, analysed))
                                              or TALKS_MEDIATED.search(item.sentence.text) or _credits_other(item, analysed)):
                continue  # its mediators are the exchange's or the talks' (events._mediators)
            key = _key(event_type, mode, item, claim, stage)
            if len(key) >= 3 and key[2] is None and key[0] != "loss_claim":
                undated.append((key, item))
                continue
            _add(found, key, item)
    for key, item in undated:
        same_place = [k for k in found if k[:2] == key[:2] and k[3:] == key[3:]]
        anywhere = [k for k in found if k[:2] == key[:2]] if len(key) == 3 or key[3] is None else []
        _add(found, (same_place or anywhere or [key])[0], item)
    _merge_restated_claims(found)
    for key in [k for k in found if k[:2] == ("prisoner_release", "historical") and len(k) == 3 and k[2]]:
        swap = ("prisoner_exchange", "historical", key[2])
        if swap in found:  # "the swap of 3 January 2024 ... Ukraine brought home 230 people": that swap's returns
            for item in found.pop(key):
                _add(found, swap, item)
    story = _story_is_exchange(found.get(("exchange_story", "realised"), []), analysed, published)
    _sort_into_stages(found)
    result = []
    for key, items in found.items():
        event_type = key[0]
        if event_type == "exchange_story":
            # "The previous one took place in early August, when 22 Ukrainians came home": the same kind as the story.
            exchange = any("prisoner_exchange" in i.types for i in items) or story
            event_type = "prisoner_exchange" if exchange else "prisoner_release"
        elif event_type == "prisoner_release" and story and any(_PREVIOUS.search(i.sentence.text) for i in items):
            event_type = "prisoner_exchange"
        result.append((event_type, key[1], items))
    return result
