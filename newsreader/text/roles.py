"""The words around a name that say who the person is: a story's words as tokens, and
the pure readers of a role ("Egypt's foreign minister", "head of the Council"). Used by
people.py."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import regex

from newsreader.text.countries import countries
from newsreader.text.name_words import (
    MAX_ROLE_WORDS,
    ROLE_HEADS,
    ROLE_STOP,
    VERB_ENDINGS,
    VERB_LIKE_ROLE_WORDS,
    name_key,
)
from newsreader.text.organisation_words import PORTFOLIO_WORDS

POSSESSIVE = regex.compile(r"['’]s$")
ARTICLE_JOINED = regex.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul)-\p{Lu}")
LETTER = regex.compile(r"\p{L}")


@dataclass
class Token:
    text: str
    start: int
    end: int
    # Read once, as the word is made: the finders ask each word these many times
    # (measured: naming 1,336 stories 7% faster than as properties, the same names).
    bare: str = field(init=False)  # the word without a possessive "'s"
    possessive: bool = field(init=False)
    capitalised: bool = field(init=False)

    def __post_init__(self) -> None:
        self.bare = POSSESSIVE.sub("", self.text)
        self.possessive = self.bare != self.text
        self.capitalised = self.text[:1].isupper() or ARTICLE_JOINED.match(self.text) is not None


def is_verb_like(token: Token) -> bool:
    """A lower-case word that reads as a verb ("welcomes", "hosted"), which a role never
    holds; role words that end like one ("foreign affairs minister", "acting") are not."""
    lower = token.text.casefold()
    return (
        token.text.islower()
        and lower.endswith(VERB_ENDINGS)
        and lower not in VERB_LIKE_ROLE_WORDS
        and lower not in ROLE_HEADS
        and not lower.endswith("ss")
    )


def words_after_comma(tokens: list[Token], end: int) -> list[Token]:
    """The words of ", the foreign minister of Egypt," after a name, without "the"."""
    if end >= len(tokens) or tokens[end].text != ",":
        return []
    words: list[Token] = []
    for token in tokens[end + 1 :]:
        if len(words) >= MAX_ROLE_WORDS + 2 or (
            not LETTER.match(token.text) and token.text not in "-"
        ):
            break
        words.append(token)
    if words and words[0].text.casefold() in {"the", "a", "an"}:
        words = words[1:]
    return words


def role_object(following: list[Token]) -> list[str]:
    """The "of Egypt" of "foreign minister of Egypt"; "of the Russian State Duma", every
    capitalised word of what it names."""
    if len(following) < 2 or following[0].text.casefold() not in {"of", "for"}:
        return []
    article = int(following[1].text.casefold() == "the")
    named = following[1 + article :]
    if named and named[0].capitalised:
        words = [t.text for t in following[: 1 + article]]
        for position, token in enumerate(named[:MAX_ROLE_WORDS]):
            lower = token.text.casefold()
            # "and" joins portfolios ("Higher Education and Scientific Research"), not
            # the next person ("Higher Education and Mohammed ...")
            after = named[position + 1].text.casefold() if position + 1 < len(named) else ""
            if lower == "and" and after not in PORTFOLIO_WORDS:
                break
            if not (token.capitalised or lower in {"of", "for", "and"}):
                break
            words.append(token.text)
    else:
        words = [t.text for t in following[:3] if LETTER.match(t.text)]
    while words and words[-1].casefold() in ROLE_STOP:
        words.pop()
    return words


def nationality_in(role_words: list[str]) -> str:
    """The country of a nationality inside a role, before its head ("former Lebanese MP")."""
    for word in role_words:
        if word.casefold().rstrip(".") in ROLE_HEADS:
            return ""
        if country := countries().get(name_key(POSSESSIVE.sub("", word)), ""):
            return country
    return ""


# Titles of rank that follow an office before a name ("Energy Minister Prince Abdulaziz"):
# the office is the role.
RANKS = {"prince", "princess", "sheikh", "sheikha", "king", "emir", "sultan", "sayyed", "sayyid"}
# Words that say who a person is to someone else, not what office they hold.
RELATIVE_ROLES = {"counterpart", "counterparts", "partner", "partners"}


def whole_role(role_words: list[str]) -> list[str]:
    """The office without a rank after it: "Energy Minister Prince" -> "Energy Minister"."""
    words = list(role_words)
    while (
        len(words) > 1
        and words[-1].casefold().rstrip(".") in RANKS
        and any(word.casefold().rstrip(".") in ROLE_HEADS - RANKS for word in words[:-1])
    ):
        words.pop()
    return words


def ends_in_role(role_words: list[str]) -> bool:
    """Whether the words end in a role's head ("minister") or hold "head of" ("envoy
    to")."""
    lowered = [word.casefold().rstrip(".") for word in role_words]
    return bool(lowered) and (
        lowered[-1] in ROLE_HEADS
        or any(
            head in ROLE_HEADS and joiner in {"for", "of", "to"}
            for head, joiner in itertools.pairwise(lowered)
        )
    )
