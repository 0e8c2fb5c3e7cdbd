"""Publication dates from explicit dates in the text. Pure.

Only a full date (day, month and year) counts: "02 February 2026", "on 11 March 2026",
"February 2, 2026", "2026-02-02". A weekday or a year-less "January 23" invents nothing.
A date the text gives as background ("since 7 October 2023", "the 4 August 2020
explosion", "the anniversary of 6 February 2023", "ten years since") is never the
story's own.

Where a story's date comes from, in order:

1. the page's printed dateline ("Thursday, 7 November, 2019 - 07:45"), read by the layout,
   or a wire dateline opening the lead ("ANKARA, Turkey, September 22, 2025 (AP) —");
2. the date the manifest gives for the page (its ``published`` column), and then a date in
   the page's address (``/2026/02/03/``, ``/20260203-``, ``2026-02-03``): the page's own
   statements about itself, given beside the text (``placed_by_page``);
3. a photo caption's date, only when it is the reported event's day: the body's lead names
   the same weekday ("on Monday") or the same day of the month. A caption's date is the
   photo's: a file or archive photo, or a photo of another day, never dates the story;
4. a full date in the body's lead (its first paragraphs).

A story with none of these is placed by when it was first seen (``Article.first_seen``),
and says so.
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
# Month names and abbreviations, lower case -> 1-12 (the layouts' datelines read them too).
MONTH_NUMBERS = _MONTHS
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]


# Words just before a date that make it background: what has happened since, what an
# anniversary or a memorial marks, what is yet to come.
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:since|anniversary\s+of|commemorat\w*|marking|marked|dating\s+back\s+to|back\s+in"
    r"|as\s+far\s+back\s+as|the\s+events\s+of"
    # what is to come: "elections scheduled for June 6, 2021", "a truce due to end on"
    r"|scheduled\s+(?:for|on)|set\s+for|slated\s+for|planned\s+for|due\s+(?:on|by)"
    r"|expected\s+(?:on|by)|until|no\s+later\s+than|deadline\s+of|before|by|starting"
    r"|(?:will|would)\s+(?:\w+\s+){0,3}(?:on|in))\s+(?:the\s+|on\s+)?$",
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


# A sentence about what happened years before: its dates are all background.
_BACKGROUND_SENTENCE = re.compile(
    r"\b(?:anniversar\w*|years?\s+(?:since|after|ago|on)|commemorat\w*|memorial)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_DAY_OF_MONTH = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
]
# The paragraphs that report the event; a date further down is background more often
# than not.
LEAD_PARAGRAPHS = 2


def story_date(text: str) -> datetime.date | None:
    """The first date of the text that is not background, sentence by sentence."""
    for sentence in _SENTENCES.split(text):
        if _BACKGROUND_SENTENCE.search(sentence):
            continue
        date = find_date(sentence)
        if date:
            return date
    return None


def is_event_day(date: datetime.date, paragraphs: list[str]) -> bool:
    """Whether the body's lead puts the reported event on this day: the first weekday it
    names is the date's, or a day of the month it names is."""
    lead = " ".join(paragraphs[:LEAD_PARAGRAPHS])
    weekday = _WEEKDAY.search(lead)
    if weekday:
        return weekday[1].lower() == _WEEKDAYS[date.weekday()]
    for pattern in _DAY_OF_MONTH:
        for match in pattern.finditer(lead):
            if int(match["day"]) == date.day and _MONTHS[match["month"].lower()] == date.month:
                return True
    return False


# A wire dateline opening the lead: the place in capitals, perhaps a region or country,
# the date, perhaps the agency, then a dash ("ANKARA, Turkey, September 22, 2025 (AP) —").
_WIRE_DATELINE = re.compile(r"\s*(?P<head>[A-Z][A-Z'’. ]{2,40},[^—–\n]{6,80}?)\s(?:—|–|-{1,2})\s")


def wire_dateline(lead: str) -> datetime.date | None:
    """The date of a wire dateline opening the lead: the story's own, whatever the
    sentence it opens goes on to recall."""
    match = _WIRE_DATELINE.match(lead)
    return find_date(match["head"]) if match else None


def publication_date(
    captions: Iterable[str],
    paragraphs: Iterable[str],
    dateline: datetime.date | None = None,
) -> tuple[datetime.date | None, str]:
    """(date, where it came from), in the order the module docstring gives; (None, '')
    when the story states no date of its own. ``captions`` leaves out file photos."""
    paragraphs = list(paragraphs)
    if dateline is None and paragraphs:
        dateline = wire_dateline(paragraphs[0])
    if dateline is not None:
        return dateline, "dateline"
    for caption in captions:
        date = story_date(caption)
        if date and is_event_day(date, paragraphs):
            return date, "caption"
    for paragraph in paragraphs[:LEAD_PARAGRAPHS]:
        date = story_date(paragraph)
        if date:
            return date, "body"
    return None, ""


# A date in a page's address: /2026/02/03/, /2026/2/3/, /20260203, -2026-02-03-. The year
# comes first and is a plausible one; anything else (an id, a price) is not read as one.
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})"
    r"(?:(?P<sep>[/_-])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
    r"|(?P<month8>[0-9]{2})(?P<day8>[0-9]{2}))(?![0-9])"
)


def url_date(url: str) -> datetime.date | None:
    """The date a page's address gives, if it gives one."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        month = match["month"] or match["month8"]
        day = match["day"] or match["day8"]
        try:
            return datetime.date(int(match["year"]), int(month), int(day))
        except ValueError:
            continue
    return None


# Where a date came from, the surest first (Article.DateSource's values).
RANK = {"dateline": 0, "manifest": 1, "url": 2, "caption": 3, "body": 4, "": 5}


def surer(
    a: tuple[datetime.date | None, str], b: tuple[datetime.date | None, str]
) -> tuple[datetime.date | None, str]:
    """Of two (date, source), the one from the surer source; the first on a tie."""
    return b if RANK[b[1]] < RANK[a[1]] else a


def placed_by_page(
    found: tuple[datetime.date | None, str], published: datetime.date | None, url: str
) -> tuple[datetime.date | None, str]:
    """A story's date once what its page says of itself is known: the dateline stands; then
    the manifest's date; then the address's; then what the text gave (``found``)."""
    if found[1] == "dateline":
        return found
    if published is not None:
        return published, "manifest"
    date = url_date(url)
    if date is not None:
        return date, "url"
    return found
