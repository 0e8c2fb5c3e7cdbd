"""Edges a red team found (issue 28): each answers a 4xx, or fails one file with a
sentence, where it gave a 500 or stopped a whole ingest."""

import pytest
from django.core.management import CommandError
from django.db import DataError

from newsreader.ingest import bulk
from newsreader.models import Article, Region, Upload
from tests.conftest import SEEDS, html, ingest
from tests.test_editorial import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("eda", staff=True, editor=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/archive/9999/12/",
        "/archive/9999/12/31/",
        "/archive/9999/12/31/?after=2",
        "/archive/9999/",
        "/archive/1/1/",
        "/archive/1/1/1/",
    ],
)
def test_years_outside_the_archive_answer_404(client, path):
    assert client.get(path).status_code == 404


def test_the_regions_page_lists_a_country_moved_into_a_newer_subregion(client):
    ingest(SEEDS)
    arabia = Region.objects.create(
        name="Arabia", slug="arabia", kind=Region.Kind.SUBREGION, parent=None
    )
    Region.objects.filter(code="LB").update(parent=arabia)
    page = html(client.get("/regions/"))
    assert "Arabia" in page and ">Lebanon</a>" in page


def test_the_regions_page_lists_a_country_in_no_subregion(client):
    ingest(SEEDS)
    Region.objects.filter(code="MA").update(parent=None)
    page = html(client.get("/regions/"))
    assert "Other countries" in page and ">Morocco</a>" in page


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/<script>",
        'https://example.com/a"b',
        "https://example.com/{x}",
    ],
)
def test_an_address_no_uri_can_hold_is_refused_at_the_command(tmp_path, address):
    path = tmp_path / "one.txt"
    path.write_text("Officials in Amman met on Sunday.\n")
    with pytest.raises(CommandError, match="is not a web address"):
        ingest(path, url=address)
    assert not Article.objects.exists()


def test_an_address_no_uri_can_hold_fails_the_files_of_its_manifest(tmp_path):
    (tmp_path / "one.txt").write_text("Officials in Amman met on Sunday.\n")
    (tmp_path / "manifest.csv").write_text("name,url\none.txt,https://example.com/<x>\n")
    with pytest.raises(CommandError):
        ingest(tmp_path)
    assert not Article.objects.exists()


def test_a_value_the_database_refuses_fails_only_its_file(tmp_path, monkeypatch):
    (tmp_path / "a-refused.txt").write_text("Officials in Amman met on Sunday.\n")
    (tmp_path / "b-fine.txt").write_text("Officials in Beirut met on Monday.\n")
    write_articles = bulk.write_articles

    def refuse_amman(articles, rows):
        if any("Amman" in article.body for article in articles):
            raise DataError("value out of range")
        write_articles(articles, rows)

    monkeypatch.setattr(bulk, "write_articles", refuse_amman)
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        ingest(tmp_path, workers=0)
    assert list(Article.objects.values_list("body", flat=True)) == [
        "Officials in Beirut met on Monday."
    ]


def test_the_upload_form_refuses_an_address_no_uri_can_hold(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        "/admin/newsreader/article/upload/",
        {
            "file": SimpleUploadedFile("page.txt", b"Officials met.\n", "text/plain"),
            "url": "https://example.com/<script>",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert 'id="id_url_error"' in response.content.decode()
    assert not Upload.objects.exists()


def test_a_name_in_any_script_gets_a_readable_slug_in_one_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsreader.coverage import Person, unique_slug

    Person.objects.create(name="Иван Петров", slug="ivan-petrov")
    Person.objects.create(name="Ivan Petrov", slug="ivan-petrov-2")
    Person.objects.create(name="Ivan Petrovic", slug="ivan-petrovic")
    with CaptureQueriesContext(connection) as queries:
        slug = unique_slug(Person, "Иван Петров")
    assert slug == "ivan-petrov-3"
    assert len(queries) == 1  # not one a number tried: 1,000 such names were quadratic
    assert unique_slug(Person, "Мария Иванова") == "mariya-ivanova"
    assert unique_slug(Person, "محمد بن سلمان") == "mhmd-bn-slmn"


DRAFT = """\
Yemen Names New Central Bank Governor

The bank's headquarters in Aden (Saba)
The bank's headquarters in Aden (Saba)
TT

Yemen Names New Central Bank Governor

The bank's headquarters in Aden (Saba)
The bank's headquarters in Aden (Saba)

Yemen's presidential council named economist Tariq Qassem Baabad as central bank
governor on Sunday, the Southern Reform Movement said in a statement to the Zubair News Agency.

Former Finance Minister Salem Bin Breik said the choice was welcome.
"""


def test_names_only_a_draft_holds_are_unknown_to_readers(client, tmp_path):
    from newsreader.models import Organisation, Person, Source

    path = tmp_path / "draft.txt"
    path.write_text(DRAFT)
    ingest(path, draft=True)
    person = Person.objects.get(name="Salem Bin Breik")
    organisation = Organisation.objects.get(name="Southern Reform Movement")
    source = Source.objects.get(name="Zubair News Agency")
    addresses = [
        person.get_absolute_url(),
        person.feed_url(),
        organisation.get_absolute_url(),
        organisation.feed_url(),
        f"/sources/{source.slug}/",
        f"/feeds/sources/{source.slug}/",
    ]
    for address in addresses:
        assert client.get(address).status_code == 404, address
    sitemaps = "".join(
        client.get(f"/sitemap-{section}.xml").content.decode()
        for section in ("people", "organisations", "sources")
    )
    assert person.slug not in sitemaps and source.slug not in sitemaps
    Article.objects.update(status=Article.Status.PUBLISHED)
    for address in addresses:
        assert client.get(address).status_code == 200, address
    assert person.slug in client.get("/sitemap-people.xml").content.decode()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(editor_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.NEWSREADER_MAX_FILE_BYTES = 1000
    response = editor_client.post(
        "/admin/newsreader/article/upload/",
        {"file": SimpleUploadedFile("big.txt", b"Officials met.\n" * 100, "text/plain")},
    )
    assert response.status_code == 200  # the form again, with its error
    assert "big.txt is 1,500 bytes, over the 1,000-byte limit" in response.content.decode()
    assert not Upload.objects.exists()


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_two_saves_at_once_cannot_make_a_region_loop():
    import threading
    import time

    from django.core.exceptions import ValidationError
    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transactions never overlap: two saves cannot race")
    first = Region.objects.create(name="Loop A", slug="loop-a", kind=Region.Kind.SUBREGION)
    second = Region.objects.create(name="Loop B", slug="loop-b", kind=Region.Kind.SUBREGION)
    saved, release, refused = threading.Event(), threading.Event(), []

    def save_first():
        try:
            with transaction.atomic():
                first.parent = second
                first.save()
                saved.set()
                release.wait(30)
        finally:
            saved.set()
            connections.close_all()

    def save_second():
        saved.wait(30)
        try:
            second.parent = first
            second.save()
        except ValidationError as error:
            refused.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save_first), threading.Thread(target=save_second)]
    for thread in threads:
        thread.start()

    def second_waits_for_the_first() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            )
            return cursor.fetchone()[0] > 0

    try:
        # Until the second save has ended, or waits for the first to commit.
        deadline = time.monotonic() + 30
        while threads[1].is_alive() and not second_waits_for_the_first():
            assert time.monotonic() < deadline, "the second save neither ended nor waited"
            time.sleep(0.01)
    finally:
        release.set()
        for thread in threads:
            thread.join(30)
        # Three at once grew the pool; later tests (test_scaleout's heal) expect it small.
        connection.close()
        connection.close_pool()
    parents = dict(
        Region.objects.using("default")
        .filter(slug__startswith="loop-")
        .values_list("slug", "parent__slug")
    )
    assert parents == {"loop-a": "loop-b", "loop-b": None}
    assert refused, "the second save made a loop"
