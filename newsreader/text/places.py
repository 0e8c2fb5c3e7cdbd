"""Countries and places named in a story, and the country it is about. Pure.

The gazetteer is handed in as data (built from the Region table, or in tests from the
region fixture), so the matching itself needs no database.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Title words weigh more than caption words, caption words more than body words.
TITLE_WEIGHT = 5
CAPTION_WEIGHT = 3
BODY_WEIGHT = 1
MAX_NAME_WORDS = 5

_WORD = re.compile(r"[^\W\d_][\w'’‘ʻ`-]*")
# Words that name no place of their own: a place called only by them ("Old City", "New
# Town") is the one of the country the story names, or none.
GENERIC_WORDS = frozenset({
    "old", "new", "city", "town", "village", "camp", "port", "north", "south", "east", "west",
    "upper", "lower", "central", "district", "quarter", "market", "square", "gate", "bridge",
    "station", "airport", "harbour", "harbor", "beach", "industrial", "zone", "area", "capital",
    "downtown", "suburb",
})  # fmt: skip
# A place named as where talks are held is their venue, not what they are about: "Gaza
# truce talks resume in Cairo", "negotiations hosted by Oman", "the Doha talks".
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:talks|negotiations|summit|conference|meetings?|dialogue|consultations|forum|"
    r"mediation|rounds?)(?:\s+\w+){0,2}?|\b(?:met|meet|meets|gathered|convened|hosted|held))"
    r"\s+(?:in|at|by)\s+(?:the\s+)?(?:\w+\s+capital(?:\s+of)?\s+)?$",
    re.IGNORECASE,
)
_VENUE_AFTER = re.compile(
    r"^(?:-hosted|-brokered|-mediated|\s+(?:talks|summit|conference|negotiations|round|"
    r"meeting|agreement|accords?|process|declaration)\b)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Place:
    key: str  # the Region's slug
    country: str  # ISO code of the country it is, or is in
    is_country: bool
    population: int = 0


@dataclass(frozen=True)
class RegionFinding:
    primary: str | None  # the key of the country the story is about
    keys: list[str]  # every country and place named, primary first


@functools.lru_cache(maxsize=65536)
def _word_key(word: str, *, last: bool) -> str:
    """One word of running text as a name key; a possessive "'s" ends only a last word."""
    return name_key(_POSSESSIVE.sub("", word) if last else word)


def name_key(name: str) -> str:
    """'Ksar el-Kebir', 'KSAR EL KEBIR' and 'Ksar El Kébir' all give 'ksar el kebir'."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"['’‘ʻ`]", "", folded)
    return " ".join(re.split(r"[\s\-‐–]+", folded)).strip()


def _is_generic(key: str) -> bool:
    """A name made only of generic words, or too short to be told from a word."""
    return all(word in GENERIC_WORDS for word in key.split(" ")) or len(key) <= 3


class Gazetteer:
    def __init__(self, entries: Iterable[tuple[Place, Iterable[str]]]) -> None:
        self._names: dict[str, list[Place]] = {}
        self.countries: dict[str, Place] = {}
        # Names written in capitals ("UAE", "KSA"): the only ones a word in capitals in
        # running text may be ("SANA" is the Syrian agency, not Sanaa's "Sana").
        self._acronyms: set[str] = set()
        # Names that count only when the story names their country too.
        self._generic: set[str] = set()
        for place, names in entries:
            if place.is_country:
                self.countries[place.country] = place
            for name in names:
                key = name_key(name)
                if not key:
                    continue
                candidates = self._names.setdefault(key, [])
                if place not in candidates:
                    candidates.append(place)
                if name.isupper():
                    self._acronyms.add(key)
                if not place.is_country and _is_generic(key):
                    self._generic.add(key)

        # The first word of every name: most capitalised words start none, and are passed
        # over without building any longer key.
        self._first_words = {key.split(" ")[0] for key in self._names}

    def __len__(self) -> int:
        return len(self._names)

    def mentions(
        self, text: str, *, title_case: bool = False
    ) -> list[tuple[list[Place], bool, bool]]:
        """Each name found in the text, as its candidate places (more than one if ambiguous),
        whether the name is generic ("Old City") and whether it is named as a venue ("talks
        in Doha").

        In running text a one-word place followed by another capitalised word is taken for
        part of a person's or organisation's name ("Badr Abdelatty"); a title-case headline
        is exempt. A word in capitals in text that is not all capitals is an acronym, and
        matches only a name written so ("UAE", not "SANA" for "Sana").
        """
        words = list(_WORD.finditer(text))
        mixed_case = text != text.upper()
        found: list[tuple[list[Place], bool, bool]] = []
        index = 0
        while index < len(words):
            word = words[index].group()
            if not word[0].isupper():
                index += 1
                continue
            match = self._longest_match(text, words, index)
            if match is None:
                index += 1
                continue
            candidates, length, key = match
            acronym_only = mixed_case and length == 1 and len(word) > 1 and word.isupper()
            if acronym_only and key not in self._acronyms:
                index += 1
                continue
            one_word = not title_case and length == 1
            if not (one_word and self._names_a_thing(text, words, index, candidates)):
                start, end = words[index].start(), words[index + length - 1].end()
                venue = bool(
                    _VENUE_BEFORE.search(text[max(0, start - 80) : start])
                    or _VENUE_AFTER.match(text[end : end + 20])
                )
                found.append((candidates, key in self._generic, venue))
            index += length
        return found

    @staticmethod
    def _names_a_thing(
        text: str, words: list[re.Match], index: int, candidates: list[Place]
    ) -> bool:
        """A one-word place, not a country, followed by a capitalised word after a single
        space: part of a person's or an organisation's name ("Badr Abdelatty")."""
        following = words[index + 1] if index + 1 < len(words) else None
        return (
            not any(place.is_country for place in candidates)
            and following is not None
            and following.group()[0].isupper()
            and text[words[index].end() : following.start()] == " "
        )

    def _longest_match(
        self, text: str, words: list[re.Match], start: int
    ) -> tuple[list[Place], int, str] | None:
        first = _word_key(words[start].group(), last=False).split(" ")[0]
        if (
            first not in self._first_words
            and _word_key(words[start].group(), last=True) not in self._names
            and not (first.endswith("s") and first[:-1] in self._first_words)
        ):
            return None
        for length in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            # Names do not run across punctuation: "Gaza, Egypt" is two names.
            gap_ok = all(
                text[words[i].end() : words[i + 1].start()] in (" ", "")
                for i in range(start, start + length - 1)
            )
            if not gap_ok:
                continue
            parts = [
                _word_key(w.group(), last=i == length - 1)
                for i, w in enumerate(words[start : start + length])
            ]
            key = " ".join(parts)
            if key in self._names:
                return self._names[key], length, key
            # "Palestinians", "Egyptians": plural adjectives of nationality.
            if key.endswith("s") and key[:-1] in self._names:
                candidates = self._names[key[:-1]]
                if any(place.is_country for place in candidates):
                    return candidates, length, key[:-1]
        return None

    def find(self, title: str, captions: Iterable[str], paragraphs: Iterable[str]) -> RegionFinding:
        found: list[tuple[list[Place], bool, bool, int]] = []
        in_title = self.mentions(title, title_case=True)
        # A headline's first place is most often its subject ("Iraq Says Exports Through
        # Türkiye Pipeline to Resume"): it weighs twice as much as the others.
        found += [
            (*m, TITLE_WEIGHT * (2 if i == 0 and not m[2] else 1)) for i, m in enumerate(in_title)
        ]
        for caption in captions:
            found += [(*m, CAPTION_WEIGHT) for m in self.mentions(caption)]
        for paragraph in paragraphs:
            found += [(*m, BODY_WEIGHT) for m in self.mentions(paragraph)]

        plain, weighted = _weighed(found)
        scores: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        keys: list[str] = []
        for order, (candidates, weight) in enumerate(weighted):
            place = max(candidates, key=lambda p: (plain[p.country], p.population))
            scores[place.country] += weight
            first_seen.setdefault(place.country, order)
            country = self.countries.get(place.country)
            for key in (country.key if country else None, place.key):
                if key and key not in keys:
                    keys.append(key)
        if not scores:
            return RegionFinding(primary=None, keys=[])
        best = max(scores, key=lambda code: (scores[code], -first_seen[code]))
        primary = self.countries[best].key if best in self.countries else None
        if primary:
            keys.remove(primary)
            keys.insert(0, primary)
        return RegionFinding(primary=primary, keys=keys)


def _weighed(
    found: list[tuple[list[Place], bool, bool, int]],
) -> tuple[Counter, list[tuple[list[Place], int]]]:
    """The weight of each country named plainly, and each mention's candidates with the
    weight it carries.

    An ambiguous name goes to the country the story otherwise names most, then to the most
    populous candidate. A generic name counts only as a place in a country the story names
    otherwise. A venue is kept among the story's places, but decides its country only
    when nothing else does."""
    plain: Counter = Counter()
    for candidates, generic, _, weight in found:
        if not generic and len({place.country for place in candidates}) == 1:
            plain[candidates[0].country] += weight
    weighted: list[tuple[list[Place], int]] = []
    subject_named = any(not venue for _, _, venue, _ in found)
    for candidates, generic, venue, weight in found:
        if generic:
            candidates = [place for place in candidates if plain[place.country]]
        if candidates:
            weighted.append((candidates, 0 if venue and subject_named else weight))
    return plain, weighted
