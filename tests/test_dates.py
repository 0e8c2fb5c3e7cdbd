"""Publication dates: only explicit, full dates count."""

import datetime

import pytest

from newsreader.text.dates import find_date, publication_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02 February 2026, Palestinian Territories, Khan Yunis", datetime.date(2026, 2, 2)),
        ("The vote was held on 11 March 2026 in Beirut.", datetime.date(2026, 3, 11)),
        ("Talks began February 2, 2026, in Cairo.", datetime.date(2026, 2, 2)),
        ("Filed 2025-12-31.", datetime.date(2025, 12, 31)),
        ("On Sept. 3 2025 the dam broke.", datetime.date(2025, 9, 3)),
        ("on the 1st of May 2024", datetime.date(2024, 5, 1)),
    ],
)
def test_full_dates_are_found(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "at the Élysée Palace in Paris on January 23",
        "the truce came into effect on Oct. 10.",
        "state media said on Monday",
        "the Nov. 2024 ceasefire",
        "scheduled for March 5",
        "on 30 February 2026",
        "in 1,200 homes",
    ],
)
def test_partial_or_impossible_dates_invent_nothing(text):
    assert find_date(text) is None


def test_the_first_date_in_the_text_wins():
    assert find_date("On 3 March 2026, after talks on 1 March 2026") == datetime.date(2026, 3, 3)


def test_a_caption_date_dates_the_story_when_the_body_puts_the_event_on_its_weekday():
    # 1 February 2026 was a Sunday.
    date, source = publication_date(
        ["Flooding in Ksar el-Kebir, 01 February 2026."],
        ["Rivers burst their banks on Sunday, officials said."],
    )
    assert (date, source) == (datetime.date(2026, 2, 1), "caption")


def test_a_caption_date_on_another_weekday_is_the_photo_s_not_the_story_s():
    assert publication_date(
        ["Flooding in Ksar el-Kebir, 01 February 2026."],
        ["Rivers burst their banks on Tuesday, officials said."],
    ) == (None, "")


def test_a_caption_date_needs_the_body_to_name_the_day():
    assert publication_date(
        ["Crowds in Tahrir Square, 25 January 2011."], ["Protests spread across Egypt."]
    ) == (None, "")


def test_a_caption_date_agrees_with_a_day_of_the_month_in_the_body():
    date, source = publication_date(
        ["Delegates in Muscat, 11 March 2026."], ["The talks opened on March 11 in Muscat."]
    )
    assert (date, source) == (datetime.date(2026, 3, 11), "caption")


def test_a_printed_dateline_comes_before_everything():
    dateline = datetime.date(2019, 11, 7)
    date, source = publication_date(
        ["Flooding, 01 February 2026."], ["On 11 March 2026 it rained."], dateline
    )
    assert (date, source) == (dateline, "dateline")


def test_a_date_deep_in_the_body_is_background():
    paragraphs = ["Talks resumed.", "Envoys met in Doha.", "The deal of 3 May 2025 still holds."]
    assert publication_date([], paragraphs) == (None, "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten years since 5 June 2016, the families still wait.",
        "The city marked the anniversary of the 5 June 2016 bombing.",
        "Commemorations on 5 June 2026 recalled the victims.",
    ],
)
def test_an_anniversary_sentence_never_dates_the_story(sentence):
    assert publication_date([], [sentence]) == (None, "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Iraq's elections, scheduled for June 6, 2026, may be delayed, officials said.",
        "The truce is due to hold until 30 April 2026, the mediators said.",
        "Parliament will vote on 12 May 2026 on the budget, the speaker said.",
    ],
)
def test_a_date_yet_to_come_never_dates_the_story(sentence):
    assert publication_date([], [sentence]) == (None, "")


def test_body_date_is_used_when_the_caption_has_none():
    assert publication_date(["A caption"], ["x", "On 11 March 2026 it rained."]) == (
        datetime.date(2026, 3, 11),
        "body",
    )


def test_no_date_means_undated():
    assert publication_date(["on January 23"], ["on Monday"]) == (None, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An event named by its date, or what has happened since one, is background...
        (
            "Beirut marked the port's reconstruction on 3 February 2026, years after the "
            "4 August 2020 explosion.",
            datetime.date(2026, 2, 3),
        ),
        (
            "Since 7 October 2023 the crossing has opened rarely; it opened on 2 February 2026.",
            datetime.date(2026, 2, 2),
        ),
        (
            "On the anniversary of 6 February 2023, survivors in Antakya gathered on "
            "6 February 2026.",
            datetime.date(2026, 2, 6),
        ),
        ("Rescuers recalled the February 6, 2023 earthquakes.", None),
        # ...the story's own date, even after such a mention, is not.
        ("The talks resumed on 11 March 2026 in Muscat.", datetime.date(2026, 3, 11)),
    ],
)
def test_background_dates_are_never_the_story_date(text, expected):
    assert find_date(text) == expected


def test_a_background_date_in_a_caption_gives_way_to_the_body():
    date, source = publication_date(
        ["Survivors mark the anniversary of 6 February 2023 in Kahramanmaras."],
        ["Survivors gathered on 6 February 2026 in the rebuilt square."],
    )
    assert (date, source) == (datetime.date(2026, 2, 6), "body")
