"""Per-mention attributes from the evidence sentence: sides, place, loss target, period start, sector."""

from __future__ import annotations

import re
from datetime import date, timedelta

from transforms.extract.dates import find_dates
from transforms.extract.lexicon import find_actors, find_places

__all__ = ["MEDIATOR_CODES", "TWO_SIDED", "other_side", "event_place", "event_sides", "loss_target", "period_start",
           "actor1_sector"]

# Codes that mediate or observe in this war; they are never one of the two sides of an exchange.
MEDIATOR_CODES = {"ICRC", "UN", "VAT", "ARE", "TUR", "QAT", "SAU", "CHE", "NOR"}
TWO_SIDED = {"prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation", "mediation", "negotiation"}
_FULL_SCALE_START = date(2022, 2, 24)
_LOCATIVE = re.compile(
    r"\b(?P<prep>in|into|near|at|outside|around|of|on|over|across|throughout|including|shelled|struck|hit|attacked|targeted|liberated|captured|seized"
    # "ended a two-day visit to Moscow", "visited Kyiv": where an envoy's mediation took place
    r"|took|taken|entered|visited|visit to|trip to)\s+(?:the\s+)?"
    r"(?:(?:Russia|Ukraine)(?:’s|'s)\s+|(?:Russian|Ukrainian)\s+)?"
    # "into Ukraine's northeastern Kharkiv region"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
    # "in the southern port city of Odesa", "in the capital Kyiv"
    r"(?:(?:[a-z]+\s+){0,3}(?:(?:village|town|city|settlement|region|centre|center) of|capital,?)\s+)?$", re.I)
# "Vovchansk, a town of 17,000, came under shelling", "Kherson was struck overnight": the place opens the sentence as
# the subject the event happened to.
_SUBJECT_AFTER = re.compile(r"^\s*(?:,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:town|city|village|settlement|port)\b[^.;]*?\bcame under\b"
                            r"|came under\b|(?:was|were|has been|had been) (?:hit|struck|shelled|attacked|bombed|targeted)\b)")
_SEATED = re.compile(r"\b(?:[Dd]efen[cs]e [Mm]inistry|[Ff]oreign [Mm]inistry|[Ee]mbassy|[Nn]unciature)\s*$")
_SMALL_PLACE = re.compile(r"\b(?:village|settlement) of\s+$", re.I)
_DIRECTION_OF = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern outskirts)? of\s+$", re.I)
# "the Graivoron district": the district around a town, not the town itself (a coder's precision 2)
_NEAR_AFTER = re.compile(r"^\s*(?:direction|area|axis|outskirts|sector|front|district|raion)\b", re.I)
_SINCE_START = re.compile(r"\bsince the (?:start|beginning|launch|outbreak) of (?:its |the |their )?(?P<what>[\w\s’'-]{0,60}?)"
                          r"(?:,|$| in | on )", re.I)
_EMPTY_PLACE = {"place_name": None, "country_iso3": None, "admin1": None, "latitude": None, "longitude": None,
                "geo_precision": None}


def other_side(side: str | None, dyad: tuple[str, str] | None) -> str | None:
    if not dyad or side not in dyad:
        return None
    return dyad[1] if side == dyad[0] else dyad[0]


def _float(value: str) -> float | None:
    return float(value) if value not in (None, "") else None


def event_place(sentence: str, country: bool = False) -> dict:
    """The most specific gazetteer place the sentence locates the event in (a preposition before it). A whole
    warring country only when ``country`` (attacks: "drones launched across Ukraine"), and never as "of Ukraine"."""
    candidates = []
    for match in find_places(sentence):
        prep = _LOCATIVE.search(sentence[:match.start])
        if not prep and not sentence[:match.start].strip(" \"“'") and _SUBJECT_AFTER.match(sentence[match.end:]):
            prep = re.match(r"(?P<prep>)", "")  # the sentence's subject: located there, not near it
        if not prep or _SEATED.search(sentence[:prep.start()]):
            continue  # "the Defence Ministry in Moscow", "officials in Doha": where a body sits, not the event
        if dict(match.extra)["place_name"] in ("Ukraine", "Russia") and (
                not country or prep.group("prep").lower() in ("of", "including")):
            continue  # "the Armed Forces of Ukraine", "the war in Ukraine": the country is not where one event was
        row = dict(match.extra)
        precision = int(row["geo_precision"])
        # "near Avdiivka", "west of Avdiivka": within a few km; "near the village of Robotyne" is at the village
        near = (prep.group("prep").lower() in ("near", "outside", "around") and not _SMALL_PLACE.search(prep.group())
                or _NEAR_AFTER.match(sentence[match.end:]) or _DIRECTION_OF.search(sentence[:match.start]))
        if near and precision == 1:
            precision = 2
        candidates.append((precision, match.start, row))
    candidates = _in_region(sentence, candidates)
    unlisted = _unlisted_settlements(sentence, candidates)
    candidates = [c for c in candidates if c[1] not in {u[1] for u in unlisted}] + unlisted
    if not candidates:
        return dict(_EMPTY_PLACE)
    # a country is the least specific place: "in Russia's Kursk region" is in Kursk Oblast
    precision, _, row = min(candidates, key=lambda c: (c[0], not c[2]["admin1"], c[1]))
    return {"place_name": row["place_name"], "country_iso3": row["country_iso3"], "admin1": row["admin1"] or None,
            "latitude": _float(row["latitude"]), "longitude": _float(row["longitude"]), "geo_precision": precision}


# "the settlement of Novo-X in the Dnipropetrovsk Region", "Stepove, in the Zaporizhzhia region": the text names the
# settlement's region. A settlement the gazetteer lacks is placed by that region (no coordinates: a name alone does
# not fix them); a gazetteer town the region contradicts is a namesake elsewhere (same-named villages are common), so
# the text's region wins and the namesake's coordinates go.
_SETTLEMENT_IN = re.compile(r"(?P<kind>\b(?:village|settlement|town|city|community|hamlet) of\s+)?(?P<name>[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)"
                            r"\s*,?\s+in\s+(?:the\s+)?(?:(?:Russia|Ukraine)(?:’s|'s)\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$")


# "the village of Novo-X in the Shebekino district", "the village of Novo-X, near the town of Shebekino": a settlement the
# gazetteer lacks, placed by the district or town named with it
_SETTLEMENT_NEAR = re.compile(r"(?P<kind>\b(?:village|settlement|hamlet) of\s+)(?P<name>[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)"
                              r"\s*(?:,?\s+in\s+(?:the\s+)?|,\s+(?:near|outside)\s+(?:the\s+)?(?:town|city)\s+of\s+)$")


def _in_region(sentence: str, candidates: list) -> list:
    out = list(candidates)
    for precision, start, row in candidates:
        if precision == 2 and row["admin1"] and (named := _SETTLEMENT_NEAR.search(sentence[:start])) \
                and not any(c[1] == named.start("name") for c in out):
            out.append((1, named.start("name"), {**row, "place_name": named.group("name"), "latitude": "",
                                                 "longitude": "", "geo_precision": "1"}))
            continue
        if precision != 3 or not row["admin1"]:
            continue
        named = _SETTLEMENT_IN.search(sentence[:start])
        if not named:
            continue
        town = next((c for c in out if c[1] == named.start("name")), None)
        if town is not None and town[2]["admin1"] != row["admin1"]:
            fixed = {**town[2], "admin1": row["admin1"], "country_iso3": row["country_iso3"], "latitude": "", "longitude": ""}
            out[out.index(town)] = (town[0], town[1], fixed)
        elif town is None and named.group("kind"):
            near = _LOCATIVE.search(sentence[:named.start()])
            precision_ = 2 if near and near.group("prep").lower() in ("near", "outside", "around") else 1
            out.append((precision_, named.start("name"), {**row, "place_name": named.group("name"), "latitude": "",
                                                          "longitude": "", "geo_precision": str(precision_)}))
    return out


# "liberated the village of Kalinovo in the Donetsk People's Republic", "near the border village of X in the Bryansk region":
# a named settlement the gazetteer lacks is where the event was, in the region (or by the town) the sentence names with it
# (no coordinates: a name alone does not fix them)
_NAMED_SETTLEMENT = re.compile(r"\b(?:the )?(?:border |frontline |front-line |small |nearby )?(?:village|settlement|community|hamlet)"
                               r" of (?P<name>[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)")


def _unlisted_settlements(sentence: str, candidates: list) -> list:
    listed = {m.start for m in find_places(sentence)}
    anchors = sorted((c for c in candidates if c[2]["admin1"]), key=lambda c: -c[0])  # the region first, else a town
    found = []
    for named in _NAMED_SETTLEMENT.finditer(sentence):
        prep = _LOCATIVE.search(sentence[:named.start()])
        if named.start("name") in listed or not prep or not anchors:
            continue
        # CODING.md: 2 "near a town" (the sets coded since then put "near the village of X" at 2 too)
        precision = 2 if prep.group("prep").lower() in ("near", "outside", "around") else 1
        found.append((precision, named.start("name"), {**anchors[0][2], "place_name": named.group("name"), "latitude": "",
                                                       "longitude": "", "geo_precision": str(precision)}))
    return found


_WHERE = re.compile(r"\b(?:in|at|on|near|across|over|into|around|outside|of)\s+(?:the\s+)?(?:(?:[a-z-]*(?:north|south|east|west)[a-z-]*"
                    r"|central|port|frontline|border|regional|capital|city|region|town|village)(?: of)?,?\s+){0,3}$", re.I)

# "a telephone conversation between Russian President Vladimir Putin and US President Donald Trump": who talked
_CALL_BETWEEN = re.compile(r"\b(?:tele)?phone (?:call|conversation|talks)s? (?:on \w+ |\w+ )?between (?P<pair>[^,.;]{0,80}?\band\b"
                           r"(?: (?:the )?[A-Z][\w.]*)+(?: presidents| leaders)?)")


def _parties(text: str) -> list[str]:
    return [a.code for a in find_actors(text) if a.code not in MEDIATOR_CODES]


# (not "Ukrainian, Russian and US officials", a list, nor "talks with Russian and Ukrainian officials", each side's counterpart)
_BETWEEN_PAIR = re.compile(r"\bbetween (?:the )?[\w.-]+ and (?:the )?[\w.-]+\b")
_PAIR = re.compile(r"(?<!, )(?<!with )\b[\w.-]+ and [\w.-]+ (?:officials|delegations|negotiators|envoys|teams|diplomats|delegates)\b")


# "had been taken", "were captured", "was liberated": the trigger in the passive
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", re.I)
_BY_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?by\s+((?:the\s+)?[^,.;]{0,40})", re.I)


def event_sides(event_type: str, sentence: str, dyad: tuple[str, str] | None, first_quantity_side: str | None,
                claimant_iso3: str | None = None) -> tuple[str | None, str | None]:
    """ACLED actor1/actor2: two-sided events alphabetical; one-sided ones [actor, target]: attacker first,
    captor first, the surrendering side first, and for a loss claim the side claiming to have inflicted the
    losses first, then the side whose losses are claimed."""
    named = list(dict.fromkeys(_parties(sentence)))
    if event_type == "mediation":
        return ("RUS", "UKR")  # a third party mediates between the war's two sides (CODING.md); it is never a side
    if event_type == "negotiation" and (call := _CALL_BETWEEN.search(sentence)):
        callers = list(dict.fromkeys(_parties(call.group("pair"))))
        if len(callers) == 2:
            return tuple(sorted(callers))  # "agreed to exchange ... after a phone call between the Russian and US presidents"
    if event_type in TWO_SIDED:
        pair = _PAIR.search(sentence)
        paired = list(dict.fromkeys(_parties(pair.group()))) if pair else []
        if len(named) > 2 and len(paired) == 2:
            return tuple(sorted(paired))  # "US and Russian officials met ... on ending the war in Ukraine": the pair met
        between = _BETWEEN_PAIR.search(sentence) if event_type == "mediation" else None
        paired = list(dict.fromkeys(_parties(between.group()))) if between else []
        if len(named) > 2 and len(paired) == 2:
            return tuple(sorted(paired))  # "Belarus is ready to act as an intermediary between Russia and Ukraine": the pair
        if len(named) > 2 and "UKR" in named:
            # "hand over North Korean soldiers ... for our warriors held in Russia": Ukraine and the first
            # other party named; a third country named later is where, not who.
            named = ["UKR", next(code for code in named if code != "UKR")]
        return tuple(sorted(named[:2])) if len(named) >= 2 else (dyad or (None, None))
    if event_type == "loss_claim":
        target = first_quantity_side or other_side(claimant_iso3, dyad)
        # "South Korea's intelligence said 3,000 North Korean soldiers had been killed": a side outside the war's pair
        # lost them, as its claimant tells
        actor = other_side(target, dyad) if target else claimant_iso3
        return (actor or (claimant_iso3 if claimant_iso3 != target else None)), target
    if event_type == "surrender" and first_quantity_side:
        return first_quantity_side, other_side(first_quantity_side, dyad)
    trigger = re.search(r"repelled|surrender|laying down|laid down|gave themselves|captured|taken|took|control|liberat|seiz|attack|shell|strike"
                        r"|struck|crossed|launched|invaded|lost|losses" + (r"|pound|bomb|\bhit\b|fired|target|slammed|tore through"
                                                                            if event_type == "attack" else ""), sentence, re.I)
    before = _parties(sentence[:trigger.start()]) if trigger else []
    if event_type == "attack" and trigger:
        # "In the capital Kyiv, ... a missile hit": a city named where the attack landed is the target, not the attacker.
        before = [a.code for a in find_actors(sentence[:trigger.start()]) if a.code not in MEDIATOR_CODES
                  and not _WHERE.search(sentence[:a.start])]
    if event_type == "capture" and trigger and before and _PASSIVE_BEFORE.search(sentence[:trigger.start()]):
        # "100 Russian soldiers had been taken prisoner", "the Ukrainian servicemen ... were captured": the side named in
        # the passive's subject is the captive; the captor is who the "by" phrase names, else the other side
        by = _BY_AFTER.match(sentence[trigger.end():])
        captor = (_parties(by.group(1)) or [None])[0] if by else None
        captive = before[-1] if before[-1] != captor else other_side(captor, dyad)
        return (captor or other_side(captive, dyad)), captive
    if event_type == "capture":
        # "Units of the Battlegroup Center liberated the settlement", the ministry added: the speaker's side.
        captor = before[-1] if before else other_side(first_quantity_side, dyad) or claimant_iso3
        captive = first_quantity_side or other_side(captor, dyad)
        return captor, captive if captive != captor else other_side(captor, dyad)
    if trigger and trigger.group().lower() == "repelled":
        by = re.search(r"\battacks? by ([^,.]{0,40})", sentence, re.I)
        attacker = (_parties(by.group(1)) or [None])[0] if by else other_side(before[-1], dyad) if before else None
        return attacker, other_side(attacker, dyad)
    if event_type == "attack" and not before and dyad:
        # "In Kyiv, debris from a downed drone fell on a house": a side named only as where it landed is the target
        landed = [a.code for a in find_actors(sentence) if a.code in dyad and _WHERE.search(sentence[:a.start])]
        if landed and len(set(_parties(sentence))) == 1:
            return other_side(landed[0], dyad), landed[0]
    first = before[-1] if before else (_parties(sentence) or [None])[0]
    return first, other_side(first, dyad)


def loss_target(sentence: str, dyad: tuple[str, str] | None, claimant_iso3: str | None) -> str | None:
    verb = re.search(r"\b(?:ha(?:s|ve|d) lost|lost|losses|casualties)\b", sentence, re.I)
    if verb:
        before = _parties(sentence[:verb.start()])
        if before:
            return before[-1]
    return other_side(claimant_iso3, dyad)


def period_start(sentence: str, attack_dates: list[date], published: date | None) -> date | None:
    """Start of the period a loss figure covers: 'since the start of ...', 'since <date>', 'past 24 hours'."""
    since = _SINCE_START.search(sentence)
    if since:
        what = since.group("what").lower()
        if any(word in what for word in ("special military operation", "full-scale", "war", "invasion")):
            return _FULL_SCALE_START
        if attack_dates:
            return attack_dates[0]
    for found in find_dates(sentence, published):
        if found.value and found.precision == 3 and _IN_MONTH.search(sentence[:found.start] + " " + found.text[:7]):
            return found.value.replace(day=1)  # "In October the army lost ...": the month the figures cover
        # "since August 6", "from February 22 to 28", "since the start of the hostilities ... on August 6"
        if found.value and re.search(r"(?:\bsince\b[^,;]{0,60}?|\bfrom\s+)" + re.escape(found.text), sentence, re.I):
            return found.value
    if published and re.search(r"\b(?:past|last|previous) (?:24 hours|day)\b", sentence, re.I):
        return published - timedelta(days=1)
    if published and _WEEK_SPAN.search(sentence):
        return published - timedelta(days=7)  # a weekly summary covers the seven days before its report
    return None


_IN_MONTH = re.compile(r"\b(?:in|during|over|for)\s+\S*$", re.I)
# "over the past week", "during the week", "in the same seven days": the week before the report.
_WEEK_SPAN = re.compile(r"\b(?:past|last|previous) (?:week|seven days)\b|\b(?:over|during|in|for) the (?:same )?(?:week|seven days)\b"
                        r"|\bthe same seven days\b", re.I)


def actor1_sector(sentence: str) -> str | None:
    if re.search(r"\b(?:troops|soldiers|servicemen|military|forces|army|POWs?|prisoners of war)\b", sentence, re.I):
        return "military"
    if re.search(r"\b(?:civilians?|residents)\b", sentence, re.I):
        return "civilian"
    if re.search(r"\b(?:ministry|government|president|kremlin)\b", sentence, re.I):
        return "government"
    return None
