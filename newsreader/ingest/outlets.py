"""News organisations: photo credits in captions and sources cited in the text. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# "… southern Gaza (AFP)", "… (EPA)", "… (Reuters)", "… (AP Photo)"
_PAREN_CREDIT = re.compile(r"\s*\((?:Photo:\s*)?(?P<credit>[^()]{2,60}?)\)\s*$")
# "… treatment abroad. Photo: Abed Rahim Khatib/dpa", "Photo: dpa", "Photo by Name/AFP"
_PHOTO_CREDIT = re.compile(
    r"\s*Photo(?::|\s+by)\s*(?:(?P<photographer>[^/:()]{2,80}?)\s*/\s*)?(?P<credit>[^/:()]{2,60}?)\s*$"
)
_CREDIT_WORD = re.compile(r"^[\w.&' -]+$")


# A credit stands in the last characters of a caption. Only they are searched, so a line
# of any length costs the same (searching a whole line is quadratic in a run of spaces).
CREDIT_WINDOW = 200


def split_credit(line: str) -> tuple[str, str, str]:
    """Caption line -> (text, credit, photographer); credit is '' when the line has none."""
    line = line.strip()
    offset = max(0, len(line) - CREDIT_WINDOW)
    tail = line[offset:]
    match = _PHOTO_CREDIT.search(tail)
    if match and _CREDIT_WORD.match(match["credit"]):
        photographer = (match["photographer"] or "").strip()
        return line[: offset + match.start()].strip(), match["credit"].strip(), photographer
    match = _PAREN_CREDIT.search(tail)
    if match:
        credit = match["credit"].strip()
        photographer = ""
        if "/" in credit:
            # "(Name/AFP)": a photographer and the agency.
            photographer, _, credit = (part.strip() for part in credit.rpartition("/"))
        credit = re.sub(r"\s+Photos?$", "", credit)
        if _looks_like_credit(credit):
            return line[: offset + match.start()].strip(), credit, photographer
    return line, "", ""


def _looks_like_credit(credit: str) -> bool:
    """A parenthesis at the end of a caption is a credit when it is a short name."""
    words = credit.split()
    return (
        bool(_CREDIT_WORD.match(credit))
        and 1 <= len(words) <= 5
        and all(word[0].isupper() or (word.islower() and len(word) <= 4) for word in words)
        and not credit.isdigit()
    )


@dataclass(frozen=True)
class Outlet:
    key: str  # the Source's slug
    names: tuple[str, ...]


# Words just before a name that say the text cites it.
_CITE_BEFORE = re.compile(
    r"(?:\btold|\baccording\s+to|\bcarried\s+by|\bpublished\s+by|\breported\s+by|\bquoted\s+by"
    r"|\bcited\s+by|\bquoting|\binterview\s+with|\bspeaking\s+to|\bstatement\s+to|\bsaid\s+to"
    r"|\breport\s+by|\breport\s+in|\breports\s+by|\bnews\s+agency|\bstate\s+(?:tv|television|media)"
    r"|\bbroadcaster|\bnewspaper|\bdaily|\bchannel)"
    r"(?:\s+(?:the|a|an|state|official|news|agency|daily|newspaper|broadcaster|channel|tv|"
    r"television|report|statement|published|carried|by|in|to|[A-Z][\w-]*['’]s))*\s*$",
    re.IGNORECASE,
)
# Words just after a name that say the text cites it.
_CITE_AFTER = re.compile(
    r"^(?:['’]s\s+(?:report|correspondent|reporter)|\s+(?:reported|said|quoted|cited|"
    r"published|carried|showed|aired|broadcast|wrote))\b",
    re.IGNORECASE,
)


class OutletDirectory:
    """The known sources, matched by any of their names."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets = list(outlets)
        self._by_name: dict[str, str] = {}
        patterns = []
        for outlet in self.outlets:
            for name in outlet.names:
                self._by_name.setdefault(_name_key(name), outlet.key)
                escaped = re.escape(name).replace(r"\ ", r"[\s-]+")
                # Short all-capital names (AP, SPA) must match as written; others any case.
                patterns.append(escaped if name.isupper() and len(name) <= 5 else f"(?i:{escaped})")
        patterns.sort(key=len, reverse=True)
        self._names = (
            re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])") if patterns else None
        )

    def resolve(self, name: str) -> str | None:
        """A credit or name -> the outlet's key, or None when it is unknown."""
        return self._by_name.get(_name_key(name))

    def cited_in(self, paragraphs: Iterable[str]) -> list[str]:
        """Keys of the outlets the text cites ("told AFP", "according to SANA"), in order."""
        found: list[str] = []
        if self._names is None:
            return found
        for paragraph in paragraphs:
            for match in self._names.finditer(paragraph):
                before = paragraph[max(0, match.start() - 80) : match.start()]
                after = paragraph[match.end() : match.end() + 40]
                if _CITE_BEFORE.search(before) or _CITE_AFTER.match(after):
                    key = self.resolve(match.group())
                    if key and key not in found:
                        found.append(key)
        return found


def _name_key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.strip()).casefold()
