"""Parsing scraped pages into stories: pure functions, no database."""

import codecs

import pytest

from newsreader.text.pages import parse_stories
from newsreader.text.parse import IngestError, decode, provisional_title
from tests.conftest import BODY_ONLY, MULTI_STORY


@pytest.fixture(scope="module")
def seed_stories():
    return parse_stories(decode(MULTI_STORY.read_bytes()))


def test_multi_story_file_splits_into_four_stories(seed_stories):
    assert [s.title for s in seed_stories] == [
        "Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase",
        "Dozen People Entered Egypt from Gaza on First Day of Rafah Opening",
        "Paris Calls on 50 Countries to Support Lebanese Army",
        "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain",
    ]


def test_repeated_caption_becomes_one_caption_with_its_credit(seed_stories):
    (caption,) = seed_stories[0].captions
    assert caption.text == (
        "Displaced Palestinians gather to receive food rations at a charity kitchen "
        "in Khan Younis, southern Gaza"
    )
    assert caption.credit == "AFP"
    assert caption.photographer == ""


def test_photo_line_credit_names_agency_and_photographer(seed_stories):
    (caption,) = seed_stories[1].captions
    assert caption.credit == "dpa"
    assert caption.photographer == "Abed Rahim Khatib"
    assert caption.text.endswith("for treatment abroad.")


def test_credit_followed_by_non_breaking_space_is_split(seed_stories):
    (caption,) = seed_stories[2].captions
    assert caption.credit == "AFP"
    assert caption.text.endswith("official visit to France")


def test_scrape_marks_never_reach_the_body(seed_stories):
    for story in seed_stories:
        assert "TT" not in story.paragraphs
        assert story.title not in story.paragraphs
        assert all(p.strip() == p and p for p in story.paragraphs)
        assert not any(c.text in p for c in story.captions for p in story.paragraphs)


def test_body_paragraphs_keep_their_order(seed_stories):
    miami = seed_stories[0]
    assert len(miami.paragraphs) == 17
    assert miami.paragraphs[0].startswith("Mediators are convening for fresh talks in Miami")
    assert miami.paragraphs[-1].startswith("He added that any arrangements")
    assert len(seed_stories[1].paragraphs) == 3


def test_body_only_file_is_one_untitled_story_with_a_paragraph_per_line():
    (story,) = parse_stories(decode(BODY_ONLY.read_bytes()))
    assert story.title == ""
    assert story.captions == []
    assert len(story.paragraphs) == 17


def test_body_only_file_has_the_same_fingerprint_as_its_full_story(seed_stories):
    (story,) = parse_stories(decode(BODY_ONLY.read_bytes()))
    assert story.body_fingerprint == seed_stories[0].body_fingerprint


@pytest.mark.parametrize(
    "transform",
    [
        lambda b: codecs.BOM_UTF8 + b,
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b" ", "\u00a0".encode(), 40),
        lambda b: "\ufeff".encode("utf-16-le").join([b"", b.decode().encode("utf-16-le")]),
        lambda b: b.decode().replace("\n", "  \n").encode(),
    ],
    ids=["bom", "crlf", "nbsp", "utf16-bom", "trailing-spaces"],
)
def test_encoding_and_line_ending_variants_give_the_same_stories(transform, seed_stories):
    raw = transform(MULTI_STORY.read_bytes())
    assert parse_stories(decode(raw)) == seed_stories


def test_windows_1252_text_is_decoded_not_mangled():
    text = "Café talks in Paris\n\nThe minister’s “plan” was welcomed — by most.\n"
    assert decode(text.encode("cp1252")) == text


def test_latin_1_accents_survive():
    text = "Réunion à Beyrouth\nLe président a parlé de la sécurité régionale à la télévision.\n"
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_unreadable_bytes_are_refused_with_a_reason(raw, reason):
    with pytest.raises(IngestError, match=reason):
        decode(raw)


def test_arabic_windows_1256_text_is_decoded_as_arabic():
    text = "قال وزير الخارجية المصري إن المحادثات ستستمر في القاهرة الأسبوع المقبل\n"
    assert decode(text.encode("cp1256")) == text


def test_random_bytes_without_nul_are_refused_not_turned_into_mojibake():
    raw = bytes((i * 7919) % 128 + 128 for i in range(4000))
    with pytest.raises(IngestError):
        decode(raw)


def test_text_with_only_scrape_marks_has_no_story():
    with pytest.raises(IngestError, match="no story"):
        parse_stories("TT\n   \n\u00a0\nTT\n")


def test_headline_and_captions_without_body_have_no_story():
    with pytest.raises(IngestError, match="no story text"):
        parse_stories(
            "A Title\n\nA caption (AFP)\nA caption (AFP)\nTT\n\nA Title\n\nA caption (AFP)\n"
        )


def test_story_without_caption_still_gets_its_title():
    (story,) = parse_stories(
        "Short Headline Here\n\nShort Headline Here\n\nFirst para.\n\nSecond.\n"
    )
    assert story.title == "Short Headline Here"
    assert story.paragraphs == ["First para.", "Second."]


@pytest.mark.parametrize(
    "headline",
    [
        "Jordan Opens Karama Crossing to Iraqi Trucks",
        # in sentence case, a headline only above a wire dateline
        "Jordan opens Karama crossing to Iraqi trucks",
    ],
)
def test_a_file_made_by_hand_is_headline_then_story(headline):
    """Headline, a blank line, then the story: the headline is the title, not the first
    paragraph, and a wire dateline stays the lead's opening (it dates the story)."""
    lead = "AMMAN, 4 May 2026 (Petra) - Jordan opened the Karama crossing to Iraqi trucks."
    (story,) = parse_stories(f"{headline}\n\n{lead}\n\nQueues eased by noon.\n")
    assert story.title == headline
    assert story.paragraphs == [lead, "Queues eased by noon."]


def test_a_short_first_line_of_a_body_only_file_stays_its_body():
    """Without a headline's case or a dateline under it, a short first line is the
    story's own: a body-only file keeps every paragraph."""
    text = "Queues at the crossing eased by noon\n\nTrucks moved again.\n\nMore came.\n"
    (story,) = parse_stories(text)
    assert story.title == ""
    assert story.paragraphs[0] == "Queues at the crossing eased by noon"


def test_provisional_title_is_the_start_of_the_first_sentence():
    title = provisional_title(
        ["Mediators are convening for fresh talks in Miami, Florida, as efforts go on. Next."]
    )
    assert title == "Mediators are convening for fresh talks in Miami, Florida, as efforts go…"
    assert provisional_title(["Short lead. More."]) == "Short lead"


def test_text_with_nul_bytes_is_refused_as_binary_even_if_valid_utf8():
    with pytest.raises(IngestError, match="binary"):
        decode(b"A headline\x00\n\x00\x01binary\x00 payload\n")


def test_a_story_printed_twice_in_a_row_parses_as_two_copies():
    story = (
        "Storm Hits Oman Coast\n\nWaves in Muscat (AFP)\nWaves in Muscat (AFP)\nTT\n\n"
        "Storm Hits Oman Coast\n\nWaves in Muscat (AFP)\n\nA storm hit the coast of Oman.\n\n\n"
    )
    first, second = parse_stories(story + story)
    assert first == second
    assert first.paragraphs == ["A storm hit the coast of Oman."]


def test_a_sentence_is_never_taken_for_a_headline():
    text = "It rained.\nIt rained.\nThe river rose.\n"
    (story,) = parse_stories(text)
    assert story.title == ""
    assert story.paragraphs == ["It rained.", "The river rose."]


def test_a_headline_ending_in_an_abbreviation_is_still_a_headline():
    """Each title-and-caption block stays its own story, whatever its last word."""
    text = "\n".join(
        [
            "Sudan Signs Aid Deal With U.N.",
            "Trucks wait at the Adre crossing (AFP)",
            "Sudan Signs Aid Deal With U.N.",
            "Trucks wait at the Adre crossing (AFP)",
            "Sudan signed a deal with the United Nations on Monday to open two crossings.",
            "Protesters Rally on Habib Bourguiba St.",
            "Crowds in central Tunis (Reuters)",
            "Protesters Rally on Habib Bourguiba St.",
            "Crowds in central Tunis (Reuters)",
            "Thousands rallied in Tunis on Saturday.",
            "Talks stalled again.",
            "Talks stalled again.",
            "The envoy left without a date for the next round.",
        ]
    )
    stories = parse_stories(text)
    assert [story.title for story in stories] == [
        "Sudan Signs Aid Deal With U.N.",
        "Protesters Rally on Habib Bourguiba St.",
    ]
    assert stories[1].paragraphs[0] == "Thousands rallied in Tunis on Saturday."
    # A sentence repeated is a paragraph, not a headline.
    assert "Talks stalled again." in stories[1].paragraphs
