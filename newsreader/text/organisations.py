"""Organisations a story names: the reference list (organisation_list.py) under any
alias, acronyms a story defines ("the Syrian Democratic Forces (SDF)"), and names by their
shape (newsreader/text/organisation_shapes.py). Pure.

The reference list is curated by hand, as the outlets are (no maintained offline list of
the region's parties, armed groups, institutions and companies exists on PyPI); the names
are Wikipedia's English titles. An alias written in capitals matches only in capitals
("WHO", never "who").

One organisation gets one name however a story writes it, so that storage (which matches
names on name_key, newsreader/threads.py) keeps one row for it across stories: an acronym
and its name, "the" or not, British or American spelling, and a state's institution
under one name with its state ("Egypt's Health Ministry", "the Egyptian Ministry of
Health" and, in the same story, "the Health Ministry" -> "Ministry of Health (Egypt)").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from newsreader.text.countries import countries
from newsreader.text.name_words import name_key
from newsreader.text.organisation_names import Mention, organisation_key, spelled
from newsreader.text.organisation_shapes import mentions
from newsreader.text.organisation_words import (
    AFTER_NAME_MODIFIERS,
    NOT_DEFINING_ACRONYMS,
    NOT_SPELLED_ORGANISATIONS,
    ORGANISATION_MODIFIERS,
    OWN_KINDS,
)

# Dotted abbreviations written as one word, so that "U.S. Central Command" and "US Central
# Command" are one name: "U.S." -> "US", "U.N." -> "UN".
_DOTTED = regex.compile(r"(?<![\p{L}.])((?:\p{Lu}\.){2,3})(?!\p{L})")
# An acronym in brackets after the name it stands for: "(SDF)", "(Adnoc)", "(KSrelief)".
_BRACKETED = regex.compile(r"\((?P<acronym>\p{Lu}[\p{L}\p{N}&-]{1,9})\)")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*")
_ARTICLE = regex.compile(r"^(?:the|The)\s+")
# Words an acronym may leave out or take a letter from: "Organisation for the Prohibition
# of Chemical Weapons (OPCW)", "UN Support Mission in Libya (UNSMIL)".
_MINOR = frozenset(
    ["of", "for", "the", "and", "in", "on", "to", "du", "de", "des", "al", "el", "bin"]
)
# The shortest acronym said as a word ("Nato"); "WHO" is never "Who".
SAID_AS_A_WORD = 4
# The most words before a bracket read for the name an acronym stands for.
_MAX_NAME_WORDS = 12


class Organisations:
    """The reference list of organisations, found under any alias; acronyms a story
    defines; and names by their shape (in the body only: a headline's words are all
    capitalised)."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        self.canonical: dict[str, str] = {}
        for name, aliases in entries:
            for alias in (name, *aliases):
                self.canonical[alias] = name
                # An acronym said as a word is written as a name too ("Nato", "Fifa").
                if alias.isalpha() and alias.isupper() and len(alias) >= SAID_AS_A_WORD:
                    self.canonical[alias.title()] = name
        self.keys = {name_key(alias) for alias in self.canonical}
        # Acronyms ("WHO") are known in capitals only; other names in any case.
        self._by_key = {
            organisation_key(alias): name
            for alias, name in self.canonical.items()
            if not alias.isupper()
        }
        alternatives = sorted(self.canonical, key=len, reverse=True)
        # Not the first words of a hyphenated word ("UNRWA-run"), except before a word that
        # makes it a modifier naming the organisation ("NATO-backed", "UN-brokered").
        modifiers = "|".join(
            m.lstrip("-") for m in (*ORGANISATION_MODIFIERS, *AFTER_NAME_MODIFIERS)
        )
        self._pattern = regex.compile(
            r"(?<![\p{L}\p{N}-])(?:"
            + "|".join(regex.escape(a) for a in alternatives)
            + rf")(?![\p{{L}}\p{{N}}]|-(?!(?:{modifiers})\b)\p{{L}})"
        )

    def known(self, name: str) -> str | None:
        """The reference list's name for this one, or None: "the Hizbollah" -> "Hezbollah",
        "Israel Defence Forces" -> "Israel Defense Forces"."""
        bare = _ARTICLE.sub("", name)
        return self.canonical.get(bare) or self._by_key.get(organisation_key(bare))

    def find(self, texts: list[str], body: list[str] | None = None) -> list[str]:
        """The organisations the texts name, one name each; ``body``, the texts read for
        organisations by their shape too."""
        remaining = list(body or [])
        found: list[Mention] = []
        renamed: dict[str, str] = {}
        for text in texts:
            in_body = text in remaining
            if in_body:
                remaining.remove(text)
            text = _undotted(text)
            kept = self._mentions(text, in_body)
            definitions = self._definitions(text, kept)
            # A name an acronym spells out is the name: "UN Verification and Inspection
            # Mechanism (UNVIM)" is not the UN too.
            found += [m for m in kept if not any(_within(m, d) for _, d in definitions)]
            for acronym, mention in definitions:
                found.append(mention)
                if acronym in self.canonical:
                    renamed[mention.name] = self.canonical[acronym]
        return _merged([_renamed(m, renamed) for m in found])

    def _mentions(self, text: str, shaped: bool) -> list[Mention]:
        """The names in one text, the longest where two overlap (the reference list's on
        a tie): "UN Support Mission in Libya" rather than "UN"."""
        listed = [
            Mention(self.canonical[m.group()], m.start(), m.end())
            for m in self._pattern.finditer(text)
        ]
        candidates = listed + (mentions(text, self.known) if shaped else [])
        kept: list[Mention] = []
        for mention in sorted(candidates, key=lambda m: m.start - m.end):
            if all(mention.end <= k.start or mention.start >= k.end for k in kept):
                kept.append(mention)
        return sorted(kept, key=lambda m: m.start)

    def _definitions(self, text: str, kept: list[Mention]) -> list[tuple[str, Mention]]:
        """Acronyms the text defines, with the name each stands for: the name found just
        before the bracket, or the words before it whose initials make the acronym."""
        definitions = []
        for match in _BRACKETED.finditer(text):
            acronym = match["acronym"]
            if acronym.casefold() in NOT_DEFINING_ACRONYMS:
                continue
            end = len(text[: match.start()].rstrip())
            before = [m for m in kept if m.end == end]
            if before:
                definitions.append((acronym, before[0]))
                continue
            name = _spelled_out(acronym, text[:end])
            if name and name.split()[-1].casefold() not in NOT_SPELLED_ORGANISATIONS:
                mention = Mention(self.known(name) or spelled(name), end - len(name), end)
                definitions.append((acronym, mention))
        return definitions


def _within(mention: Mention, other: Mention) -> bool:
    return mention != other and other.start <= mention.start and mention.end <= other.end


def _undotted(text: str) -> str:
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


def _renamed(mention: Mention, renamed: dict[str, str]) -> Mention:
    name = renamed.get(mention.name)
    return Mention(name, mention.start, mention.end) if name else mention


def _merged(found: list[Mention]) -> list[str]:
    """One name per organisation, in the order first named: a state's institution named
    without its state is the one the story names with it ("the Health Ministry" after
    "Egypt's Health Ministry"); of two states', it is one of them, and no other."""
    with_state: dict[str, set[str]] = {}
    for mention in found:
        if mention.base and mention.place:
            with_state.setdefault(mention.base, set()).add(mention.name)
    names: dict[str, str] = {}
    for mention in found:
        name = mention.name
        if mention.base and not mention.place:
            same = {
                named
                for base, named_with_state in with_state.items()
                if base == mention.base or base.startswith(mention.base + " and ")
                for named in named_with_state
            }
            if len(same) > 1:
                continue
            if same:
                name = same.pop()
        names.setdefault(organisation_key(name), name)
    return _without_aliases(list(names.values()))


def _without_aliases(names: list[str]) -> list[str]:
    """One name for an organisation a story names two ways: with and without its
    nationality ("Yemeni Presidential Leadership Council", "Presidential Leadership
    Council"; "Libya" or "Libyan Political Dialogue Forum"), or with and without its kind
    ("Kataeb", "Kataeb Party"). The first named stays, or the one without the
    nationality."""
    keys = {name: organisation_key(name) for name in names}
    bare = {name: _without_nationality(key) for name, key in keys.items()}
    full = set(keys.values())
    kept: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name in names:
        key = keys[name]
        if bare[name][1] != key and bare[name][1] in full:
            continue  # the name without its nationality is named too
        if bare[name] in seen or any(f"{key} {kind}" in full for kind in OWN_KINDS):
            continue
        seen.add(bare[name])
        kept.append(name)
    return kept


def _without_nationality(key: str) -> tuple[str, str]:
    """(country, the rest) of a key whose first word is a country or its people's
    adjective, when two words or more remain: "libyan political dialogue forum" ->
    ("LY", "political dialogue forum"); else ("", key)."""
    first, _, rest = key.partition(" ")
    country = countries().get(first, "")
    return (country, rest) if country and rest.count(" ") >= 1 else ("", key)


def _spelled_out(acronym: str, before: str) -> str:
    """The words just before ``before`` ends whose initials make the acronym: "... the
    Syrian Democratic Forces" with "SDF" -> "Syrian Democratic Forces"; '' if none."""
    words = _WORD.findall(before[-300:])[-_MAX_NAME_WORDS:]
    if not before.endswith(tuple(words[-1:])):
        return ""
    letters = "".join(c for c in acronym.casefold() if c.isalnum())
    for start in range(len(words) - 2, -1, -1):
        if words[start][:1].isupper() and _spells(letters, _parts(words[start:])):
            name = " ".join(words[start:])
            return name if before.endswith(name) else ""
    return ""


def _parts(words: list[str]) -> tuple[tuple[str, bool], ...]:
    """Each word's parts, lower case, with whether the acronym may leave the part out (a
    minor word, or a hyphenated word's second part: "al-Sham")."""
    parts = []
    for word in words:
        for number, part in enumerate(word.casefold().split("-")):
            parts.append((part, number > 0 or part in _MINOR))
    return tuple(parts)


@functools.lru_cache(maxsize=4096)
def _spells(letters: str, parts: tuple[tuple[str, bool], ...]) -> bool:
    """Whether the parts, in order, make the letters: each part gives its first letter or
    its first few (a minor one may give none)."""
    if not parts:
        return not letters
    (part, optional), rest = parts[0], parts[1:]
    if optional and _spells(letters, rest):
        return True
    for size in range(1, min(len(part), len(letters)) + 1):
        if part[:size] != letters[:size]:
            break
        if _spells(letters[size:], rest):
            return True
    return False
