"""The parser on arbitrary input: it returns clean stories or raises IngestError, nothing
else. No database."""

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader.text.pages import parse_stories
from newsreader.text.parse import IngestError, decode, provisional_title

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What no stored text may hold: control characters but newline, and lone surrogates.
UNSTORABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# Lines that look like the scraped format, so the header logic is fuzzed too.
SCRAPE_LINES = st.sampled_from(
    [
        "Gaza Talks Stall",
        "Gaza Talks Stall",
        "A man walks in Gaza City (AFP)",
        "Smoke over Beirut Photo: Jane Doe/dpa",
        "TT",
        "",
        "   ",
        "\t\u00a0",
        "The talks in Cairo resumed on 2 February 2026, officials told Reuters.",
        "<script>alert(1)</script>",
        "\x00\x07\x1b[31m",
        "\u200b\ufeff",
        "مرحبا بالعالم",
        ".",
        "(AFP)",
    ]
)


def check(text_or_bytes) -> None:
    try:
        text = decode(text_or_bytes) if isinstance(text_or_bytes, bytes) else text_or_bytes
        stories = parse_stories(text)
    except IngestError as error:
        assert str(error)  # a reason a person can read
        return
    assert stories
    for story in stories:
        assert story.paragraphs
        for text in [story.title, *story.paragraphs, *(c.text for c in story.captions)]:
            assert not UNSTORABLE.search(text)
            assert text == text.strip()
        assert all(story.paragraphs)
        assert provisional_title(story.paragraphs).strip()
        assert len(story.body_fingerprint) == 64


@FUZZ
@given(st.binary(max_size=4096))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
@example(b"\xef\xbb\xbf")  # only a byte-order mark
@example(b"\x00" * 10)
@example(b"Title\nTitle\n" + b"\x85" * 20)
def test_arbitrary_bytes_give_stories_or_an_ingest_error(raw):
    check(raw)


@FUZZ
@given(st.text(max_size=2000))
@example("\ud800 lone surrogate")
@example("...")
@example("TT\nTT\n")
def test_arbitrary_text_gives_stories_or_an_ingest_error(text):
    check(text)


@FUZZ
@given(st.lists(SCRAPE_LINES, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_scrape_shaped_text_gives_stories_or_an_ingest_error(lines, newline):
    check(newline.join(lines))
    check(newline.join(lines).encode("utf-8"))
    check(newline.join(lines).encode("utf-16"))
