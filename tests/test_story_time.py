"""Every story placed in time (issue 24, item 1): the date a story's page gives, in order
(dateline, the manifest's ``published``, the page's address, an event-day caption, the
body's lead), and for a story with none the time it was first seen, never shown as its
publication."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsreader.models import Article
from newsreader.text.dates import url_date
from tests.conftest import ingest

pytestmark = pytest.mark.django_db

# Undated: no dateline, an undated caption, a lead without a date.
UNDATED = """Port Workers Strike in Aqaba Over Pay

Dockers at the port of Aqaba (AFP)
Dockers at the port of Aqaba (AFP)
TT

Port Workers Strike in Aqaba Over Pay

Dock workers in Aqaba stopped work over unpaid wages, halting the unloading of grain.

The port authority said talks with the union would resume.
"""

# Dated by its caption: the photo's day is the event's (the lead names the weekday).
CAPTION_DATED = UNDATED.replace(
    "Dockers at the port of Aqaba (AFP)", "Dockers at the port of Aqaba, 3 March 2026 (AFP)"
).replace("stopped work over", "stopped work on Tuesday over")


def ingested(tmp_path, text: str, manifest: str = "", **options) -> Article:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "strike.txt").write_text(text)
    if manifest:
        (folder / "manifest.csv").write_text(manifest)
    ingest(folder, **options)
    return Article.objects.get()


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://www.example.com/news/mena/2026/03/05/iraq-vote/", datetime.date(2026, 3, 5)),
        ("https://example.com/2026/3/5/iraq", datetime.date(2026, 3, 5)),
        ("https://example.com/news/20260305-iraq-vote", datetime.date(2026, 3, 5)),
        ("https://example.com/iraq-vote-2026-03-05.html", datetime.date(2026, 3, 5)),
        ("https://english.aawsat.com/node/5123456", None),  # an id, not a date
        ("https://example.com/news/2026/03/iraq", None),  # no day
        ("https://example.com/2026/13/40/iraq", None),  # no such day
        ("https://example.com/iraq?from=20260305", None),  # a parameter, not the page
    ],
)
def test_a_page_s_address_gives_its_date_when_it_holds_a_whole_one(url, date):
    assert url_date(url) == date


def test_the_manifest_s_published_column_dates_the_story(tmp_path):
    story = ingested(tmp_path, UNDATED, "name,published\nstrike.txt,2026-03-04\n")
    assert (story.published_on, story.date_source) == (datetime.date(2026, 3, 4), "manifest")


def test_the_manifest_date_comes_before_a_caption_s_and_the_address_s(tmp_path):
    manifest = "name,url,published\nstrike.txt,https://example.jo/2026/03/01/strike,2026-03-04\n"
    story = ingested(tmp_path, CAPTION_DATED, manifest)
    assert (story.published_on, story.date_source) == (datetime.date(2026, 3, 4), "manifest")


def test_the_address_dates_a_story_whose_text_gives_no_date(tmp_path):
    manifest = "name,url\nstrike.txt,https://example.jo/news/2026/03/02/aqaba-strike\n"
    story = ingested(tmp_path, UNDATED, manifest)
    assert (story.published_on, story.date_source) == (datetime.date(2026, 3, 2), "url")


def test_a_wrong_published_date_is_one_sentence_naming_the_manifest(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "strike.txt").write_text(UNDATED)
    (folder / "manifest.csv").write_text("name,published\nstrike.txt,4 March\n")
    with pytest.raises(CommandError) as failed:
        call_command("ingest", str(folder), stdout=StringIO(), stderr=(err := StringIO()))
    assert "1 of 1 files failed" in str(failed.value)
    assert (
        "manifest.csv, line 2: “4 March” is not a date (write it as 2026-02-05)" in err.getvalue()
    )
    assert not Article.objects.exists()


def test_an_undated_story_is_placed_by_when_its_page_was_fetched(tmp_path):
    story = ingested(tmp_path, UNDATED, "name,fetched\nstrike.txt,2026-03-06T07:30:00Z\n")
    assert (story.published_on, story.date_source) == (None, "")
    assert story.first_seen == datetime.datetime(2026, 3, 6, 7, 30, tzinfo=datetime.UTC)


def test_without_a_manifest_a_story_was_first_seen_when_first_ingested(tmp_path):
    before = datetime.datetime.now(datetime.UTC)
    story = ingested(tmp_path, UNDATED)
    assert before <= story.first_seen <= datetime.datetime.now(datetime.UTC)


def test_a_copy_seen_earlier_moves_the_first_sighting_back(tmp_path):
    story = ingested(tmp_path, UNDATED, "name,fetched\nstrike.txt,2026-03-06T07:30:00Z\n")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "strike-again.txt").write_text(UNDATED.replace("halting", "and halted"))
    (copy / "manifest.csv").write_text("name,fetched\nstrike-again.txt,2026-03-05T22:00:00Z\n")
    ingest(copy)
    story.refresh_from_db()
    assert story.first_seen == datetime.datetime(2026, 3, 5, 22, tzinfo=datetime.UTC)
    assert Article.objects.count() == 1


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_stories_stored_before_first_seen_get_it_from_their_files(reference_data, tmp_path):
    """Migration 0021: the earliest fetched (or ingest) time of a story's files."""
    from newsreader.records import IngestedFile

    story = ingested(tmp_path, UNDATED)
    call_command("migrate", "newsreader", "0020", verbosity=0)
    fetched = datetime.datetime(2026, 3, 6, 7, 30, tzinfo=datetime.UTC)
    IngestedFile.objects.update(fetched_at=fetched)
    call_command("migrate", "newsreader", verbosity=0)
    story.refresh_from_db()
    assert story.first_seen == fetched
