"""Readers served through a real Varnish (deploy/varnish.vcl): every change is seen on the
next request, nothing private or hostile is shared, and junk makes no extra copies.

Each test starts its own ``varnishd`` in front of the live server. Outside CI the tests
skip when ``varnishd`` is missing; under ``CI=true`` they fail instead.
"""

from __future__ import annotations

import datetime
import re
import shutil
import socket
from urllib.parse import urlencode

import pytest

from bench.drill import prepare_database
from bench.serving import PURGE_SECRET, Gunicorn, Varnish, production_env
from newsreader.models import Article, Region, Source
from tests.conftest import MULTI_STORY, eventually, ingest
from tests.factories import make_article

# Every database: pages read from the replica when one is configured (CI runs with one).
pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True, databases="__all__")]

DAY = datetime.date(2026, 2, 3)


@pytest.fixture
def newsroom():
    """The few regions and sources these tests need (the whole gazetteer takes seconds to
    load before each test)."""
    # The first test after migrate finds the whole gazetteer there already.
    if Region.objects.filter(slug="lebanon").exists():
        return
    levant = Region.objects.create(kind="subregion", name="Levant", slug="levant")
    north_africa = Region.objects.create(kind="subregion", name="North Africa", slug="north-africa")
    Region.objects.create(kind="country", name="Lebanon", slug="lebanon", code="LB", parent=levant)
    Region.objects.create(
        kind="country", name="Egypt", slug="egypt", code="EG", parent=north_africa
    )
    Source.objects.create(name="AFP", short_name="AFP", slug="afp", kind="agency")
    Source.objects.create(name="Reuters", short_name="Reuters", slug="reuters", kind="agency")


@pytest.fixture
def varnish(live_server, newsroom, settings, tmp_path, require_service):
    if not shutil.which("varnishd"):
        require_service("Varnish (varnishd, from the varnish and varnish-modules packages)")
    proxy = Varnish(live_server.url, tmp_path)
    settings.NEWSREADER_VARNISH_URLS = [proxy.url]
    settings.NEWSREADER_PURGE_SECRET = PURGE_SECRET
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def story(varnish):
    """A published story in Lebanon, citing Reuters, with a photo by AFP."""
    return make_article(
        "Beirut port reopens after repairs",
        body="The port of Beirut reopened on Tuesday after months of repairs.",
        published_on=DAY,
        region="lebanon",
        caption="Cranes at the port of Beirut.",
        credit="afp",
        cited=("reuters",),
    )


def pages(article: Article) -> dict[str, str]:
    """Every page type that shows ``article``."""
    lebanon = Region.objects.get(slug="lebanon")
    return {
        "home": "/",
        "region": lebanon.get_absolute_url(),
        "subregion": lebanon.parent.get_absolute_url(),
        "regions index": "/regions/",
        "archive day": f"/archive/{DAY.year}/{DAY.month}/{DAY.day}/",
        "article": article.get_absolute_url(),
        "search": "/search/?" + urlencode({"q": "port"}),
        "source": Source.objects.get(slug="afp").get_absolute_url(),
        "cited source": Source.objects.get(slug="reuters").get_absolute_url(),
        "feed": "/feeds/latest/",
        "region feed": f"/feeds/regions/{lebanon.slug}/",
        "api list": "/api/articles/",
        "api item": f"/api/articles/{article.pk}/",
        "sitemap": "/sitemap-articles.xml",
    }


def warm(varnish: Varnish, urls: dict[str, str]) -> None:
    for name, url in urls.items():
        varnish.get(url)
        assert varnish.get(url).hit, f"{name} ({url}) is not cached"


def test_repeat_reads_are_served_by_varnish_without_its_keys(varnish, story):
    first = varnish.get("/")
    again = varnish.get("/")
    assert (first.status, first.hit, again.hit) == (200, False, True)
    assert again.text == first.text
    assert "xkey" not in again.headers
    assert "s-maxage" in again.headers["Cache-Control"]


def test_an_edit_is_on_every_page_that_shows_it_at_the_next_request(varnish, story):
    shown = {k: v for k, v in pages(story).items() if k not in ("sitemap", "regions index")}
    warm(varnish, shown)
    story.title = "Beirut port reopens to container ships"
    story.save()
    stale = [name for name, url in shown.items() if "container ships" not in varnish.get(url).text]
    assert stale == []


def test_unpublishing_takes_the_story_off_every_page_at_once(varnish, story, admin_client):
    urls = pages(story)
    warm(varnish, urls)
    admin_client.post(
        "/admin/newsreader/article/",
        {"action": "unpublish", "_selected_action": [story.pk]},
    )
    assert varnish.get(urls["article"]).status == 404
    assert varnish.get(urls["api item"]).status == 404
    still = [
        name
        for name, url in urls.items()
        if name not in ("article", "api item") and story.title in varnish.get(url).text
    ]
    still += ["sitemap"] if story.get_absolute_url() in varnish.get(urls["sitemap"]).text else []
    assert still == []


def test_publishing_puts_the_story_on_every_page_at_once(varnish, story):
    draft = make_article(
        "Tripoli refinery restarts",
        body="The Tripoli refinery restarted near the port on Monday.",
        published_on=DAY,
        region="lebanon",
        caption="The refinery.",
        credit="afp",
        cited=("reuters",),
        status=Article.Status.DRAFT,
    )
    urls = pages(story)
    warm(varnish, urls)
    assert varnish.get(draft.get_absolute_url()).status == 404
    draft.status = Article.Status.PUBLISHED
    draft.save()
    # The sitemap lists the story's address; every other page its title.
    shown = {k: v for k, v in urls.items() if k not in ("article", "api item", "regions index")}
    missing = [
        name
        for name, url in shown.items()
        if "Tripoli" not in (text := varnish.get(url).text) and draft.get_absolute_url() not in text
    ]
    assert missing == []
    assert varnish.get(draft.get_absolute_url()).status == 200


def test_an_ingest_refreshes_the_lists(varnish, story):
    warm(varnish, {"home": "/", "feed": "/feeds/latest/", "api": "/api/articles/"})
    ingest(MULTI_STORY)
    for url in ("/", "/feeds/latest/", "/api/articles/"):
        assert "Rafah" in varnish.get(url).text, url


def test_renaming_a_region_or_a_source_refreshes_their_pages(varnish, story):
    urls = pages(story)
    warm(varnish, urls)
    lebanon = Region.objects.get(slug="lebanon")
    lebanon.name = "Lebanese Republic"
    lebanon.save()
    afp = Source.objects.get(slug="afp")
    afp.name = "Agence France-Presse Wire"
    afp.short_name = "AFP Wire"
    afp.save()
    shows_region = ("home", "region", "subregion", "regions index", "article", "api item")
    stale = [n for n in shows_region if "Lebanese Republic" not in varnish.get(urls[n]).text]
    stale += [n for n in ("source", "article") if "Wire" not in varnish.get(urls[n]).text]
    assert stale == []


def test_renaming_the_publisher_refreshes_every_page_that_prints_it(varnish, story):
    publisher = Source.objects.create(
        name="Beirut Harbour Gazette", short_name="Harbour Gazette", slug="harbour-gazette"
    )
    Article.objects.filter(pk=story.pk).update(publisher=publisher)
    urls = pages(story)
    warm(varnish, urls)
    printed = [name for name, url in urls.items() if "Harbour Gazette" in varnish.get(url).text]
    publisher.name, publisher.short_name = "Beirut Harbour Herald", "Harbour Herald"
    publisher.save()
    stale = [n for n in printed if "Harbour Herald" not in varnish.get(urls[n]).text]
    assert {"article", "region", "api item"} <= set(printed)
    assert stale == []


def test_moving_a_country_to_another_subregion_refreshes_both(varnish, story):
    lebanon = Region.objects.get(slug="lebanon")
    old, new = lebanon.parent, Region.objects.subregions().exclude(pk=lebanon.parent_id).first()
    warm(varnish, {"old": old.get_absolute_url(), "new": new.get_absolute_url()})
    lebanon.parent = new
    lebanon.save()
    assert story.title not in varnish.get(old.get_absolute_url()).text
    assert story.title in varnish.get(new.get_absolute_url()).text


def test_a_draft_is_never_served_to_readers_even_after_an_editor_previewed_it(
    varnish, story, admin_user, client
):
    draft = make_article("Secret draft about Sidon", region="lebanon", status="draft")
    client.force_login(admin_user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    preview = varnish.get(
        f"/admin/newsreader/article/{draft.pk}/preview/", headers={"Cookie": cookie}
    )
    assert preview.status == 200 and "Secret draft" in preview.text
    as_editor = varnish.get(draft.get_absolute_url(), headers={"Cookie": cookie})
    assert as_editor.status == 404
    for _ in range(2):
        assert varnish.get(draft.get_absolute_url()).status == 404
        assert "Secret draft" not in varnish.get("/regions/lebanon/").text


def test_a_hostile_host_header_changes_nothing_other_readers_see(varnish, story):
    assert varnish.get("/", headers={"Host": "evil.example"}).status == 400
    poisoned = varnish.get(story.get_absolute_url(), headers={"Host": "localhost:6666"})
    assert poisoned.status == 200
    reader = varnish.get(story.get_absolute_url())
    assert "6666" not in reader.text
    assert "6666" not in varnish.get("/feeds/latest/").text


def test_junk_parameters_cookies_and_headers_share_one_cached_copy(varnish, story):
    assert not varnish.get("/regions/lebanon/").hit
    junk = [
        ("/regions/lebanon/?utm_source=x", {}),
        ("/regions/lebanon/?junk=1&from=", {}),
        ("/regions/lebanon/?junk=2", {"Cookie": "sessionid=junk; csrftoken=x"}),
        ("/regions/lebanon/", {"Cookie": "sessionid=other"}),
        ("/regions/lebanon/", {"HX-Target": "anything"}),
        ("/regions/lebanon/", {"HX-Request": "yes", "HX-Target": "x"}),
    ]
    assert [varnish.get(url, headers=headers).hit for url, headers in junk] == [True] * len(junk)
    # Parameters a page takes, in any order, are one copy too.
    assert not varnish.get("/regions/lebanon/?to=2026-12-31&from=2026-01-01").hit
    assert varnish.get("/regions/lebanon/?from=2026-01-01&junk=3&to=2026-12-31").hit


def test_htmx_fragments_are_cached_apart_from_pages(varnish, story):
    page = varnish.get("/regions/lebanon/")
    fragment = varnish.get(
        "/regions/lebanon/", headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert "<html" in page.text and "<html" not in fragment.text
    assert "<html" in varnish.get("/regions/lebanon/").text
    # Back and Forward get the page, from the same copy as a visit.
    restored = varnish.get(
        "/regions/lebanon/",
        headers={
            "HX-Request": "true",
            "HX-Target": "results",
            "HX-History-Restore-Request": "true",
        },
    )
    assert restored.hit and "<html" in restored.text


def test_conditional_get_is_answered_by_varnish(varnish, story):
    etag = varnish.get("/").headers["ETag"]
    assert etag
    again = varnish.get("/", headers={"If-None-Match": etag})
    assert (again.status, again.text) == (304, "")


def test_varnish_down_during_an_edit_fails_nothing_and_serves_no_old_page(varnish, story):
    url = story.get_absolute_url()
    warm(varnish, {"article": url})
    varnish.stop()
    story.title = "Beirut port reopens, edited while Varnish was down"
    story.save()  # the purge cannot be delivered: logged, the edit stands
    varnish.start()
    assert "edited while Varnish was down" in varnish.get(url).text


def test_only_the_app_servers_may_purge(varnish, story):
    warm(varnish, {"home": "/"})
    secret = {"X-Purge-Secret": PURGE_SECRET}
    refused = varnish.request(
        "PURGE", "/", headers={"xkey-purge": "front", **secret}, source="127.0.0.2"
    )
    assert refused.status == 403
    assert varnish.get("/").hit


@pytest.mark.parametrize("secret", [None, "", "a guess", PURGE_SECRET + "x"])
def test_a_purge_from_a_trusted_address_needs_the_secret_too(varnish, story, secret):
    """A TLS terminator or forwarder on the same machine makes every client local."""
    warm(varnish, {"home": "/"})
    headers = {"xkey-purge": "front"} | ({} if secret is None else {"X-Purge-Secret": secret})
    assert varnish.request("PURGE", "/", headers=headers).status == 403
    assert varnish.get("/").hit


def test_a_host_port_makes_no_new_copy_and_no_link_to_it(varnish, story):
    """Only the port Varnish was reached on is kept; any other is dropped: one more copy
    at most, whatever numbers a client sends."""
    varnish.get("/", headers={"Host": "127.0.0.1"})
    for port in ("1", "4242", "65535"):
        page = varnish.get("/", headers={"Host": f"127.0.0.1:{port}"})
        assert page.hit, port
        assert f":{port}/" not in page.text


@pytest.mark.parametrize("byte_range", ["bytes=abc", "bytes=5-2", "bytes=0-1,x", "lines=1-2"])
def test_a_malformed_range_gets_the_apps_own_answer(varnish, story, byte_range):
    headers = {"Range": byte_range}
    assert varnish.get("/admin/login/", headers=headers).status == 200
    assert varnish.request("POST", "/search/", headers=headers).status == 405
    # A cached page may answer an unsatisfiable range with 416, as HTTP allows.
    assert varnish.get("/", headers=headers).status in (200, 416)


# -- the client's address through the proxy ---------------------------------------------


@pytest.fixture
def behind_varnish(settings):
    settings.NEWSREADER_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.NEWSREADER_TRUSTED_PROXIES = ["127.0.0.1"]


def test_the_search_limit_counts_the_reader_varnish_saw(varnish, story, settings, behind_varnish):
    settings.NEWSREADER_SEARCH_RATE = "3/d"  # a window no test straddles
    statuses = [
        varnish.get(
            f"/search/?q=port{n}",
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
            source="127.0.0.2",
        ).status
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert varnish.get("/search/?q=port9", source="127.0.0.3").status == 200


def through_terminator(
    varnish: Varnish, client: str, method: str, path: str, headers: dict[str, str]
) -> int:
    """A request as a TLS terminator passes it on: over the PROXY protocol, naming the
    reader's address (docs/deploy.md); its status."""
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    proxy = f"PROXY TCP4 {client} 127.0.0.1 40000 443\r\n"
    with socket.create_connection(("127.0.0.1", varnish.tls_port), timeout=20) as connection:
        connection.sendall((proxy + "\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = connection.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_behind_the_tls_terminator_each_reader_keeps_their_own_address(
    varnish, story, settings, behind_varnish
):
    """A terminator on Varnish's machine, which would make every reader 127.0.0.1: no
    reader escapes the search limit with an X-Forwarded-For of their own, and none may
    purge, secret or not."""
    settings.NEWSREADER_SEARCH_RATE = "3/d"  # a window no test straddles
    statuses = [
        through_terminator(
            varnish, "203.0.113.7", "GET", f"/search/?q=port{n}", {"X-Forwarded-For": f"10.0.0.{n}"}
        )
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert through_terminator(varnish, "203.0.113.8", "GET", "/search/?q=port9", {}) == 200
    purge = {"xkey-purge": "front", "X-Purge-Secret": PURGE_SECRET}
    assert through_terminator(varnish, "203.0.113.7", "PURGE", "/", purge) == 403


def login(varnish: Varnish, password: str, *, source: str, forwarded: str = "") -> int:
    page = varnish.get("/admin/login/", source=source)
    cookie = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    body = urlencode(
        {"username": "eda", "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
    )
    headers = {
        "Cookie": f"csrftoken={cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"{varnish.url}/admin/login/",
        "Host": f"127.0.0.1:{varnish.port}",
    }
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    return varnish.request(
        "POST", "/admin/login/", headers=headers, body=body, source=source
    ).status


def test_a_lockout_shuts_out_the_attacker_not_the_editor(
    varnish, django_user_model, behind_varnish
):
    django_user_model.objects.create_user("eda", password="a long editor passphrase", is_staff=True)
    attempts = [login(varnish, "wrong", source="127.0.0.2", forwarded="198.51.100.1")]
    attempts += [login(varnish, "wrong", source="127.0.0.2") for _ in range(4)]
    assert attempts[-1] == 429
    assert login(varnish, "a long editor passphrase", source="127.0.0.2") == 429
    # The editor, from another address, is not locked out by someone else's failures.
    assert login(varnish, "a long editor passphrase", source="127.0.0.3") == 302


# -- the app down ---------------------------------------------------------------------


def test_while_the_app_is_down_readers_get_what_varnish_holds(tmp_path, require_service):
    if not shutil.which("varnishd"):
        require_service("Varnish (varnishd, from the varnish and varnish-modules packages)")
    env = production_env(f"sqlite:///{tmp_path}/grace.sqlite3", NEWSREADER_CACHE_SECONDS="1")
    prepare_database(env)
    server = Gunicorn(env, workers=1)
    varnish = Varnish(server.base, tmp_path)
    try:
        varnish.start()
        page = varnish.get("/")
        assert page.status == 200
        server.stop()
        # Past its s-maxage, with nothing to fetch a new copy from.
        assert eventually(lambda: int(varnish.get("/").headers.get("Age", 0)) > 1, seconds=10)
        again = varnish.get("/")
        assert (again.status, again.text) == (200, page.text)
        assert varnish.get("/regions/").status == 503  # never cached: nothing to serve
    finally:
        varnish.stop()
        server.stop()


def test_a_search_keeps_how_many_results_were_loaded(varnish, story):
    # "More results" in place puts ``shown`` in the address; Back and a shared link need
    # it to reach the app, so it makes a copy of its own.
    assert not varnish.get("/search/?q=gaza").hit
    assert varnish.get("/search/?q=gaza&utm_source=x").hit
    assert not varnish.get("/search/?q=gaza&shown=40").hit
