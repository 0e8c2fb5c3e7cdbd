"""Scraped text: decoding, cleaning, and the parsed story. Pure: no database, no files.

Reading a page's lines into stories is pages.py's; the layouts it knows are layouts.py's.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes


class IngestError(Exception):
    """A file that cannot be turned into stories; the message says why."""


@dataclass(frozen=True)
class ParsedCaption:
    text: str
    credit: str = ""
    photographer: str = ""
    file_photo: bool = False  # its date is the photo's, never the story's


@dataclass
class ParsedStory:
    title: str
    paragraphs: list[str]
    captions: list[ParsedCaption] = field(default_factory=list)
    dateline: datetime.date | None = None  # the page's printed date
    layout: str = ""  # the name of the layout the page was read with
    # The outlet whose page it is, as the page's own lines show it ("" when they don't),
    # and the writers its byline names.
    publisher: str = ""
    authors: list[str] = field(default_factory=list)
    # When the page says it was last changed ("Last Update: …"): never its published date.
    updated_on: datetime.date | None = None
    # The story starts where a page may or may not have started: kept apart from the one
    # before it, and counted in the ingest's summary.
    doubtful_start: bool = False

    def file_photos(self) -> list[str]:
        return [caption.text for caption in self.captions if caption.file_photo]

    @property
    def has_title(self) -> bool:
        return bool(self.title)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @functools.cached_property
    def body_fingerprint(self) -> str:
        return body_fingerprint(self.paragraphs)

    @functools.cached_property
    def title_key(self) -> str:
        # Case folding can lengthen a title ("ß" becomes "ss"): the key is cut to its
        # column, the same way for every copy, so copies still match.
        return text_key(self.title)[:TITLE_KEY_LENGTH]

    @functools.cached_property
    def copy_keys(self) -> tuple[str, str]:
        return copy_keys(self.paragraphs)


# A line this long is a paragraph, never a title; a title made from a story's first words
# is cut to it too (Article.title holds 300 characters).
MAX_TITLE_LENGTH = 250
TITLE_KEY_LENGTH = 300  # Article.title_key's column
# Provenance.story_index is a small integer: a file may hold at most this many stories.
MAX_STORIES_PER_FILE = 32_767

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Every C0/C1 control character but tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spaces, and the line breaks a scrape may leave inside a line (U+2028, U+2029): within a
# line, like the control characters, they are one space.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Zero-width characters, and the private-use characters search uses to mark matches.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ue000\ue001]")
# Lone surrogates cannot be stored or encoded; they only reach here from a broken decoder.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def decode(raw: bytes) -> str:
    """Bytes of unknown encoding -> text, or IngestError rather than mojibake."""
    if not raw.strip():
        raise IngestError("the file is empty")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(
                    f"the file starts with a {encoding} mark but is not {encoding}"
                ) from error
    if b"\x00" in raw or _control_share(raw) > 0.01:
        raise IngestError("the file is binary, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = from_bytes(raw).best()
    # A guess with much "chaos" is a wrong decoding: refuse it rather than store mojibake.
    if guess is None or guess.chaos > 0.1 or guess.encoding is None:
        raise IngestError("the text encoding could not be recognised; save the file as UTF-8")
    if _is_latin_code_page(guess.encoding):
        # The detector cannot tell the Western code pages apart on short texts (it reads
        # "à" as Czech "ŕ"); English-language news in a legacy encoding is Windows-1252.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(guess)


def _is_latin_code_page(encoding: str) -> bool:
    return encoding.startswith(("cp125", "cp8", "iso8859", "latin", "mac_")) and encoding not in {
        "cp1251",
        "cp1253",
        "cp1255",
        "cp1256",
        "cp855",
        "cp857",
        "cp862",
        "cp864",
        "cp866",
        "iso8859_5",
        "iso8859_6",
        "iso8859_7",
        "iso8859_8",
        "mac_cyrillic",
        "mac_greek",
    }


_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})


def _control_share(raw: bytes) -> float:
    """The share of bytes that no text file holds (C0 controls but tab, newlines, form feed)."""
    return (len(raw) - len(raw.translate(None, _BINARY_BYTES))) / len(raw)


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = _SURROGATE.sub("\ufffd", line)
    line = _CONTROL.sub(" ", line)
    return _SPACES.sub(" ", line).strip()


def normalise_body(text: str) -> str:
    """A body typed or sent back in a form, in the ingest's own layout (a browser sends
    "\r\n" between lines and may keep trailing spaces): one paragraph a non-blank line,
    stripped, joined by a blank line. Its characters are left to the form's validators (a
    NUL is an error to show, not a character to drop)."""
    lines = (line.strip() for line in re.split(r"\r\n|\r|\n", text))
    return "\n\n".join(line for line in lines if line)


def normalise_line(text: str) -> str:
    """One line (a title, a caption) typed in a form: its runs of spaces and line breaks
    one space, none at either end."""
    return " ".join(text.split())


# Combining marks (accents, Hebrew points, Arabic harakat) as NFKD leaves them.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_WORDS = re.compile(r"\w+")


def text_key(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing do not matter."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_WORDS.findall(folded))


# Typesetting a careful copy has and a plain one lacks: curly quotes, dashes, an ellipsis.
_TYPESET = re.compile(r"[‘’“”–—…]")


def preferred_copy(*versions: str) -> str:
    """The copy of a text to keep when copies of a story differ: the longest, then the more
    carefully set (curly quotes, dashes), then the greater text, so the choice depends only
    on the copies, never on which arrived first."""
    return max(versions, key=lambda text: (len(text), len(_TYPESET.findall(text)), text))


def body_paragraphs(body: str) -> list[str]:
    """A stored body's paragraphs (``ParsedStory.body`` joins them with blank lines)."""
    return [p for p in body.split("\n\n") if p.strip()]


def body_fingerprint(paragraphs: list[str]) -> str:
    return hashlib.sha256(text_key(" ".join(paragraphs)).encode()).hexdigest()


# A story's opening and closing paragraphs recognise a copy that differs elsewhere (a
# corrected word, a header line left in): at least this many paragraphs, and this many
# words in each end, or the ends say too little to tell stories apart.
COPY_KEY_PARAGRAPHS = 3
COPY_KEY_WORDS = 25
COPY_KEY_ENDS = 2


def copy_keys(paragraphs: list[str]) -> tuple[str, str]:
    """(lead key, tail key): fingerprints of a story's first and last two paragraphs, or
    empty when the story is too short for its ends to identify it."""
    if len(paragraphs) < COPY_KEY_PARAGRAPHS:
        return "", ""
    keys = []
    for end in (paragraphs[:COPY_KEY_ENDS], paragraphs[-COPY_KEY_ENDS:]):
        words = text_key(" ".join(end))
        enough = words.count(" ") + 1 >= COPY_KEY_WORDS
        keys.append(hashlib.sha256(words.encode()).hexdigest() if enough else "")
    return keys[0], keys[1]


def shared_words(key: str, other_key: str) -> float:
    """The share of their words two texts (their ``text_key``) have in common: words in
    both over words in either (0 when either is empty)."""
    words, other_words = set(key.split()), set(other_key.split())
    if not words or not other_words:
        return 0.0
    return len(words & other_words) / len(words | other_words)


# Two bodies that share this share of their words (``shared_words``) are copies of one
# story, as when one corrects a word or keeps a header line the other lost (tests/test_copies.py
# has copies that differ by a word and by a line, and stories that share only their
# background paragraphs).
COPY_OVERLAP = 0.8


# A last word that ends in a full stop without ending a sentence: initials ("U.N.",
# "U.A.E.", "J."), and the abbreviations headlines use ("St.", "Gen.", "Co.").
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){1,4}|\b(?:St|Mt|Ft|Gen|Col|Lt|Sgt|Capt|Adm|Dr|Mr|Mrs|Ms|Jr|Sr|Co|Inc|"
    r"Ltd|Corp|Bros|No|Vol|vs)\.)$"
)


def ends_like_a_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does, which a headline does not ("Talks Stall"
    and "Sudan Signs Deal With U.N." are headlines; "Talks stalled." is not)."""
    return line.endswith(".") and not _ABBREVIATION.search(line)


def provisional_title(paragraphs: list[str], max_words: int = 12) -> str:
    """A title for a story that arrived without one: the start of its first sentence."""
    first = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0].rstrip(".!?")
    words = first.split() or paragraphs[0].split()
    title = " ".join(words[:max_words])
    if len(words) > max_words or len(title) > MAX_TITLE_LENGTH:
        # A long "word" (a URL) can make even a few words too long for a title.
        title = title[: MAX_TITLE_LENGTH - 1].rstrip(",;: ") + "…"
    return title
