"""Article text to event mentions and their quantities (one article at a time, pure functions)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from transforms.extract.classify import OFF_TOPIC, event_types, modality
from transforms.extract.crosswalk import crosswalk
from transforms.extract.dates import WEEK, find_dates
from transforms.extract.lexicon import REPORTING_VERB, find_actors, find_claimants, find_places
from transforms.extract.quantities import HISTORICAL_DAYS, Quantity, sentence_quantities
from transforms.extract.text import Sentence, split_sentences
from transforms.ids import stable_id

__all__ = ["extract_article"]

_ORGS = {"ICRC", "UN", "VAT"}
_EXCHANGE_FAMILY = ("prisoner_exchange", "prisoner_release")
_ROLE = {"prisoner_exchange": "returned_to", "prisoner_release": "returned_to", "bodies_repatriation": "returned_to",
         "capture": "captured", "surrender": "surrendered", "loss_claim": "lost"}
_GENERIC_SUBJECT = re.compile(r"\b(?:the (?:ministry|military|department|statement|agency|army|office|command)|it|he|she|they)\b"
                              r"[^.]{0,40}\b(?:said|announced|stated|noted|stressed|reported|read|clarified)\b"
                              r"|\b(?:said|announced|read|stated)\b[^.]{0,10}\b(?:the (?:ministry|military|statement|department|agency))\b", re.I)
_THIS_WAS_REPORTED = re.compile(r"^\s*This was (?:reported|announced|stated|confirmed) by", re.I)
_SINCE_START = re.compile(r"\bsince the (?:start|beginning|launch|outbreak) of (?:its |the |their )?(?P<what>[\w\s’'-]{0,60}?)"
                          r"(?:,|$| in | on )", re.I)
_SAME_TIME = re.compile(r"^\W*(?:at (?:around |about )?the same time|meanwhile|simultaneously|almost simultaneously)\b", re.I)
_PLACED_TYPES = {"attack", "air_strike", "shelling", "incursion", "capture", "surrender", "loss_claim"}
_FULL_SCALE_START = date(2022, 2, 24)
_LOCATIVE = re.compile(r"\b(?P<prep>in|into|near|at|outside|around|of)\s+(?:the\s+)?(?:(?:village|town|city|settlement|region) of\s+)?$", re.I)


@dataclass
class _Analysed:
    sentence: Sentence
    types: list[str]
    modality: str
    actors: list[str]
    claimant: tuple[str, str] | None
    dates: list = field(default_factory=list)


def _claimant(analysed: list[_Analysed], index: int, sentences: list[Sentence], last: tuple[str, str] | None):
    text = sentences[index].text
    found = find_claimants(text)
    verb = REPORTING_VERB.search(text)
    if found and verb:
        before = [c for c in found if c.end <= verb.start()]
        chosen = before[-1] if before else found[0]
        return (chosen.name, chosen.code)
    if found:
        return (found[0].name, found[0].code)
    if index + 1 < len(sentences) and _THIS_WAS_REPORTED.match(sentences[index + 1].text):
        following = find_claimants(sentences[index + 1].text)
        if following:
            return (following[0].name, following[0].code)
    if verb and _GENERIC_SUBJECT.search(text):
        return last
    return None


def _analyse(text: str, published: date | None) -> list[_Analysed]:
    sentences = split_sentences(text)
    out: list[_Analysed] = []
    last: tuple[str, str] | None = None
    for index, sentence in enumerate(sentences):
        claimant = _claimant(out, index, sentences, last)
        last = claimant or last
        dates = _main_clause_dates(sentence.text, published)
        if not dates and out and _SAME_TIME.match(sentence.text):
            dates = out[-1].dates
        out.append(_Analysed(sentence, event_types(sentence.text), modality(sentence.text),
                             [a.code for a in find_actors(sentence.text)], claimant, dates))
    return out


def _main_clause_dates(sentence: str, published: date | None) -> list:
    """Dates that date the sentence's event: those inside a who/which clause date something else."""
    relative = re.search(r"\b(?:who|which|whom)\b", sentence)
    cut = relative.start() if relative else len(sentence)
    return [d for d in find_dates(sentence, published) if d.start < cut]


def _dyad(analysed: list[_Analysed]) -> tuple[str, str] | None:
    counts = Counter(code for a in analysed for code in a.actors if code not in _ORGS)
    top = [code for code, _ in counts.most_common(2)]
    return tuple(sorted(top)) if len(top) == 2 else None


def _event_date(items: list[_Analysed], published: date | None) -> tuple[date | None, int | None, str, str | None]:
    for item in items:
        for found in item.dates:
            if found.value is not None:
                return found.value, found.precision, found.basis, found.text
    if published is not None:
        # No date in the text: news reports recent events, so the publication week is the estimate.
        return published, WEEK, "publication_date", None
    return None, None, "unresolved", None


def _place(sentence: str) -> dict:
    for match in find_places(sentence):
        prep = _LOCATIVE.search(sentence[:match.start])
        if prep:
            row = dict(match.extra)
            precision = int(row["geo_precision"])
            if prep.group("prep").lower() in ("near", "outside", "around") and precision == 1:
                precision = 2
            return {"place_name": row["place_name"], "country_iso3": row["country_iso3"], "admin1": row["admin1"] or None,
                    "latitude": float(row["latitude"]), "longitude": float(row["longitude"]), "geo_precision": precision}
    return {"place_name": None, "country_iso3": None, "admin1": None, "latitude": None, "longitude": None,
            "geo_precision": None}


def _sides(event_type: str, items: list[_Analysed], dyad: tuple[str, str] | None, quantities: list[Quantity],
           mediators: list[str]) -> tuple[str | None, str | None]:
    """Two-sided events are alphabetical; one-sided ones put the initiator (or the loser) first."""
    if event_type in ("prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation",
                      "mediation", "negotiation") and dyad:
        return dyad
    actors = [c for item in items for c in item.actors if c not in _ORGS and c not in mediators]
    if event_type in ("surrender", "loss_claim") and quantities:
        first = next((q.side for q in quantities if q.side), None)
        if first:
            return first, _other(first, dyad)
    if event_type == "capture" and quantities and quantities[0].side:
        captive = quantities[0].side
        return _other(captive, dyad), captive
    if event_type in ("surrender", "capture"):
        trigger = re.search(r"surrender|laying down|laid down|gave themselves|captured|taken|took", items[0].sentence.text, re.I)
        before = [a.code for a in find_actors(items[0].sentence.text[:trigger.start()]) if a.code not in _ORGS] if trigger else []
        if before:
            first = before[-1]
            return (first, _other(first, dyad)) if event_type == "surrender" else (_other(first, dyad), first)
    first = actors[0] if actors else None
    return first, _other(first, dyad) if first else None


def _other(side: str | None, dyad: tuple[str, str] | None) -> str | None:
    if not dyad or side not in dyad:
        return None
    return dyad[1] if side == dyad[0] else dyad[0]


def _loss_target(sentence: str, dyad, claimant_iso3) -> str | None:
    verb = re.search(r"\b(?:ha(?:s|ve|d) lost|lost|losses|casualties)\b", sentence, re.I)
    if verb:
        before = [a for a in find_actors(sentence[:verb.start()]) if a.code not in _ORGS]
        if before:
            return before[-1].code
    enemy = _other(claimant_iso3, dyad)
    return enemy


def _period_start(sentence: str, analysed: list[_Analysed], published: date | None) -> date | None:
    since = _SINCE_START.search(sentence)
    if since:
        what = since.group("what").lower()
        if "special military operation" in what or "full-scale" in what or "war" in what or "invasion" in what:
            return _FULL_SCALE_START
        for item in analysed:  # the launch of the attack or incursion the article dates
            if {"incursion", "attack"} & set(item.types):
                for found in item.dates:
                    if found.value:
                        return found.value
    for found in find_dates(sentence, published):
        if found.value and re.search(r"since\s+" + re.escape(found.text), sentence, re.I):
            return found.value
    if published and re.search(r"\b(?:past|last) (?:24 hours|day)\b", sentence, re.I):
        return published - timedelta(days=1)
    return None


def _is_historical(item: _Analysed, published: date | None) -> bool:
    if published is None:
        return False
    first = next((d for d in item.dates if d.value is not None), None)
    return bool(first and first.value < published - timedelta(days=HISTORICAL_DAYS))


def _groups(analysed: list[_Analysed], published: date | None) -> list[tuple[str, str, list[_Analysed]]]:
    """Sentences grouped into mentions: one realised exchange story per article, other kinds by date."""
    groups: dict[tuple, list[_Analysed]] = {}
    for position, item in enumerate(analysed):
        mode = "historical" if _is_historical(item, published) and item.modality == "realised" else item.modality
        for event_type in item.types:
            if event_type in _EXCHANGE_FAMILY and mode == "realised":
                key = ("exchange_story", mode)
            elif event_type == "loss_claim":
                key = (event_type, mode, position)
            else:
                first = next((d.value for d in item.dates if d.value), None)
                key = (event_type, mode, first)
            members = groups.setdefault(key, [])
            if not any(member is item for member in members):
                members.append(item)
    result = []
    for key, items in groups.items():
        event_type = key[0]
        if event_type == "exchange_story":
            has_exchange = any("prisoner_exchange" in i.types for i in items)
            event_type = "prisoner_exchange" if has_exchange else "prisoner_release"
        result.append((event_type, key[1], items))
    return result


def _returned(quantities: list[Quantity], side: str | None) -> int | None:
    """People a side received: the largest stated figure, or each-side figure plus stated additions."""
    mine = [q for q in quantities if q.side == side and q.item in ("personnel", "civilians")]
    if not side or not mine:
        return None
    stated = [q.value for q in mine if q.basis in ("stated", "each")]
    base = max((q.value for q in mine if q.basis == "each"), default=0)
    parts = sum(q.value for q in mine if q.basis == "part")
    return max(max(stated, default=0), base + parts) or None


def _mediators(analysed: list[_Analysed], items: list[_Analysed], dyad, published, realised: bool) -> list[str]:
    pool = [i for i in analysed if "mediation" in i.types and i.modality == "realised"
            and not _is_historical(i, published)] if realised else [i for i in items if "mediation" in i.types]
    codes = [c for i in pool for c in i.actors if not dyad or c not in dyad]
    return sorted(set(codes))


def extract_article(article: dict) -> tuple[list[dict], list[dict]]:
    """Mentions and quantities for one clean article row; non-English and off-topic articles give none."""
    text, published = article["text"], article.get("published_date")
    if not article.get("is_english") or len(OFF_TOPIC.findall(text)) >= 2:
        return [], []
    analysed = _analyse(text, published)
    dyad = _dyad(analysed)
    mentions, quantities = [], []
    for event_type, mode, items in _groups(analysed, published):
        role = _ROLE.get(event_type)
        claimants = [i.claimant for i in items if i.claimant]
        claimant = claimants[0] if claimants else None
        found: list[tuple[Quantity, _Analysed]] = []
        for item in items:
            if role and (role != "returned_to" or set(item.types) & set(_EXCHANGE_FAMILY) | {"bodies_repatriation"}):
                default = claimant[1] if claimant and role == "returned_to" else None
                if role == "lost":
                    default = _loss_target(item.sentence.text, dyad, claimant[1] if claimant else None)
                found += [(q, item) for q in sentence_quantities(item.sentence.text, role=role, published=published,
                                                                  dyad=dyad, default_side=default)]
        qs = [q for q, _ in found]
        evidence = next((i for i in items if any(src is i for _, src in found)), items[0])
        mediators = _mediators(analysed, items, dyad, published, realised=event_type in _EXCHANGE_FAMILY and mode == "realised")
        if event_type == "mediation":
            mediators = _mediators(analysed, items, dyad, published, realised=False)
        side_a, side_b = _sides(event_type, items, dyad, qs, mediators)
        event_date, precision, basis, date_text = _event_date([evidence] + items, published)
        mention_id = stable_id(article["article_id"], evidence.sentence.start, event_type)
        two_sided = event_type in _EXCHANGE_FAMILY or event_type == "bodies_repatriation"
        mentions.append({
            "mention_id": mention_id, "article_id": article["article_id"], "event_type": event_type,
            "modality": mode, "event_date": event_date, "time_precision": precision, "date_basis": basis,
            "date_text": date_text, "side_a": side_a, "side_b": side_b, "actor1_sector": _sector(evidence.sentence.text),
            "returned_to_a": _returned(qs, side_a) if two_sided else None,
            "returned_to_b": _returned(qs, side_b) if two_sided else None,
            "mediators": mediators, "claimant": claimant[0] if claimant else None,
            "claimant_iso3": claimant[1] if claimant else None,
            "claimants": sorted({c[0] for c in claimants}),
            **_place(evidence.sentence.text if event_type in _PLACED_TYPES else ""),
            "evidence": evidence.sentence.text, "evidence_start": evidence.sentence.start,
            "evidence_end": evidence.sentence.end,
            "period_start": _period_start(evidence.sentence.text, analysed, published) if event_type == "loss_claim" else None,
            **crosswalk(event_type),
        })
        for quantity, source in found:
            who = source.claimant or claimant
            offset = source.sentence.start + quantity.start
            quantities.append({
                "quantity_id": stable_id(mention_id, offset, quantity.side, quantity.basis),
                "mention_id": mention_id, "article_id": article["article_id"], "role": role,
                "side_iso3": quantity.side, "item": quantity.item, "value": quantity.value,
                "qualifier": quantity.qualifier, "value_text": quantity.text, "count_basis": quantity.basis,
                "claimant": who[0] if who else None, "claimant_iso3": who[1] if who else None,
                "evidence": source.sentence.text, "char_start": offset,
            })
    return mentions, quantities


def _sector(sentence: str) -> str | None:
    if re.search(r"\b(?:troops|soldiers|servicemen|military|forces|army|POWs?|prisoners of war)\b", sentence, re.I):
        return "military"
    if re.search(r"\b(?:civilians?|residents)\b", sentence, re.I):
        return "civilian"
    if re.search(r"\b(?:ministry|government|president|kremlin)\b", sentence, re.I):
        return "government"
    return None
