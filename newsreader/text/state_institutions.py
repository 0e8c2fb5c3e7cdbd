"""A state's institutions, which every state has under one name: "Egypt's Health
Ministry", "the Egyptian Ministry of Health", "Iraq's parliament". Each is stored with its
state ("Ministry of Health (Egypt)"); without one it is "Ministry of Health", and the
caller gives it the state another mention in the story names (``Mention.base``). Pure.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from newsreader.text.countries import countries, country_names
from newsreader.text.name_words import name_key
from newsreader.text.organisation_names import Mention, Word, spelled
from newsreader.text.organisation_words import (
    ARMED_FORCES,
    COUNTRY_NAMES,
    INSTITUTIONS,
    LOWER_CASE_INSTITUTIONS,
    LOWER_CASE_PAIRS,
    PORTFOLIO_WORDS,
    PORTFOLIOS,
    QUALIFIERS,
    VERBS,
)

_POSSESSIVE = regex.compile(r"['’]s$")


@functools.cache
def _place_names() -> dict[str, str]:
    return country_names() | COUNTRY_NAMES


def place_of(words: list[str]) -> str:
    """The state (or territory) these words name, or ''."""
    key = name_key(_POSSESSIVE.sub("", " ".join(words)))
    if key in QUALIFIERS:
        return QUALIFIERS[key]
    code = countries().get(key)
    return _place_names().get(code, "") if code else ""


def institution(words: list[str]) -> str:
    """The name every state's institution of these words goes by ("Health Ministry" ->
    "Ministry of Health"), or ''."""
    if not words:
        return ""
    lower = [w.casefold() for w in words]
    key = name_key(" ".join(lower))
    if key in INSTITUTIONS:
        return INSTITUTIONS[key]
    if key == "government":
        return "Government"
    if lower[0] == "ministry" and len(words) > 2 and lower[1] == "of":
        return "Ministry of " + portfolio(words[2:])
    if lower[-1] == "ministry" and len(words) > 1:
        return "Ministry of " + portfolio(words[:-1])
    return ""


def portfolio(words: list[str]) -> str:
    """A ministry's portfolio in its usual words: "foreign" -> "Foreign Affairs"."""
    key = " ".join(words).casefold()
    if key in PORTFOLIOS:
        return PORTFOLIOS[key]
    small = {"and", "of", "the"}
    named = " ".join(w if w in small else w[:1].upper() + w[1:] for w in words)
    return spelled(named.replace(" ,", ","))


def institution_mention(base: str, place: str, start: int, end: int) -> Mention:
    if base == "Armed Forces" and place in ARMED_FORCES:
        return Mention(ARMED_FORCES[place], start, end)
    return Mention(f"{base} ({place})" if place else base, start, end, base, place)


def lower_case_institutions(tokens: list[Word]) -> Iterator[Mention]:
    """Institutions in lower case with their state: "Egypt's health ministry", "the
    Lebanese army", "Iraq's parliament", "the health ministry in Gaza"."""
    for index, token in enumerate(tokens):
        if not token.text.islower():
            continue
        start, base = _lower_case_base(tokens, index)
        if not base:
            continue
        place, place_start = _place_before(tokens, start)
        if not place and index + 2 < len(tokens) and tokens[index + 1].text == "in":
            place = place_of([tokens[index + 2].bare])
        if place:
            yield institution_mention(base, place, place_start, token.end)


def _lower_case_base(tokens: list[Word], index: int) -> tuple[int, str]:
    token = tokens[index]
    if token.text == "ministry":
        start = index
        while start > 0 and tokens[start - 1].text in PORTFOLIO_WORDS:
            start -= 1
        while start < index and tokens[start].text in {"and", "the", "public", "national"}:
            start += 1
        if start == index:
            return index, ""
        return start, "Ministry of " + portfolio([t.text for t in tokens[start:index]])
    if token.text == "military" and not _verb_after(tokens, index):
        return index, ""
    if token.text in LOWER_CASE_INSTITUTIONS:
        return index, INSTITUTIONS[token.text]
    if index and (tokens[index - 1].text, token.text) in LOWER_CASE_PAIRS:
        return index - 1, INSTITUTIONS[f"{tokens[index - 1].text} {token.text}"]
    return index, ""


def _verb_after(tokens: list[Word], index: int) -> bool:
    """Whether the word after ``index`` is a verb or a sign, not a noun the word before
    describes: "the Israeli military said", "the military, which"."""
    if index + 1 == len(tokens):
        return True
    after = tokens[index + 1].text
    return not after.isalpha() or after in VERBS or after.endswith("ed")


def _place_before(tokens: list[Word], start: int) -> tuple[str, int]:
    """The state named just before: "Egypt's", "Saudi Arabia's", "the Egyptian"."""
    for size in (2, 1):
        if start - size < 0:
            continue
        words = tokens[start - size : start]
        if words[0].text[:1].isupper() or words[0].modifier:
            place = place_of([w.text for w in words])
            if place:
                return place, words[0].start
    return "", start


def leading_place(words: list[Word]) -> tuple[str, list[Word]]:
    for size in (3, 2, 1):
        if len(words) > size:
            place = place_of([w.bare for w in words[:size]])
            if place:
                return place, words[size:]
    return "", words


def trailing_place(words: list[Word]) -> tuple[list[Word], str]:
    """ "Central Bank of Egypt" -> "Central Bank", "Egypt"; "House of Representatives in
    Benghazi" -> "House of Representatives", ''."""
    for index in range(len(words) - 1, 0, -1):
        if words[index].text in {"of", "in"}:
            place = place_of([w.bare for w in words[index + 1 :]])
            if place:
                return words[:index], place
            if words[index].text == "in":
                return trailing_place(words[:index])
    return words, ""
