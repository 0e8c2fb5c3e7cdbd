"""News organisations: sources cited in the text. Pure. (Photo credits: credits.py.)"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Outlet:
    key: str  # the Source's slug
    names: tuple[str, ...]


# Words just before a name that say the text cites it.
_CITE_BEFORE = re.compile(
    r"(?:\btold|\baccording\s+to|\bcarried\s+by|\bpublished\s+by|\breported\s+by|\bquoted\s+by"
    r"|\bcited\s+by|\bquoting|\binterviews?\s+(?:with|to|by|on|for)|\bspeaking\s+to"
    r"|\bstatements?\s+to|\bsaid\s+to|\bremarks\s+to|\bspoke\s+to|\btalking\s+to|\bcomments\s+to"
    r"|\bconfirmed\s+to|\brevealed\s+to|\bexplained\s+to|\bdisclosed\s+to|\breported\s+to"
    r"|\basked\s+by|\battended\s+by|\bcalls?\s+(?:made\s+)?by|\bquestions?\s+(?:from|by)"
    r"|\bcontacted\s+by|\bobtained\s+by|\breviewed\s+by|\bseen\s+by"
    r"|\breport\s+by|\breport\s+in|\breports\s+by|\bnews\s+agency|\bstate\s+(?:tv|television|media)"
    r"|\bbroadcaster|\bnewspaper|\bdaily|\bchannel)"
    r"(?:\s+(?:the|a|an|state|official|news|agency|daily|newspaper|broadcaster|channel|tv|"
    r"television|report|statement|published|carried|by|in|to|[A-Z][\w-]*['’]s))*\s*$",
    re.IGNORECASE,
)
# Words just after a name that say the text cites it.
# ("SANA reported", "the official SANA news agency said", "Kuwait News Agency (KUNA)
# reported", "Reuters' correspondent").
_CITE_AFTER = re.compile(
    r"^(?:\s*\([A-Z]{2,6}\))?(?:['’]s?\s+(?:report|correspondent|reporter)|"
    r"\s+(?:report|reports|correspondent|reporter|learned|learnt|has\s+learned|obtained|"
    r"reviewed)|"
    r"(?:\s+(?:news|agency|newspaper|daily|channel|tv|television|website))*"
    r"\s+(?:reported|reports|said|says|quoted|cited|published|carried|showed|aired|"
    r"broadcast|wrote|added))\b",
    re.IGNORECASE,
)
# A name in parentheses closing a sentence cites it: "…, the ministry said (SANA)."
_CITE_PARENTHESIS = re.compile(r"(?:[a-z\d,.;:!?\"”’]\s*)\($")
_CLOSE_PARENTHESIS = re.compile(r"^\)\s*(?:[.,;:]|$)")


def _cites(paragraph: str, start: int, end: int) -> bool:
    """Whether the name at paragraph[start:end] is cited, by the words around it."""
    before = paragraph[max(0, start - 80) : start]
    after = paragraph[end : end + 40]
    if before.endswith("(") and after.startswith(")"):
        # "the Omani news agency (ONA) said": what follows the parenthesis says it.
        if _CITE_AFTER.match(after[1:]):
            return True
        return bool(_CITE_PARENTHESIS.search(before) and _CLOSE_PARENTHESIS.match(after))
    if after.startswith(":") and re.search(r"\bto\s*$", before):
        return True  # a headline's "Minister to Asharq Al-Awsat: …"
    return bool(_CITE_BEFORE.search(before) or _CITE_AFTER.match(after))


class OutletDirectory:
    """The known sources, matched by any of their names."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets = list(outlets)
        self._by_name: dict[str, str] = {}
        # The names' patterns by their first letter: a word is tried against the names
        # that start as it does, not all 300 (measured: 2.8 times as fast, the same matches).
        by_letter: dict[str, list[str]] = defaultdict(list)
        for outlet in self.outlets:
            for name in outlet.names:
                self._by_name.setdefault(_name_key(name), outlet.key)
                escaped = re.escape(name).replace(r"\ ", r"[\s-]+")
                by_letter[name[0].casefold()].append(_name_pattern(name, escaped))
        groups = [
            f"(?=[{re.escape(letter + letter.upper())}])"
            f"(?:{'|'.join(sorted(patterns, key=len, reverse=True))})"
            for letter, patterns in sorted(by_letter.items())
        ]
        self._names = (
            re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])") if groups else None
        )

    def resolve(self, name: str) -> str | None:
        """A credit or name -> the outlet's key, or None when it is unknown."""
        return self._by_name.get(_name_key(name))

    def without_names(self, text: str) -> str:
        """The text with every news organisation's name blanked out, its length kept: read
        before places, "SANA" is the Syrian agency, not Sanaa, and "the Saudi Press Agency
        reported" does not make a story Saudi."""
        text = _AGENCY_NAME.sub(_blank, text)
        return self._names.sub(_blank, text) if self._names is not None else text

    def new_agencies_cited(self, paragraphs: Iterable[str]) -> list[str]:
        """Names of news agencies the text cites that are not known yet ("the Kuwait News
        Agency (KUNA) reported"): a new source, not one to drop."""
        found: list[str] = []
        for paragraph in paragraphs:
            for match in _AGENCY_NAME.finditer(paragraph):
                name = re.sub(r"^(?:The|the)\s+", "", match["name"].strip())
                short = match["short"] or ""
                if self.resolve(name) or (short and self.resolve(short)):
                    continue
                if _cites(paragraph, match.start(), match.end()) and name not in found:
                    found.append(name)
        return found

    def cited_in(self, paragraphs: Iterable[str]) -> list[str]:
        """Keys of the outlets the text cites ("told AFP", "according to SANA"), in order."""
        found: list[str] = []
        if self._names is None:
            return found
        for paragraph in paragraphs:
            for match in self._names.finditer(paragraph):
                if _cites(paragraph, match.start(), match.end()):
                    key = self.resolve(match.group())
                    if key and key not in found:
                        found.append(key)
        return found


# "Emirates News Agency", "the Qatar News Agency (QNA)": an agency, known or not.
_AGENCY_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’-]*\s+){1,4}(?:News|Press)\s+Agency)(?:\s*\((?P<short>[A-Z]{2,6})\))?"
)


def _name_pattern(name: str, escaped: str) -> str:
    """Short all-capital names (AP, SPA) match only as written; a one-word name (Guardian,
    Kan, Mehr) only with its capital, so "the guardian said" cites no one; a longer name in
    any case ("Al-Jazeera", "al-Jazeera"). A leading "The" is any case."""
    if name.isupper() and len(name) <= 5:
        return escaped
    if name.startswith("The "):  # "The Economist": "the economist said" cites no one either
        rest = name[4:]
        return r"(?i:the)[\s-]+" + _name_pattern(rest, re.escape(rest).replace(r"\ ", r"[\s-]+"))
    if not re.search(r"[\s-]", name):
        return f"{re.escape(name[0])}(?i:{re.escape(name[1:])})"
    return f"(?i:{escaped})"


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def _name_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.strip()).casefold()
