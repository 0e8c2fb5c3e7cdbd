"""What a story is about, as weighted terms, and whether two stories tell one event. Pure.

A story's profile is a unit vector over the words of its title and opening paragraphs and
the people, organisations and places it names. A word weighs by how rare it is in English
(wordfreq's Zipf frequency, a fixed table): "said" weighs nothing, "ceasefire" much,
a name wordfreq has never seen most. The weights never depend on the archive, so whether
two stories are linked depends on those two stories alone, and the threads (the connected
groups of linked stories, see newsreader/threads.py) depend only on the set of stories,
never on the order they arrived in.

Two stories are linked when both are dated, at most MAX_GAP_DAYS apart, and their
profiles' cosine reaches a threshold that rises with the days between them: the same
vocabulary a month later is another event.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable

import regex
import snowballstemmer
from wordfreq import zipf_frequency

from newsreader.text.countries import countries
from newsreader.text.roles import POSSESSIVE

# Stories further apart than this are never linked directly (a thread may still span
# longer, through the stories between).
MAX_GAP_DAYS = 7
# The cosine two stories of the same day need, and what each day between them adds.
# Measured (bench/threads.py, tests/coverage_set.py): the labelled set's pairs of one event
# score 0.30 or more after the days' allowance, its distractors 0.13 at most. In a
# synthetic archive of 100,000 stories a story has about 2,000 others within a week; pairs
# of different events reach 0.22 at a rate of 1.5e-3 (3 false links a story: everything
# chains into one thread), 0.28 at about 8e-5, 0.30 at 3.6e-5.
THRESHOLD = 0.28
THRESHOLD_PER_DAY = 0.01
# Paragraphs read after the title: the lede and what follows it carry the event.
PARAGRAPHS_READ = 4
TERMS_KEPT = 60
# A word as common as "government" (Zipf 5.6) or more tells nothing.
COMMON_ZIPF = 6.0
TITLE_WEIGHT = 2.0
PERSON_WEIGHT = 6.0
ORGANISATION_WEIGHT = 2.5
PLACE_WEIGHT = 2.5

NATIONS = {_n for _n in countries()}
_WORD = regex.compile(r"\p{L}[\p{L}\p{N}'’-]*")
# Words every kind of news story uses, which English at large uses less ("reopened",
# "evacuated", "officials"): wordfreq's table is of English at large, so these are told
# apart here. Chosen by the class of word (reporting, casualties, institutions, time,
# quantities, movement), not from any one story.
NEWS_WORDS = frozenset(
    str.split(
        """
    said say says told tell reported report reports reporting according added adding
    announced announce announcement stated statement statements confirmed confirm denied
    warned warn warning urged urge called call calls asked ask noted stressed described
    official officials government governments minister ministers ministry president
    spokesman spokeswoman spokesperson authority authorities agency agencies source
    sources media news press people person residents resident citizens families family
    killed kill killing wounded injured injuries dead death deaths died casualties victims
    attack attacks attacked strike strikes struck clashes fighting forces force military
    army troops police security group groups country countries city cities region regional
    area areas local state national international official public sector
    talks talk meeting meetings met meet visit visited visiting trip delegation summit
    agreement agreed agree deal plan plans proposal decision decided efforts effort work
    support aid help assistance relief crisis situation issue issues process operation
    operations measures steps step move moves
    reopen reopened reopens reopening close closed closing closure evacuated evacuate
    evacuation rescue rescued rescuers return returned returning arrive arrived arrival
    leave left continue continued continues continuing remain remained remains held hold
    holds begin began begins start started end ended ends
    week weeks day days month months year years hours hour time times earlier later
    recent recently ongoing latest early late since amid following ahead
    percent million millions billion billions thousands hundreds dozens number numbers
    cost costs damage damaged roads road homes houses buildings services schools
    including also new first second third last next several many more most other
    """
    )
)
# Words that date a story rather than say what it is about.
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "week", "weekend",
}  # fmt: skip


# A word wordfreq has never seen (a name, a misspelling) weighs no more than a rare one.
MAX_WORD_WEIGHT = 4.0
# Rarer words weigh more than in proportion (weight ** 1.5): against 1, different events
# in one country and week scored up to 0.30 in the synthetic archive, not 0.20.
RARITY_POWER = 1.5


@functools.lru_cache(maxsize=65536)
def word_weight(word: str) -> float:
    return min(MAX_WORD_WEIGHT, max(0.0, COMMON_ZIPF - zipf_frequency(word, "en"))) ** RARITY_POWER


_STEMMER = snowballstemmer.stemmer("english")


# Remembered: the stemmer is pure Python and news repeats its words (4x faster a story).
@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """One term for a word's forms ("detained", "detain"; "floods", "flooding"): the
    Snowball English stemmer's."""
    return _STEMMER.stemWord(POSSESSIVE.sub("", word.casefold()))


def profile(
    title: str,
    paragraphs: list[str],
    people: Iterable[str] = (),
    organisations: Iterable[str] = (),
    places: Iterable[str] = (),
) -> dict[str, float]:
    """The story's terms and their weights, of unit length (empty for a story with none)."""
    counts: Counter[str] = Counter()
    # A term weighs as the rarest of the words it stands for ("reaches" is common, its
    # stem "reache" is no word at all).
    rarity: dict[str, float] = {}
    words = [(word, TITLE_WEIGHT) for word in _WORD.findall(title)]
    for paragraph in paragraphs[:PARAGRAPHS_READ]:
        words += [(word, 1.0) for word in _WORD.findall(paragraph)]
    people, organisations, places = list(people), list(organisations), list(places)
    # Names count once, as names: the words of a person's name or a place's are left to
    # their own terms, or "Damascus", "Syrian" and a shared first name would weigh twice.
    named = {_stem(w) for name in [*people, *places] for w in _WORD.findall(name.replace("-", " "))}
    for word, weight in words:
        term = _stem(word)
        if term in named or term in NATIONS or word.casefold() in NEWS_WORDS:
            continue
        counts[term] += weight
        if term not in rarity:
            rarity[term] = word_weight(POSSESSIVE.sub("", word.casefold()))
    weights = {
        term: (1 + math.log(count)) * rarity[term]
        for term, count in counts.items()
        if rarity[term] > 0 and term not in _CALENDAR
    }
    for name in people:
        weights["person:" + name.casefold()] = PERSON_WEIGHT
    for name in organisations:
        weights["org:" + name.casefold()] = ORGANISATION_WEIGHT
    for key in places:
        weights["place:" + key] = PLACE_WEIGHT
    kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_KEPT]
    length = math.sqrt(sum(weight * weight for _, weight in kept))
    return {term: round(weight / length, 4) for term, weight in kept} if length else {}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def threshold(gap_days: int) -> float | None:
    """The cosine two dated stories this many days apart need to be linked; None when
    they are too far apart to be."""
    return None if abs(gap_days) > MAX_GAP_DAYS else needed(gap_days)


def needed(gap_days):
    """``threshold`` within MAX_GAP_DAYS, for a number of days or an array of them."""
    return THRESHOLD + THRESHOLD_PER_DAY * abs(gap_days)
