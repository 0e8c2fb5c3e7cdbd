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

import math
from collections import Counter
from collections.abc import Iterable

import regex
from wordfreq import zipf_frequency

# Stories further apart than this are never linked directly (a thread may still span
# longer, through the stories between).
MAX_GAP_DAYS = 7
# The cosine two stories of the same day need, and what each day between them adds.
# Measured on tests/threads/ (see tests/test_threads.py): 0.24 and 0.02 give F1 1.0 there;
# from 0.20 the distractors join, above 0.32 developing stories split.
THRESHOLD = 0.2
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

_WORD = regex.compile(r"\p{L}[\p{L}\p{N}'’-]*")
# Words that date a story rather than say what it is about.
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "week", "weekend",
}  # fmt: skip


# A word wordfreq has never seen (a name, a misspelling) weighs no more than a rare one.
MAX_WORD_WEIGHT = 4.0


def word_weight(word: str) -> float:
    return min(MAX_WORD_WEIGHT, max(0.0, COMMON_ZIPF - zipf_frequency(word, "en")))


def _stem(word: str) -> str:
    """A plural and its singular count as one word ("talks", "talk"; "floods", "flood")."""
    word = regex.sub(r"['’]s$", "", word.casefold())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


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
    for word, weight in words:
        term = _stem(word)
        counts[term] += weight
        if term not in rarity:
            rarity[term] = word_weight(regex.sub(r"['’]s$", "", word.casefold()))
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
    gap = abs(gap_days)
    return None if gap > MAX_GAP_DAYS else THRESHOLD + THRESHOLD_PER_DAY * gap
