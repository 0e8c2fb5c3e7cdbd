"""The words that tell a name from a role, a verb or a common word, and how two spellings
of one name compare. Pure.

Read by newsreader/text/people.py. Lower case; a word's case is checked there.
"""

from __future__ import annotations

import regex
from wordfreq import zipf_frequency

from newsreader.text.given_names import GIVEN_NAMES

_PUNCTUATION = regex.compile(r"[-'’.]")


def name_key(name: str) -> str:
    """What two spellings of one name share: "Ahmed al-Sharaa", "Ahmed Al-Sharaa",
    "Ahmed al Sharaa" -> "ahmed al sharaa"."""
    return " ".join(_PUNCTUATION.sub(" ", name.casefold()).split())


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words a place's name opens with, some of them given names too: "Ain Zara", "Sidi
# Bouzid", "Umm Qasr", "Al Watan" (a newspaper), "Abu Kamal".
TOPONYM_WORDS = words(
    "ain ayn sidi umm om ras bir tell tal deir dayr kafr beit bayt wadi jebel jabal khan bab al "
    "el abu"
)
# How common (wordfreq's Zipf scale) an English word is when it makes a name something
# else's: a first word as common as "long" or "al" (5 and more), a last word as common as
# "harvest" or "grace" (4 and more: a ship, "Marisol Grace"; a company, "Orion Harvest").
COMMON_FIRST = 5.0
COMMON_LAST = 4.0


def named_as_people_are(name: str) -> bool:
    """Whether a name that nothing around it says is a person's reads as one: it opens with
    a given name (newsreader/text/given_names.py) that is no common English word ("Volker
    Perthes", "Bashar al-Assad"), not as a place's name opens, and ends in no common English
    word."""
    parts = name.casefold().split()
    first, last = parts[0], _PUNCTUATION.sub("", parts[-1])
    return (
        len(parts) >= 2
        and first not in TOPONYM_WORDS
        and first in GIVEN_NAMES
        and zipf_frequency(first, "en") < COMMON_FIRST
        and zipf_frequency(last, "en") < COMMON_LAST
    )


# Lower-case words that may stand inside a name: "Mohammed bin Salman", "Ahmed Abu al-Gheit".
PARTICLES = words(
    """
    bin bint ibn ben bou al el de da di van von der du la le
    """
)
SUFFIXES = {"II", "III", "IV", "V", "VI", "VII", "Jr"}
HONORIFICS = words(
    """
    sheikh sheikha shaikh shaikha sayyed sayyid seyed seyyed ayatollah grand hojatoleslam mr
    mrs ms dr prof sir lady dame his her excellency highness majesty eminence royal
    """
)
# The last word of a role ("foreign minister", "political bureau member").
ROLE_HEADS = words(
    """
    gen lt col maj brig capt sgt adm
    minister premier president vice-president king queen emir prince princess sultan speaker
    envoy ambassador spokesman spokeswoman spokesperson commander chief leader head
    secretary secretary-general general colonel brigadier lieutenant admiral marshal member
    analyst director director-general governor mayor judge negotiator adviser advisor
    researcher expert professor journalist correspondent activist lawmaker mp deputy
    chairman chairwoman chair ceo founder coordinator representative mediator senator
    congressman congresswoman pope patriarch mufti imam cleric rapporteur commissioner
    economist writer author officer diplomat candidate lawyer attorney prosecutor doctor
    surgeon scholar historian chancellor official politician strategist commentator editor
    emissary delegate ruler monarch sheikh legislator undersecretary under-secretary aide
    cardinal bishop archbishop rabbi novelist poet artist president-elect chief-of-staff
    cabinet counterpart partner owner manager trainer coach player striker midfielder
    goalkeeper singer actor actress filmmaker photographer reporter blogger dissident
    opponent nominee designate minister-designate premier-designate resident witness
    villager farmer student teacher worker father mother son daughter brother sister wife
    husband survivor refugee volunteer shopkeeper driver fisherman engineer nurse medic
    paramedic citizen businessman businesswoman entrepreneur investor banker trader
    physician scientist architect fighter militant prisoner detainee hostage captive settler
    pilgrim commissioner-general inspector-general attorney-general solicitor-general
    governor-general ex-president ex-minister ex-premier ex-leader ex-chief ex-mp
    ex-speaker ex-governor ex-ambassador ex-commander ex-general ex-king
    """
)
# Words that are capitalised but never part of a person's name.
NOT_NAME_WORDS = words(
    """
    the a an in on at but and or he she it they we i you this that these those his her their
    its our after before meanwhile however also earlier later last next according while when
    as if since during under over despite for from to with without by of monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december arab arabs muslim muslims islamic christian
    jewish western eastern northern southern north south east west middle central new old
    greater red mediterranean gulf sea river strip bank city province governorate camp
    crossing palace summit conference forum initiative plan agreement accord accords deal
    day cup festival ministry council forces force army party movement agency organization
    organisation fund union league house office court committee authority authorities group
    brigades brigade front company university corporation news times post press government
    parliament assembly guard guards police network institute center centre foundation
    commission program programme association airways airlines hospital port airport square
    street bay mount valley state states republic kingdom emirates nations security national
    international world global united federal supreme royal presidential ministerial
    general's administration cabinet bureau department directorate service services media
    channel tv radio television bloc coalition alliance resistance revolution revolutionary
    liberation democratic popular socialist communist unity reform youth women human rights
    watch health defense defence interior foreign finance economy energy oil trade justice
    education culture tourism transport affairs information water agriculture industry
    investment housing labor labour planning communications endowments hajj ramadan eid
    allah god prophet quran hamas hezbollah israelis palestinians lebanese iranians
    americans europeans syrians iraqis yemenis saudis kurds kurdish shiite sunni druze
    alawite coptic maronite english french arabic hebrew persian covid photo video read more
    breaking update live exclusive opinion analysis interview report tt ap afp reuters file
    image images no not yes all some many most several both each every other another such
    what which who whom whose why how where there here then now today yesterday tomorrow
    tonight mr mrs ms dr sheikh
    """
)
# Words that follow a place's name in a news outlet's ("Oman Observer", "Sudan Tribune"),
# never a surname after a given name that is also a place's ("Israel Katz").
OUTLET_WORDS = words(
    """
    observer tribune herald gazette monitor daily chronicle telegraph mirror star sun voice
    review journal weekly insider independent direct express eye online pulse today now
    dispatch courier standard sentinel reporter record digest bulletin """
)
# Words after a name that make it the speaker.
SPEECH = words(
    """
    said says told added stressed warned noted stated announced urged wrote explained
    confirmed denied insisted argued affirmed asserted emphasized emphasised underlined
    tweeted posted declared pointed revealed acknowledged replied responded continued
    concluded believes believed thinks called described praised criticized criticised met
    received discussed welcomed condemned visited arrived signed headed chaired expressed
    reiterated highlighted agreed congratulated thanked hosted spoke speaks asked accused
    rejected resigned promised pledged vowed demanded
    """
)
# Words before a name that make it the speaker ("said", "according to") or the one who
# leads ("a delegation headed by ...").
SPEECH_BEFORE = {"said", "says", "according to", "led by", "headed by", "chaired by"}
# Lower-case words that end a role read backwards: a verb ("welcomes", "hosted",
# "entrusting"), but not the role words that end like one ("acting", "foreign affairs").
VERB_ENDINGS = ("s", "ed", "ing")
VERB_LIKE_ROLE_WORDS = words(
    """
    acting outgoing incoming ruling governing leading founding managing presiding sitting
    serving standing retiring reigning ailing ranking
    planning housing mining marketing engineering training banking accounting shipping
    manufacturing building broadcasting nursing fishing farming publishing printing
    peacekeeping policing lending financing funding trading consulting advertising
    programming licensing auditing purchasing recruiting ticketing catering
    affairs rights forces relations operations services sciences studies resources arms
    communications endowments awqaf ones
    """
)
# Words that end a role phrase read backwards from a name.
ROLE_STOP = words(
    """
    and or with between by to of from said says told that who as at in on for met after when
    while including like both also than then among against under via whom whose which since
    until into about through before during without within amid upon towards toward across
    behind beyond near following ahead beside besides except per unlike versus first is was
    are were be been has had have will would could should can may might not
    meet visit receive host welcome urge thank brief
    """
)
ARTICLES = {"the", "a", "an"}
MAX_ROLE_WORDS = 6


# The last word of a place's or a building's name, never of a person's.
PLACE_WORDS = set(
    [
        "park",
        "causeway",
        "square",
        "street",
        "road",
        "avenue",
        "bridge",
        "airport",
        "port",
        "hospital",
        "university",
        "mosque",
        "palace",
        "stadium",
        "tower",
        "towers",
        "center",
        "centre",
        "city",
        "camp",
        "crossing",
        "dam",
        "field",
        "gate",
        "district",
        "governorate",
        "province",
        "valley",
        "island",
        "islands",
        "bay",
        "lake",
        "river",
        "mountain",
        "mountains",
        "zone",
        "market",
        "prison",
        "base",
        "hotel",
        "mall",
        "museum",
        "school",
        "institute",
        "college",
        "highway",
        "corniche",
        "canal",
        "oasis",
        "desert",
        "village",
        "town",
        "plaza",
        "complex",
        "compound",
        "terminal",
        "station",
        "refinery",
        "plant",
    ]
)
# The Arabic article written as a word of its own ("Al Jadida", "El Alamein").
ARABIC_ARTICLES = {"al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "ul"}
