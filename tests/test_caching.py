"""Anonymous pages come from the cache; a change invalidates exactly the pages it touches."""

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsreader.models import Article, Region
from tests.conftest import SEEDS, eventually, ingest
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSREADER_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write and the invalidation its commit triggers."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_repeat_visit_is_served_from_the_cache_without_queries(client):
    make_article("Beirut story")
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, "/regions/lebanon/")
    assert response["X-Cache"] == "hit"
    assert len(queries) == 0
    assert "Beirut story" in response.content.decode()


def test_a_page_this_process_holds_is_checked_by_its_tokens_alone(client, committed, monkeypatch):
    story = committed(lambda: make_article("Beirut story", region="lebanon"))
    fetch(client, "/regions/lebanon/")
    asked = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.append(keys) or get_many(keys))
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "hit"
    assert asked == [["tag:region:lebanon"]]  # the page itself is not fetched again

    def edit():
        story.title = "Beirut story, corrected"
        story.save()

    committed(edit)
    assert "Beirut story, corrected" in fetch(client, "/regions/lebanon/").content.decode()


def test_a_repeat_article_visit_needs_no_query_and_sees_a_new_neighbour(client, committed):
    first = committed(lambda: make_article("First Beirut story", region="lebanon"))
    url = first.get_absolute_url()
    assert fetch(client, url)["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        assert fetch(client, url)["X-Cache"] == "hit"
    assert len(queries) == 0
    # A newer story in the same region is linked from the article page at once.
    committed(
        lambda: make_article(
            "Second Beirut story", region="lebanon", published_on=datetime.date(2026, 3, 1)
        )
    )
    response = fetch(client, url)
    assert response["X-Cache"] == "miss"
    assert "Second Beirut story" in response.content.decode()


def test_an_edit_refreshes_the_pages_that_show_the_story_and_only_those(client, committed):
    beirut = committed(lambda: make_article("Beirut story", region="lebanon"))
    committed(lambda: make_article("Rabat story", region="morocco"))
    for url in ["/", "/regions/lebanon/", "/regions/morocco/", beirut.get_absolute_url()]:
        fetch(client, url)

    def edit():
        beirut.title = "Beirut story, corrected"
        beirut.save()

    committed(edit)
    assert "Beirut story, corrected" in fetch(client, beirut.get_absolute_url()).content.decode()
    assert "Beirut story, corrected" in fetch(client, "/regions/lebanon/").content.decode()
    assert "Beirut story, corrected" in fetch(client, "/").content.decode()
    assert fetch(client, "/regions/morocco/")["X-Cache"] == "hit"


def test_unpublishing_removes_the_story_from_every_cached_page(client, committed):
    story = committed(lambda: make_article("Soon withdrawn", region="lebanon"))
    urls = [
        "/",
        "/regions/lebanon/",
        "/regions/levant/",
        "/feeds/latest/",
        "/api/articles/",
        "/search/?q=withdrawn",
        "/archive/2026/1/15/",
    ]
    for url in urls:
        assert "Soon withdrawn" in fetch(client, url).content.decode(), url

    def unpublish():
        story.status = Article.Status.DRAFT
        story.save()

    committed(unpublish)
    for url in urls:
        response = client.get(url)
        assert "Soon withdrawn" not in response.content.decode(), url
    assert client.get(story.get_absolute_url()).status_code == 404


def test_ingest_refreshes_the_lists(client, committed):
    fetch(client, "/")
    fetch(client, "/regions/morocco/")
    committed(lambda: ingest(SEEDS))
    assert "Morocco Evacuates" in fetch(client, "/").content.decode()
    assert "Morocco Evacuates" in fetch(client, "/regions/morocco/").content.decode()


def test_a_new_region_link_refreshes_that_region(client, committed):
    story = committed(lambda: make_article("Cross-border story", region="lebanon"))
    fetch(client, "/regions/syria/")
    committed(lambda: story.article_regions.create(region=Region.objects.get(slug="syria")))
    assert "Cross-border story" in fetch(client, "/regions/syria/").content.decode()


def test_signed_in_staff_are_never_served_cached_pages(client, admin_user, committed):
    story = committed(lambda: make_article("Drafty", status="draft"))
    client.force_login(admin_user)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "X-Cache" not in client.get("/").headers


@pytest.mark.parametrize("url", ["/", "/regions/lebanon/", "/feeds/latest/", "/api/articles/"])
def test_conditional_get_answers_304_when_nothing_changed(client, url):
    make_article("Some story", published_on=datetime.date(2026, 1, 2))
    first = fetch(client, url)
    assert first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_hit_carries_the_etag_of_the_page_it_stored(client):
    make_article("Some story")
    miss, hit = fetch(client, "/"), fetch(client, "/")
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content
    assert hit["ETag"] == miss["ETag"] == f'"{hashlib.md5(hit.content).hexdigest()}"'


def test_an_edit_on_another_server_refreshes_the_pages_held_here(client, settings, require_service):
    # With Redis each process holds the tag tokens it read (newsreader/redis_cache.py); a
    # token written by another app server reaches it by Redis pub/sub.
    from redis.exceptions import ConnectionError as RedisConnectionError

    from newsreader.redis_cache import RedisCache

    location, params = (
        "redis://127.0.0.1:6379/6",
        {
            "KEY_PREFIX": "near-pages",
            "OPTIONS": {"NEAR_CACHE_PREFIX": "tag:", "NEAR_CACHE_SECONDS": 60},
        },
    )
    settings.CACHES = {
        "default": {"BACKEND": "newsreader.redis_cache.RedisCache", "LOCATION": location, **params}
    }
    try:
        cache.clear()
    except RedisConnectionError:
        require_service("Redis")
    make_article("Some story", region="lebanon")
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "miss"
    assert eventually(lambda: cache._cache.near.live)
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "hit"
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "hit"  # tokens held here now
    other_server = RedisCache(location, params)
    other_server.set_many({"tag:region:lebanon": "changed elsewhere"}, timeout=None)
    assert eventually(lambda: fetch(client, "/regions/lebanon/")["X-Cache"] == "miss")
    assert fetch(client, "/regions/lebanon/")["X-Cache"] == "hit"
    cache.clear()


def test_htmx_partials_are_cached_apart_from_full_pages(client):
    make_article("Some story")
    full = fetch(client, "/regions/lebanon/")
    partial = client.get("/regions/lebanon/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert b"<html" in full.content and b"<html" not in partial.content
    assert "HX-Request" in client.get("/regions/lebanon/")["Vary"]
