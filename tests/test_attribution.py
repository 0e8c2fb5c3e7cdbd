"""Who published a story and where: --publisher, --url and a manifest beside the files, in
the export, the API, the feeds, the article page and the admin."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsreader.models import Article, IngestedFile, Source
from newsreader.text.attribution import Attribution, read_manifest
from newsreader.text.parse import IngestError
from tests.conftest import export, ingest

pytestmark = pytest.mark.django_db

# Two new stories from Amman, laid out as the scraper leaves them, and one's body alone.
PETRA_TITLE = "Jordan Reopens the King Hussein Bridge to Travellers"
PETRA_BODY = [
    "Jordan reopened the King Hussein Bridge crossing on Sunday after a week-long closure, "
    "the Interior Ministry said.",
    "Travellers queued from the early morning, a witness said.",
]
AQABA_TITLE = "Aqaba Port Handles Record Cargo as Red Sea Routes Shift"
AQABA_BODY = [
    "Aqaba's container terminal handled a record volume in March, its operator said.",
    "Shipping lines have moved calls from ports further south.",
]


def page(*stories):
    from bench.corpus import page as layout

    return layout([(title, [], body) for title, body in stories])


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "amman"
    folder.mkdir()
    (folder / "front.txt").write_text(page((PETRA_TITLE, PETRA_BODY), (AQABA_TITLE, AQABA_BODY)))
    (folder / "petra.txt").write_text("\n\n".join(PETRA_BODY) + "\n")
    return folder


def by_title(articles):
    return {a["title"]: a for a in articles}


def test_publisher_and_address_from_the_command_reach_the_export(files):
    ingest(files / "front.txt", publisher="Jordan Times", url="https://example.jo/front")
    stories = by_title(export())
    assert stories[PETRA_TITLE]["publisher"] == {
        "name": "The Jordan Times",
        "url": "https://example.jo/front",
    }
    file = IngestedFile.objects.get(name="front.txt")
    assert (file.url, file.publisher.short_name) == ("https://example.jo/front", "Jordan Times")


def test_without_attribution_the_publisher_is_the_one_its_pages_show(files):
    # The current layout's pages (its "TT" widget) are Asharq Al-Awsat's; a page that shows
    # no outlet has no publisher (tests/test_outlet_publishers.py).
    ingest(files / "front.txt")
    assert {(a["publisher"]["name"], a["publisher"]["url"]) for a in export()} == {
        ("Asharq Al-Awsat", None)
    }


def test_an_unknown_publisher_becomes_a_source(files):
    ingest(files / "front.txt", publisher="Amman Evening Post")
    assert by_title(export())[AQABA_TITLE]["publisher"] == {
        "name": "Amman Evening Post",
        "url": None,
    }
    assert Source.objects.filter(name="Amman Evening Post").exists()


@pytest.mark.parametrize(
    ("target", "options", "message"),
    [
        ("", {"url": "https://example.jo/a"}, "give a single file"),
        ("front.txt", {"url": "javascript:alert(1)"}, "is not a web address"),
        ("front.txt", {"publisher": "x" * 121}, "longer than 120 characters"),
    ],
)
def test_bad_attribution_on_the_command_line_is_one_sentence(files, target, options, message):
    with pytest.raises(CommandError, match=message) as caught:
        ingest(files / target, **options)
    assert str(caught.value).count(". ") == 0
    assert Article.objects.count() == 0


def test_a_manifest_beside_the_files_attributes_each(files):
    (files / "manifest.csv").write_text(
        "name,url,publisher,fetched\n"
        "front.txt,https://example.jo/,Jordan Times,2026-03-02T08:00:00Z\n"
        "petra.txt,https://example.jo/bridge,Petra,\n"
    )
    ingest(files)
    stories = by_title(export())
    # The bridge story's own page wins over the front page that holds two stories, for its
    # address and its publisher alike.
    assert stories[PETRA_TITLE]["publisher"] == {
        "name": "Jordan News Agency",
        "url": "https://example.jo/bridge",
    }
    assert stories[AQABA_TITLE]["publisher"] == {
        "name": "The Jordan Times",
        "url": "https://example.jo/",
    }
    front = IngestedFile.objects.get(name="front.txt")
    assert front.fetched_at == datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)


def test_attribution_merges_the_same_whichever_copy_comes_first(files, tmp_path):
    (files / "manifest.csv").write_text(
        "name,url,publisher\n"
        "front.txt,https://example.jo/,Jordan Times\n"
        "petra.txt,https://example.jo/bridge,Jordan Times\n"
    )
    results = []
    for order in (["front.txt", "petra.txt"], ["petra.txt", "front.txt"]):
        Article.objects.all().delete()
        IngestedFile.objects.all().delete()
        for name in order:
            ingest(files / name)
        results.append({a["title"]: a["publisher"] for a in export()})
    assert results[0] == results[1]
    assert results[0][PETRA_TITLE]["url"] == "https://example.jo/bridge"


def test_a_manifest_added_later_attributes_what_was_ingested(files):
    ingest(files)
    # Until then, the outlet its page shows.
    assert by_title(export())[AQABA_TITLE]["publisher"]["name"] == "Asharq Al-Awsat"
    (files / "manifest.csv").write_text("name,url,publisher\nfront.txt,,Jordan Times\n")
    out, _ = ingest(files)
    assert "0 articles created" in out
    assert by_title(export())[AQABA_TITLE]["publisher"] == {
        "name": "The Jordan Times",
        "url": None,
    }


def test_a_wrong_manifest_fails_its_folders_files_in_one_sentence_and_others_go_on(files, tmp_path):
    (files / "manifest.csv").write_text("name,url\nfront.txt,not a url\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "aqaba.txt").write_text(page((AQABA_TITLE, AQABA_BODY)))
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 3 files failed"):
        call_command("ingest", str(files), str(other), stdout=StringIO(), stderr=err)
    assert [a["title"] for a in export()] == [AQABA_TITLE]
    reason = "manifest.csv, line 2: “not a url” is not a web address"
    assert err.getvalue().count(reason) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("url,name\n", "the first line must name the columns"),
        ("name,url\na.txt,ftp://example.jo/a\n", "line 2: “ftp://example.jo/a” is not a web"),
        ("name,url\na.txt,\na.txt,\n", "line 3: a.txt is already described"),
        ("name,fetched\na.txt,last Tuesday\n", "line 2: “last Tuesday” is not a date and time"),
        ("name,url\n,https://example.jo/\n", "line 2: the file name is empty"),
        ("name,url\na.txt,https://example.jo/,extra\n", "line 2: 3 columns"),
    ],
)
def test_a_wrong_manifest_line_is_named(tmp_path, text, message):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(text)
    with pytest.raises(IngestError, match=message) as caught:
        read_manifest(manifest)
    assert str(manifest) in str(caught.value)


def test_a_manifest_with_a_byte_order_mark_and_blank_lines_is_read(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\ufeffname,publisher\n\na.txt,Petra\n", encoding="utf-8")
    assert read_manifest(manifest) == {"a.txt": Attribution(publisher="Petra")}


def test_an_editors_publisher_and_address_survive_a_new_copy(files, admin_client):
    ingest(files / "petra.txt", publisher="Petra")
    article = Article.objects.get()
    other = Source.objects.get(short_name="Jordan Times")
    response = admin_client.post(
        f"/admin/newsreader/article/{article.pk}/change/",
        {
            **admin_form(article),
            "publisher": other.pk,
            "original_url": "https://example.jo/editor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ingest(files / "front.txt", publisher="Petra", url="https://example.jo/front")
    assert by_title(export())[PETRA_TITLE]["publisher"] == {
        "name": "The Jordan Times",
        "url": "https://example.jo/editor",
    }


def admin_form(article):
    """The article's change form as the admin would post it back unchanged."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "status": article.status,
        "published_on": article.published_on or "",
        "body": article.body,
        "publisher": article.publisher_id or "",
        "original_url": article.original_url,
        "thread": article.thread_id or "",
    }
    for prefix in (
        "authors",
        "captions",
        "article_regions",
        "article_sources",
        "article_people",
        "article_organisations",
        "provenance",
    ):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data


def test_the_article_page_and_feed_say_who_published_it(files, client):
    ingest(files / "front.txt", publisher="Jordan Times", url="https://example.jo/front")
    article = Article.objects.get(title=AQABA_TITLE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Published by <a href="/sources/jordan-times/">The Jordan Times</a>' in html
    assert '<a href="https://example.jo/front" rel="external noopener"' in html
    feed = client.get("/feeds/latest/").content.decode()
    assert "<author><name>The Jordan Times</name></author>" in feed
