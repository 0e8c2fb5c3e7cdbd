"""Input that could stall or abort a run: parsing stays linear in the size of the file, and
values that would not fit a column are shortened or the file refused with one sentence,
while the other files of the run go on."""

from __future__ import annotations

import contextlib
import gc
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsreader.models import Article, IngestedFile
from newsreader.text.pages import parse_stories
from newsreader.text.parse import IngestError
from newsreader.text.prepare import Analyser

# Characters a scrape can leave in long runs: line and paragraph separators, NEL, vertical
# tab, form feed, no-break and ideographic spaces, tabs, zero-width spaces.
RUNS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\u00a0", "\u3000", "\t", "\u200b"]


def hostile_pages(unit: int) -> dict[str, str]:
    """Pages of about ``unit`` characters per class, built to make a backtracking
    pattern work hard: long runs just before or inside where a credit would stand."""
    pages = {}
    for char in RUNS:
        run = char * unit
        pages[f"run of {char!r}"] = (
            f"Headline\nCaption{run}(AFP\nCaption Photo:{run}x\nHeadline\nBody text.{run}\n"
        )
    pages["open parentheses"] = "Headline\n" + "(" * unit + "\nHeadline\nBody.\n"
    pages["photo credits"] = "Headline\n" + "Photo: a/" * (unit // 9) + "\nHeadline\nBody.\n"
    pages["one long line"] = "Gaza talks resume in Cairo said officials " * (unit // 42)
    pages["short lines"] = "Beirut\n" * (unit // 7)
    pages["dates"] = "On 1 January 2026 " * (unit // 18)
    return pages


def cost(analyser: Analyser, text: str) -> float:
    """CPU seconds to prepare ``text`` as a file (parse and analyse), best of five, with
    the garbage collector paused (its passes land on one run or another at random)."""
    raw = text.encode()
    times = []
    gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()
            with contextlib.suppress(IngestError):
                analyser.prepare("hostile.txt", raw)
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


@pytest.fixture(scope="module")
def analyser(gazetteer, outlets):
    return Analyser(gazetteer, outlets)


@pytest.mark.parametrize("name", list(hostile_pages(10)))
def test_parsing_costs_in_proportion_to_the_input(analyser, name):
    """Four times the input costs about four times the work; a quadratic pattern would
    cost sixteen. The bound, 8x, leaves room for a noisy machine's swings."""
    small, large = hostile_pages(25_000)[name], hostile_pages(100_000)[name]
    assert cost(analyser, large) < 8 * max(cost(analyser, small), 0.005), name


def test_a_file_with_more_stories_than_can_be_stored_is_refused_in_one_sentence():
    story = "Headline {n}\nCaption {n} (AFP)\nHeadline {n}\nBody {n}.\n"
    text = "".join(story.format(n=n) for n in range(32_768))
    with pytest.raises(IngestError, match="holds 32,768 stories, over the 32,767"):
        parse_stories(text)


@pytest.mark.django_db
def test_values_too_long_for_their_columns_are_shortened_and_the_run_goes_on(tmp_path):
    url = "https://example.com/" + "a" * 400
    (tmp_path / "a-url.txt").write_text(f"{url} was shared widely on Monday in Beirut.\n")
    eszett = "Straße " * 35  # 245 characters; case-folded, 280 and more
    (tmp_path / "b-eszett.txt").write_text(
        f"{eszett}\nA street in Damascus (AFP)\n{eszett}\nA story about a street in Damascus.\n"
    )
    (tmp_path / ("c" * 240 + ".txt")).write_text("Officials in Amman met on Sunday.\n")
    out = StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=StringIO())
    assert "3 articles created" in out.getvalue()
    titles = list(Article.objects.values_list("title", flat=True))
    assert all(len(title) <= 300 for title in titles)
    assert any(title.startswith("https://example.com/") and title.endswith("…") for title in titles)
    assert IngestedFile.objects.count() == 3


@pytest.mark.django_db
def test_a_refused_file_does_not_stop_the_others(tmp_path):
    story = "Headline {n}\nCaption {n} (AFP)\nHeadline {n}\nBody {n}.\n"
    (tmp_path / "a-huge.txt").write_text("".join(story.format(n=n) for n in range(32_768)))
    (tmp_path / "b-fine.txt").write_text("Officials in Amman met on Sunday.\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), stdout=StringIO(), stderr=err)
    assert "a-huge.txt: the file holds 32,768 stories" in err.getvalue()
    assert Article.objects.count() == 1
