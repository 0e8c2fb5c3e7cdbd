"""The ``ingest`` command end to end, on the seed files and on bad files."""

import datetime
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsreader.ingest import load
from newsreader.models import Article, ArticleRegion, Caption, IngestedFile, Source
from tests.conftest import BODY_ONLY, MULTI_STORY, SEEDS, export, ingest, thread_without_id

pytestmark = pytest.mark.django_db

EXPECTED = {
    "Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase": ("PS", ["AFP"], None),
    "Dozen People Entered Egypt from Gaza on First Day of Rafah Opening": (
        "PS",
        ["dpa"],
        "2026-02-02",
    ),
    "Paris Calls on 50 Countries to Support Lebanese Army": ("LB", ["AFP"], None),
    # The caption's 1 February (a Sunday) is the photo's day; the body reports Monday's
    # evacuation, so the story states no date of its own.
    "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain": (
        "MA",
        ["EPA"],
        None,
    ),
}


def by_title(articles):
    return {a["title"]: a for a in articles}


def without_ids(articles):
    """Exports compared across databases: ids and URLs depend on insertion order, and the
    time a story was first seen on the clock of the ingest."""
    return sorted(
        (
            {k: v for k, v in a.items() if k not in {"id", "url", "first_seen"}}
            | {"thread": thread_without_id(a["thread"])}
            for a in articles
        ),
        key=lambda a: a["title"],
    )


def test_seed_files_give_the_four_expected_articles():
    out, _ = ingest(SEEDS)
    assert (
        "2 files read: 4 articles created, 1 merged or updated, 0 unchanged, 0 files failed." in out
    )
    articles = by_title(export())
    assert set(articles) == set(EXPECTED)
    for title, (primary, credits, published) in EXPECTED.items():
        article = articles[title]
        assert [r["code"] for r in article["regions"] if r["primary"]] == [primary]
        assert [c["credit"] for c in article["captions"]] == credits
        assert article["published"] == published


def test_new_articles_are_whole_rows_an_editor_can_save(admin_client):
    # On PostgreSQL new articles are written by COPY: every column must come out as a
    # save through the ORM would write it.
    ingest(SEEDS)
    for article in Article.objects.all():
        assert article.edited_fields == []
        assert article.created_at and article.updated_at
        assert article.slug and article.body_fingerprint
        assert article.status == Article.Status.PUBLISHED
    article = Article.objects.filter(captions__isnull=False).first()
    article.title = "A corrected title"
    article.save()
    article.refresh_from_db()
    assert article.title == "A corrected title"
    assert admin_client.get(f"/admin/newsreader/article/{article.pk}/change/").status_code == 200
    found = admin_client.get("/search/", {"q": "corrected"}).content.decode()
    assert "A corrected title" in found


def test_rafah_story_is_also_an_egypt_story():
    ingest(SEEDS)
    article = by_title(export())[
        "Dozen People Entered Egypt from Gaza on First Day of Rafah Opening"
    ]
    assert {"PS", "EG"} <= {r["code"] for r in article["regions"]}
    assert article["captions"] == [
        {
            "text": article["captions"][0]["text"],
            "credit": "dpa",
            "photographer": "Abed Rahim Khatib",
        }
    ]


def test_cited_sources_are_kept_apart_from_photo_credits():
    ingest(SEEDS)
    articles = by_title(export())
    miami = articles["Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase"]
    assert {(s["short_name"], s["role"]) for s in miami["sources"]} == {
        ("AFP", "photo_credit"),
        ("AFP", "cited"),
        ("Asharq Al-Awsat", "cited"),
    }
    morocco = articles[
        "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain"
    ]
    assert ("Reuters", "cited") in {(s["short_name"], s["role"]) for s in morocco["sources"]}
    assert ("EPA", "photo_credit") in {(s["short_name"], s["role"]) for s in morocco["sources"]}


def test_body_only_file_merges_into_its_full_story_in_either_order():
    ingest(BODY_ONLY)
    ingest(MULTI_STORY)
    body_first = export()
    Article.objects.all().delete()
    IngestedFile.objects.all().delete()
    ingest(MULTI_STORY)
    ingest(BODY_ONLY)
    full_first = export()
    assert len(body_first) == len(full_first) == 4
    assert without_ids(body_first) == without_ids(full_first)
    miami = by_title(full_first)["Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase"]
    assert miami["provenance"] == ["000_d68af86ea4c77a71.txt", "002_801232c05f2a40c6.txt"]
    assert miami["captions"][0]["credit"] == "AFP"


def test_an_earlier_copy_of_a_story_merges_after_a_longer_one_replaced_its_body(tmp_path):
    """The first copy's body is then known only from its provenance."""
    from bench.corpus import page

    title = "Lebanon Backs Election Law in Tyre"
    caption = "3 June 2025, Lebanon, Tyre: residents gather near the site (AFP)"
    short = ["In Tyre, the council met on Monday.", "Residents said prices had risen."]
    longer = [*short, "An official told AFP the vote would be held in the spring."]
    (tmp_path / "1.txt").write_text(page([(title, [caption], short)]))
    (tmp_path / "2.txt").write_text(page([(title, [caption], longer)]))
    (tmp_path / "3.txt").write_text("\n\n".join(short) + "\n")
    for name in ("1.txt", "2.txt"):
        ingest(tmp_path / name)
    out, _ = ingest(tmp_path / "3.txt")
    assert "0 articles created, 1 merged or updated" in out
    [article] = export()
    assert article["title"] == title
    assert article["provenance"] == ["1.txt", "2.txt", "3.txt"]


# One story from two scrapers: one set with curly quotes and dashes, one plain.
MUSCAT_TITLE = "Oman’s Mediators Host a Second Round – and Hope for a Third"
MUSCAT_CAPTION = "An Omani official greets delegates in Muscat on 12 May 2026 (AFP)"
MUSCAT_BODY = [
    "Omani mediators opened a second round of talks in Muscat on Tuesday, the Foreign "
    "Ministry said, after the first ended without a deal.",
    "“We are not there yet,” an Omani diplomat told AFP – adding that a third round was "
    "likely before the end of the month.",
]


def plain(text: str) -> str:
    return text.translate(str.maketrans("‘’“”–", "''\"\"-"))


@pytest.mark.parametrize("title_in_second", [True, False], ids=["full-copies", "body-only"])
def test_copies_set_differently_merge_to_the_same_article_whichever_comes_first(
    tmp_path, title_in_second
):
    from bench.corpus import page

    careful = tmp_path / "careful.txt"
    careful.write_text(page([(MUSCAT_TITLE, [MUSCAT_CAPTION], MUSCAT_BODY)]))
    rough = tmp_path / "rough.txt"
    if title_in_second:
        rough.write_text(
            page([(plain(MUSCAT_TITLE), [plain(MUSCAT_CAPTION)], [plain(p) for p in MUSCAT_BODY])])
        )
    else:
        rough.write_text("\n\n".join(plain(p) for p in MUSCAT_BODY) + "\n")
    results = []
    for first, second in [(careful, rough), (rough, careful)]:
        Article.objects.all().delete()
        IngestedFile.objects.all().delete()
        ingest(first)
        out, _ = ingest(second)
        assert "1 merged or updated" in out
        [article] = export()
        # Ids, addresses, provenance and the time first seen follow the order and the clock.
        volatile = {"id", "url", "provenance", "first_seen"}
        results.append({k: v for k, v in article.items() if k not in volatile})
    assert results[0] == results[1]
    assert results[0]["title"] == MUSCAT_TITLE
    assert results[0]["body"] == "\n\n".join(MUSCAT_BODY)
    assert [c["text"] for c in results[0]["captions"]] == [MUSCAT_CAPTION.removesuffix(" (AFP)")]


def test_body_only_file_alone_gets_a_provisional_title_then_the_real_one():
    ingest(BODY_ONLY)
    (article,) = Article.objects.all()
    assert article.title_is_provisional
    assert article.title.startswith("Mediators are convening")
    ingest(MULTI_STORY)
    article.refresh_from_db()
    assert not article.title_is_provisional
    assert article.title == "Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase"
    assert article.slug == "miami-talks-aim-to-bridge-gaps-in-gaza-deals-second-phase"


def test_second_run_creates_nothing_and_changes_nothing():
    ingest(SEEDS)
    before = export()
    stamps = list(Article.objects.order_by("id").values_list("updated_at", flat=True))
    out, _ = ingest(SEEDS)
    assert "0 articles created, 0 merged or updated, 5 unchanged, 0 files failed" in out
    assert export() == before
    assert list(Article.objects.order_by("id").values_list("updated_at", flat=True)) == stamps


def file_statements(queries) -> list[str]:
    """The statements that look a file up by its hash or record it."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith('INSERT INTO "newsreader_ingestedfile"')
        or '"newsreader_ingestedfile"."sha256" =' in q["sql"]
    ]


def test_a_rerun_reads_and_hashes_known_files_without_parsing_them(monkeypatch):
    ingest(SEEDS)

    def parse_stories(text):
        raise AssertionError("a known file was parsed again")

    monkeypatch.setattr("newsreader.text.prepare.parse_stories", parse_stories)
    with CaptureQueriesContext(connection) as queries:
        out, _ = ingest(SEEDS)
    assert "2 files read: 0 articles created, 0 merged or updated, 5 unchanged" in out
    # One look-up a file, which also counts its stories.
    lookups = file_statements(queries)
    assert len(lookups) == 2, lookups


def test_a_new_file_is_looked_up_once_and_recorded_in_one_statement():
    with CaptureQueriesContext(connection) as queries:
        out, _ = ingest(SEEDS)
    assert "2 files read: 4 articles created" in out
    statements = file_statements(queries)
    # Per file: the look-up when it is read, and the INSERT that records it.
    assert len(statements) == 4, "\n".join(s[:200] for s in statements)
    assert sum(sql.startswith("INSERT") for sql in statements) == 2
    files = IngestedFile.objects.order_by("name")
    assert [(f.name, f.size) for f in files] == [
        (path.name, path.stat().st_size) for path in sorted(SEEDS.glob("*.txt"))
    ]
    assert all(f.ingested_at is not None and f.provenance.exists() for f in files)


def test_a_file_recorded_by_another_ingest_after_it_was_read_is_left_unchanged(monkeypatch):
    # The read-time look-up saw nothing; by the write, another ingest had recorded it.
    ingest(SEEDS)
    before = export()
    prepare_files = load.prepare_files
    monkeypatch.setattr(
        load,
        "prepare_files",
        lambda *args, **kwargs: prepare_files(*args, **{**kwargs, "stored": lambda sha: None}),
    )
    out, _ = ingest(SEEDS)
    assert "2 files read: 0 articles created, 0 merged or updated, 5 unchanged" in out
    assert IngestedFile.objects.count() == 2
    assert export() == before


def test_same_story_under_another_file_name_stays_one_article(tmp_path):
    ingest(SEEDS)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(MULTI_STORY.read_bytes().replace(b"\n", b"\r\n"))
    out, _ = ingest(copy)
    assert "0 articles created, 4 merged or updated" in out
    assert Article.objects.count() == 4
    assert Caption.objects.count() == 4


def test_dry_run_reports_but_writes_nothing():
    out, _ = ingest(SEEDS, dry_run=True)
    assert out.startswith("Dry run, nothing written: 2 files read: 4 articles created")
    assert Article.objects.count() == 0
    assert IngestedFile.objects.count() == 0


def test_draft_option_keeps_new_articles_unpublished():
    ingest(MULTI_STORY, draft=True)
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert not ArticleRegion.objects.filter(is_published=True).exists()


def test_region_links_carry_their_articles_date_and_status_for_the_region_pages():
    ingest(SEEDS)
    links = ArticleRegion.objects.select_related("article")
    assert links.count() >= 8
    assert {link.published_on for link in links} >= {
        datetime.date(2026, 2, 2),
        None,
    }
    for link in links:
        assert link.published_on == link.article.published_on, link
        assert link.is_published, link


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50, "the file is binary, not text"),
        (b"TT\n \n\xc2\xa0\n", "no story text was found"),
        (
            bytes((i * 7919) % 128 + 128 for i in range(4000)),
            "the text encoding could not be recognised",
        ),
    ],
    ids=["empty", "binary", "no-story", "undecodable"],
)
def test_bad_file_is_reported_and_others_proceed(tmp_path, content, reason):
    ingest(BODY_ONLY)
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(MULTI_STORY, folder / "b_good.txt")
    (folder / "a_bad.txt").write_bytes(content)
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command("ingest", str(folder), stdout=StringIO(), stderr=err)
    assert err.getvalue().startswith(f"{folder / 'a_bad.txt'}: {reason}")
    assert Article.objects.count() == 4
    assert not IngestedFile.objects.filter(name="a_bad.txt").exists()
    assert IngestedFile.objects.filter(name="b_good.txt").exists()


def test_bad_file_message_is_one_sentence_naming_the_file(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(bad), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == f"{bad}: the file is empty."


def test_missing_file_and_oversized_file_are_refused(tmp_path, settings):
    settings.NEWSREADER_MAX_FILE_BYTES = 1000
    err = StringIO()
    with pytest.raises(CommandError, match="2 of 2 files failed"):
        call_command(
            "ingest", str(tmp_path / "nope.txt"), str(MULTI_STORY), stdout=StringIO(), stderr=err
        )
    assert "nope.txt: the file does not exist." in err.getvalue()
    assert "over the 1,000-byte limit" in err.getvalue()
    assert Article.objects.count() == 0


def test_a_failing_file_leaves_stored_articles_exactly_as_they_were(tmp_path):
    ingest(SEEDS)
    before = export()
    clash = tmp_path / "clash.txt"
    # One story whose title is one stored article's and whose body is another's: the file
    # cannot be merged safely, so it is refused whole.
    stories = by_title(before)
    paris = "Paris Calls on 50 Countries to Support Lebanese Army"
    morocco_body = stories[
        "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain"
    ]["body"]
    clash.write_text(
        f"New Story\n\nNew Story\n\nfresh text\n\n\n{paris}\n\n{paris}\n\n{morocco_body}\n"
    )
    with pytest.raises(CommandError):
        ingest(clash)
    assert export() == before
    assert not Article.objects.filter(title="New Story").exists()


def test_directory_with_no_text_files_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=r"No \.txt files were found"):
        ingest(tmp_path)


def test_unknown_photo_credit_becomes_a_new_source(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Storm Hits Oman Coast\n\n"
        "Waves in Muscat (Oman Observer)\nWaves in Muscat (Oman Observer)\n"
        "TT\n\nStorm Hits Oman Coast\n\nWaves in Muscat (Oman Observer)\n\nA storm hit the coast.\n"
    )
    ingest(story)
    source = Source.objects.get(slug="oman-observer")
    assert source.name == "Oman Observer"
    assert Article.objects.get().captions.get().photo_credit == source


def test_a_story_repeated_within_one_file_becomes_one_article(tmp_path):
    story = (
        "Storm Hits Oman Coast\n\nWaves in Muscat (AFP)\nWaves in Muscat (AFP)\nTT\n\n"
        "Storm Hits Oman Coast\n\nWaves in Muscat (AFP)\n\nA storm hit the coast of Oman.\n\n\n"
    )
    twice = tmp_path / "twice.txt"
    twice.write_text(story + story)
    out, _ = ingest(twice)
    assert "1 articles created, 1 merged or updated" in out
    article = Article.objects.get()
    assert article.provenance.count() == 2
    assert article.captions.count() == 1


def test_ingest_leaves_the_query_planner_statistics_of_the_new_rows():
    from django.db import connection

    ingest(SEEDS)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'newsreader_article'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'newsreader_article'")
        assert cursor.fetchone()[0] > 0


def test_an_sqlite_too_old_for_the_ingest_is_named_before_anything_runs(monkeypatch):
    # SQLite before 3.35 has no RETURNING, which the ingest needs; `migrate` (the first
    # step of `make run`) runs the database checks.
    call_command("check", databases=["default"])
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    if connection.vendor != "sqlite":
        call_command("check", databases=["default"])  # PostgreSQL has RETURNING anyway
        return
    with pytest.raises(SystemCheckError, match=r"newsreader's ingest needs SQLite 3\.35"):
        call_command("check", databases=["default"])


def region_reads(queries) -> int:
    return sum('FROM "newsreader_region"' in q["sql"] for q in queries)


def town_stories(towns: list[str]) -> str:
    return "".join(
        f"Fishermen Protest Fuel Prices in {town}\n\nBoats stay moored in {town} on Monday. "
        f"(AFP)\n\nFishermen in {town}, Lebanon, kept their boats in port on Monday over the "
        f"price of fuel, the union said.\n\nThe union in {town} asked the government for "
        "help before the season.\n\n\n"
        for town in towns
    )


def test_a_file_s_stories_and_their_places_are_read_in_a_fixed_number_of_queries(tmp_path):
    """A file's places (each printed with its country, "Sidon, Lebanon") are read once
    for all its stories, not once a story; and new stories cost no version until something
    first changes them (ingest/history.py; tests/test_one_path.py keeps them then)."""
    reads = []
    for name, towns in [("two.txt", ["Tripoli", "Sidon"]), ("six.txt", SIX_TOWNS)]:
        (tmp_path / name).write_text(town_stories(towns))
        with CaptureQueriesContext(connection) as queries:
            out, _ = ingest(tmp_path / name)
        assert f"{len(towns)} articles created" in out
        reads.append(region_reads(queries))
        assert not [q for q in queries if "reversion_" in q["sql"]]
    places = ArticleRegion.objects.filter(region__kind="place").count()
    assert places == 8
    assert reads[0] == reads[1]


SIX_TOWNS = ["Tyre", "Byblos", "Jounieh", "Zahle", "Baalbek", "Nabatieh"]
