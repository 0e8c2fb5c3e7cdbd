"""News organisations: photo credits in captions and sources cited in the text. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# "… southern Gaza (AFP)", "… (EPA)", "… (Reuters)", "… (AP Photo/Name)", "(Photo by Name/Getty
# Images)"
_PAREN_CREDIT = re.compile(
    r"\s*\((?:Photo(?::|\s+by)\s*)?(?P<credit>[^()]{2,60}?)\)\s*$", re.IGNORECASE
)
# "… treatment abroad. Photo: Abed Rahim Khatib/dpa", "Photo: dpa", "Photo by Name/AFP"
_PHOTO_CREDIT = re.compile(
    r"\s*Photo(?::|\s+by)\s*(?:(?P<photographer>[^/:()]{2,80}?)\s*/\s*)?(?P<credit>[^/:()]{2,60}?)\s*$"
)
# The wire services' own formats, without parentheses, at the end of a caption: the agency
# first ("… Gaza City. REUTERS/Dawoud Abu Alkas", "EPA-EFE/MOHAMMED SABER"), or after a
# full stop the photographer first ("… in Khartoum. Ebrahim Hamid/AFP").
_AGENCY_FIRST = re.compile(
    r"(?:^|\s)(?P<agency>[A-Za-z][\w.&-]{1,20}(?:\s+Photo)?)\s*/\s*(?P<photographer>[^/()]{2,60}?)\s*$"
)
_PHOTOGRAPHER_FIRST = re.compile(
    r"(?:^|[.!?]\s+)(?P<photographer>[^/().!?]{2,60}?)\s*/\s*(?P<agency>[\w.&' -]{2,40}?)\s*$"
)
_CREDIT_WORD = re.compile(r"^[\w.&' -]+$")
# Agencies and picture desks whose name can stand on either side of a photographer's; the
# ones in the reference data are known too (OutletDirectory), but a caption is read alone.
WIRE_NAMES = {
    "ap", "afp", "reuters", "epa", "epa-efe", "efe", "dpa", "getty images", "anadolu",
    "anadolu agency", "xinhua", "wam", "kuna", "spa", "sana", "qna", "mena", "ina", "irna",
    "nna", "map", "aps", "apa images", "sopa images", "zuma press", "shutterstock",
}  # fmt: skip
# A caption's credit stands in its last characters. Only they are searched, so a line of
# any length costs the same (searching a whole line is quadratic in a run of spaces).
CREDIT_WINDOW = 200


def split_credit(line: str) -> tuple[str, str, str]:
    """Caption line -> (text, credit, photographer); credit is '' when the line has none.

    The credit is the agency or picture desk; the photographer, when named, is a person.
    """
    line = line.strip()
    offset = max(0, len(line) - CREDIT_WINDOW)
    tail = line[offset:]
    match = _PHOTO_CREDIT.search(tail)
    if match and _CREDIT_WORD.match(match["credit"]):
        credit, photographer = _orient(match["credit"], match["photographer"] or "")
        return line[: offset + match.start()].strip(), credit, photographer
    match = _PAREN_CREDIT.search(tail)
    if match:
        left, _, right = (part.strip() for part in match["credit"].rpartition("/"))
        # "(Name/AFP)", "(AP Photo/Name)": which side is the agency is told by the names.
        credit, photographer = _orient(right, left) if left else (_agency(right), "")
        if _looks_like_credit(credit) and (not photographer or _looks_like_name(photographer)):
            return line[: offset + match.start()].strip(), credit, photographer
    for pattern in (_AGENCY_FIRST, _PHOTOGRAPHER_FIRST):
        match = pattern.search(tail)
        # Without parentheses, only a full name (two words or more) makes a credit.
        photographer = match["photographer"] if match else ""
        if match and _is_agency(match["agency"]) and _looks_like_name(photographer, words=2):
            end = offset + match.start("agency" if pattern is _AGENCY_FIRST else "photographer")
            return line[:end].strip(), _agency(match["agency"]), match["photographer"].strip()
    return line, "", ""


def _agency(name: str) -> str:
    """ "AP Photo" -> "AP"; "AFP Photos" -> "AFP"."""
    return re.sub(r"\s+Photos?$", "", name.strip())


def _is_agency(name: str) -> bool:
    """A name that can only be an agency's: a known wire, a name ending in "Photo", or one
    word in capitals (REUTERS, EPA-EFE)."""
    name = name.strip()
    return (
        name.casefold() in WIRE_NAMES
        or _agency(name) != name
        or (name.isupper() and " " not in name and len(re.sub(r"\W", "", name)) >= 2)
    )


def _orient(credit: str, photographer: str) -> tuple[str, str]:
    """(agency, photographer) from the two sides of "A/B", whichever way round they came:
    "Jane Doe/AFP" and "AP Photo/Jane Doe" both give the agency first."""
    credit, photographer = credit.strip(), photographer.strip()
    if photographer and _is_agency(photographer) and not _is_agency(credit):
        credit, photographer = photographer, credit
    return _agency(credit), photographer


def _looks_like_credit(credit: str) -> bool:
    """A parenthesis at the end of a caption is a credit when it is a short name."""
    words = credit.split()
    return (
        bool(_CREDIT_WORD.match(credit))
        and 1 <= len(words) <= 5
        and all(word[0].isupper() or (word.islower() and len(word) <= 4) for word in words)
        and not credit.isdigit()
    )


# Lower-case words a name may hold ("Ahmad al-Rubaye", "Omar bin Ali", "Lucas de Oliveira").
_NAME_PARTICLES = re.compile(r"^(?:al|el|bin|ibn|bint|abu|de|da|di|du|van|von|der|la|le)(?:-\w+)?$")


def _looks_like_name(name: str, words: int = 1) -> bool:
    """A person's name as credits print it: one to five capitalised words ("Jane Doe",
    "MOHAMMED SABER", "Abed Rahim Khatib", "Ahmad al-Rubaye")."""
    parts = name.split()
    return (
        words <= len(parts) <= 5
        and bool(_CREDIT_WORD.match(name))
        and parts[0][0].isupper()
        and all(part[0].isupper() or _NAME_PARTICLES.match(part) for part in parts)
    )


@dataclass(frozen=True)
class Outlet:
    key: str  # the Source's slug
    names: tuple[str, ...]


# Words just before a name that say the text cites it.
_CITE_BEFORE = re.compile(
    r"(?:\btold|\baccording\s+to|\bcarried\s+by|\bpublished\s+by|\breported\s+by|\bquoted\s+by"
    r"|\bcited\s+by|\bquoting|\binterview\s+with|\bspeaking\s+to|\bstatement\s+to|\bsaid\s+to"
    r"|\bremarks\s+to|\bspoke\s+to|\btalking\s+to|\bcomments\s+to|\bconfirmed\s+to"
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
    r"(?:\s+(?:news|agency|newspaper|daily|channel|tv|television|website))*"
    r"\s+(?:reported|reports|said|says|quoted|cited|published|carried|showed|aired|"
    r"broadcast|wrote|added))\b",
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
                patterns.append(_name_pattern(name, escaped))
        patterns.sort(key=len, reverse=True)
        self._names = (
            re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])") if patterns else None
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
                before = paragraph[max(0, match.start() - 80) : match.start()]
                after = paragraph[match.end() : match.end() + 40]
                if (_CITE_BEFORE.search(before) or _CITE_AFTER.match(after)) and name not in found:
                    found.append(name)
        return found

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
