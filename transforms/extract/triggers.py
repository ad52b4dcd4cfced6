"""Trigger phrases: the words by which a sentence can state each event kind (before other senses are set aside)."""

from __future__ import annotations

import re

__all__ = ["PEOPLE", "TRIGGERS", "NEEDS", "attack_at"]

# Word-bounded: unbounded, "men" matched inside "documents" and "statement".
PEOPLE = (r"\b(?:prisoners?(?: of war)?|POWs?|troops|soldiers|servicemen|servicemembers|service members|military personnel"
          r"|personnel|defenders|fighters|warriors|marines|captives|combatants|people|civilians|Russians|Ukrainians|men|women)\b")

# A party to the war's talks, as named in "a meeting between X and Y"
_TALKS_PARTY = r"(?:Putin|Zelensk\w*|Russia\w*|Ukrain\w*|Moscow|Kyiv|Kiev|(?-i:US)|U\.S\.|United States|American|Washington|Trump)"

# "launched 47 Shahed drones at Ukraine", "fired 287 drones and 61 missiles at Kyiv", "missiles had been fired at the
# region": weapons sent at a target are an attack (how many got through is the air force's loss claim).
_FIRED_AT = (r"\b(?:launched|fired|dropped)\s+(?:[\w,-]+\s+){0,6}?(?:drones?|UAVs?|missiles?|rockets?|Shaheds?|bombs?|shells?)\b"
             r"[^.;]{0,60}?\b(?:at|on|against|toward|towards|into)\b|\b(?:been|were|was) fired (?:at|on|against)\b"
             r"|\b(?:been|were|was) launched (?:at|against)\b")  # "since it was launched on June 4" is a date
TRIGGERS: dict[str, re.Pattern] = {
    "prisoner_exchange": re.compile(
        rf"\b(?:prisoner|POW|captive)s?[- ](?:exchange|swap)|\bswap(?:ped|s|ping)?\b.*{PEOPLE}|{PEOPLE}.*\bswap(?:ped)?\b"
        rf"|\bexchange[sd]?\b.*{PEOPLE}|{PEOPLE}.*\bin exchange for\b"
        # "On Saturday 307 prisoners were exchanged for 307"
        rf"|{PEOPLE}(?:\s+(?:from|on) (?:each|both) sides?|\s+each)?\s+(?:were|was|had been|have been|are being)\s+(?:exchanged|swapped)\b|\b(?:exchange|swap) (?:has |had |have )?(?:taken|took) place\b"
        r"|\bhanded over in exchange\b|\b(?:the|this|its|a) (?:\d+(?:st|nd|rd|th)|latest|new|recent) (?:prisoner |POW )?(?:exchange|swap)\b"
        r"|formula\W+\d+ (?:to|for) \d+|\ball[- ]for[- ]all\b|\b\d+[- ]for[- ]\d+\b|handed over\b.*\breceived\b(?! (?:in|at|into|by)\b)"
        # "In return, 63 prisoners ... were handed over", "In turn, 31 civilians were handed over": the other half of a swap
        r"|\bin (?:return|turn|exchange)\b,.{0,120}\b(?:handed over|released|freed|transferred|returned)\b"
        r"|\bin (?:return|turn)\b.{0,80}\b(?:handed over|released|freed|transferred|returned)\b"
        # "In turn, the Russian side received 157 persons.": the receiver of the other half
        r"|\bin (?:return|turn),?\s+(?:Russia|Ukraine|Moscow|Kyiv|Kiev|the (?:Russian|Ukrainian) side)\s+(?:received|got back)\s+(?=\d|[a-z]+\b)"
        r"|\b(?:confirm|announc|welcom|report)\w* the (?:exchange|swap)\b"
        # "the swap of 3 January 2024": a swap named by its day
        r"|\bthe (?:prisoner |POW )?(?:exchange|swap) of (?:\d{1,2} (?:January|February|March|April|May|June|July|August|September"
        r"|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
        r" \d{1,2}\b)", re.I),
    "prisoner_release": re.compile(
        rf"\b(?:released|freed|set free|returned home|brought (?:back )?home|been returned|were returned|was returned"
        rf"|(?:came|come|coming) home|return(?:ed)? from (?:\w+ )?captivity|(?:the )?return of \d[\d,]* .*captivity|repatriated"
        # "have returned to Ukraine", "have been reunited with their families": people back from the other side
        rf"|(?:have|has|had)(?: been)? returned to (?:Ukraine|Russia|their (?:homeland|families|home country))"
        # the Russian ministry's formula: "150 Russian servicemen returned from territory controlled by Kyiv"
        rf"|\breturned from (?:the )?territory (?:controlled|held|occupied) by"
        rf"|(?:have|has|had) been reunited with|(?:were|was) reunited with"
        # "22 seriously wounded servicemen were handed over to the Ukrainian side"
        rf"|(?:were|was|been) handed over to (?:the )?(?:Ukrainian|Russian) side|(?:were|was|been) handed over to (?:Ukraine|Russia)"
        # "22 wounded soldiers were handed over by Ukraine", "eight residents were also brought back to Russia"
        rf"|(?:were|was|been) handed over by (?:the )?(?:Ukrain\w*|Russia\w*|Kyiv|Moscow)|brought back to (?:Ukraine|Russia)"
        # "Moscow handed over nine sick Ukrainian soldiers": the giving side as subject, done ("will hand over" is a term of a deal;
        # "also handed over an additional 39" is a part of a swap whose total the text gives)
        rf"|(?<!also )handed over (?!(?:an? )?additional\b)(?:[\w,-]+ ){{0,5}}?{PEOPLE}"
        # '"Forty of our people are home," the president wrote': the formula a side announces its returned people with
        rf"|{PEOPLE} (?:are|is) (?:now |back )?home\b"
        # "four sailors held in Russia returned to Ukraine on Monday": people held by the other side come back
        rf"|(?:held|detained|captive)\b[^.;]{{0,80}}\breturned to (?:Ukraine|Russia|their (?:homeland|home country)))\b", re.I),
    "exchange_agreed": re.compile(
        r"\bagree(?:d|ment|ing)? (?:on|to) (?:an? |the )?(?:\w+ )?(?:prisoner |POW )?(?:exchange|swap)|"
        r"\b(?:exchange|swap) (?:deal|agreement)\b", re.I),
    "bodies_repatriation": re.compile(
        r"\b(?:bodies|remains) of (?:[\w,-]+ ){0,6}(?:soldiers|servicemen|troops|fallen|defenders|people|persons|individuals|men|citizens|civilians|prisoners|POWs|Ukrainians|Russians|personnel)\b.*\b(?:repatriat|return|handed|transferred|exchang|brought back)"
        # "identification of the returned bodies": an adjective, not a return
        r"|(?<!\bthe )\b(?:repatriat\w+|return\w*|handed over|transferred|received)\b.*\b(?:bodies|remains)\b"
        # "would unilaterally hand over 6,000 bodies", "is ready to hand over", "offered to hand over": a return offered or planned
        r"|\b(?:will|would|is to|are to|ready to|offered to|offers to|plans to|prepared to) (?:\w+ )?hand over\b.*\b(?:bodies|remains)\b"
        # 'agreed on a "6,000 for 6,000" exchange of bodies'
        r"|\d[\"”]?\s+(?:exchange|swap) of (?:the )?(?:bodies|remains)\b", re.I),
    "capture": re.compile(
        r"\btaken? (?:\w+ ){0,6}(?:captive|prisoner)(?!s)|\btook (?:\w+ ){0,6}(?:captive|prisoner)(?!s)|\bcaptured\b|\b(?:re-?captured|retook|retaken)\b"
        # settlements and ground: "took control of", "established full control over", "liberated the settlement of"
        r"|\b(?:took|taken|take|seized|gained|established|establishing) (?:full |complete )?control (?:of|over)\b"
        # "had \"liberated\" the village of Rozdolivka", "capturing a string of border villages"
        r"|\b(?:liberated?|seized|overran|capturing)[\"”’']? (?:the |a |two |three |several |\w+ more )?(?:\w+ ){0,3}"
        r"(?:settlements?|villages?|towns?|city|cities|positions?|communit(?:y|ies)|hamlets?)\b",
        re.I),
    "surrender": re.compile(
        # "surrender his foreign passports", "surrendered their mandates": handing over a thing, not giving up
        r"\bsurrender(?:ed|ing|s)?\b(?! (?:nothing|anything|the (?:lead|ball|initiative)|a (?:goal|point|lead)|(?:his|her|their|its) (?:\w+ )?(?:passports?|documents|licen[cs]es?|mandates?|seats?|shares?|assets|property))\b)|\blaying down (?:their )?arms\b|\blaid down (?:their )?arms\b|\bgave themselves up\b", re.I),
    "incursion": re.compile(
        r"\b(?:launched|began|started|mounted)\b.*\b(?:incursion|invasion|attack on (?:\w+ )*territory|cross-border (?:attack|raid))\b"
        r"|\b(?:crossed the (?:state |national )?border|invaded|pushed into|advanced into)\b"
        # "300 servicemen ... crossed into Russia's Kursk region" (freed civilians who "crossed into Ukraine" come home)
        r"|\b(?:troops|forces|servicemen|soldiers|units|fighters|(?:assault|sabotage) groups)\b[^.;]{0,80}\b(?:crossed|broke) into\b|\bcross-border (?:offensive|incursion|operation)\b"
        r"|\b(?:launched|began|started|mounted|opened)\b (?:\w+ ){0,3}(?:offensive|attack|assault) (?:on|in|into) (?:the |Russia\S* |Ukraine\S* )?"
        r"(?:\w+ ){0,2}(?:[Rr]egion|[Oo]blast)\b"
        r"|\b(?:troops|forces|units|soldiers|(?:sabotage|reconnaissance)(?: and reconnaissance)? group)\b[^.;]{0,20}\b(?:had |have |has )?entered\b"
        # "a sabotage and reconnaissance group crossed into the region", "tried to cross the border near X": a raid,
        # attempted or not, is the incursion the side claims
        r"|\b(?:sabotage|reconnaissance|assault|raiding)(?: and reconnaissance)? groups?\b[^.;]{0,80}\b(?:crossed|broke) into\b"
        r"|\b(?:tried|attempted|attempting|trying|an attempt) to (?:invade\b|(?:cross|break through|break) (?:into\b|(?:the )?(?:state |national )?border\b))", re.I),
    # Attacks of every kind (assaults, shelling, air, drone and missile strikes): the kind is the crosswalk's.
    "attack": re.compile(
        r"\b(?:attacked|stormed|assaulted|ambushed|shelled|bombed|bombarded|pounded)\b"
        r"|\b(?:launched|carried out|mounted|repelled|conducted)\b (?:[\w-]+ ){0,6}(?:attacks?|assaults?|offensive|strikes?)\b"
        r"|" + _FIRED_AT +
        r"|\b(?:struck|hit|hitting|targeted|targeting|slammed into|smashed into|tore through|crashed into|sank|sunk"
        r"|fired (?:on|at|upon)|opened fire (?:on|at))\b"
        r"(?! (?:a |an |the )?(?:deal|agreement|note|tone|record|chord|balance))", re.I),
    "loss_claim": re.compile(
        r"\b(?:ha(?:s|ve|d) lost|lost (?:up to |more than |over |about |at least |some |around |nearly |almost |approximately )?[\d,]+|losses|casualties|(?:were|had been|have been) killed|killed (?:or|and) wounded|killed (?:more than |up to |over |about |at least )?[\d,]+|cost (?:\w+ ){1,2}(?:more than |up to |over |about |at least )?[\d,]+|destroyed|eliminated|shot down|downed|intercepted)\b", re.I),
    "mediation": re.compile(r"\bmediat(?:ion|ed|e|or|ors|ing)\b|\bbrokered\b|\bwith the (?:assistance|help|participation) of\b|\bfacilitat(?:ed|ion|ing|es)\b"
                           # "the UAE will help carry out the exchange": a third party's hand in this swap
                           r"|\bhelp(?:s|ed)?\s+(?:to\s+)?(?:carry out|conduct|organi[sz]e|arrange|implement)\s+the\s+(?:\w+\s+)?(?:exchange|swap|release|repatriation|return)\b"
                           # "has offered to host a summit between the two leaders": a third party's good offices
                           r"|\bto host (?:a |the |new |further |another )?(?:\w+ )?(?:meeting|summit|talks|negotiations|round)\b.{0,40}\bbetween\b"
                           # "ready to provide a platform for negotiations between Russia and Ukraine": a venue offered
                           r"|\bto (?:provide|offer) (?:a |the |its )?(?:platform|venue) for (?:\w+ )?(?:talks|negotiations|meetings?|dialogue)\b"
                           # "ready to act as an intermediary", "to help with the exchange of prisoners": good offices offered
                           r"|\bto act as (?:a |an )?(?:[\w-]+ (?:and (?:a |an )?)?){0,3}?(?:intermediary|mediator|go-between)\b"
                           r"|\bto help (?:with|in) (?:the )?(?:exchanges?|swaps?|release|repatriation) of\b"
                           r"|\bthank(?:ed|s|ing)?\b.{0,100}?\bfor (?:its|their|his|her) (?:efforts|help|assistance|role)\b"
                           # "the Red Cross assisted in carrying out the repatriation", "thanks in part to the efforts of the Holy See"
                           r"|\bassisted (?:in|with) (?:\w+ ){0,3}?(?:the )?(?:repatriation|exchange|return|release|swap|transfer)\b"
                           r"|\bthanks (?:in part |partly |largely )?to the (?:\w+ )?(?:efforts|mediation|good offices) of\b", re.I),
    "negotiation": re.compile(r"\bnegotiat(?:ion|ions|ing|ed|e|ors)\b|\b(?:peace )?talks (?:between|with|in)\b|\bcontacts between\b"
                              # "face-to-face talks", "the two delegations had previously met", "the sides last met face to face"
                              r"|\b(?:direct|face-to-face|peace|bilateral|trilateral) talks\b|\brounds? of talks\b"
                              # "direct Russian-Ukrainian talks", "Ukraine-Russia peace talks": the talks named by their two sides
                              r"|\b(?:(?:direct|face-to-face|peace) )?(?:Russian-Ukrainian|Ukrainian-Russian|Russia-Ukraine|Ukraine-Russia)"
                              r" (?:peace )?talks\b"
                              r"|\b(?:delegations|sides|negotiators|officials) (?:\w+ )?(?:met|meet|will meet|have met|had met|had previously met)\b"
                              r"|\bmet face to face\b"
                              # "a meeting between Putin and Zelensky", "a summit between the US and Ukrainian delegations": talks
                              # named by two of the war's parties (not "a summit between Putin and African leaders")
                              rf"|\b(?:meeting|summit) between (?:the )?(?:[\w’'.-]+ ){{0,3}}?{_TALKS_PARTY}\b[^.;]{{0,50}}?\band "
                              rf"(?:the )?(?:[\w’'.-]+ ){{0,3}}?{_TALKS_PARTY}\b"
                              # "after a telephone conversation between Putin and Trump on Tuesday": leaders' talks by phone
                              r"|\b(?:tele)?phone (?:call|conversation|talks)s? (?:on \w+ |\w+ )?between\b"
                              # "US and Ukrainian officials were due to meet in Jeddah": a planned meeting of the sides
                              r"|\b(?:officials|delegations|negotiators|envoys|delegates)\s+(?:were|are|was|is)\s+"
                              r"(?:due|scheduled|set|expected) to meet\b", re.I),
}

# A cheap prefilter: a trigger can only match where one of these is (same results, less backtracking).
NEEDS = {"prisoner_exchange": re.compile(r"exchang|swap|formula|\d[- ]for[- ]\d|all[- ]for[- ]all|handed over|in (?:return|turn)", re.I)}


# "a drone strike damaged port infrastructure", "Ukrainian shelling of the town ... killed two civilians", "came
# under mortar fire": an attack named by a noun is an event when the sentence says what it did; "to protect the
# region from Ukrainian shelling" or "has intensified its drone attacks" is not one attack.
_ATTACK_NOUN = re.compile(
    r"\b(?:(?:drone|missile|air|aerial|rocket|artillery|mortar|bomb|glide[- ]bomb|ballistic[- ]missile)[- ](?:attacks?|strikes?|raids?"
    r"|fire|barrages?)|air ?strikes?|airstrikes?|shelling|bombardment)\b|\bcame under (?:\w+ ){0,2}(?:fire|attack|shelling)\b"
    # "debris from a downed drone fell on an enterprise, injuring one": what got through the air defence hit something
    r"|\bdebris (?:from|of) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:drones?|UAVs?|missiles?|rockets?)\b"
    # "during a massive attack by the Kiev regime overnight"
    r"|\b(?:massive|large-scale|combined|major) (?:\w+ )?attack by\b", re.I)
_ATTACK_EFFECT = re.compile(r"\b(?:kill\w*|wound\w*|injur\w*|damag\w*|destroy\w*|hit|hitting|struck|caus\w*|sparked|set (?:\w+ )?on fire"
                            r"|left \w+ (?:dead|injured)|came under)\b", re.I)
# "struck", "hit", "targeted" are attacks when a weapon or armed force is named with them ("struck a deal" is not).
_ARMED = re.compile(r"\b(?:drones?|UAVs?|missiles?|rockets?|shells?|artillery|bombs?|strikes?|Shahed\w*|Iskander\w*|forces|troops|army"
                    r"|military|units)\b", re.I)
_ATTACK_VERB = re.compile(r"\b(?:attacked|stormed|assaulted|ambushed|shelled|bombed|bombarded|pounded)\b|\b(?:launched|carried out"
                          r"|mounted|repelled|conducted)\b (?:[\w-]+ ){0,6}(?:attacks?|assaults?|offensive|strikes?)\b|" + _FIRED_AT, re.I)


_CASUALTIES = re.compile(r"\b(?:killed|killing|injured|injuring|wounded|wounding|dead|died)\b", re.I)


def attack_at(sentence: str, found: int | None) -> int | None:
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
