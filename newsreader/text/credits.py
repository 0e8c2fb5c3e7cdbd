"""Photo credits at the end of a caption line. Pure.

A caption line ends with its credit in one of the forms the wires and the region's sites
print (each has a test in tests/test_outlets.py):

- in parentheses: "(AFP)", "(AP Photo/Name)", "(Photo: Name/AFP)", "(File Photo: SPA)",
  "(File - Reuters)", "(SANA via AP)", "(Saudi Ministry of Energy website)", "(Reuters).",
  and in square brackets: "[Getty]", "[Getty/file photo]"
- after "Photo:": "Photo: Name/dpa"
- the wire's own, without parentheses: "REUTERS/Name", "REUTERS/Name/POOL",
  "EPA-EFE/NAME", "Name/AFP", "Sputnik/Name/Handout via Reuters", " /NNA"
- a bare agency in capitals as the last word: "… in Aden REUTERS", "… in Riyadh. SPA"
- after a dash: "… in Khartoum - Asharq Al-Awsat"

A caption that marks its photo as a file or archive picture says so (``file_photo``): its
date is the photo's, never the story's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Agencies and picture desks whose name can stand on either side of a photographer's, or
# alone at the end of a caption; the ones in the reference data are known too
# (OutletDirectory), but a caption is read alone.
WIRE_NAMES = {
    "ap", "afp", "reuters", "epa", "epa-efe", "efe", "dpa", "getty images", "anadolu",
    "anadolu agency", "xinhua", "wam", "kuna", "spa", "sana", "qna", "mena", "ina", "irna",
    "nna", "map", "aps", "apa images", "sopa images", "zuma press", "shutterstock", "bna",
    "ona", "petra", "wafa", "suna", "saba", "tass", "sputnik", "asharq al-awsat", "aawsat",
}  # fmt: skip
# A caption's credit stands in its last characters. Only they are searched, so a line of
# any length costs the same (searching a whole line is quadratic in a run of spaces).
CREDIT_WINDOW = 200

# Parts of a credit that say how the picture came, not who took it.
_DECORATION = re.compile(
    r"^(?:pool(?:\s+photo)?|handout|ho|files?(?:\s+photo)?|archive|photo|photos|via\s+.*)$",
    re.IGNORECASE,
)
_FILE_PREFIX = re.compile(
    r"^(?:file|archive|archives)(?:\s+(?:photo|image|picture)s?)?\s*(?:[:\-–—/,]\s*|\s+by\s+)",
    re.IGNORECASE,
)
_FILE_SUFFIX = re.compile(r"[\s/,-]+(?:file|archive)(?:\s+(?:photo|image|picture)s?)?$", re.I)
_PHOTO_PREFIX = re.compile(r"^(?:photos?|image|picture)(?::\s*|\s+by\s+|\s*[-–—]\s*)", re.I)
_FILE_WORDS = re.compile(r"\b(?:file|archive)\s*(?:photo|image|picture|$)|\barchiv", re.I)

_PAREN = re.compile(r"\s*\((?P<inner>[^()]{1,90})\)\s*\.?\s*$")
# The same in square brackets, as The New Arab prints it ("… near Deir Alla [Getty]").
_BRACKETS = re.compile(r"\s*\[(?P<inner>[^\[\]]{1,90})\]\s*\.?\s*$")
_PHOTO_LINE = re.compile(r"(?:^|\s)Photos?(?::|\s+by)\s*(?P<inner>[^():]{2,90}?)\s*\.?\s*$")
# The wires' slash forms: two or three parts, each without sentence punctuation.
_SENTENCE_END = re.compile(r"[.!?]\s+")
_CLAUSE_END = re.compile(r"[.!?,]\s+")
_SLASH_ONLY = re.compile(r"\s+/\s*(?P<inner>[\w][\w.&' -]{1,40}?)\s*$")
_BARE_WIRE = re.compile(
    r"(?P<before>^|[.,;:]?\s)(?P<inner>[A-Z][A-Za-z-]{1,8}(?:\s+(?:[Pp]hoto|PHOTO))?)"
    r"(?P<file>\s+(?:file|archive)(?:\s+photo)?)?\s*\.?\s*$"
)
_DASH = re.compile(r"\s+[-–—]\s+(?P<inner>[\w][\w.&' -]{1,60}?)\s*$")

_CREDIT_WORD = re.compile(r"^[\w.&'’ -]+$")
# Lower-case words a credit may hold ("Saudi Ministry of Energy website").
_CREDIT_LOWER = {
    "of", "the", "and", "for", "via", "de", "website", "handout", "media", "office",
    "photo", "photos", "agency", "press", "news", "ministry", "army", "group",
}  # fmt: skip
# Lower-case words a name may hold ("Ahmad al-Rubaye", "Omar bin Ali", "Lucas de Oliveira").
_NAME_PARTICLES = re.compile(r"^(?:al|el|bin|ibn|bint|abu|de|da|di|du|van|von|der|la|le)(?:-\w+)?$")
# What a caption that has no caption says instead.
PLACEHOLDERS = {"n/a", "na", "n.a.", "none", "null", "-", "–", "no caption", "caption"}


@dataclass(frozen=True)
class Credit:
    text: str  # the caption without its credit
    credit: str = ""  # the agency or picture desk
    photographer: str = ""
    file_photo: bool = False  # a file or archive picture: its date is not the story's


def split_credit(line: str) -> tuple[str, str, str]:
    """Caption line -> (text, credit, photographer); credit is '' when the line has none."""
    found = read_credit(line)
    return found.text, found.credit, found.photographer


def read_credit(line: str) -> Credit:
    """Caption line -> its text and credit, in the first form (module docstring) it has."""
    line = line.strip()
    offset = max(0, len(line) - CREDIT_WINDOW)
    tail = line[offset:]
    if not _may_hold_credit(tail):
        return Credit(line)
    for reader in (
        _parenthesised,
        _bracketed,
        _photo_line,
        _slashed,
        _slash_only,
        _bare_wire,
        _named_wire,
        _dashed,
    ):
        found = reader(tail)
        if found is not None:
            start, credit, photographer, file_photo = found
            text = line[: offset + start].strip().rstrip(",;:–—-").rstrip()
            if text or credit:
                file_photo = file_photo or bool(_FILE_WORDS.search(text[-40:]))
                return Credit(text, credit, photographer, file_photo)
    return Credit(line, file_photo=bool(_FILE_WORDS.search(line[-60:])))


_LONG_WIRE_NAMES = tuple(name for name in WIRE_NAMES if " " in name)
_CREDIT_SIGNS = re.compile(r"[(\[/–—]| - |photo|file|archiv|\bvia\b", re.IGNORECASE)


def _may_hold_credit(tail: str) -> bool:
    """A quick look at a line's end for any sign of a credit: most body paragraphs have
    none, and are passed over without trying each form (half a page's parse time)."""
    end = tail[-100:]
    if _CREDIT_SIGNS.search(end):
        return True
    last = end.rsplit(None, 1)[-1].rstrip(".") if end.strip() else ""
    return (
        last.isupper()
        or last.casefold() in WIRE_NAMES
        or end.casefold().rstrip(". ").endswith(_LONG_WIRE_NAMES)
    )


def is_placeholder(text: str) -> bool:
    """A caption that says nothing ("N/A")."""
    return text.strip().casefold() in PLACEHOLDERS


Found = tuple[int, str, str, bool]  # where the credit starts, credit, photographer, file


def _enclosed(pattern: re.Pattern[str], tail: str) -> Found | None:
    """A credit whose bounds the pattern finds: "(…)", "[…]" or "Photo: …"."""
    match = pattern.search(tail)
    if not match:
        return None
    found = _inner(match["inner"], parenthesised=True)
    return (match.start(), *found) if found else None


def _parenthesised(tail: str) -> Found | None:
    return _enclosed(_PAREN, tail)


def _bracketed(tail: str) -> Found | None:
    return _enclosed(_BRACKETS, tail)


def _photo_line(tail: str) -> Found | None:
    return _enclosed(_PHOTO_LINE, tail)


def _slashed(tail: str) -> Found | None:
    """The wires' slash forms in the caption's last sentence: the agency just before the
    first slash ("… Latakia EPA-EFE/NAME"), or the sentence a name ("Name/AFP")."""
    start = max((m.end() for m in _SENTENCE_END.finditer(tail)), default=0)
    sentence = tail[start:]
    slash = sentence.find("/")
    if slash <= 0:
        return None
    before = sentence[:slash].rstrip()
    last_word = before.rsplit(" ", 1)[-1]
    after = sentence[slash + 1 :].split("/")[0].strip()
    if _looks_like_name(before, words=2) and _agency_rank(after) == 2:
        pass  # "Daniel LEAL-OLIVAS / AFP": the photographer, then a known wire
    elif _agency_rank(after) == 2 and sentence.count("/") == 1 and not _is_agency(last_word):
        start += slash  # "… the capital Sanaa/AP": a known wire glued on
    elif _is_agency(last_word):
        start += len(before) - len(last_word)
    elif not _looks_like_name(before, words=2):
        return None
    found = _inner(tail[start:], parenthesised=False)
    return (start, *found) if found else None


def _slash_only(tail: str) -> Found | None:
    """ "… in Baabda /NNA": an agency after a lone slash."""
    match = _SLASH_ONLY.search(tail)
    if not match or not _is_agency(match["inner"]):
        return None
    return match.start(), _agency(match["inner"]), "", False


def _bare_wire(tail: str) -> Found | None:
    """ "… the port of Aden REUTERS", "… in Sanaa. Reuters file photo", "…, AFP": a known
    agency last, in capitals or after a full stop or a comma."""
    match = _BARE_WIRE.search(tail)
    if not match or _agency(match["inner"]).casefold() not in WIRE_NAMES:
        return None
    if match.start("inner") == 0:
        return None  # a line of one word is not a caption with a credit
    if not (match["inner"].isupper() or match["before"].strip()):
        return None  # "… met with Reuters" is a sentence, not a credit
    previous = tail[: match.start("inner")].split()
    if not match["before"].strip() and previous and previous[-1].islower():
        return None  # "… a source told AFP." cites the agency; a credit follows a name
    return match.start("inner"), _agency(match["inner"]), "", bool(match["file"])


def _named_wire(tail: str) -> Found | None:
    """ "… Minister Noureddine Ben Ticha. Asharq Al-Awsat", "…, Asharq Al-Awsat": a known
    wire of several words after the caption's last full stop or comma."""
    start = max((m.end() for m in _CLAUSE_END.finditer(tail)), default=0)
    name = tail[start:].strip().rstrip(".")
    if start and " " in name and name.casefold() in WIRE_NAMES:
        return start, name, "", False
    return None


def _dashed(tail: str) -> Found | None:
    """ "… in Khartoum - Asharq Al-Awsat": a known agency or a picture desk after a dash."""
    match = _DASH.search(tail)
    if not match:
        return None
    inner = match["inner"].strip()
    file_photo = False
    if _FILE_PREFIX.match(inner + " "):
        return None
    if not (inner.casefold() in WIRE_NAMES or _is_desk(inner)):
        return None
    return match.start(), _agency(inner), "", file_photo


def _inner(inner: str, *, parenthesised: bool) -> tuple[str, str, bool] | None:
    """What a credit's text says: (agency, photographer, file photo), or None when it is not
    a credit ("(C)", "(in 2024)", "the US/EU")."""
    inner, file_photo = _without_file_marks(inner.strip().rstrip("."))
    if match := _PHOTO_PREFIX.match(inner):
        inner = inner[match.end() :]
    via = ""
    if " via " in inner:
        inner, via = (part.strip() for part in inner.rsplit(" via ", 1))
    parts = [part.strip() for part in inner.split("/")]
    file_photo = file_photo or any(part.casefold() in {"file", "file photo"} for part in parts)
    parts = [part for part in parts if part and not _DECORATION.match(part)]
    if via:
        found = _distributed(via, parts)
    elif len(parts) == 1:
        found = _single(parts[0], parenthesised=parenthesised)
    elif len(parts) == 2:
        found = _pair(parts, parenthesised=parenthesised)
    else:
        found = None
    return (*found, file_photo) if found else None


def _without_file_marks(inner: str) -> tuple[str, bool]:
    """ "File Photo: SPA" -> ("SPA", True); "AFP file photo" -> ("AFP", True)."""
    file_photo = False
    if match := _FILE_SUFFIX.search(inner):
        file_photo, inner = True, inner[: match.start()]
    if match := _FILE_PREFIX.match(inner):
        file_photo, inner = True, inner[match.end() :]
    return inner, file_photo


def _distributed(via: str, parts: list[str]) -> tuple[str, str] | None:
    """ "Name/Handout via Reuters": the agency that distributed it is the credit."""
    photographers = [part for part in parts if not _is_agency(part)]
    photographer = photographers[-1] if photographers else ""
    if not _looks_like_credit(via) or (photographer and not _looks_like_name(photographer)):
        return None
    return _agency(via), photographer


def _single(credit: str, *, parenthesised: bool) -> tuple[str, str] | None:
    if not parenthesised and not _is_agency(credit):
        return None
    return (_agency(credit), "") if _looks_like_credit(credit) else None


def _pair(parts: list[str], *, parenthesised: bool) -> tuple[str, str] | None:
    credit, photographer = _orient(parts[1], parts[0])
    if not parenthesised and not _is_agency(credit):
        return None
    words = 1 if parenthesised else 2
    if _looks_like_credit(credit) and _looks_like_name(photographer, words=words):
        return credit, photographer
    return None


def _agency(name: str) -> str:
    """ "AP Photo" -> "AP"; "AFP Photos" -> "AFP"."""
    return re.sub(r"\s+(?:[Pp]hotos?|PHOTOS?)$", "", name.strip())


def _is_agency(name: str) -> bool:
    """A name that can only be an agency's: a known wire, a name ending in "Photo", or one
    word in capitals (REUTERS, EPA-EFE)."""
    name = name.strip()
    return (
        name.casefold() in WIRE_NAMES
        or _agency(name) != name
        or (name.isupper() and " " not in name and len(re.sub(r"\W", "", name)) >= 2)
    )


def _is_desk(name: str) -> bool:
    """A picture desk named after a dash: "… Media Office", "… News Agency", "… website"."""
    return _looks_like_credit(name) and bool(
        re.search(r"\b(?:Agency|Press|Media Office|website|Ministry)\b", name)
    )


def _orient(credit: str, photographer: str) -> tuple[str, str]:
    """(agency, photographer) from the two sides of "A/B", whichever way round they came:
    "Jane Doe/AFP" and "AP Photo/Jane Doe" both give the agency first."""
    credit, photographer = credit.strip(), photographer.strip()
    if photographer and _agency_rank(photographer) > _agency_rank(credit):
        credit, photographer = photographer, credit
    return _agency(credit), photographer


def _agency_rank(name: str) -> int:
    """How surely a name is an agency's: a known wire (2), another agency's form (1), a
    name (0). "AFP PHOTO/STR": AFP is the agency, STR (a stringer) the photographer."""
    if _agency(name).casefold() in WIRE_NAMES:
        # "AFP PHOTO/HO/SANA": the wire that says it is the photo's owns it
        return 3 if _agency(name) != name else 2
    return int(_is_agency(name))


def _looks_like_credit(credit: str) -> bool:
    """A short name: a parenthesis at the end of a caption is a credit when it is one."""
    words = credit.split()
    return (
        bool(_CREDIT_WORD.match(credit))
        and 1 <= len(words) <= 6
        and all(
            word[0].isupper() or word.casefold() in _CREDIT_LOWER or word.casefold() in WIRE_NAMES
            for word in words
        )
        and (words[0][0].isupper() or credit.casefold() in WIRE_NAMES)
        and not credit.isdigit()
        # one letter is a position ("(C)", "(L)"), but for the social network X
        and (len(re.sub(r"\W", "", credit)) >= 2 or credit == "X")
    )


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
