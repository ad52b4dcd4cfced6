"""What each number in an event sentence counts: whose people or equipment, which item, which basis."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.extract.dates import find_dates
from transforms.extract.lexicon import find_actors
from transforms.extract.numbers import Number, find_numbers
from transforms.extract.other_senses import TALKS_AGREED_AT

__all__ = ["Quantity", "sentence_quantities", "casualty_quantities", "HISTORICAL_DAYS"]

# An event dated this many days or more before publication is background, not news.
HISTORICAL_DAYS = 14

_ITEMS = [
    ("civilians", r"civilians?|residents|children|hostages|citizens"),
    ("bodies", r"bodies|remains"),
    ("apc_ifv", r"armou?red personnel carriers?|APCs?|infantry fighting vehicles?|IFVs?|armou?red (?:combat |fighting )?vehicles?"),
    ("artillery", r"artillery(?: pieces| guns| systems)?|howitzers?|field guns?|mortars?|MLRS|(?:multiple )?(?:launch )?rocket launchers?"),
    ("helicopters", r"helicopters?"),
    ("aircraft", r"(?:fighter |combat )?(?:aircraft|planes?|airplanes?|aeroplanes?|jets?|warplanes?)"),
    ("uav", r"drones?|UAVs?|unmanned aerial vehicles?"),
    ("ships", r"ships?|boats?|vessels?|warships?"),
    ("tanks", r"tanks?"),
    ("vehicles", r"vehicles?|trucks?|cars?|pickups?"),
    ("equipment", r"units of (?:military )?(?:equipment|hardware)|(?:military )?equipment|weapons?|hardware"),
    ("personnel", r"troops|soldiers|servicemen|service ?members|(?:military )?personnel|prisoners(?: of war)?|POWs?"
                  r"|fighters|militants|defenders|marines|captives|combatants|people|persons|men|Russians|Ukrainians|military"
                  # the Russian MoD's names for Ukrainian troops ("more than 70 Ukrainian nationalists were destroyed")
                  r"|occupiers|invaders|casualties|nationalists|terrorists|saboteurs|mercenaries"),
]
_STOP = r"(?!(?:to|for|in|and|from|by|with|on|at|each|were|was|have|has|had)\b)"
_ITEM_AFTER = re.compile(
    r"^\s*(?:" + _STOP + r"[\w’'-]+\s+){0,3}?(?:" + "|".join(f"(?P<{name}>(?:{pat})\\b)" for name, pat in _ITEMS) + ")",
    re.IGNORECASE,
)
# "173 to 173", "75-for-75"; "soldiers aged 18 to 25" is an age range, not a swap formula.
# "to exchange 500 prisoners for 500": the people named between the two figures.
# "175 prisoners were swapped for 175": the formula spelled out with its verb; "1,000 prisoners of war for 1,000" too.
_FORMULA = re.compile(r"(?<!aged )(?<!ages )(?<!age )\b(\d[\d,]*)\s*(?:(?:prisoners(?: of war)?|POWs|captives|servicemen|soldiers)\s+)?"
                      r"(?:(?:(?:were|was|have been|had been)\s+)?(?:swapped|exchanged|traded)\s+)?"
                      r"(?:to|for|-for-|–for–)\s*(\d[\d,]*)\b(?!\s*(?:years|days|hours|months|%|per))")
_OF_BODIES = re.compile(r"\W*(?:[\w-]+\s+){0,2}?(?:exchange|swap|handover|repatriation) of (?:the )?(?:bodies|remains)\b", re.I)
_PART_OF = re.compile(r"\b(?:stage|part|round|phase|portion|batch) of (?:the|a|an|this) $", re.I)
_COREFERENCE = re.compile(r"\b(?:these|those|the same|the)\s+$", re.I)
_PART = re.compile(r"\b(?:additional|another|further|other|more|a further|separately|plus|as well as)\s+$", re.I)
# "31 wounded Ukrainians who were exchanged for 15 Russians": the counterpart of the figure before it.
_COUNTERPART = re.compile(r"\b(?:in exchange|exchanged|in return|swapped|traded)\s+for\s+$", re.I)
# "bringing the number sent to Russia to 56": a stated total, whose side the words between may name.
_BRINGING = re.compile(r"\bbringing (?:the )?(?:total|number|tally|figure)\b(?P<mid>[^,;]{0,50}?)\s+to\s+$", re.I)
_GIVER = re.compile(r"\b(?P<who>Russia|Ukraine|Moscow|Kyiv|Kiev)\b[^.;]{0,60}?\b(?:hand|handed|handing|return|returned)\s+over\s+"
                    r"(?:(?:more than|about|some|up to|over|another|at least)\s+)?$", re.I)
BRINGING_TOTAL = re.compile(r"\bbringing (?:the )?(?:total|number|tally|figure)\b", re.I)
_AND_ONE_NAMED = re.compile(r"^\s+and\s+(?:a\s+|an\s+|the\s+)?((?:[\w-]+\s+){0,3}?(?:politician|lawmaker|legislator|oligarch"
                            r"|businessman|priest|journalist|activist|blogger|mayor|MP)\b"
                            # "55 prisoners and Viktor Medvedchuk, a pro-Kremlin politician"
                            r"|[A-Z][\w-]+\s+[A-Z][\w-]+,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:politician|lawmaker|oligarch|businessman"
                            r"|priest|journalist|activist|blogger|mayor|MP)\b)")
_BARE_RECEIVED = re.compile(r"(?:^|[;,]\s*|\band\s+)(?P<who>Russia|Ukraine|Moscow|Kyiv|Kiev|the Russian side|the Ukrainian side)\s+"
                            r"(?:received|got back|took back)\s+(?:(?:more than|about|some|over|at least)\s+)?$", re.I)
# "after the previous exchange, in which 75 prisoners from each side were released": another swap's figures.
_EARLIER_SWAP = re.compile(r"\b(?:previous|last|earlier|prior|preceding) (?:prisoner )?(?:exchange|swap)\b[^.;]*$", re.I)
# '"Another 103 of our defenders are home," the president wrote': "another" counts this batch after earlier swaps; the
# figure is the whole of what the side received, not an addition to a figure already told.
# ('"Today, another 303 defenders have returned home," the president wrote': the same, told with "returned home")
_HOME_FORMULA = re.compile(r"^\s*(?:more\s+)?(?:of (?:our|them)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:are|is) (?:now |back )?home"
                           r"|(?:have|has) (?:now )?(?:returned|come|been brought) (?:back )?home)\b", re.I)
_IN_ADDITION = re.compile(r"^\W*(?:in addition|additionally|also|besides)\b", re.I)
_EACH_AFTER = re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?each\b|^\s*(?:[\w’'-]+\s+){0,3}?on (?:each|both) sides?\b"
                         r"|^\s*(?:[\w’'-]+\s+){0,6}?(?:by|from) each side\b", re.I)
_HELD_BY = re.compile(r"^\W*(?:[\w’'-]+\s+){0,3}?(?:who (?:had been|have been|has been|were|was) )?"
                      r"(?:held|detained|kept|imprisoned)(?: captive)? (?:by|in) (?:the )?(?P<who>[A-Z][\w’'-]+)(?! and\b)")
_FROM_CAPTIVITY = re.compile(r"\bfrom (?P<who>\w+) captivity|\bcaptured by (?:the )?(?P<by>[\w ]{1,40}?)\b(?:during|in|and|who|$|,)", re.I)


# "has lost part of its territory ... and now sees 150,000 Russian troops": a new predicate after the
# loss verb, so the number is not a loss.
_LOSS_VERB = re.compile(r"\b(?:lost|losses|lose|cost|killed|eliminated|destroyed|shot down|downed|intercepted|casualties)\b", re.I)
_NEW_PREDICATE = re.compile(r"\b(?:and|but|while|whereas)\b[^,;]{0,30}?\b(?:sees|see|has|have|is|are|was|were|says"
                            r"|said|sent|sends|deployed|keeps|holds|stationed|massed)\b", re.I)


def _since_loss_verb(sentence: str, at: int) -> str:
    """The text between the last loss verb before ``at`` and ``at`` ('' when the number precedes the verb)."""
    verbs = [m for m in _LOSS_VERB.finditer(sentence[:at])]
    return sentence[verbs[-1].end():at] if verbs else ""


@dataclass(frozen=True)
class Quantity:
    value: int
    qualifier: str
    text: str
    start: int           # offset within the sentence
    item: str
    side: str | None
    basis: str           # stated, each, part (the counterpart of a figure before it), addition ("another 20")


def _item(after: str) -> str | None:
    match = _ITEM_AFTER.match(after)
    if not match:
        return None
    return next(name for name, _ in _ITEMS if match.group(name))


def _nationality(window: str) -> str | None:
    actors = [a.code for a in find_actors(window) if a.code not in ("ICRC", "UN", "VAT")]
    return actors[0] if actors else None


def _nearest_nationality(window: str) -> str | None:
    """The side named last before a number: "Ukraine's General Staff said Russia had lost 480" counts Russia's."""
    actors = [a.code for a in find_actors(window) if a.code not in ("ICRC", "UN", "VAT")]
    return actors[-1] if actors else None


def _other(side: str | None, dyad: tuple[str, str] | None) -> str | None:
    if not dyad or side not in dyad:
        return None
    return dyad[1] if side == dyad[0] else dyad[0]


# "soldiers killed in the explosion ... in July were returned", "civilians detained in 2022 came home": the date of what
# befell the people counted, not of their return
_DEED_BEFORE = r"|\b(?:killed|died|captured|detained|abducted|taken prisoner|deported)\b[^,;]{0,60}$"


def _is_historical(segment: str, published: date | None) -> bool:
    if published is None:
        return False
    cutoff = published - timedelta(days=HISTORICAL_DAYS)
    # "held in Russian detention since 2022", "the largest swap since the war began in February 2022": the start of a
    # duration, not the date of the event counted
    return any(d.value is not None and d.value < cutoff
               and not re.search(r"\bfrom\s+$|\bsince\b[^,;]{0,40}$" + _DEED_BEFORE, segment[:d.start], re.I)
               and not re.search(r"\bsince\b", d.text, re.I)
               for d in find_dates(segment, published))


_HANDED_TO = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:were|was|have been|had been|are|being)\s+"
                        r"(?:handed|returned|transferred|repatriated|sent|brought)(?:\s+(?:over|back|home))?\s+to\s+"
                        r"((?:the\s+)?[\w’'-]+(?:\s+side)?)", re.I)


# "Russia, according to the headquarters, received the bodies of 38": the source named between subject and verb
# "The Russian side, in turn, received the bodies of 37": the side named as the subject, "in turn" between
_RECEIVED_BY = re.compile(r"\b(?P<who>(?:Ukraine|Russia|Kyiv|Moscow)(?:’s|'s)?|the (?:Russian|Ukrainian) side)"
                          r"(?:,\s*according to [^,]{1,50},|,?\s+in turn,?)?\s+(?:has |have |had )?"
                          r"(?:received|got back|took back)\s+"
                          r"(?:the\s+)?(?:(?:bodies|remains)\s+of\s+)?$", re.I)


def _side(number: Number, sentence: str, item_end: int, dyad: tuple[str, str] | None, default: str | None) -> str | None:
    """Whose people a number counts: a nationality word by the noun, else captivity phrasing, else default."""
    before = sentence[max(0, number.start - 30):number.start]
    after = sentence[number.end:item_end + 40]
    head = re.split(r"\b(?:to|in exchange|and|who|from)\b", sentence[number.end:item_end + 1], maxsplit=1)[0]
    own = _nationality(head)
    # "while 78 bodies were handed to Russia", "40 were returned to the Ukrainian side": the receiver named after the
    # noun outweighs a nationality in the clause before the number
    receiver = None if own else _HANDED_TO.match(sentence[item_end:item_end + 60])
    own = own or (_nationality(receiver.group(1)) if receiver else None) \
        or _nearest_nationality(re.sub(r".*\b(?:hand(?:ed|ing|s)? over|released|freed|returned)\b", "", before))
    if own:
        return own
    # "the release of 215 people held by Russia": people held by one side are returned to the other
    held = _HELD_BY.match(sentence[number.end:])
    if held and dyad and _nationality(held.group("who")):
        return _other(_nationality(held.group("who")), dyad)
    # "Moscow said it is ready to hand over more than 6,000 bodies": the giver's people go to the other side
    giver = _GIVER.search(sentence[max(0, number.start - 100):number.start])
    if giver and dyad and _nationality(giver.group("who")):
        return _other(_nationality(giver.group("who")), dyad)
    # "Ukraine has received the bodies of 6,057 people": the subject that received them
    received = _RECEIVED_BY.search(sentence[max(0, number.start - 110):number.start])
    if received and _nationality(received.group("who")):
        return _nationality(received.group("who"))
    # "146 prisoners of war of the Armed Forces of Ukraine": past "of war", the "of" phrase may name a force
    of_side = re.match(r"^\s*(?:[\w’'-]+\s+){0,3}?of (?:war of )?(?:the )?((?:[A-Z][\w’'-]*\s+(?:of\s+)?){0,3}\w+)", after)
    if of_side and _nationality(of_side.group(1)):
        return _nationality(of_side.group(1))
    captivity = _FROM_CAPTIVITY.search(sentence)
    if captivity:
        captor = _nationality(captivity.group("who") or captivity.group("by") or "")
        return _other(captor, dyad) or default
    return default


# "shot down 25 of the 28 Shahed drones": the first number counts the item named after the second.
_OF_TOTAL = re.compile(r"^\s*(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+|all\s+)?[\d,]+\s+", re.I)
# "Air defence units downed 39 of them": the item of the previous sentence's number.
_OF_THEM = re.compile(r"^\s*(?:out\s+)?of\s+(?:them|these|those)\b", re.I)
_OF_WHICH = re.compile(r"\b(?:out\s+)?of\s+(?:which|them|these)\s+(?:only\s+|just\s+|some\s+|about\s+)?$", re.I)
# "fired 287 drones and 61 missiles at Kyiv ..., 239 drones ... had been shot down": what was launched is not lost.
_LAUNCHED = re.compile(r"\b(?:fired|launched|sent|used|attacked (?:\w+ ){0,3}with)\b", re.I)


def _launched_not_lost(prefix: str) -> bool:
    launch = [m.end() for m in _LAUNCHED.finditer(prefix)]
    lost = [m.end() for m in _LOSS_VERB.finditer(prefix)]
    # only the launch verb's own object: "fired 287 drones and 61 missiles", not "launched 49 drones, the air force
    # said 29 were shot down"
    return bool(launch) and (not lost or launch[-1] > lost[-1]) and len(prefix[launch[-1]:].split()) <= 8 \
        and not re.search(r"[,;:]|\b(?:said|says|that|which|of which|while)\b", prefix[launch[-1]:])


def antecedent_item(sentence: str | None) -> str | None:
    """The item of the last counted thing in a sentence ("47 Shahed-type attack drones" -> uav)."""
    items = [_item(sentence[n.end:]) for n in find_numbers(sentence or "")]
    items = [i for i in items if i]
    return items[-1] if items else None


def sentence_quantities(sentence: str, *, role: str, published: date | None, dyad: tuple[str, str] | None,
                        default_side: str | None, antecedent: str | None = None, current: bool = False) -> list[Quantity]:
    """Numbers in the sentence that count people or equipment, with side and basis; ``antecedent`` is the
    item "N of them" refers to; ``current``: counting for the story's own (not an earlier) swap."""
    found: list[Quantity] = []
    numbers = find_numbers(sentence)
    taken: set[int] = set()
    for formula in _FORMULA.finditer(sentence):
        if _PART_OF.search(sentence[:formula.start()]):
            taken.update({formula.start(1), formula.start(2)})  # "the third stage of the 1,000-for-1,000 deal": the whole's figure
            continue
        if dyad and role == "returned_to":
            # 'a "6,000 for 6,000" exchange of bodies': the formula counts bodies
            item = "bodies" if _OF_BODIES.match(sentence[formula.end():]) else "personnel"
            for side, group in zip(dyad, (1, 2)):
                value = int(formula.group(group).replace(",", ""))
                found.append(Quantity(value, "exact", formula.group(group), formula.start(group), item, side, "each"))
            taken.update({formula.start(1), formula.start(2)})
    previous_side: str | None = None
    for index, number in enumerate(numbers):
        if number.start in taken:
            continue
        after = sentence[number.end:]
        item = _item(after)
        if item is None and (of_total := _OF_TOTAL.match(after)):
            item = _item(after[of_total.end():])
        elif item is None and _OF_THEM.match(after):
            item = antecedent
        elif item is None and _OF_WHICH.search(sentence[:number.start]):
            item = antecedent_item(sentence[:number.start])  # "launched 94 drones, of which 71 were shot down"
        if role == "lost" and _launched_not_lost(sentence[:number.start]):
            continue
        if re.search(r"\b(?:bodies|remains) of\s+$", sentence[:number.start], re.I) and item == "personnel":
            item = "bodies"  # "the bodies of 502 fallen defenders"
        if role == "lost" and item == "personnel" and re.match(r"\W*(?:[\w’'-]+\s+){0,3}?(?:people|men|women)\b", after, re.I):
            item = "civilians"  # "five people were killed in strikes": casualties of an attack, not military losses
        received = _BARE_RECEIVED.search(sentence[:number.start]) if role == "returned_to" and item is None else None
        if received and _nationality(received.group("who")) and not re.match(r"\s*(?:years?|days?|%|percent)\b", after):
            # "Ukraine brought home 230 people; Russia received 248.": the receiver's figure without its noun
            found.append(Quantity(number.value, number.qualifier, number.text, number.start, "personnel",
                                  _nationality(received.group("who")), "stated"))
            continue
        bringing = _BRINGING.search(sentence[:number.start]) if role == "returned_to" and item is None else None
        if bringing:
            side = _nationality(bringing.group("mid")) or previous_side
            found.append(Quantity(number.value, number.qualifier, number.text, number.start, "personnel", side, "stated"))
            continue
        if item is None or number.value <= 0 or (role == "lost" and item == "civilians"):
            continue
        if role == "lost" and _NEW_PREDICATE.search(_since_loss_verb(sentence, number.start)):
            continue
        next_start = numbers[index + 1].start if index + 1 < len(numbers) else len(sentence)
        # "... handed to Russia, completing the repatriation agreed at talks earlier this month": the talks' date
        if _is_historical(TALKS_AGREED_AT.sub(" ", sentence[number.end:next_start]), published):
            continue
        prefix = sentence[:number.start]
        if _COREFERENCE.search(prefix):
            continue  # "these 75 soldiers": a number already counted
        if role == "returned_to" and current and _EARLIER_SWAP.search(prefix):
            continue
        item_end = number.end + (_ITEM_AFTER.match(after).end() if _ITEM_AFTER.match(after) else 0)
        if role == "returned_to" and _COUNTERPART.search(prefix) and previous_side:
            side, basis = _other(previous_side, dyad), "part"
        else:
            side = _side(number, sentence, item_end, dyad, default_side)
            basis = ("addition" if (_PART.search(prefix) or _IN_ADDITION.match(sentence)) and not _HOME_FORMULA.match(after)
                     else "stated")
        if role == "returned_to" and _EACH_AFTER.match(after) and dyad:
            for each_side in dyad:
                found.append(Quantity(number.value, number.qualifier, number.text, number.start, item, each_side, "each"))
            continue
        found.append(Quantity(number.value, number.qualifier, number.text, number.start, item, side, basis))
        one = _AND_ONE_NAMED.match(sentence[item_end:]) if role == "returned_to" and item == "personnel" \
            and not BRINGING_TOTAL.search(sentence) else None  # "..., bringing the number to 41": the total is stated
        if one:
            # "55 Russian servicemen and pro-Kremlin politician Viktor Medvedchuk": one more person in the same hand-over
            found.append(Quantity(1, "exact", one.group().strip(), item_end + one.start(1), item, side, "addition"))
        previous_side = side
    return found


# Casualties of an attack: "killing at least 31 people and wounding more than 160", "six people were killed and
# 28 injured", "four people died and 22 others, including two children, were wounded", "injuring three people".
# "four people lost their lives": killed
_HARM = r"(?P<harm>kill(?:ed|ing)|dead|died|lost their lives|wound(?:ed|ing)|injur(?:ed|ing|ies)|hurt)"
_HARM_BEFORE = re.compile(r"\b(?:kill(?:ing|ed)|wound(?:ing|ed)|injur(?:ing|ed)|leaving|left)\s+"
                          r"(?:(?:at least|more than|over|about|some|up to|nearly|around|almost|as many as|another)\s+)?$", re.I)
_VICTIMS = (r"(?:(?:\w+\s+){0,2}?(?:people|persons|civilians|residents|others|children|men|women|soldiers|servicemen|troops"
            r"|police(?:men| officers)?|rescuers|workers|passengers|firefighters|medics)\b\s*)?")
_HARM_AFTER = re.compile(r"^\s*(?:more\s+|others?\s+)?" + _VICTIMS + r"(?:\([^)]*\)\s*|,[^,.;]{0,60},\s*)?(?:(?:were|was|had been|have been|has been"
                         r"|are|is|been|got)\s+(?:\w+\s+)?)?" + _HARM + r"\b", re.I)
# "including 17 children", "among them two priests": a part of a toll already counted.
_PART_OF_TOLL = re.compile(r"\b(?:including|among them|among whom|of whom|of them|incl\.)\s+(?:\w+\s+){0,2}$", re.I)
_AGE = re.compile(r"^[- ]?(?:year|month)s?[- ]old\b", re.I)


# "killing a 64-year-old man", "a woman was injured": one person named without a number.
_ONE_VICTIM = (r"\b(?:an?|one)\s+(?:(?:\d+|\w+)-year-old\s+|elderly\s+|young\s+|local\s+)?"
               r"(?:man|woman|person|civilian|resident|boy|girl|child|teenager|driver|soldier|serviceman|worker|pensioner)\b")
_ONE_HARMED = re.compile(r"\b(?:kill(?:ing|ed)|wound(?:ing|ed)|injur(?:ing|ed))\s+" + _ONE_VICTIM + r"|(?<![\w-])"
                         + _ONE_VICTIM[2:] + r"\s+(?:was|has been|had been)\s+(?P<harm>killed|wounded|injured)", re.I)
# "killing the driver and a paramedic", "A man and a woman died at the scene", "The driver, a 54-year-old man, died",
# "A third passenger was wounded": people named by who they were, counted one by one (round 18)
_SOMEONE = (r"(?:an?|one|the|another)\s+(?:more\s+|other\s+)?(?:(?:\d+|\w+)-year-old\s+|elderly\s+|young\s+|local\s+|second\s+|third\s+|fourth\s+)?"
            r"(?:man|woman|person|civilian|resident|boy|girl|child|teenager|driver|soldier|serviceman|worker|pensioner|paramedic"
            r"|passenger|medic|firefighter|rescuer|policeman|volunteer|pedestrian)\b")
_PEOPLE_NAMED = re.compile(r"(?<![\w-])(?P<who>" + _SOMEONE + r"(?:\s+and\s+" + _SOMEONE + r")?)(?:,[^,.;]{0,50},"
                           r"|\s+(?:in|on|at|from|of)\s+(?:the\s+|a\s+)?[\w-]+)?\s+"
                           r"(?:(?:was|were|has been|had been|have been)\s+(?P<harm>killed|wounded|injured)|(?P<died>died)\b)"
                           r"|\b(?P<verb>kill(?:ing|ed)|wound(?:ing|ed)|injur(?:ing|ed))\s+(?P<whom>" + _SOMEONE
                           + r"\s+and\s+" + _SOMEONE + r")", re.I)


def _harm_item(word: str) -> str:
    return "killed" if re.match(r"kill|dead|died|lost", word, re.I) else "injured"


def casualty_quantities(sentence: str, *, victim: str | None) -> list[Quantity]:
    """People killed and injured in an attack, counted for the side hit (``victim``) unless a nationality
    word stands by the number ("three Russian soldiers were killed")."""
    found: list[Quantity] = []
    for number in find_numbers(sentence):
        prefix, after = sentence[:number.start], sentence[number.end:]
        if _AGE.match(after) or _PART_OF_TOLL.search(prefix) or number.value <= 0:
            continue
        before = _HARM_BEFORE.search(prefix)
        if before and re.match(r"\s*" + _VICTIMS + r"(?!of\b)", after, re.I):
            item = "killed" if re.match(r"kill|left|leaving", before.group(), re.I) and not re.search(r"wound|injur", before.group(), re.I) \
                else _harm_item(before.group())
            if re.match(r"left|leaving", before.group(), re.I):
                # "leaving three dead", "left 12 injured": the harm word follows
                harm = re.match(r"\s*" + _VICTIMS + r"(?P<w>dead|injured|wounded|killed)\b", after, re.I)
                if not harm:
                    continue
                item = _harm_item(harm.group("w"))
        else:
            after_match = _HARM_AFTER.match(after)
            if not after_match:
                continue
            item = _harm_item(after_match.group("harm"))
        head = after[:40]
        side = _nationality(re.split(r"\b(?:were|was|in|by|after|when|and)\b", head, maxsplit=1)[0]) or victim
        found.append(Quantity(number.value, number.qualifier, number.text, number.start, item, side, "stated"))
    for one in _ONE_HARMED.finditer(sentence):
        if _PART_OF_TOLL.search(sentence[:one.start()]):
            continue
        item = _harm_item(one.group("harm") or one.group())
        if any(q.item == item for q in found):
            continue  # "killing 3 people, including a child": the toll has its number
        side = _nationality(one.group()) or victim
        found.append(Quantity(1, "exact", one.group(), one.start(), item, side, "stated"))
    for named in _PEOPLE_NAMED.finditer(sentence):
        who = named.group("who") or named.group("whom")
        item = _harm_item(named.group("harm") or named.group("died") or named.group("verb"))
        if _PART_OF_TOLL.search(sentence[:named.start()]) or any(q.item == item for q in found):
            continue  # "killing 3 people, including a child", "a woman was injured" already counted
        found.append(Quantity(2 if re.search(r"\band\b", who) else 1, "exact", who, named.start(), item,
                              _nationality(who) or victim, "stated"))
    return found
