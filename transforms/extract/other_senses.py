"""Other senses of trigger words: what rules a trigger out as a war event ("exchange rate", "released a report",
"the mood was well captured", talks that are not this war's, off-topic articles)."""

from __future__ import annotations

import re

from transforms.extract.triggers import PEOPLE, TRIGGERS

__all__ = ["OFF_TOPIC", "YEARS_AFTER", "UNSTATED_COUNT", "PERSON", "RELEASED_THING", "EXCLUDE_EXCHANGE", "MEANS_OF", "EXCHANGE_HAPPENED", "MILITARY_LOSS",
           "MILITARY_CAPTURE", "CAPTURED_PRIZE", "NOT_HELD", "HABITUAL_MEDIATION", "WAR_TALKS", "war_party",
           "has_third_party", "releases_a_person", "ADJECTIVAL", "CUMULATIVE", "NO_COMMENT",
           "COURT_RELEASE", "NEGOTIATED_RETURN", "HOMECOMING", "BODY_NAME", "in_since_clause", "HABITUAL",
           "TALKS_AGREED_AT", "SURRENDER_APPEAL", "TALKS_AS_CAUSE", "CAPTURED_EARLIER",
           "GENERIC_HABIT", "MEDIATION_RECORD", "each_swap", "generic_swaps", "cumulative_swaps", "OTHER_WAR", "THANKS", "PEOPLE_CAPTURED"]

# Who can be released: people of any kind, or a captivity word ("held by Russian forces").
PERSON = re.compile(
    PEOPLE + r"|\b(?:hostages?|detainees?|children|citizens|nationals|priests?|journalists?|crew|sailors|medics|residents"
    r"|captivity|held captive|detained|detention|abducted|deported|held by|held in (?:Russia|Ukraine))\b", re.I)
# "released a report", "freed resources", "freed the airport": the object is not a person.
RELEASED_THING = re.compile(
    r"\b(?:released|freed|published)\s+(?:(?:a|an|the|its|their|his|her|new|brief|nearly|about|some|more than)\s+)*"
    r"(?:\w+\s+)?(?:reports?|statements?|documents?|videos?|footage|data|figures|images?|photos?|readouts?|snippets?"
    r"|papers?|information|lists?|details|funds|aid|resources|\$|budgets?|updates?|assessments?|recordings?|transcripts?"
    r"|airport|village|town|city|territory|region|settlement|areas?|land|bridgehead)\b"
    r"|\b(?:reports?|statements?|documents?|videos?|footage|data|figures|readouts?|papers?|assessments?|transcripts?)\b"
    r"(?:\s+\w+){0,4}\s+(?:released|published)\b", re.I)
EXCLUDE_EXCHANGE = re.compile(
    r"exchange rates?|stock exchange|foreign exchange|currency|exchange of (?:fire|gunfire|views|blows|letters|information|experience)"
    r"|exchanged (?:[\w-]+ ){0,2}(?:fire|gunfire|views|blows|words|greetings|messages|letters|glances)"
    r"|in exchange for (?:money|cash|aid|weapons|sanctions|concessions|parole|pardons?|amnesty|clemency|(?!releasing|freeing|returning|handing|swapping|exchanging)\w+ing\b)", re.I)

# "..., the ministry said, thanking Abu Dhabi for its mediation": thanks credit a third party with the event the article
# reports; they are for help already given, and name that event's mediator rather than a mediation of their own.
THANKS = re.compile(r"\bthank(?:ed|s|ing)?\b(?P<who>.{0,100}?)\bfor (?:its|their|his|her) (?:\W?\w+ )?(?:efforts|help|assistance"
                    r"|role|mediation|mediating)\b", re.I)

# "as a result of difficult negotiations, 46 residents returned": the talks are the means of the event told, not news.
MEANS_OF = re.compile(r"\b(?:as a (?:result|outcome) of|thanks to|through|following)\s+(?:the\s+)?(?:\w+\s+)?negotiation", re.I)

# Articles about these are not about armed conflict, whatever words they share with it. Swaps of detainees
# between Russia and the West are told apart by their parties (context.is_war_exchange), not by names.
OFF_TOPIC = re.compile(
    r"\b(?:exchange rate|stock exchange|transfer window|football|basketball|Premier League|NBA|NFL|Olympic"
    r"|wrongfully detained|video game|strategy game|gameplay|goalkeeper|midfielder|boxing|boxer|heavyweight|knockout"
    r"|undisputed champion|premiered|cinematographer|screenplay)\b", re.I)

EXCHANGE_HAPPENED = re.compile(
    r"\bswap|\bexchanged\b|took place|taken place|handed over|\breceived\b|\breturned\b|\breleased\b|\bfreed\b|carried out"
    r"|\bconducted\b|\bheld\b|\bcompleted\b|\bexchange for\b|\d|\b(?:will|to) (?:exchange|swap)\b|\bagreed\b"
    # "Ukraine remains ready for an exchange of prisoners": a wish is a hypothetical exchange, not a mere topic.
    r"|\b(?:ready|willing|prepared) (?:to|for)\b|\bcall(?:s|ed)? for\b|\bpropos|\b(?:confirm|announc|welcom|report)\w* the (?:exchange|swap)\b", re.I)

# "at least 16 people were killed ... after debris and a missile hit a warehouse": civilian dead of an attack, not a
# claim of the enemy's military losses.
MILITARY_LOSS = re.compile(r"\b(?:soldiers|servicemen|service members|troops|personnel|fighters|militants|terrorists|mercenaries"
                           r"|militaries|marines|paratroopers|officers|tanks?|vehicles|drones|UAVs|aircraft|helicopters|enemy|losses)\b", re.I)


MILITARY_CAPTURE = re.compile(
    PEOPLE + r"|\b(?:forces|army|military|city|town|village|settlement|community|hamlet|territory|region|positions?|airport|plant|bridge"
    r"|Russian|Ukrainian|Russia|Ukraine|Kyiv|Moscow)\b", re.I)
# "captured the WBC title", "took the cup": a prize is won, not a place or a person taken.
CAPTURED_PRIZE = re.compile(
    r"\b(?:captured?|capturing|seized?|seizing|took|taken?|liberated?)\s+(?:(?:the|a|an|his|her|their|its)\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:titles?|belts?|crown|championships?|trophy|trophies|cup|medals?|pennant)\b", re.I)


# Talks or swaps named as a standing state, not as held: "while prisoner swaps stalled", "direct talks between the
# sides remain frozen", "despite the absence of peace talks", "Moscow's approach to negotiations", "any future talks".
NOT_HELD = re.compile(
    r"\b(?:(?:prisoner|POW|peace|direct|face-to-face|the|further)\s+)*(?:talks|negotiations|swaps|exchanges)\s+"
    r"(?:[\w’'-]+\s+){0,5}?(?:(?:have|has|had)\s+(?:been\s+)?)?"
    # not "collapsed": talks that collapsed were held first
    r"(?:stalled|(?:remain(?:s|ed)?|are|were|is|was)\s+(?:frozen|stalled|on hold|suspended|deadlocked))\b"
    r"|\b(?:absence|lack) of (?:any )?(?:[\w-]+\s+){0,2}(?:talks|negotiations)\b"
    r"|\bapproach to (?:the )?(?:peace )?(?:talks|negotiations)\b"
    r"|\bany (?:future |further )?(?:peace )?(?:talks|negotiations)\b"
    # "Prisoner exchanges have been one of the few areas of cooperation": swaps as a kind of thing, not one held
    r"|^\W*(?:(?:prisoner|POW)\s+)?(?:exchanges|swaps)\s+(?:have been|are|remain(?:ed)?|has been)\s+(?:one|a|an|the|among)\b", re.I)


# "swaps, which are usually arranged with the help of the UAE", "mediators such as Qatar earn goodwill": a habit or a
# kind of actor, not a mediation that happened.
HABITUAL_MEDIATION = re.compile(
    r"\b(?:usually|typically|regularly|normally|traditionally|generally|often)\s+(?:been\s+)?(?:\w+\s+){0,2}?"
    r"(?:arranged|brokered|mediated|facilitated|organi[sz]ed|carried out|conducted|held)\b|\bmediators? such as\b"
    # "Ankara has positioned itself as a mediator since the start of the war": a role, not an act of mediation
    r"|\b(?:positioned|presented|cast|offered) (?:itself|themselves|himself|herself) as an? (?:\w+ )?(?:mediator|broker|go-between)\b", re.I)
# "Norway has a long record of discreet facilitation, from the Oslo Accords to the Colombian peace talks", "a tradition
# of offering its good offices": a third party's record, neither a mediation nor talks of this war.
MEDIATION_RECORD = re.compile(r"\b(?:record|tradition|history|experience) (?:of|in) (?:\w+ ){0,2}(?:facilitation|mediation|mediating"
                              r"|facilitating|brokering|good offices|peace ?making)\b", re.I)
UNSTATED_COUNT = re.compile(r"\b(?:not|never|n[’']t|declined to|refused to)\s+(?:\w+\s+)?(?:disclose|say|reveal|specify|report|give)\w*"
                            r"\s+how many\b", re.I)
# "Four years after Russian tanks crossed the border, ...": the invasion as a time reference, not an event of the story
YEARS_AFTER = re.compile(r"\b(?:\w+|\d+) years? (?:after|since)\b[^,;]*", re.I)


# Talks of this war name a warring party, or say what they are about.
WAR_TALKS = re.compile(r"\b(?:peace|ceasefire|cease-fire|truce|warring|both sides|two sides|the sides|delegations?|Istanbul)\b", re.I)


def war_party(sentence: str) -> bool:
    from transforms.extract.lexicon import find_actors  # local: lexicon is heavier than this module
    return any(a.code in ("RUS", "UKR", "USA") for a in find_actors(sentence))


def has_third_party(sentence: str) -> bool:
    """A mediation names who mediates: a country or body other than the two warring sides."""
    from transforms.extract.lexicon import find_actors  # local: lexicon is heavier than this module
    return any(a.code not in ("RUS", "UKR") for a in find_actors(sentence))


def releases_a_person(sentence: str) -> bool:
    """A release trigger with a person or captivity word near it, and no document or place as its object."""
    for match in TRIGGERS["prisoner_release"].finditer(sentence):
        window = sentence[max(0, match.start() - 100):match.end() + 100]
        if PERSON.search(window) and not RELEASED_THING.search(sentence[max(0, match.start() - 60):match.end() + 60]):
            return True
    return False


# "All the released men will undergo ...", "the captured Russian troops would ...": a participle describing
# people already counted, not an event. "did not comment on the surrender reports": no event stated.
ADJECTIVAL = re.compile(r"\b(?:the|these|those|all|all the)\s+(?:\w+\s+)?(?:released|freed|captured|exchanged|repatriated)\s+(?=[a-z])"
                        r"|\b(?:of|for) captured\b"
                        # "the fate of the fighters who surrendered would be decided": people already told of
                        r"|\b(?:the|these|those)\s+(?:\w+\s+)?(?:fighters|soldiers|servicemen|troops|men|defenders|prisoners)\s+"
                        r"(?:who|that)\s+(?:had\s+)?(?:surrendered|were captured|were released|were freed|were exchanged)\b"
                        r"|(?<=s)\s+captured\s+(?=(?:in|while|during|near|on|at)\b)", re.I)
# A running tally, not one release: "have been returned ... since the start of the full-scale invasion", "bringing the
# total number of captives released to 3,227" ("the largest swap since the start of the war" compares, it is not a tally).
CUMULATIVE = re.compile(r"(?<!largest )(?<!biggest )(?<!first )(?<!exchange )(?<!swap )\bsince the (?:start|beginning|outbreak|launch) of\b"
                        r"|\bbringing the total\b|\bin total since\b|\bsince the (?:full-scale )?(?:invasion|war) (?:began|started)\b", re.I)
NO_COMMENT = re.compile(r"\b(?:did not|didn't|declined to|refused to|would not|could not)\s+(?:immediately\s+|independently\s+)?(?:comment|confirm"
                        r"|verify)\b|\b(?:did not|didn't) (?:say|specify|disclose) (?:whether|if|how many)\b", re.I)

# "the suspect was released from custody on bail": a criminal court's release, not a prisoner of the war freed.
COURT_RELEASE = re.compile(r"\b(?:on bail|bail (?:of|was|is|has)|suspects?|defendants?|house arrest|acquitted|acquittal)\b", re.I)
# "the swap was negotiated by the agency with Russia's FSB", "Ankara negotiated the release of ...": the talks are how the
# swap came about (the swap is the event), not talks of their own.
NEGOTIATED_RETURN = re.compile(r"\b(?:swaps?|exchanges?|releases?|deal)\s+(?:was|were|had been|has been|is being)\s+negotiated\b"
                               r"|\bnegotiated (?:the |a |an |this )?(?:swap|exchange|release|deal)\b"
                               r"|\bthank(?:ed|s|ing)? (?:the |all |its |their )?(?:\w+ )?negotiators\b", re.I)
# "their families learned they were alive only when they crossed the border": freed prisoners coming home, not an incursion.
HOMECOMING = re.compile(r"\b(?:freed|released|captivity|exchanged|swapped|came home|returned home|repatriated|prisoners|POWs|captives)\b",
                        re.I)

# "the Coordination Headquarters for the Treatment of Prisoners of War reported": a body's name, not prisoners.
BODY_NAME = re.compile(r"\b(?:Headquarters|Centre|Center|Office|Commissioner|Bureau|Agency|Service|Commission)\s+(?:for|on)\s+"
                       r"(?:the\s+)?(?:Treatment\s+of\s+|Affairs\s+of\s+|Exchange\s+of\s+)?(?:Prisoners of War|POWs)\b", re.I)

# "since Russia invaded the country on February 24", "since Ukrainian forces liberated the city": the event is a time
# anchor of the sentence, not news. "Turkey has hosted several rounds of talks since 2022": a perfect over a span is a
# state of affairs, not one event ("the largest swap since ..." compares, it is not a span).
_SINCE_OPEN = re.compile(r"\bsince\b[^,;]{0,50}$", re.I)
_PERFECT_SINCE = re.compile(r"^[^,;.]{0,60}\bsince\b", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:[\w-]+\s+){0,3}$", re.I)
_COMPARED = re.compile(r"\b(?:largest|biggest|first|most|only|second|third|latest|major)\b[^,;]{0,40}\bsince\b", re.I)


def in_since_clause(sentence: str, at: int) -> bool:
    """The trigger at ``at`` is inside a 'since ...' clause, or a perfect that spans 'since ...' (the caller keeps
    a since-clause event dated within the last days: "first talks since Moscow invaded on Thursday")."""
    if _SINCE_OPEN.search(sentence[max(0, at - 50):at]):
        return True
    # "have taken more than 700 prisoner since the operation began": a figure over the span is a claim of its own
    return bool(_PERFECT_BEFORE.search(sentence[max(0, at - 40):at]) and _PERFECT_SINCE.search(sentence[at:])
                and not _COMPARED.search(sentence[max(0, at - 40):]) and not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", sentence)))


# "the Gulf states, which have mediated swaps of prisoners", "its role in several prisoner swaps": swaps in the plural
# with no figure and no date are a record of past swaps, not one swap (CODING: background needs a date or figure).
_PLURAL_SWAPS = re.compile(r"(?:prisoner |POW |captive )?(?:swaps|exchanges)\b", re.I)
_CONCRETE = re.compile(r"\d|\bone\b(?! of)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
                       r"|hundreds?|thousands?|dozens?|today|yesterday|tonight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                       r"|January|February|March|April|May|June|July|August|September|October|November|December"
                       r"|(?:this|last|next) (?:week|month))\b", re.I)


# the record in front of the plural: "have mediated swaps", "a role in several swaps" ("further exchanges" are planned ones)
_RECORD_OF = re.compile(r"\b(?:mediated|brokered|facilitated|helped(?: with| in)?|role in|part in|involved in|several|many|numerous"
                        r"|multiple|a number of|a series of)\s+(?:(?:the|in|of)\s+)?$", re.I)


# "Every exchange is the result of enormous work", "each swap is a lottery for the families": swaps as a kind, not one swap
_EACH_SWAP = re.compile(r"\b(?:each|every) (?:single )?(?:prisoner |POW )?(?:exchange|swap)\b", re.I)


def each_swap(sentence: str) -> bool:
    """The sentence speaks of every swap and gives no figure (a year is no figure)."""
    return bool(_EACH_SWAP.search(sentence)) and not re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", sentence))


def cumulative_swaps(sentence: str, at: int) -> bool:
    """'Exchanges resumed in the spring, and Kyiv says 6,000 have come home since the invasion began': swaps in the plural
    told with a running total are the record of the swaps, not one swap."""
    return bool(_PLURAL_SWAPS.match(sentence, at)) and bool(CUMULATIVE.search(sentence))


def generic_swaps(sentence: str, at: int) -> bool:
    """The exchange trigger at ``at`` is a record of past swaps ('mediated swaps', 'several prisoner swaps') in a
    sentence without figure or date."""
    return (bool(_PLURAL_SWAPS.match(sentence, at)) and bool(_RECORD_OF.search(sentence[max(0, at - 40):at]))
            and not _CONCRETE.search(sentence))


# "Soviet soldiers captured by the Wehrmacht", "prisoners of the Second World War": the events of an earlier war.
# ("the largest attack since World War Two" only compares: the event is this war's)
OTHER_WAR = re.compile(r"(?<!since )(?<!since the )\b(?:Wehrmacht|Nazi Germany|Nazis|Third Reich|Second World War|World War (?:II|Two|2)|Great Patriotic War"
                       r"|Red Army|Soviet (?:soldiers|prisoners|POWs|troops))\b")


# "campuses have repeatedly been damaged by shelling", "have shelled it almost daily": a habit, not one attack.
# "negotiate through intermediaries, often for weeks": how things usually go, not one event
# "specific servicemen captured during the Kursk operation": a participle that says which people, with no count and no
# verb of its own, describes them; it does not report a capture.
PEOPLE_CAPTURED = re.compile(r"\b(?:specific|particular|certain|the|those|these|other)\s+(?:[\w-]+\s+)?(?:servicemen|soldiers|troops"
                             r"|fighters|people|men|prisoners|defenders)\s+(?:captured|taken prisoner)\s+(?:during|in|at|near|on|since)\b"
                             # "as well as border guards taken prisoner in the first weeks": no verb, so who they are
                             r"|\b(?:guards|servicemen|soldiers|troops|fighters|defenders|marines)\s+taken prisoner\s+(?:during|in|at|near|on|since)\b"
                             # "Her son, a marine, was taken prisoner in Mariupol": one person's story, not a capture to report
                             r"|^\W*(?:(?:The|Her|His|Their|My|Our) (?:[\w-]+ ){0,2}?(?:man|woman|son|daughter|husband|wife|brother|father"
                             r"|fianc\w*|nephew|grandson)|He|She)\b(?:(?!\b(?:that|said|says|added|told)\b)[^.;\d]){0,60}?\b(?:was|had been) "
                             r"(?:taken prisoner|captured)\b",
                             re.I)
GENERIC_HABIT = re.compile(r"\b(?:often|usually|typically|normally|generally)\b", re.I)
HABITUAL = re.compile(r"\b(?:repeatedly|almost daily|nearly daily|almost every day|on a daily basis|regularly|constantly|routinely"
                      r"|day after day|night after night|(?:each|every) (?:day|week|month))\b", re.I)

# "the deal agreed at talks in Istanbul last week", "the repatriation agreed at direct talks": the talks where an earlier
# agreement was made are named as its origin, not reported.
TALKS_AGREED_AT = re.compile(r"\b(?:deal|agreement|accord|arrangement|repatriation|exchange|swap|release|return|ceasefire|truce)s?\s+"
                             r"(?:that was |which was |first )?(?:agreed|reached|struck|negotiated) (?:at|during|in)\s+(?:the |their )?"
                             r"(?:[\w-]+ ){0,3}(?:talks|negotiations|meeting)\b[^,;]*", re.I)

# "called on any remaining soldiers to surrender": an appeal, not a surrender.
SURRENDER_APPEAL = re.compile(r"\b(?:call(?:ed|s|ing)? on|urg(?:ed|es|ing)|demand(?:ed|s|ing)?|ordered|told|invited|offered)\b"
                              r"[^.;]{0,80}?\bto (?=surrender|lay down)", re.I)

# "It was the only concrete result of the first direct talks", "the operation was the result of intense negotiations":
# the talks are named as the cause of what the sentence tells, not reported.
TALKS_AS_CAUSE = re.compile(r"\b(?:result|outcome|product|fruit)s? of (?:the |these |those |months of |weeks of )?(?:[\w-]+ ){0,4}"
                            r"(?:talks|negotiations)\b", re.I)

# "Most of them were taken prisoner during the operation in Kursk Oblast": how people just counted were captured (news
# only when dated: "some of whom were captured ... in September" is a capture told as background).
CAPTURED_EARLIER = re.compile(r"\b(?:most|many|some|all|several|half|none) of (?:them|whom|these|those)\s+(?:were|had been|have been)\s+"
                              r"(?:taken prisoner|captured)\b", re.I)
