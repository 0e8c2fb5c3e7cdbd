"""Publication dates from explicit dates in the text. Pure.

Only a full date (day, month and year) counts: "02 February 2026", "on 11 March 2026",
"February 2, 2026", "2026-02-02". A weekday or a year-less "January 23" invents nothing.
A date the text gives as background ("since 7 October 2023", "the 4 August 2020
explosion", "the anniversary of 6 February 2023") is never the story's own.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]


# Words just before a date that make it background: what has happened since, what an
# anniversary or a memorial marks.
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:since|anniversary\s+of|commemorat\w*|marking|marked|dating\s+back\s+to|back\s+in"
    r"|as\s+far\s+back\s+as|the\s+events\s+of)\s+(?:the\s+|on\s+)?$",
    re.IGNORECASE,
)
# Words just after a date that make it the name of a past event: "the 4 August 2020
# explosion", "the February 6, 2023 earthquakes".
_BACKGROUND_AFTER = re.compile(
    r"^,?\s+(?:\w+\s+){0,1}(?:explosions?|blasts?|attacks?|wars?|earthquakes?|quakes?|"
    r"disasters?|massacres?|uprisings?|revolutions?|coups?|floods?|fires?|bombings?|"
    r"assassinations?|invasions?|offensives?|killings?|raids?|incursions?|storms?)\b",
    re.IGNORECASE,
)


def find_date(text: str) -> datetime.date | None:
    """The first full, valid date in the text that is not background, or None."""
    found: list[tuple[int, datetime.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                date = datetime.date(int(match["year"]), month_number, int(match["day"]))
            except ValueError:
                continue
            if _is_background(text, match.start(), match.end()):
                continue
            found.append((match.start(), date))
            break
    return min(found)[1] if found else None


def _is_background(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    return bool(_BACKGROUND_BEFORE.search(before) or _BACKGROUND_AFTER.match(after))


def publication_date(
    captions: Iterable[str], paragraphs: Iterable[str]
) -> tuple[datetime.date | None, str]:
    """(date, where it came from): the captions first, then the body; (None, '') if neither."""
    for caption in captions:
        date = find_date(caption)
        if date:
            return date, "caption"
    for paragraph in paragraphs:
        date = find_date(paragraph)
        if date:
            return date, "body"
    return None, ""
