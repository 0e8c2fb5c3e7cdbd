"""One page of a file as it is read: its header (title, captions, standfirst, dateline,
byline) and its body, and the story it makes. Pure."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from newsreader.text.credits import is_placeholder
from newsreader.text.lines import Line
from newsreader.text.parse import ParsedCaption, ParsedStory, shared_words, text_key

# Two captions are copies when they share this much of their words (a copy may be cut
# short or reworded), and have this many words: short lines must match exactly.
COPY_OVERLAP = 0.6
COPY_WORDS = 6
# The longest opening a next story's teaser shows, cut off mid-sentence.
TEASER_LENGTH = 300
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


def is_copy(key_a: str, key_b: str) -> bool:
    """Whether two lines (their text keys) are copies of one caption: the same words, or
    a copy cut short or reworded that shares most of them (at least COPY_WORDS)."""
    if key_a == key_b:
        return bool(key_a)
    words_a, words_b = set(key_a.split()), set(key_b.split())
    if min(len(words_a), len(words_b)) < COPY_WORDS:
        return False
    shorter, longer = sorted((key_a, key_b), key=len)
    if longer.startswith(shorter) and len(longer) <= 1.5 * len(shorter):
        return True  # a copy cut short; a paragraph that opens like a caption is not one
    return shared_words(key_a, key_b) >= COPY_OVERLAP


@dataclass
class Page:
    opened_by: str = "start"  # start, banner, title bar, header, dateline, doubtful
    title: str = ""
    layout: str = ""
    captions: list[ParsedCaption] = field(default_factory=list)
    caption_lines: list[str] = field(default_factory=list)
    caption_keys: list[str] = field(default_factory=list)  # their text keys, read once
    standfirst: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    dateline: datetime.date | None = None
    listing: bool = False
    closed: bool = False  # a footer was reached: the rest is not the story
    caption_next: bool = False  # a label said a caption follows
    after_dateline: bool = False
    title_printed: int = 0  # how often the headline has been read in the header
    widest_gap: int = 0  # the most blank lines between two of its paragraphs
    outlets: Counter[str] = field(default_factory=Counter)  # its lines that name an outlet
    authors: list[str] = field(default_factory=list)
    updated_on: datetime.date | None = None

    @property
    def in_header(self) -> bool:
        return not self.body

    @property
    def has_content(self) -> bool:
        return bool(self.title or self.body or self.captions or self.standfirst)

    def is_caption_copy(self, line: Line) -> bool:
        """Whether the line is a copy of a caption read already (its text, credit aside)."""
        return self.is_copy_of_a_caption(line.credit.text)

    def is_copy_of_a_caption(self, text: str) -> bool:
        key = text_key(text)
        return any(is_copy(key, known) for known in self.caption_keys)

    def add_caption(self, line: Line) -> None:
        credit = line.credit
        if is_placeholder(credit.text) or self.is_caption_copy(line):
            return
        self.caption_lines.append(credit.text)
        self.caption_keys.append(text_key(credit.text))
        if credit.text:
            self.captions.append(
                ParsedCaption(credit.text, credit.credit, credit.photographer, credit.file_photo)
            )

    def is_teaser(self, paragraphs: list[str]) -> bool:
        """The next story's first lines, where a page ends: its header and a few words of
        a paragraph, cut off before the sentence ends."""
        return (
            bool(self.title or self.captions)
            and len(paragraphs) == 1
            and len(paragraphs[0]) < TEASER_LENGTH
            and _SENTENCE_END.search(paragraphs[0]) is None
        )

    def story(self) -> ParsedStory | None:
        body = self.body or self.standfirst
        if self.listing or not body:
            return None
        paragraphs = []
        for text in body:
            repeat = paragraphs and paragraphs[-1] == text
            if not repeat and not (self.caption_lines and self.is_copy_of_a_caption(text)):
                paragraphs.append(text)
        if not paragraphs or self.is_teaser(paragraphs):
            return None
        return ParsedStory(
            title=self.title,
            paragraphs=paragraphs,
            captions=self.captions,
            dateline=self.dateline,
            layout=self.layout or "plain",
            doubtful_start=self.opened_by == "doubtful",
            # The outlet most of its lines show; of two as often, the one shown first.
            publisher=next((name for name, _ in self.outlets.most_common(1)), ""),
            authors=self.authors,
            updated_on=self.updated_on,
        )
