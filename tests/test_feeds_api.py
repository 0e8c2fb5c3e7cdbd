"""Feeds, crawler files and the JSON API."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import SEEDS, export, ingest
from tests.factories import make_article, make_articles

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def seeded():
    ingest(SEEDS)


def atom_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_latest_feed_is_atom_with_every_published_story(client, seeded):
    assert len(atom_titles(client, "/feeds/latest/")) == 4


def test_region_and_source_feeds_hold_their_stories(client, seeded):
    assert sorted(atom_titles(client, "/feeds/regions/morocco/")) == [
        "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain"
    ]
    assert atom_titles(client, "/feeds/sources/dpa/") == [
        "Dozen People Entered Egypt from Gaza on First Day of Rafah Opening"
    ]
    assert len(atom_titles(client, "/feeds/regions/levant/")) == 3


def test_feeds_are_advertised_in_the_page_head(client, seeded):
    page = client.get("/regions/morocco/").content.decode()
    head = page[: page.index("</head>")]
    assert 'rel="alternate" type="application/atom+xml"' in head
    assert 'href="/feeds/regions/morocco/"' in head
    assert (
        'href="/feeds/sources/afp/"'
        in client.get("/sources/afp/").content.decode().split("</head>")[0]
    )


def test_sitemap_index_points_at_sections_that_list_articles_and_regions(client, seeded):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-articles.xml" in index
    assert "/articles/" in client.get("/sitemap-articles.xml").content.decode()
    assert "/regions/palestine/" in client.get("/sitemap-regions.xml").content.decode()
    assert "/archive/" in client.get("/sitemap-pages.xml").content.decode()
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_lists_threads_people_and_organisations(client, seeded):
    from newsreader.models import Organisation, Person, Thread

    for section, model in [
        ("threads", Thread),
        ("people", Person),
        ("organisations", Organisation),
    ]:
        listed = client.get(f"/sitemap-{section}.xml").content.decode()
        named = model.objects.filter(articles__isnull=False) if model is Thread else model.objects
        for entity in named.all()[:3]:
            assert entity.get_absolute_url() in listed, (section, entity)


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


# -- API -----------------------------------------------------------------------------


def test_api_articles_are_the_exports_canonical_json_with_absolute_urls(client, seeded):
    data = client.get("/api/articles/").json()
    assert set(data) == {"results", "next"}
    assert data["next"] is None
    assert len(data["results"]) == 4
    exported = {article["id"]: article for article in export(base_url="http://testserver")}
    for article in data["results"]:
        assert article == exported[article["id"]]
        # In the export's order of fields too (tests/test_export.py names that order).
        assert list(article) == list(exported[article["id"]])
        assert article["url"].startswith("http://testserver/articles/")


@pytest.mark.parametrize("region", ["MA", "ma", "morocco"])
def test_api_filters_by_region_code_or_slug(client, seeded, region):
    data = client.get("/api/articles/", {"region": region}).json()
    assert [a["title"][:7] for a in data["results"]] == ["Morocco"]


def test_api_filters_by_dates_and_query(client, seeded):
    data = client.get("/api/articles/", {"from": "2026-02-02", "to": "2026-02-02"}).json()
    assert [a["published"] for a in data["results"]] == ["2026-02-02"]
    data = client.get("/api/articles/", {"q": "flooding"}).json()
    assert len(data["results"]) == 1


def test_api_pages_by_cursor_through_every_article(client):
    make_articles(45, region="lebanon")
    ids, url = [], "/api/articles/"
    while url:
        data = client.get(url).json()
        ids += [a["id"] for a in data["results"]]
        url = data["next"]
        assert url is None or url.startswith("http://testserver/api/articles/?")
    assert len(ids) == len(set(ids)) == 45


def test_api_article_detail(client, seeded):
    first = client.get("/api/articles/").json()["results"][0]
    assert client.get(f"/api/articles/{first['id']}/").json() == first
    assert client.get("/api/articles/999999999/").status_code == 404


def test_api_regions_have_code_name_slug_absolute_url_and_count(client, seeded):
    results = client.get("/api/regions/").json()["results"]
    palestine = next(r for r in results if r["code"] == "PS")
    assert palestine["url"] == "http://testserver/regions/palestine/"
    assert palestine["article_count"] == 2
    assert {"code", "name", "slug", "url", "article_count"} <= set(palestine)
    levant = next(r for r in results if r["slug"] == "levant")
    assert levant["article_count"] >= 2
    assert any(r["slug"] == "khan-yunis" for r in results)


@pytest.mark.parametrize(
    "query",
    [
        {"region": "atlantis"},
        {"from": "2026-99-01"},
        {"to": "nope"},
        {"cursor": "garbage"},
        {"cursor": "2026-01-01.x"},
        {"q": "x" * 10000},
        {"colour": "red"},
        {"from": "2026-05-01", "to": "2026-01-01"},
    ],
)
def test_api_bad_parameters_are_400_with_a_json_error(client, seeded, query):
    response = client.get("/api/articles/", query)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}


def test_openapi_document_describes_the_api(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/articles/", "/api/articles/{id}/", "/api/regions/"} <= set(doc["paths"])
    assert doc["components"]["schemas"]["Article"]["required"][0] == "id"


def test_api_json_keeps_arabic_text_readable(client):
    make_article("قمة في بيروت", published_on=datetime.date(2026, 1, 1))
    raw = client.get("/api/articles/").content.decode()
    assert "قمة في بيروت" in raw
    assert json.loads(raw)["results"][0]["title"] == "قمة في بيروت"


def test_feed_entries_name_an_author_and_an_undated_story_no_publication_date(client):
    make_article("A dated story", published_on=datetime.date(2026, 1, 15))
    make_article("An undated story", published_on=None)
    root = ET.fromstring(client.get("/feeds/latest/").content)
    assert root.find(f"{ATOM}author/{ATOM}name").text == "newsreader"
    entries = {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}
    assert entries["A dated story"].find(f"{ATOM}published").text.startswith("2026-01-15")
    assert entries["An undated story"].find(f"{ATOM}published") is None
    assert entries["An undated story"].find(f"{ATOM}updated") is not None


def test_the_api_gives_a_subregion_its_countries_stories(client, seeded):
    api = client.get("/api/articles/?region=levant").json()["results"]
    assert {article["title"] for article in api} == {
        "Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase",
        "Dozen People Entered Egypt from Gaza on First Day of Rafah Opening",
        "Paris Calls on 50 Countries to Support Lebanese Army",
    }
    # As many as the subregion's page lists.
    assert client.get("/regions/levant/").content.decode().count('class="story"') == len(api)


def test_a_feed_is_updated_when_its_newest_story_is_dated(client, seeded):
    feed = client.get("/feeds/latest/").content.decode()
    # The newest dated seed story is of 2 February 2026, whenever it was ingested.
    assert "<updated>2026-02-02T00:00:00+00:00</updated>" in feed.split("<entry>")[0]
