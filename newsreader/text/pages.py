"""Scraped page text -> stories. Pure: no database, no files.

A file holds one page or several, one after another, in any of the layouts that
layouts.py describes. Reading it is one pass over its lines:

- Each line is read by the layouts (a banner, a title bar, chrome, a dateline, a byline,
  a footer, or text), and keeps how many blank lines stood before it and whether it was
  indented (a caption's first copy often is).
- A new page, so a new story, starts at a banner or a title bar; at a headline repeated
  a few lines on with only captions and widgets between (Title / caption ×2 / TT /
  Title / caption ×2, with or without the widget); at a headline followed by a printed
  dateline; and, where a story has begun, at a Title Case headline that stands after a
  run of blank lines or above a photo caption. The last is a doubtful boundary: the two
  stories are kept apart and the story says so (``doubtful_start``).
- A page's header gives its title, captions, dateline and byline; a line there that is
  none of them and comes before the header's end (a standfirst) opens the body. The body
  runs to the page's end or to a footer (an author box, "Read More ...").
- A page with no body (a next story's teaser: its headline and a caption), and a page that
  lists stories (a writer's page), make no story.
"""

from __future__ import annotations

import re

from newsreader.text.dates import wire_dateline
from newsreader.text.lines import (
    READER,
    Kind,
    Line,
    could_be_title,
    is_title_case,
    read_lines,
    writers,
)
from newsreader.text.page import Page, is_copy
from newsreader.text.parse import (
    MAX_STORIES_PER_FILE,
    IngestError,
    ParsedStory,
    text_key,
)

# How far (in lines) a headline's repetition, or the end of a page's header, may stand.
HEADER_WINDOW = 8
# How far under a headline its byline, date or credited caption stands (a standfirst and
# a caption may come between).
HEADER_MARK_WINDOW = 4
# Blank lines between two paragraphs that say a new page, with no header, starts there
# (pages of a file stand 1 to 8 apart; a story's own paragraphs 0 or 1, but a real page
# had "", " ", "" before its interview's text, after a line ending in a colon).
PAGE_GAP = 3
# The shortest first paragraph of a page that has no header.
LEDE_LENGTH = 80
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")
# A caption is a line, not an article: a longer line after a dateline is the body.
MAX_CAPTION_LENGTH = 400
_MARKS = {Kind.CHROME, Kind.UPDATE, Kind.DATELINE, Kind.CAPTION_LABEL, Kind.BYLINE, Kind.SECTION}
_BULLETS = ("•", "·", "▪", "◦")


def parse_stories(text: str) -> list[ParsedStory]:
    """Split a scraped page into stories; IngestError when it holds none."""
    lines = read_lines(text)
    if all(line.kind in (Kind.CHROME, Kind.UPDATE) for line in lines):
        raise IngestError("no story text was found (only blank or scrape-marker lines)")
    stories = Pages(lines).read()
    if not stories:
        raise IngestError("a title was found but no story text under it")
    if len(stories) > MAX_STORIES_PER_FILE:
        raise IngestError(
            f"the file holds {len(stories):,} stories, over the {MAX_STORIES_PER_FILE:,} one "
            "file can hold; split it into smaller files"
        )
    return stories


class Pages:
    """One pass over a file's lines (module docstring)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.stories: list[ParsedStory] = []
        self.page = Page()

    def read(self) -> list[ParsedStory]:
        for index, line in enumerate(self.lines):
            self.read_line(index, line)
        self.finish()
        return self.stories

    def finish(self, opened_by: str = "start") -> None:
        story = self.page.story()
        if story is not None:
            self.stories.append(story)
        self.page = Page(opened_by=opened_by)

    def read_line(self, index: int, line: Line) -> None:
        self.read_kind(index, line)
        if line.reading.outlet:  # after the line is read: a banner opens the page it marks
            self.page.outlets[line.reading.outlet] += 1

    def read_kind(self, index: int, line: Line) -> None:
        page, kind = self.page, line.kind
        if kind is Kind.LISTING:
            # A list's heading stands above it; after a story's body it is a rail.
            page.listing = page.listing or page.in_header
            page.closed = page.closed or bool(page.body)
        elif kind in (Kind.BANNER, Kind.TITLE_BAR):
            self.read_page_top(line)
        elif kind is Kind.FOOTER:
            page.closed = page.closed or bool(page.body)
        elif kind is Kind.CHROME:
            page.after_dateline = False
        elif kind is Kind.UPDATE:  # the latest it says, whichever it printed first
            page.after_dateline = False
            dates = [date for date in (page.updated_on, line.reading.date) if date]
            page.updated_on = max(dates, default=None)
        elif kind is Kind.CAPTION_LABEL:
            page.caption_next = page.in_header
            page.layout = page.layout or line.reading.layout
        elif kind is Kind.DATELINE:
            self.read_dateline(index, line)
        elif kind in (Kind.BYLINE, Kind.SECTION) and self.is_header_mark(line):
            page.after_dateline = False
            page.authors = page.authors or writers(line.reading.author)
        else:
            self.read_text(index, line)

    def read_page_top(self, line: Line) -> None:
        """A banner opens a page; a title bar too, unless a banner just did."""
        page, reading = self.page, line.reading
        if line.kind is Kind.BANNER:
            if page.has_content:
                self.finish("banner")
            self.page.opened_by = "banner"
        else:
            if page.title or page.body:
                self.finish("title bar")
            self.page.title = reading.title
        self.page.layout = reading.layout

    def is_header_mark(self, line: Line) -> bool:
        """A byline once the headline is known, a section above it: in a header only."""
        page = self.page
        if not page.in_header or page.closed:
            return False
        return bool(page.title or page.dateline) or line.kind is Kind.SECTION

    def read_dateline(self, index: int, line: Line) -> None:
        page = self.page
        if page.body and index > 0 and page.body[-1] == self.lines[index - 1].text:
            # "Headline / dateline" after a story: the headline was read as its last
            # paragraph; it opens the next page.
            title = page.body.pop()
            self.finish("dateline")
            self.page.title = title
        elif page.body or page.closed:
            return
        self.page.dateline = self.page.dateline or line.reading.date
        self.page.layout = self.page.layout or line.reading.layout
        self.page.after_dateline = True

    def read_text(self, index: int, line: Line) -> None:
        opened_by = self.starts_page(index, line)
        if opened_by:
            self.finish(opened_by)
        elif self.page.closed:
            return
        page = self.page
        if page.in_header:
            if self.read_header_line(index, line):
                return
            page.body = [*page.standfirst, line.text]
            return
        page.widest_gap = max(page.widest_gap, line.blank_before)
        page.body.append(line.text)

    # -- where a page starts ---------------------------------------------------------

    def starts_page(self, index: int, line: Line) -> str:
        """How a page opens at this line, or '' when it does not."""
        page = self.page
        if not could_be_title(line):
            return "doubtful" if self.gap_between_pages(line) else ""
        if page.body or page.closed:
            if self.repeated_below(index):
                return "header"
            if self.next_kind(index) is Kind.DATELINE:
                return "dateline"
            if is_title_case(line.text) and (line.blank_before >= 2 or self.caption_below(index)):
                return "doubtful"
            return ""
        # Still in a header: a different headline with its own header is a new page (the
        # one before had no body, so makes no story).
        if page.title and text_key(line.text) != text_key(page.title):
            # (A line printed twice in a row here is a caption without a credit.)
            if self.repeated_below(index, adjacent=False):
                return "header"
            # (A standfirst may stand above the dateline, before any caption.)
            if self.next_kind(index) is Kind.DATELINE and (page.captions or page.dateline):
                return "dateline"
        return ""

    def gap_between_pages(self, line: Line) -> bool:
        """A run of blank lines wider than any between the page's paragraphs, as between
        pages of a file (the seeds have 2 to 8; a body's paragraphs 0 or 1): the only
        sign that a page with no header, only a body, starts."""
        page = self.page
        if len(page.body) < 2 or page.closed:
            return False  # no gap between its paragraphs to compare with yet
        return (
            line.blank_before >= PAGE_GAP
            and line.blank_before >= page.widest_gap + 2
            # the story before ended, and a lede, not a line of the same text, follows
            and _SENTENCE_END.search(page.body[-1]) is not None
            and len(line.text) >= LEDE_LENGTH
        )

    def next_kind(self, index: int) -> Kind | None:
        return self.lines[index + 1].kind if index + 1 < len(self.lines) else None

    def repeated_below(self, index: int, *, adjacent: bool = True) -> bool:
        """Whether the headline at ``index`` is printed again a few lines on, with only
        captions, widgets and a standfirst between (Title / caption ×2 / TT / Title): a
        line between is a caption (credited, indented as a caption's first copy is, or
        printed twice) or is printed again after the repetition (a standfirst)."""
        key = text_key(self.lines[index].text)
        window = self.lines[index + 1 : index + 1 + HEADER_WINDOW]
        for position, line in enumerate(window):
            if line.kind is Kind.TEXT and text_key(line.text) == key:
                between = window[:position]
                if not between:
                    # "Title / Title": a caption's two copies look the same, but carry a
                    # credit or end like a sentence, which could_be_title refused.
                    return adjacent
                after = {other.text for other in self.lines[index + position + 2 :][:position]}
                others = [
                    other
                    for other in between
                    if not (self.is_caption_like(other, between) or other.text in after)
                ]
                # At most one line that is neither: a standfirst printed once, right under
                # the headline, as a sentence.
                return not others or (
                    others == [between[0]] and len(between) > 1 and not could_be_title(between[0])
                )
            if line.kind is not Kind.TEXT and line.kind not in _MARKS:
                return False
        return False

    def caption_below(self, index: int) -> bool:
        below = self.lines[index + 1 : index + 3]
        return (
            bool(below)
            and below[0].kind is Kind.TEXT
            and (
                below[0].credited
                or below[0].indented
                or (len(below) > 1 and below[1].text == below[0].text)
            )
        )

    @staticmethod
    def is_caption_like(line: Line, around: list[Line]) -> bool:
        """A line between a headline and its repetition: a widget, or a caption (credited,
        indented as a caption's first copy is, or printed twice)."""
        if line.kind is not Kind.TEXT:
            return True
        copies = sum(1 for other in around if other.text == line.text)
        return line.credited or line.indented or copies > 1

    # -- a page's header -------------------------------------------------------------

    def read_header_line(self, index: int, line: Line) -> bool:
        """Read a line of a page's header as its title, a caption or a standfirst; False
        when the body starts here."""
        page = self.page
        after_dateline, page.after_dateline = page.after_dateline, False
        if not page.title and self.is_headline(index, line):
            page.title = line.text
        if page.title and text_key(line.text) == text_key(page.title):
            page.title_printed += 1
            page.caption_next = False  # a caption's slot may hold the headline again
            return True
        if line.text in page.standfirst or page.is_caption_copy(line):
            return True
        # Captions stand under a headline or a label: a body-only page's lines are its body.
        headed = bool(page.title or page.dateline) or page.opened_by != "start"
        if page.caption_next or (
            headed
            and (
                line.credited
                # An indented key point ("  • …", Arab News) is the story's, not a photo's.
                or (line.indented and not line.text.startswith(_BULLETS))
                or self.doubled(index)
                or (after_dateline and self.caption_after_dateline(index, line))
            )
        ):
            page.caption_next = False
            page.add_caption(line)
            return True
        if page.title and self.header_goes_on(index):
            if line.text not in page.standfirst:
                page.standfirst.append(line.text)
            return True
        return False

    def is_headline(self, index: int, line: Line) -> bool:
        """Whether a page's first text line is its headline: repeated, above a dateline or
        a caption, or opening a page that a banner or a boundary opened."""
        if not could_be_title(line):
            return False
        return (
            self.repeated_below(index)
            or self.next_kind(index) in (Kind.DATELINE, Kind.CAPTION_LABEL)
            or self.caption_below(index)
            or (self.page.opened_by != "start" and is_title_case(line.text))
            or (is_title_case(line.text) and self.header_mark_below(index))
            or self.heads_a_file(index, line)
        )

    def heads_a_file(self, index: int, line: Line) -> bool:
        """A file made by hand, "Headline / (blank) / lead": its first line heads it when
        set as a headline is (title case), or when the lead under it opens with a wire
        dateline ("AMMAN, 3 March 2026 (Petra) -"), whatever its case."""
        if any(self.lines[before].kind is Kind.TEXT for before in range(index)):
            return False
        below = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if below is None or below.kind is not Kind.TEXT or below.blank_before < 1:
            return False
        lead = bool(_SENTENCE_END.search(below.text)) or len(below.text) > MAX_CAPTION_LENGTH
        return bool(wire_dateline(below.text)) or (is_title_case(line.text) and lead)

    def header_mark_below(self, index: int) -> bool:
        """A dateline, a byline or a credited caption a few lines under the line, past
        short lines only (Title / standfirst / "By Author" / date: most outlets' header)."""
        for line in self.lines[index + 1 : index + 1 + HEADER_MARK_WINDOW]:
            if line.kind in (Kind.DATELINE, Kind.BYLINE) or line.credited:
                return True
            if line.kind is Kind.TEXT and len(line.text) > MAX_CAPTION_LENGTH:
                return False
        return False

    def doubled(self, index: int) -> bool:
        """A caption as the sites print it: the same line twice in a row (a copy may be
        set another way: "Egypt's", "Egypt’s"; "photo posted", "photo, posted")."""
        key = text_key(self.lines[index].text)
        neighbours = self.lines[max(0, index - 1) : index] + self.lines[index + 1 : index + 2]
        return any(
            other.kind is Kind.TEXT and is_copy(key, text_key(other.text)) for other in neighbours
        )

    def caption_after_dateline(self, index: int, line: Line) -> bool:
        """The line under a dateline, where the layout prints the photo's caption: one
        with a credit, or above a byline (an opinion piece has no photo there)."""
        return (
            self.page.layout in READER.caption_after_dateline
            and len(line.text) <= MAX_CAPTION_LENGTH
            and (line.credited or self.next_kind(index) is Kind.BYLINE)
        )

    def header_goes_on(self, index: int) -> bool:
        """Whether the header's end (a widget, the headline again, a dateline) comes a few
        lines below, past captions and standfirst lines only."""
        # The headline printed again ends a header once (Title / … / TT / Title / …).
        title_key = text_key(self.page.title) if self.page.title_printed < 2 else None
        for offset, line in enumerate(self.lines[index + 1 : index + 1 + HEADER_WINDOW]):
            if line.kind in _MARKS or (line.kind is Kind.TEXT and text_key(line.text) == title_key):
                return True
            if line.kind is not Kind.TEXT:
                return False
            caption = line.credited or line.indented or self.doubled(index + 1 + offset)
            if not caption and line.text != self.lines[index].text:
                return False
        return False
