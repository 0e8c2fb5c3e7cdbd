"""What the app tells a shared cache, and the purges it sends, without a Varnish in front:
a stand-in server records the PURGE requests (tests/test_varnish.py uses a real one)."""

from __future__ import annotations

import http.server
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from newsreader.frontend_cache import purge
from newsreader.models import Article, Person, Region, Source
from tests.conftest import ingest
from tests.factories import make_article

pytestmark = pytest.mark.django_db


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[set[str]]

    def do_PURGE(self) -> None:
        self.received.append(set(self.headers.get("xkey-purge", "").split()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def purges(settings):
    """The keys of each purge the app sends, as a Varnish would receive them."""
    received: list[set[str]] = []
    handler = type("Recorder", (PurgeRecorder,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSREADER_VARNISH_URLS = [f"http://127.0.0.1:{server.server_port}"]
    yield received
    server.shutdown()
    server.server_close()


@pytest.fixture
def story():
    return make_article("Port reopens", region="lebanon", caption="Cranes.", credit="afp")


@pytest.mark.parametrize(
    "url",
    [
        *("/", "/regions/", "/regions/lebanon/", "/archive/", "/search/?q=port"),
        *("/feeds/latest/", "/api/articles/", "/sitemap.xml", "/sitemap-articles.xml"),
        "/sources/afp/",
    ],
)
def test_readers_pages_may_be_kept_by_a_shared_cache_and_name_what_they_show(client, story, url):
    response = client.get(url)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=300" in control and "max-age=0" in control
    assert "stale-if-error" in control
    assert response["xkey"]


def test_an_article_page_names_the_story_its_regions_sources_and_neighbours(client, story):
    older = make_article("Older story", region="lebanon", published_on=story.published_on)
    keys = set(client.get(story.get_absolute_url())["xkey"].split())
    lebanon = Region.objects.get(slug="lebanon")
    afp = Source.objects.get(slug="afp")
    expected = {f"article-{story.pk}", f"article-{older.pk}", f"region-{lebanon.pk}"}
    assert expected | {f"source-{afp.pk}"} <= keys


@pytest.mark.parametrize(
    ("url", "status"),
    [("/regions/nowhere/", 404), ("/articles/999999/", 404), ("/regions/lebanon/?from=junk", 400)],
)
def test_refusals_are_never_stored(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "no-store" in response["Cache-Control"]
    assert "xkey" not in response


def test_the_sitemap_answers_anonymous_readers(client, story):
    assert client.get("/sitemap.xml").status_code == 200


def test_an_edit_purges_its_pages_once_after_commit(
    purges, story, django_capture_on_commit_callbacks
):
    # Keys of earlier tests' rolled-back transactions go out with the next commit.
    with django_capture_on_commit_callbacks(execute=True):
        purge({"front"})
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        story.title = "Port reopens to ships"
        story.save()
        story.captions.update(text="Cranes again.")
        assert purges == []  # nothing before the commit
    lebanon = Region.objects.get(slug="lebanon")
    assert len(purges) == 1
    assert {
        "front",
        f"article-{story.pk}",
        f"region-{lebanon.pk}",
        f"region-{lebanon.parent_id}",
    } <= purges[0]


def test_a_rolled_back_change_purges_nothing(purges, story, django_capture_on_commit_callbacks):
    purges.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        story.title = "Never saved"
        story.save()
        raise RuntimeError
    assert callbacks == [] and purges == []


def test_an_edit_stands_when_varnish_cannot_be_reached(
    settings, story, caplog, django_capture_on_commit_callbacks
):
    settings.NEWSREADER_VARNISH_URLS = ["http://127.0.0.1:9"]
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "Edited while the cache was away"
        story.save()
    assert Article.objects.get(pk=story.pk).title == "Edited while the cache was away"
    assert "Could not purge" in caplog.text


def test_every_varnish_is_purged(settings, purges, story, django_capture_on_commit_callbacks):
    settings.NEWSREADER_VARNISH_URLS = settings.NEWSREADER_VARNISH_URLS * 2
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Source.objects.filter(slug="afp").get().save()
    assert len(purges) == 2 and purges[0] == purges[1]


def test_moving_a_region_purges_its_old_and_new_parents(purges, django_capture_on_commit_callbacks):
    lebanon = Region.objects.get(slug="lebanon")
    old_parent = lebanon.parent
    new_parent = Region.objects.subregions().exclude(pk=old_parent.pk).first()
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lebanon.parent = new_parent
        lebanon.save()
    keys = set().union(*purges)
    assert {f"region-{old_parent.pk}", f"region-{new_parent.pk}", f"region-{lebanon.pk}"} <= keys


# -- the region tree stays a tree -----------------------------------------------------


def test_a_region_cannot_be_its_own_parent_or_its_own_descendants():
    lebanon = Region.objects.get(slug="lebanon")
    levant = lebanon.parent
    lebanon.parent = lebanon
    with pytest.raises(ValidationError, match="cannot be inside itself"):
        lebanon.save()
    levant.parent = Region.objects.get(slug="lebanon")
    with pytest.raises(ValidationError, match="cannot be inside itself"):
        levant.full_clean()
    with pytest.raises(ValidationError):
        levant.save()
    assert Region.objects.get(pk=levant.pk).parent is None


def test_the_admin_refuses_a_loop_with_one_sentence_beside_the_field(admin_client):
    lebanon = Region.objects.get(slug="lebanon")
    levant = lebanon.parent
    response = admin_client.post(
        f"/admin/newsreader/region/{levant.pk}/change/",
        {
            "kind": levant.kind,
            "name": levant.name,
            "slug": levant.slug,
            "code": "",
            "parent": lebanon.pk,
            "geonames_id": "",
            "population": levant.population,
            "aliases": "[]",
        },
    )
    assert response.status_code == 200
    assert "cannot be inside itself" in response.text
    assert Region.objects.get(pk=levant.pk).parent is None


def test_a_story_joining_a_thread_purges_the_thread_its_people_and_stories(
    purges, tmp_path, django_capture_on_commit_callbacks
):
    from tests.coverage_set import STORIES
    from tests.test_threads import write

    fasher = [s for s in STORIES if s.thread == "fasher"]
    with django_capture_on_commit_callbacks(execute=True):
        ingest(write(tmp_path / "first", fasher[:2]), workers=0)
    thread = Article.objects.get(title=fasher[0].title).thread
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ingest(write(tmp_path / "second", fasher[2:], 10), workers=0)
    new = Article.objects.get(title=fasher[2].title)
    assert new.thread_id == thread.pk
    woodward = Person.objects.get(name="Barbara Woodward")
    keys = set().union(*purges)
    assert {f"thread-{thread.pk}", f"article-{new.pk}", f"person-{woodward.pk}"} <= keys


def test_renaming_a_thread_or_a_person_purges_their_pages_and_stories(
    purges, tmp_path, django_capture_on_commit_callbacks
):
    from tests.coverage_set import STORIES
    from tests.test_threads import write

    ingest(write(tmp_path / "set", [s for s in STORIES if s.thread == "fasher"]), workers=0)
    thread = Article.objects.filter(thread__isnull=False).first().thread
    person = Person.objects.get(name="Minni Minnawi")
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        thread.title = "The siege of El Fasher"
        thread.save()
        person.name = "Minni Arko Minawi"
        person.save()
    keys = set().union(*purges)
    stories = thread.articles.values_list("pk", flat=True)
    assert {f"thread-{thread.pk}", f"person-{person.pk}"} <= keys
    assert {f"article-{pk}" for pk in stories} <= keys
