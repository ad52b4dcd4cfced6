"""Which event kinds a sentence states: trigger phrases (triggers.py) less the other senses of their words
(other_senses.py). Modality is modality.py's."""

from __future__ import annotations

import re

from transforms.extract.other_senses import (
    ADJECTIVAL, BODY_NAME, CAPTURED_PRIZE, GENERIC_HABIT, COURT_RELEASE, CUMULATIVE, EXCHANGE_HAPPENED, EXCLUDE_EXCHANGE, HABITUAL_MEDIATION, MEDIATION_RECORD,
    HABITUAL, HOMECOMING, MEANS_OF, MILITARY_CAPTURE, MILITARY_LOSS, NEGOTIATED_RETURN, NO_COMMENT, NOT_HELD, SURRENDER_APPEAL, TALKS_AGREED_AT, UNSTATED_COUNT, each_swap, generic_swaps, cumulative_swaps, OTHER_WAR,
    PEOPLE_CAPTURED, WAR_TALKS, YEARS_AFTER, has_third_party, releases_a_person, war_party)
from transforms.extract.triggers import NEEDS, TRIGGERS, attack_at

__all__ = ["event_types", "event_triggers", "THIRD_PARTY_VISIT"]

_STILL_REPELLING = re.compile(r"\b(?:fighting|trying|struggling|battling|working|continu\w+)\b[^.;]{0,40}?\bto (?:repel|repulse|push back"
                              r"|drive out|expel|contain)\b", re.I)
_UNARMED_DEAD = re.compile(r"\b(?:prisoners|POWs|captives|detainees|civilians|children|residents)\b[^.;]{0,40}\b(?:were|was|been) killed\b", re.I)


_RAIDING_GROUP = re.compile(r"\b(?:sabotage|reconnaissance|raiding)(?: and reconnaissance)? groups?\b", re.I)


_WELCOME_TEAMS = re.compile(r"\bto (?:host|welcome|receive) (?:the |both |their )?(?:[\w-]+ (?:and [\w-]+ )?)?"
                            r"(?:negotiating teams|negotiators|delegations)\b", re.I)
# "ready to act as a venue and an intermediary for negotiations ... and to help with the exchange of prisoners": offers
BODIES_SWAP = re.compile(r"\d[\"”]?\s+(?:exchange|swap) of (?:the )?(?:bodies|remains)\b", re.I)
_HOST_OFFER = re.compile(r"\bto (?:host|provide (?:a |the |its )?(?:platform|venue) for|offer (?:a |the |its )?(?:platform|venue) for"
                         r"|act as (?:a |an )?(?:[\w-]+ (?:and (?:a |an )?)?){0,3}?(?:venue|intermediary|mediator|go-between)"
                         r"|help (?:with|in) (?:the )?(?:exchanges?|swaps?|release|repatriation) of)\b", re.I)


# A whole year's tally: "freed in 2023", "during the whole of 2024" (a month or day named with it dates one release).
_YEAR_TOTAL = re.compile(r"\b(?:in|during|throughout|over) (?:(?:the )?(?:whole|entire|course) (?:of )?)?(?:19|20)\d\d\b(?!\s*[-–/])", re.I)
# Talks named as a way or a topic, not held: "must be settled through negotiations", "neither side speaks of peace talks",
# "is not a party to the negotiations", "described the negotiations as".
_TALKS_AS_MEANS = re.compile(r"\b(?:(?:settled|resolved|ended|solved|end|settle|resolve)\s+(?:only\s+)?(?:through|by|via|at)"
                             r"|(?:speaks?|spoke|speaking|talks?|talked|talking) (?:of|about)|(?:a|any) party to|described)"
                             r"\s+(?:the\s+|peace\s+|direct\s+|any\s+)*(?:negotiations?|talks)\b", re.I)
# "in the first weeks of the invasion", "since the start of the invasion": the invasion as a time
_INVASION_AS_TIME = re.compile(r"\b(?:days|weeks|months|years?|start|beginning|outset|early days|anniversary) of (?:the |Russia's )?"
                               r"(?:full-scale |large-scale |Russian )?invasion\b", re.I)
# "soldiers captured in 2022": the year of their capture, not of the release
_HELD_SINCE = re.compile(r"\b(?:captur\w*|taken|detained|held|seized|imprisoned|arrested|abducted|deported)\s+$", re.I)


def _year_tally(sentence: str) -> bool:
    return not _MONTH.search(sentence) and any(not _HELD_SINCE.search(sentence[max(0, m.start() - 25):m.start()])
                                               for m in _YEAR_TOTAL.finditer(sentence))


_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b", re.I)

THIRD_PARTY_VISIT = re.compile(
    r"\b(?:envoy|emissary)\b[^.;]{0,100}?\b(?:visited|travell?ed (?:on )?to|arrived in|ended an? (?:\w+-day )?visit to|met)\b"
    r"[^.;]{0,60}?\b(?:Kyiv|Kiev|Moscow|Kremlin|Putin|Zelensk\w*)\b"
    r"|\bshuttled? between (?:Moscow and (?:Kyiv|Kiev)|(?:Kyiv|Kiev) and Moscow)\b"
    # "sent the cardinal on a peace mission that took him to Kyiv and then to Moscow"
    r"|\b(?:peace|mediation) mission\b[^.;]{0,60}?\b(?:to|in)\b[^.;]{0,40}?\b(?:Kyiv|Kiev|Moscow)\b", re.I)
_SIDES_ENVOY = re.compile(r"\b(?:US|U\.S\.|American|White House|Trump\w*|Russian|Ukrainian|Kremlin)\b")


def event_triggers(sentence: str) -> dict[str, int]:
    """Event kinds the sentence states, each with the offset of its first trigger; exchange-of-fire,
    currency and document-release senses excluded."""
    if NO_COMMENT.search(sentence) and not re.search(r"\b(?:said|says|reported|announced)\b", sentence):
        return {}
    if OTHER_WAR.search(sentence):
        return {}
    original = sentence
    sentence = ADJECTIVAL.sub(lambda m: " " * len(m.group()), sentence)
    sentence = BODY_NAME.sub(lambda m: " " * len(m.group()), sentence)
    found = {kind: m.start() for kind, pattern in TRIGGERS.items()
             if (kind not in NEEDS or NEEDS[kind].search(sentence)) and (m := pattern.search(sentence))}
    attack = attack_at(sentence, found.pop("attack", None))
    if attack is not None:
        found["attack"] = attack
    envoy = THIRD_PARTY_VISIT.search(sentence)
    if envoy and not _SIDES_ENVOY.search(sentence[max(0, envoy.start() - 40):envoy.start() + 30]):
        # "the papal envoy visited Kyiv and Moscow", "X has shuttled between Moscow and Kyiv": a third party going to the
        # sides is mediation (its meetings there are not the sides' talks); a US envoy's talks in Moscow are the US's own
        found.setdefault("mediation", envoy.start())
        found.pop("negotiation", None)
    third_party_visit = envoy is not None and "mediation" in found
    drop: set[str] = set()
    if "attack" in found and "loss_claim" in found and not MILITARY_LOSS.search(sentence):
        drop.add("loss_claim")
    if "loss_claim" in found and _UNARMED_DEAD.search(sentence) and not MILITARY_LOSS.search(sentence):
        drop.add("loss_claim")  # "at least 50 prisoners were killed": the dead of an attack on captives, not combat losses
    if EXCLUDE_EXCHANGE.search(sentence):
        drop |= {"prisoner_exchange", "exchange_agreed"}
    if "prisoner_exchange" in found and not EXCHANGE_HAPPENED.search(sentence):
        # "contacts on the issue of prisoner exchange continue": the exchange is a topic, not an event.
        drop.add("prisoner_exchange")
    if "prisoner_exchange" in found and (generic_swaps(sentence, found["prisoner_exchange"])
                                         or cumulative_swaps(sentence, found["prisoner_exchange"]) or each_swap(sentence)):
        drop.add("prisoner_exchange")
    if re.search(r"\bwithout (?:an? )?exchange\b", sentence, re.I):
        drop.add("prisoner_exchange")
    if "prisoner_release" in found and CUMULATIVE.search(sentence):
        drop.add("prisoner_release")  # "more than 3,100 Ukrainians have been returned ... since the beginning of the invasion"
    if "prisoner_release" in found and _year_tally(original):
        drop.add("prisoner_release")  # "more than 900 Ukrainians were freed in 2023": a year's tally, not a release
    if "prisoner_release" in found and not releases_a_person(sentence):
        drop.add("prisoner_release")  # "the White House released a readout"
    if "prisoner_release" in found and COURT_RELEASE.search(sentence):
        drop.add("prisoner_release")
    if "incursion" in found and _STILL_REPELLING.search(sentence):
        drop.add("incursion")  # "forces were fighting for a third day to repel a cross-border incursion": one under way
    if "incursion" in found and HOMECOMING.search(original):
        drop.add("incursion")
    if "negotiation" in found and NEGOTIATED_RETURN.search(sentence):
        drop.add("negotiation")
    # a habit ("shelled almost daily"), the talks an earlier deal
    # came from, an appeal to surrender: none is an event (loss claims over a span are claims: period_start)
    if HABITUAL.search(sentence):
        # "negotiators repeatedly demanded ...", "enquiries each month from soldiers seeking to surrender": a habit
        drop |= {"attack", "incursion", "negotiation", "surrender"}
    if GENERIC_HABIT.search(sentence):
        drop |= {"negotiation", "prisoner_exchange", "bodies_repatriation"}
    if (held := PEOPLE_CAPTURED.search(sentence)) and held.start() <= found.get("capture", -1) < held.end():
        drop.add("capture")  # "the return of specific servicemen captured during the Kursk operation": who, not an event
    for talks in TALKS_AGREED_AT.finditer(sentence):
        drop |= {kind for kind in ("negotiation", "exchange_agreed") if talks.start() <= found.get(kind, -1) < talks.end()}
    if "surrender" in found and (appeal := SURRENDER_APPEAL.search(sentence)) and appeal.end() <= found["surrender"]:
        drop.add("surrender")
    if "exchange_agreed" in found and 0 <= found.get("prisoner_exchange", -1) - found["exchange_agreed"] <= 60:
        drop.add("prisoner_exchange")  # "agreeing to a large prisoner exchange": the exchange is what was agreed
    if UNSTATED_COUNT.search(sentence):
        # "It does not disclose how many of them have surrendered": what is not said is no event, not a denial
        drop |= {"surrender", "capture", "loss_claim", "prisoner_release"}
    for span in YEARS_AFTER.finditer(sentence):
        drop |= {kind for kind in ("incursion", "attack", "capture") if span.start() <= found.get(kind, -1) < span.end()}
    kept = set(found) - drop
    if kept & {"prisoner_exchange", "prisoner_release", "bodies_repatriation"}:
        # "troops captured by Ukraine ... have been freed": captured describes the people freed.
        drop.add("capture")
    if "prisoner_exchange" in kept:
        drop.add("prisoner_release")  # "a swap took place, when 75 Ukrainians returned home": one event
    if "bodies_repatriation" in kept:
        # "the bodies of 212 soldiers, most of whom were killed in ...": the dead are the bodies returned, not a loss claim
        drop |= {"prisoner_exchange", "prisoner_release", "loss_claim"}
        if BODIES_SWAP.search(sentence) and not re.search(r"\b(?:prisoners|POWs|captives)\b", sentence, re.I):
            drop.add("exchange_agreed")  # 'agreed on a "6,000 for 6,000" exchange of bodies': the agreed return of bodies
    if "incursion" in kept and (not re.search(r"\band\b", sentence[min(found["incursion"], found.get("attack", 0)):found.get("attack", 0)])
                                or _RAIDING_GROUP.search(sentence)):
        # "crossed the border ... and attacked positions near X": a second predicate, a second event; but a sabotage
        # group that "crossed into the region and opened fire on a car" is one raid, its shooting the raid's harm
        drop.add("attack")
    if "capture" in kept and (not MILITARY_CAPTURE.search(sentence) or CAPTURED_PRIZE.search(sentence)):
        drop.add("capture")  # "the mood was well captured by ...", "captured the title": not a seizure
    for offer in _HOST_OFFER.finditer(sentence):
        start, end = offer.start(), offer.end() + re.match(r"[^.;]{0,60}", sentence[offer.end():]).end()
        if "mediation" in kept and start <= found.get("negotiation", -1) < end:
            drop.add("negotiation")  # "ready to host talks between Russia and Ukraine": a third party's offer, not talks
        if "mediation" in kept and start <= found.get("prisoner_exchange", -1) < end:
            drop.add("prisoner_exchange")  # "ready to help with the exchange of prisoners": an offer of help, not a swap
    if "negotiation" in kept and (talk := _TALKS_AS_MEANS.search(sentence)) and talk.start() <= found["negotiation"] < talk.end():
        drop.add("negotiation")  # "must be ended through negotiations", "nobody speaks of talks": talks as an idea
    if "incursion" in kept and _INVASION_AS_TIME.search(sentence) and not TRIGGERS["incursion"].search(
            _INVASION_AS_TIME.sub(lambda m: " " * len(m.group()), sentence)):
        drop.add("incursion")  # "the swaps began in the first weeks of the invasion": the invasion dates what began
    if "negotiation" in kept and _WELCOME_TEAMS.search(sentence):
        drop.add("negotiation")  # "confirmed his availability to welcome the negotiating teams": a host's offer, not talks
    if "negotiation" in kept and MEANS_OF.search(sentence) and kept & {"prisoner_release", "prisoner_exchange"}:
        drop.add("negotiation")
    if "negotiation" in kept and not WAR_TALKS.search(sentence) and not war_party(sentence):
        drop.add("negotiation")  # "negotiating with a Polish publisher", "talks with farmers' unions": not the war's talks
    for held in NOT_HELD.finditer(sentence):
        # the kind's first trigger lies inside the frame: the talks or swaps are a state of affairs, not an event
        drop |= {kind for kind in ("negotiation", "prisoner_exchange") if held.start() <= found.get(kind, -1) < held.end()}
    if "mediation" in kept and HABITUAL_MEDIATION.search(sentence):
        drop.add("mediation")
    if MEDIATION_RECORD.search(sentence):
        drop |= {"mediation", "negotiation"}
    if "mediation" in kept and not has_third_party(sentence) and not third_party_visit:
        # "facilitated arbitrary detention", "with the help of a warlord"; an envoy visiting both sides is a third party
        # even when the sentence names only the person ("His peace envoy, Cardinal X, visited Kyiv and Moscow")
        drop.add("mediation")
    return {kind: at for kind, at in found.items() if kind not in drop}


def event_types(sentence: str) -> list[str]:
    """Event kinds the sentence states, by trigger (see event_triggers)."""
    return list(event_triggers(sentence))
