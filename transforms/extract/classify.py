"""Which event kinds a sentence states, and in what modality."""

from __future__ import annotations

import re

__all__ = ["event_types", "event_triggers", "modality", "relative_clause", "background", "OFF_TOPIC"]

# Word-bounded: unbounded, "men" matched inside "documents" and "statement".
_PEOPLE = (r"\b(?:prisoners?(?: of war)?|POWs?|troops|soldiers|servicemen|servicemembers|service members|military personnel"
           r"|personnel|defenders|fighters|warriors|marines|captives|combatants|people|civilians|Russians|Ukrainians|men|women)\b")
# Who can be released: people of any kind, or a captivity word ("held by Russian forces").
_PERSON = re.compile(
    _PEOPLE + r"|\b(?:hostages?|detainees?|children|citizens|nationals|priests?|journalists?|crew|sailors|medics|residents"
    r"|captivity|held captive|detained|detention|abducted|deported|held by)\b", re.I)
# "released a report", "freed resources", "freed the airport": the object is not a person.
_RELEASED_THING = re.compile(
    r"\b(?:released|freed|published)\s+(?:(?:a|an|the|its|their|his|her|new|brief|nearly|about|some|more than)\s+)*"
    r"(?:\w+\s+)?(?:reports?|statements?|documents?|videos?|footage|data|figures|images?|photos?|readouts?|snippets?"
    r"|papers?|information|lists?|details|funds|aid|resources|\$|budgets?|updates?|assessments?|recordings?|transcripts?"
    r"|airport|village|town|city|territory|region|settlement|areas?|land|bridgehead)\b"
    r"|\b(?:reports?|statements?|documents?|videos?|footage|data|figures|readouts?|papers?|assessments?|transcripts?)\b"
    r"(?:\s+\w+){0,4}\s+(?:released|published)\b", re.I)
_EXCLUDE_EXCHANGE = re.compile(
    r"exchange rates?|stock exchange|foreign exchange|currency|exchange of (?:fire|gunfire|views|blows|letters|information|experience)"
    r"|exchanged (?:[\w-]+ ){0,2}(?:fire|gunfire|views|blows|words|greetings|messages|letters|glances)"
    r"|in exchange for (?:money|cash|aid|weapons|sanctions|concessions|parole|pardons?|amnesty|clemency|(?!releasing|freeing|returning|handing|swapping|exchanging)\w+ing\b)", re.I)

# "launched 47 Shahed drones at Ukraine", "fired 287 drones and 61 missiles at Kyiv", "missiles had been fired at the
# region": weapons sent at a target are an attack (how many got through is the air force's loss claim).
_FIRED_AT = (r"\b(?:launched|fired)\s+(?:[\w,-]+\s+){0,6}?(?:drones?|UAVs?|missiles?|rockets?|Shaheds?|bombs?|shells?)\b"
             r"[^.;]{0,60}?\b(?:at|on|against|toward|towards|into)\b|\b(?:been|were|was) fired (?:at|on|against)\b"
             r"|\b(?:been|were|was) launched (?:at|against)\b")  # "since it was launched on June 4" is a date

_TRIGGERS: dict[str, re.Pattern] = {
    "prisoner_exchange": re.compile(
        rf"\b(?:prisoner|POW|captive)s?[- ](?:exchange|swap)|\bswap(?:ped|s|ping)?\b.*{_PEOPLE}|{_PEOPLE}.*\bswap(?:ped)?\b"
        rf"|\bexchange[sd]?\b.*{_PEOPLE}|{_PEOPLE}.*\bin exchange for\b|\b(?:exchange|swap) (?:has |had |have )?(?:taken|took) place\b"
        r"|\bhanded over in exchange\b|\b(?:the|this|its|a) (?:\d+(?:st|nd|rd|th)|latest|new|recent) (?:prisoner |POW )?(?:exchange|swap)\b"
        r"|formula\W+\d+ (?:to|for) \d+|\ball[- ]for[- ]all\b|\b\d+[- ]for[- ]\d+\b|handed over\b.*\breceived\b"
        # "In return, 63 prisoners ... were handed over", "In turn, 31 civilians were handed over": the other half of a swap
        r"|\bin (?:return|turn|exchange)\b,.{0,120}\b(?:handed over|released|freed|transferred|returned)\b"
        r"|\bin (?:return|turn)\b.{0,80}\b(?:handed over|released|freed|transferred|returned)\b"
        r"|\b(?:confirm|announc|welcom|report)\w* the (?:exchange|swap)\b", re.I),
    "prisoner_release": re.compile(
        rf"\b(?:released|freed|set free|returned home|brought (?:back )?home|been returned|were returned|was returned"
        rf"|(?:came|come|coming) home|return(?:ed)? from (?:\w+ )?captivity|(?:the )?return of \d[\d,]* .*captivity|repatriated"
        # "have returned to Ukraine", "have been reunited with their families": people back from the other side
        rf"|(?:have|has|had)(?: been)? returned to (?:Ukraine|Russia|their (?:homeland|families|home country))"
        rf"|(?:have|has|had) been reunited with|(?:were|was) reunited with)\b", re.I),
    "exchange_agreed": re.compile(
        r"\bagree(?:d|ment)? (?:on|to) (?:an? |the )?(?:prisoner |POW )?(?:exchange|swap)|"
        r"\b(?:exchange|swap) (?:deal|agreement)\b", re.I),
    "bodies_repatriation": re.compile(
        r"\b(?:bodies|remains) of (?:[\w-]+ ){0,6}(?:soldiers|servicemen|troops|fallen|defenders|people)\b.*\b(?:repatriat|return|handed|transferred|exchang)"
        r"|\b(?:repatriat\w+|return\w*|handed over|transferred|received)\b.*\b(?:bodies|remains)\b", re.I),
    "capture": re.compile(
        r"\btaken? (?:\w+ ){0,6}(?:captive|prisoner)|\btook (?:\w+ ){0,6}(?:captive|prisoner)|\bcaptured\b"
        # settlements and ground: "took control of", "established full control over", "liberated the settlement of"
        r"|\b(?:took|taken|take|seized|gained|established|establishing) (?:full |complete )?control (?:of|over)\b"
        # "had \"liberated\" the village of Rozdolivka", "capturing a string of border villages"
        r"|\b(?:liberated?|seized|overran|capturing)[\"”’']? (?:the |a |two |three |several |\w+ more )?(?:\w+ ){0,3}"
        r"(?:settlements?|villages?|towns?|city|cities|positions?)\b",
        re.I),
    "surrender": re.compile(
        r"\bsurrender(?:ed|ing|s)?\b(?! (?:nothing|anything|the (?:lead|ball|initiative)|a (?:goal|point|lead))\b)|\blaying down (?:their )?arms\b|\blaid down (?:their )?arms\b|\bgave themselves up\b", re.I),
    "incursion": re.compile(
        r"\b(?:launched|began|started|mounted)\b.*\b(?:incursion|invasion|attack on (?:\w+ )*territory|cross-border (?:attack|raid))\b"
        r"|\b(?:crossed the border|invaded|pushed into|advanced into)\b|\bcross-border (?:offensive|incursion|operation)\b"
        r"|\b(?:launched|began|started|mounted|opened)\b (?:\w+ ){0,3}(?:offensive|attack|assault) (?:on|in|into) (?:the |Russia\S* |Ukraine\S* )?"
        r"(?:\w+ ){0,2}(?:[Rr]egion|[Oo]blast)\b"
        r"|\b(?:troops|forces|units|soldiers)\b[^.;]{0,20}\b(?:had |have |has )?entered\b", re.I),
    # Attacks of every kind (assaults, shelling, air, drone and missile strikes): the kind is the crosswalk's.
    "attack": re.compile(
        r"\b(?:attacked|stormed|assaulted|ambushed|shelled|bombed|bombarded|pounded)\b"
        r"|\b(?:launched|carried out|mounted|repelled|conducted)\b (?:[\w-]+ ){0,6}(?:attacks?|assaults?|offensive|strikes?)\b"
        r"|" + _FIRED_AT +
        r"|\b(?:struck|hit|hitting|targeted|targeting|slammed into|smashed into|tore through|crashed into"
        r"|fired (?:on|at|upon)|opened fire (?:on|at))\b"
        r"(?! (?:a |an |the )?(?:deal|agreement|note|tone|record|chord|balance))", re.I),
    "loss_claim": re.compile(
        r"\b(?:ha(?:s|ve|d) lost|lost (?:up to |more than |over |about |at least )?[\d,]+|losses|casualties|were killed|killed (?:more than |up to |over |about |at least )?[\d,]+|cost (?:\w+ ){1,2}(?:more than |up to |over |about |at least )?[\d,]+|destroyed|eliminated|shot down|downed|intercepted)\b", re.I),
    "mediation": re.compile(r"\bmediat(?:ion|ed|e|or|ors|ing)\b|\bbrokered\b|\bwith the (?:assistance|help|participation) of\b|\bfacilitat(?:ed|ion)\b"
                           # "has offered to host a summit between the two leaders": a third party's good offices
                           r"|\bto host (?:a |the |new |further |another )?(?:\w+ )?(?:meeting|summit|talks|negotiations|round)\b.{0,40}\bbetween\b"
                           r"|\bthank(?:ed|s)?\b.{0,60}\bfor (?:its|their|his|her) (?:efforts|help|assistance|role)\b", re.I),
    "negotiation": re.compile(r"\bnegotiat(?:ion|ions|ing|ed|e|ors)\b|\b(?:peace )?talks (?:between|with|in)\b|\bcontacts between\b"
                              # "face-to-face talks", "the two delegations had previously met", "the sides last met face to face"
                              r"|\b(?:direct|face-to-face|peace|bilateral|trilateral) talks\b|\brounds? of talks\b"
                              r"|\b(?:delegations|sides|negotiators) (?:\w+ )?(?:met|meet|will meet|have met|had met|had previously met)\b"
                              r"|\bmet face to face\b", re.I),
}

# "as a result of difficult negotiations, 46 residents returned": the talks are the means of the event told, not news.
_MEANS_OF = re.compile(r"\b(?:as a (?:result|outcome) of|thanks to|through|following)\s+(?:the\s+)?(?:\w+\s+)?negotiation", re.I)

# A cheap prefilter: a trigger can only match where one of these is (same results, less backtracking).
_NEEDS = {"prisoner_exchange": re.compile(r"exchang|swap|formula|\d[- ]for[- ]\d|all[- ]for[- ]all|handed over|in (?:return|turn)", re.I)}

# Articles about these are not about armed conflict, whatever words they share with it. Swaps of detainees
# between Russia and the West are told apart by their parties (context.is_war_exchange), not by names.
OFF_TOPIC = re.compile(
    r"\b(?:exchange rate|stock exchange|transfer window|football|basketball|Premier League|NBA|NFL|Olympic"
    r"|wrongfully detained|video game|strategy game|gameplay|goalkeeper|midfielder|premiered|cinematographer|screenplay)\b", re.I)

_EXCHANGE_HAPPENED = re.compile(
    r"\bswap|\bexchanged\b|took place|taken place|handed over|\breceived\b|\breturned\b|\breleased\b|\bfreed\b|carried out"
    r"|\bconducted\b|\bheld\b|\bcompleted\b|\bexchange for\b|\d|\b(?:will|to) (?:exchange|swap)\b|\bagreed\b"
    # "Ukraine remains ready for an exchange of prisoners": a wish is a hypothetical exchange, not a mere topic.
    r"|\b(?:ready|willing|prepared) (?:to|for)\b|\bcall(?:s|ed)? for\b|\bpropos|\b(?:confirm|announc|welcom|report)\w* the (?:exchange|swap)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|no|never|n't|too early|refused|denied|rejected|ruled out|failed to|out of the question|cannot|can't)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:ready to|willing to|prepared to|offered to|could|would(?! continue)|might|(?-i:may)(?! \d)|if|proposal|proposed|propose|proposes"
    r"|(?<!became )(?<!made )possible|possibility|hopes? (?:to|for|that)|called for|calls for|urged?|should|requested|requesting|seeks? to|sought to|seeking to|tried to|trying to|attempt(?:ed|ing|s)? to|open to|can lead to|can be|suggest(?:ed|s)?|demands?)\b", re.I)
_AGREED = re.compile(
    r"\b(?:agreed|agreement|will(?! continue)|plans? to|planned|to be (?:exchanged|released|returned|swapped)|expected to|scheduled|set to|is due to|is to take place)\b", re.I)


# "a drone strike damaged port infrastructure", "Ukrainian shelling of the town ... killed two civilians", "came
# under mortar fire": an attack named by a noun is an event when the sentence says what it did; "to protect the
# region from Ukrainian shelling" or "has intensified its drone attacks" is not one attack.
_ATTACK_NOUN = re.compile(
    r"\b(?:(?:drone|missile|air|aerial|rocket|artillery|mortar|bomb|glide[- ]bomb|ballistic[- ]missile)[- ](?:attacks?|strikes?|raids?"
    r"|fire|barrages?)|air ?strikes?|airstrikes?|shelling|bombardment)\b|\bcame under (?:\w+ ){0,2}(?:fire|attack|shelling)\b", re.I)
_ATTACK_EFFECT = re.compile(r"\b(?:kill\w*|wound\w*|injur\w*|damag\w*|destroy\w*|hit|hitting|struck|caus\w*|sparked|set (?:\w+ )?on fire"
                            r"|left \w+ (?:dead|injured)|came under)\b", re.I)
# "struck", "hit", "targeted" are attacks when a weapon or armed force is named with them ("struck a deal" is not).
_ARMED = re.compile(r"\b(?:drones?|UAVs?|missiles?|rockets?|shells?|artillery|bombs?|strikes?|Shahed\w*|Iskander\w*|forces|troops|army"
                    r"|military|units)\b", re.I)
_ATTACK_VERB = re.compile(r"\b(?:attacked|stormed|assaulted|ambushed|shelled|bombed|bombarded|pounded)\b|\b(?:launched|carried out"
                          r"|mounted|repelled|conducted)\b (?:[\w-]+ ){0,6}(?:attacks?|assaults?|offensive|strikes?)\b|" + _FIRED_AT, re.I)


_CASUALTIES = re.compile(r"\b(?:killed|killing|injured|injuring|wounded|wounding|dead|died)\b", re.I)
# "at least 16 people were killed ... after debris and a missile hit a warehouse": civilian dead of an attack, not a
# claim of the enemy's military losses.
_MILITARY_LOSS = re.compile(r"\b(?:soldiers|servicemen|service members|troops|personnel|fighters|militants|terrorists|mercenaries"
                            r"|militaries|marines|paratroopers|officers|tanks?|vehicles|drones|UAVs|aircraft|helicopters|enemy|losses)\b", re.I)


def _attack_at(sentence: str, found: int | None) -> int | None:
    """Offset of the attack a sentence states: an attack verb, a hitting verb with a weapon or force, or an
    attack noun with its effect."""
    verb = _ATTACK_VERB.search(sentence)
    if verb:
        return verb.start()
    if found is not None and (_ARMED.search(sentence) or _CASUALTIES.search(sentence)):
        return found  # "six people were killed ... when a shopping centre and a maternity hospital were hit"
    noun = _ATTACK_NOUN.search(sentence)
    if noun and _ATTACK_EFFECT.search(sentence):
        return noun.start()
    return None


_MILITARY_CAPTURE = re.compile(
    _PEOPLE + r"|\b(?:forces|army|military|city|town|village|settlement|territory|region|positions?|airport|plant|bridge"
    r"|Russian|Ukrainian|Russia|Ukraine|Kyiv|Moscow)\b", re.I)


# Talks of this war name a warring party, or say what they are about.
_WAR_TALKS = re.compile(r"\b(?:peace|ceasefire|cease-fire|truce|warring|both sides|two sides|the sides|delegations?|Istanbul)\b", re.I)


def _war_party(sentence: str) -> bool:
    from transforms.extract.lexicon import find_actors  # local: lexicon is heavier than this module
    return any(a.code in ("RUS", "UKR", "USA") for a in find_actors(sentence))


def _has_third_party(sentence: str) -> bool:
    """A mediation names who mediates: a country or body other than the two warring sides."""
    from transforms.extract.lexicon import find_actors  # local: lexicon is heavier than this module
    return any(a.code not in ("RUS", "UKR") for a in find_actors(sentence))


def _releases_a_person(sentence: str) -> bool:
    """A release trigger with a person or captivity word near it, and no document or place as its object."""
    for match in _TRIGGERS["prisoner_release"].finditer(sentence):
        window = sentence[max(0, match.start() - 100):match.end() + 100]
        if _PERSON.search(window) and not _RELEASED_THING.search(sentence[max(0, match.start() - 60):match.end() + 60]):
            return True
    return False


# "All the released men will undergo ...", "the captured Russian troops would ...": a participle describing
# people already counted, not an event. "did not comment on the surrender reports": no event stated.
_ADJECTIVAL = re.compile(r"\b(?:the|these|those)\s+(?:\w+\s+)?(?:released|freed|captured|exchanged)\s+(?=[a-z])|\bof captured\b"
                         r"|(?<=s)\s+captured\s+(?=(?:in|while|during|near|on|at)\b)", re.I)
# A running tally, not one release: "have been returned ... since the start of the full-scale invasion", "bringing the
# total number of captives released to 3,227" ("the largest swap since the start of the war" compares, it is not a tally).
_CUMULATIVE = re.compile(r"(?<!largest )(?<!biggest )(?<!first )(?<!exchange )(?<!swap )\bsince the (?:start|beginning|outbreak|launch) of\b"
                         r"|\bbringing the total\b|\bin total since\b", re.I)
_NO_COMMENT = re.compile(r"\b(?:did not|didn't|declined to|refused to|would not|could not)\s+(?:immediately\s+)?(?:comment|confirm"
                         r"|verify)\b", re.I)


def event_triggers(sentence: str) -> dict[str, int]:
    """Event kinds the sentence states, each with the offset of its first trigger; exchange-of-fire,
    currency and document-release senses excluded."""
    if _NO_COMMENT.search(sentence) and not re.search(r"\b(?:said|says|reported|announced)\b", sentence):
        return {}
    sentence = _ADJECTIVAL.sub(lambda m: " " * len(m.group()), sentence)
    found = {kind: m.start() for kind, pattern in _TRIGGERS.items()
             if (kind not in _NEEDS or _NEEDS[kind].search(sentence)) and (m := pattern.search(sentence))}
    attack = _attack_at(sentence, found.pop("attack", None))
    if attack is not None:
        found["attack"] = attack
    drop: set[str] = set()
    if "attack" in found and "loss_claim" in found and not _MILITARY_LOSS.search(sentence):
        drop.add("loss_claim")
    if _EXCLUDE_EXCHANGE.search(sentence):
        drop |= {"prisoner_exchange", "exchange_agreed"}
    if "prisoner_exchange" in found and not _EXCHANGE_HAPPENED.search(sentence):
        # "contacts on the issue of prisoner exchange continue": the exchange is a topic, not an event.
        drop.add("prisoner_exchange")
    if re.search(r"\bwithout (?:an? )?exchange\b", sentence, re.I):
        drop.add("prisoner_exchange")
    if "prisoner_release" in found and _CUMULATIVE.search(sentence):
        drop.add("prisoner_release")  # "more than 3,100 Ukrainians have been returned ... since the beginning of the invasion"
    if "prisoner_release" in found and not _releases_a_person(sentence):
        drop.add("prisoner_release")  # "the White House released a readout"
    kept = set(found) - drop
    if kept & {"prisoner_exchange", "prisoner_release", "bodies_repatriation"}:
        # "troops captured by Ukraine ... have been freed": captured describes the people freed.
        drop.add("capture")
    if "prisoner_exchange" in kept:
        drop.add("prisoner_release")  # "a swap took place, when 75 Ukrainians returned home": one event
    if "bodies_repatriation" in kept:
        drop |= {"prisoner_exchange", "prisoner_release"}
    if "incursion" in kept and not re.search(r"\band\b", sentence[min(found["incursion"], found.get("attack", 0)):found.get("attack", 0)]):
        drop.add("attack")  # "crossed the border ... and attacked positions near X": a second predicate, a second event
    if "capture" in kept and not _MILITARY_CAPTURE.search(sentence):
        drop.add("capture")  # "the mood was well captured by ...": not a seizure
    if "negotiation" in kept and _MEANS_OF.search(sentence) and kept & {"prisoner_release", "prisoner_exchange"}:
        drop.add("negotiation")
    if "negotiation" in kept and not _WAR_TALKS.search(sentence) and not _war_party(sentence):
        drop.add("negotiation")  # "negotiating with a Polish publisher", "talks with farmers' unions": not the war's talks
    if "mediation" in kept and not _has_third_party(sentence):
        drop.add("mediation")  # "facilitated arbitrary detention", "with the help of a warlord"
    return {kind: at for kind, at in found.items() if kind not in drop}


def event_types(sentence: str) -> list[str]:
    """Event kinds the sentence states, by trigger (see event_triggers)."""
    return list(event_triggers(sentence))


# A relative clause is its own modality scope: in "Saudi Arabia, which hosted talks last week, has
# offered to mediate", the talks happened and only the mediation is an offer.
_RELATIVE = re.compile(r",\s*(?:which|who|whom|where|whose)\b[^,;]*(?:,|$)", re.I)


def relative_clause(sentence: str, at: int) -> tuple[int, int] | None:
    """The span of the relative clause the offset ``at`` falls in, if any."""
    return next(((m.start(), m.end()) for m in _RELATIVE.finditer(sentence) if m.start() <= at < m.end()), None)


# "had been returned from captivity and would be flown to Moscow": a modal after "and" starts a predicate of its own.
_CONJUNCT = re.compile(r",? and that\b|;\s|, but\b|, while\b|, whereas\b|\band (?=(?:would|will|could|should|might)\b)", re.I)
# "the mediation that made the return of the servicemen possible": it did happen.
_MADE_POSSIBLE = re.compile(r"\b(?:made|makes|make|became) (?:[\w’'-]+ ){0,6}possible\b|\bas (?:they|it|he|she|we) (?:tried|attempted) to\b"
                            r"|\b(?:that|which) (?:could|can)(?:not| not|n't) be (?:independently )?(?:verified|confirmed)\b", re.I)


def _scope(sentence: str, at: int | None) -> str:
    if at is None:
        return sentence
    clauses = [(m.start(), m.end()) for m in _RELATIVE.finditer(sentence)]
    inside = relative_clause(sentence, at)
    if inside:
        return sentence[inside[0]:inside[1]]
    for a, b in reversed(clauses):
        sentence = sentence[:a] + " " * (b - a) + sentence[b:]
    # "had established control over the town, and that an office would be set up there": each conjunct is its own scope.
    cuts = [0] + [m.start() for m in _CONJUNCT.finditer(sentence)] + [len(sentence)]
    a, b = next(((a, b) for a, b in zip(cuts, cuts[1:]) if a <= at < b), (0, len(sentence)))
    return sentence[:a].replace(sentence[:a], " " * a) + sentence[a:b] + " " * (len(sentence) - b)


# "since Russia launched its invasion", "six months after Russia invaded", "in the 18th century": the
# event is the background of the story, not news.
_BACKGROUND = re.compile(r"\b(?:since|after|before|until)\b[^,;]{0,40}$", re.I)
_PAST = re.compile(r"\bcentury\b|\bin (?:late |early |mid-)?(?:1[89]\d\d|200\d|201[0-3])\b", re.I)
_AGO = re.compile(r"^[^,;]{0,50}\b(?:ago|years? earlier)\b", re.I)


def background(sentence: str, at: int) -> bool:
    """An invasion or capture the sentence mentions as the war's background ("since Russia launched its invasion")."""
    clause = _scope(sentence, at)
    return bool(_BACKGROUND.search(clause[:at] if len(clause) == len(sentence) else clause)
                or _PAST.search(clause) or _AGO.search(sentence[at:]))


def modality(sentence: str, at: int | None = None) -> str:
    """realised unless the clause of the trigger at ``at`` (default: the whole sentence) marks the event
    as negated, hypothetical or agreed/planned."""
    clause = _MADE_POSSIBLE.sub(" ", _scope(sentence, at))
    if _HYPOTHETICAL.search(clause):
        return "hypothetical"
    if _NEGATED.search(clause):
        return "negated"
    if _AGREED.search(clause):
        return "agreed"
    return "realised"
