"""An organisation's name as a story writes it: its words, and the key two spellings of
one name share. Pure. Read by organisation_shapes.py, state_institutions.py and
organisations.py."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from newsreader.text.name_words import name_key
from newsreader.text.organisation_words import HEADS, POSSESSIVE_NAME_WORDS, SPELLINGS, TITLES

# A word: letters and digits, joined by hyphens, apostrophes or "&" ("Al-Hilal", "People's",
# "S&P", "444th"), with a plural possessive's apostrophe ("Workers'"); or one other sign.
_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*(?:['’](?!\p{L}))?|[^\s\p{L}\p{N}]")
_LETTERS = regex.compile(r"\p{L}+")
_ARTICLE = regex.compile(r"^(?:the|The)\s+")
_POSSESSIVE_END = regex.compile(r"['’]s?$")
_ARTICLE_JOINED = regex.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-\p{Lu}")


def spelled(name: str) -> str:
    """The name with American spellings ("Organisation" -> "Organization"), so that both
    spellings are one name."""
    return _LETTERS.sub(_american, name)


def _american(match: regex.Match) -> str:
    word = match.group()
    american = SPELLINGS.get(word.casefold())
    if american is None:
        return word
    return american.capitalize() if word[:1].isupper() else american


def organisation_key(name: str) -> str:
    """What two spellings of one organisation share: the key storage matches names on
    (name_key), of the name without "the" and in American spelling."""
    return name_key(spelled(_ARTICLE.sub("", name)))


def words_of(text: str) -> list[Word]:
    """The text's words and signs, with where each is."""
    return [Word(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int
    # An institution's name without its state ("Ministry of Health"), and its state.
    base: str = ""
    place: str = ""


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @functools.cached_property
    def lower(self) -> str:
        return self.bare.casefold()

    @functools.cached_property
    def bare(self) -> str:
        """The word without a possessive: "Egypt's" -> "Egypt", "Workers'" -> "Workers"."""
        return _POSSESSIVE_END.sub("", self.text)

    @functools.cached_property
    def modifier(self) -> bool:
        """A hyphenated modifier: "Iran-backed", "Tripoli-based", "Minister-designate"."""
        parts = self.text.split("-")
        return len(parts) > 1 and parts[-1].islower() and not _ARTICLE_JOINED.match(self.text)

    @functools.cached_property
    def capitalised(self) -> bool:
        first = self.text[:1]
        return (first.isupper() or first.isdigit() or bool(_ARTICLE_JOINED.match(self.text))) and (
            not self.modifier
        )

    @property
    def ends_name(self) -> bool:
        """A possessive that ends a name ("Egypt's"), not one inside it ("People's")."""
        if self.text.endswith(("'", "’")):
            return False
        return self.bare != self.text and self.lower not in POSSESSIVE_NAME_WORDS

    @functools.cached_property
    def head(self) -> bool:
        return self.capitalised and self.lower.split("-")[0] in HEADS

    @property
    def title(self) -> bool:
        return self.lower in TITLES
