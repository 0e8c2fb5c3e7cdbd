"""A scraped file's lines, each read by the layouts (layouts.py): what kind of line it is
(a banner, a title bar, chrome, a dateline, a byline...), and what it holds. Pure."""

from __future__ import annotations

import datetime
import enum
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsreader.text.credits import Credit, read_credit
from newsreader.text.dates import MONTH_NUMBERS
from newsreader.text.layouts import LAYOUTS, Layout
from newsreader.text.name_words import NOT_NAME_WORDS, PLACE_WORDS
from newsreader.text.parse import MAX_TITLE_LENGTH, clean_line, ends_like_a_sentence


class Kind(enum.Enum):
    TEXT = "text"
    BANNER = "banner"
    TITLE_BAR = "title bar"
    UPDATE = "update"  # before chrome: an update line whose date cannot be read is chrome
    CHROME = "chrome"
    CAPTION_LABEL = "caption label"
    DATELINE = "dateline"
    BYLINE = "byline"
    SECTION = "section"
    FOOTER = "footer"
    LISTING = "listing"


@dataclass(frozen=True)
class Reading:
    """What one line is, by the layouts: its kind, the layout that knows it, and what it
    holds (a title bar's headline, a dateline's date)."""

    kind: Kind
    layout: str = ""
    title: str = ""
    date: datetime.date | None = None
    author: str = ""  # a byline's writers, as printed
    outlet: str = ""  # the publisher whose page the line shows this is


TEXT = Reading(Kind.TEXT)

# The lines that show whose page it is by being there (a dateline only by naming the outlet).
OUTLET_MARKS = frozenset(
    {
        Kind.BANNER,
        Kind.TITLE_BAR,
        Kind.CHROME,
        Kind.CAPTION_LABEL,
        Kind.BYLINE,
        Kind.FOOTER,
        Kind.LISTING,
    }
)


class LineReader:
    """Every layout's patterns, compiled once: which kind a line is."""

    def __init__(self, layouts: Iterable[Layout] = LAYOUTS) -> None:
        self.layouts = list(layouts)
        self._kinds: list[tuple[Kind, re.Pattern[str], str]] = []
        self._after_widget: list[re.Pattern[str]] = []
        self.caption_after_dateline = {
            layout.name for layout in self.layouts if layout.caption_after_dateline
        }
        # Each outlet's layout: its publisher, and the names its datelines give it.
        self._outlets = {
            layout.name: (
                layout.publisher,
                re.compile(
                    r"\b(?:{})\b".format(
                        "|".join(re.escape(name) for name in layout.names or (layout.publisher,))
                    ),
                    re.IGNORECASE,
                ),
            )
            for layout in self.layouts
            if layout.publisher
        }
        for layout in self.layouts:
            for kind, patterns in [
                (Kind.LISTING, layout.listings),
                (Kind.BANNER, layout.banners),
                (Kind.TITLE_BAR, layout.title_bars),
                (Kind.CAPTION_LABEL, layout.caption_labels),
                (Kind.UPDATE, layout.updates),
                (Kind.CHROME, layout.chrome),
                (Kind.DATELINE, layout.datelines),
                (Kind.FOOTER, layout.footers),
                (Kind.BYLINE, layout.bylines),
                (Kind.SECTION, tuple(re.escape(name) for name in layout.sections)),
            ]:
                for pattern in patterns:
                    flags = re.IGNORECASE if kind is Kind.SECTION else 0
                    self._kinds.append((kind, re.compile(pattern, flags), layout.name))
            self._after_widget += [re.compile(pattern) for pattern in layout.after_widget]
        # Banners, title bars and labels first: a line that is both (a title bar that
        # names a section) is what opens a page.
        order = list(Kind)
        self._kinds.sort(key=lambda entry: order.index(entry[0]))
        # Every pattern at once, to pass over the many lines that are none of them in one
        # search (a fifth of a page's parse time when each was tried in turn).
        self._any = re.compile(
            "|".join(f"(?:{_unnamed(pattern.pattern)})" for _, pattern, _ in self._kinds),
            re.IGNORECASE,
        )

    def read(self, line: str) -> Reading:
        if self._any.fullmatch(line) is None:
            return TEXT
        for kind, pattern, layout in self._kinds:
            match = pattern.fullmatch(line)
            if match is None:
                continue
            outlet = self.outlet(kind, layout, line)
            if kind is Kind.TITLE_BAR:
                return Reading(kind, layout, title=match["title"].strip(), outlet=outlet)
            if kind in (Kind.DATELINE, Kind.UPDATE):
                date = _date(match)
                if date is None:
                    continue
                return Reading(kind, layout, date=date, outlet=outlet)
            author = match.groupdict().get("author") or ""
            return Reading(kind, layout, author=author, outlet=outlet)
        return TEXT

    def outlet(self, kind: Kind, layout: str, line: str) -> str:
        """The publisher whose page a line of this kind and layout shows it to be; "" when
        it shows none (the generic layout's, a dateline that names no outlet)."""
        if layout not in self._outlets:
            return ""
        publisher, names = self._outlets[layout]
        return publisher if kind in OUTLET_MARKS or names.search(line) else ""

    def is_after_widget(self, line: str) -> bool:
        return any(pattern.fullmatch(line) for pattern in self._after_widget)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups plain, so that several can be joined in one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _date(match: re.Match[str]) -> datetime.date | None:
    name = match["month"]
    # A numeric month ("2023-07-19") or a name ("July", "Jul").
    month = int(name) if name.isdigit() else MONTH_NUMBERS.get(name.lower())
    if month is None:
        return None
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


# Words a Title Case headline leaves in lower case.
_SMALL_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "with",
    "from", "by", "as", "is", "vs", "via", "into", "over", "amid", "after", "its", "their",
    "his", "her", "than", "be", "are", "was", "has", "have", "not", "up", "out", "off",
}  # fmt: skip
_BETWEEN_NAMES = re.compile(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")


@dataclass
class Line:
    text: str
    reading: Reading
    blank_before: int = 0
    indented: bool = False
    credit: Credit = field(default_factory=lambda: Credit(""))

    @property
    def kind(self) -> Kind:
        return self.reading.kind

    @property
    def credited(self) -> bool:
        return bool(self.credit.credit)


# Every layout's patterns, compiled once for the process.
READER = LineReader()


def read_lines(text: str, reader: LineReader = READER) -> list[Line]:
    """The file's non-blank lines, cleaned and read by the layouts. A line a widget leaves
    behind it ("20" after "TT") is dropped here."""
    lines: list[Line] = []
    blank = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cleaned = clean_line(raw)
        if not cleaned:
            blank += 1
            continue
        if lines and lines[-1].kind is Kind.CHROME and reader.is_after_widget(cleaned):
            continue
        reading = reader.read(cleaned)
        credit = read_credit(cleaned) if reading.kind is Kind.TEXT else Credit(cleaned)
        lines.append(Line(cleaned, reading, blank, raw[:1].isspace(), credit))
        blank = 0
    for line, below in itertools.zip_longest(lines, lines[1:]):
        # A line in capitals ("RANIA HADDAD") is a writer's name only above the date; a
        # kicker, a section or a shouted headline elsewhere.
        if line.kind is Kind.BYLINE and line.text.isupper() and not _names_writer(line, below):
            line.reading, line.credit = TEXT, read_credit(line.text)
    return lines


def _names_writer(line: Line, below: Line | None) -> bool:
    """A line in capitals above the date, of words a name may hold ("BREAKING NEWS" is
    none)."""
    words = set(line.reading.author.casefold().split())
    return (
        below is not None
        and below.kind in (Kind.DATELINE, Kind.UPDATE)
        and not words & (NOT_NAME_WORDS | PLACE_WORDS)
    )


def writers(byline: str) -> list[str]:
    """The names a byline's writers part holds: "Jane Doe, Sami Nasr and Lina Haddad"."""
    names = (name.strip() for name in _BETWEEN_NAMES.split(byline))
    # A name printed in capitals is stored as a name is written: "Rania Al-Haddad".
    return list(dict.fromkeys(name.title() if name.isupper() else name for name in names if name))


def is_title_case(text: str) -> bool:
    """A headline as this region's English sites set them: most words capitalised."""
    words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", text)]
    if not 2 <= len(words) <= 30:
        return False
    big = [word for word in words if word.casefold() not in _SMALL_WORDS]
    capitalised = sum(1 for word in big if word[0].isupper())
    return words[0][0].isupper() and capitalised >= 0.8 * len(big)


def could_be_title(line: Line) -> bool:
    """A line a headline could be: short, not a sentence, not a caption."""
    return (
        line.kind is Kind.TEXT
        and len(line.text) <= MAX_TITLE_LENGTH
        and not ends_like_a_sentence(line.text)
        and not line.text.endswith((",", ";", ":"))
        and not line.credited
        and not line.text.startswith(("-", "–", "•", "*"))
    )
