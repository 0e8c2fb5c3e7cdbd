"""The reader's pages through the test client: content, parameters, drafts and partials."""

import datetime
import re

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from newsreader.models import Article, article_path
from tests.conftest import SEEDS, html, ingest
from tests.factories import make_article, make_articles

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def seeded():
    ingest(SEEDS)
    return {a.title: a for a in Article.objects.all()}


# -- pages ---------------------------------------------------------------------------

PAGES = [
    "/",
    "/regions/",
    "/regions/palestine/",
    "/regions/palestine/?place=gaza",
    "/regions/palestine/?from=2026-02-01&to=2026-02-28",
    "/regions/levant/",
    "/regions/khan-yunis/",
    "/archive/",
    "/archive/2026/",
    "/archive/2026/2/",
    "/archive/2026/2/2/",
    "/archive/undated/",
    "/sources/",
    "/sources/afp/",
    "/search/",
    "/search/?q=gaza",
    "/search/?q=gaza&region=palestine&from=2026-01-01&to=2026-12-31",
    "the Miami article",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_with_landmarks_and_skip_link(client, seeded, url):
    if url == "the Miami article":
        url = seeded[
            "Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase"
        ].get_absolute_url()
    page = html(client.get(url))
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page
    assert "<header" in page and "<footer" in page and "<nav" in page
    assert 'type="application/atom+xml"' in page
    assert "django_htmx/htmx-2.min.js" in page


def test_home_shows_latest_and_a_section_per_primary_region(client, seeded):
    page = html(client.get("/"))
    assert all(title in page for title in seeded)
    # Every story is in the main column, so no region's section repeats one.
    assert re.findall(r'<h2 id="region-([\w-]+)"', page) == []


def test_home_pages_to_older_stories_and_its_regions_repeat_none_of_them(client):
    make_articles(30, region="lebanon", start=datetime.date(2025, 1, 1))
    make_article("Old Morocco story", region="morocco", published_on=datetime.date(2024, 1, 1))
    page = html(client.get("/"))
    latest = page.split('<div class="by-region"')[0]
    column = page.split('<div class="by-region"')[1]
    assert latest.count('<li class="story"') == 20
    assert re.findall(r'<h2 id="region-([\w-]+)"', column) == ["lebanon", "morocco"]
    titles = set(re.findall(r'dir="auto"><a href="[^"]+">([^<]+)</a>', latest))
    assert len(titles) == 20
    assert not titles & set(re.findall(r'<li dir="auto"><a href="[^"]+">([^<]+)</a>', column))
    older = re.search(r'rel="next" href="([^"]+)"', latest).group(1).replace("&amp;", "&")
    second = html(client.get(older))
    assert second.count('<li class="story"') == 11
    assert 'class="by-region"' not in second and 'rel="prev"' in second


def test_regions_index_lists_subregions_countries_counts_and_places(client, seeded):
    page = html(client.get("/regions/")).split('<div class="region-index">')[1]
    assert page.index("Levant") < page.index("Palestine")
    assert re.search(r'href="/regions/palestine/">Palestine</a> <span class="count">2</span>', page)
    assert 'href="/regions/palestine/?place=khan-yunis">Khan Yunis</a>' in page


def test_region_page_narrows_to_a_place_and_a_date_range(client, seeded):
    everything = html(client.get("/regions/palestine/"))
    assert "Miami Talks" in everything and "Dozen People" in everything
    dated = html(client.get("/regions/palestine/?from=2026-02-01"))
    assert "Dozen People" in dated and "Miami Talks" not in dated
    place = html(client.get("/regions/morocco/?place=ksar-el-kebir"))
    assert "Morocco Evacuates" in place


def test_article_page_shows_caption_credit_photographer_date_sources_and_reading_time(
    client, seeded
):
    article = seeded["Dozen People Entered Egypt from Gaza on First Day of Rafah Opening"]
    page = html(client.get(article.get_absolute_url()))
    assert "Abed Rahim Khatib/" in page and 'href="/sources/dpa/">dpa</a>' in page
    assert '<time datetime="2026-02-02">Monday 2 February 2026</time>' in page
    assert 'href="/sources/afp/">Agence France-Presse</a>' in page
    assert "1 min read" in page
    assert page.count('<p dir="auto">') == 3


def test_undated_article_says_so_and_links_to_the_undated_page(client, seeded):
    article = seeded["Paris Calls on 50 Countries to Support Lebanese Army"]
    page = html(client.get(article.get_absolute_url()))
    # The day it was first seen, said as such: never as its publication.
    seen = re.search(
        r'<a href="/archive/undated/"><span class="undated">Seen <time datetime="([\d-]+)">'
        r"[^<]+</time>, no date given</span></a>",
        page,
    )
    assert seen and seen.group(1) == article.first_seen.date().isoformat()
    assert "Published <" not in page and "article:published_time" not in page


def test_a_dated_article_says_when_it_was_published(client):
    article = make_article("A dated story", published_on=datetime.date(2026, 2, 3))
    page = html(client.get(article.get_absolute_url()))
    assert (
        'Published <a href="/archive/2026/2/3/"><time datetime="2026-02-03">'
        "Tuesday 3 February 2026</time></a>" in page
    )


def test_article_page_links_newer_and_older_stories_in_its_region(client):
    older, middle, newer = (
        make_article(f"Beirut story {i}", published_on=datetime.date(2026, 3, i + 1))
        for i in range(3)
    )
    page = html(client.get(middle.get_absolute_url()))
    assert f'rel="prev" href="{newer.get_absolute_url()}"' in page
    assert f'rel="next" href="{older.get_absolute_url()}"' in page


def test_neighbours_cross_between_dated_and_undated_stories(client):
    oldest_dated = make_article("Oldest dated", published_on=datetime.date(2026, 3, 1))
    make_article("Newest dated", published_on=datetime.date(2026, 3, 2))
    first_undated, second_undated = (
        make_article(
            f"Undated {i}",
            published_on=None,
            first_seen=datetime.datetime(2026, 2, 27 + i, tzinfo=datetime.UTC),
        )
        for i in range(2)
    )
    # Newest first, each on its day: ..., Oldest dated (1 March), Undated 1 (seen 28
    # February), Undated 0 (27 February).
    page = html(client.get(second_undated.get_absolute_url()))
    assert f'rel="prev" href="{oldest_dated.get_absolute_url()}"' in page
    assert f'rel="next" href="{first_undated.get_absolute_url()}"' in page
    page = html(client.get(oldest_dated.get_absolute_url()))
    assert f'rel="next" href="{second_undated.get_absolute_url()}"' in page


def test_related_stories_come_from_the_same_region(client):
    story = make_article("Lebanon story", region="lebanon")
    make_article("Another Lebanon story", region="lebanon")
    make_article("A Morocco story", region="morocco")
    page = html(client.get(story.get_absolute_url()))
    assert "Another Lebanon story" in page
    assert "A Morocco story" not in page


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client, seeded):
    article = seeded["Paris Calls on 50 Countries to Support Lebanese Army"]
    response = client.get(f"/articles/{article.pk}/old-title/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "pk, slug",
    [
        (1, "a"),
        (987654321, "slug-stand-in"),  # the stand-ins article_path() reverses
        (5, "x-987654321-slug-stand-in"),
        (10**18 - 1, "Long_Slug-9"),
    ],
)
@pytest.mark.parametrize("prefix", ["/", "/987654321/slug-stand-in/"])
def test_article_links_are_what_reverse_gives(pk, slug, prefix):
    set_script_prefix(prefix)
    try:
        assert article_path(pk, slug) == reverse("newsreader:article-detail", args=[pk, slug])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("pk, slug", [(1, "not a slug"), (1, ""), (None, "a"), (10**18, "a")])
def test_an_article_link_the_urls_refuse_fails_as_reverse_does(pk, slug):
    with pytest.raises(NoReverseMatch):
        article_path(pk, slug)


def test_archive_calendar_links_days_with_stories_and_neighbouring_months(client):
    make_article("January story", published_on=datetime.date(2026, 1, 20))
    make_article("March story", published_on=datetime.date(2026, 3, 5))
    make_article("March story two", published_on=datetime.date(2026, 3, 9))
    page = html(client.get("/archive/2026/3/"))
    assert 'href="/archive/2026/3/5/"' in page and 'href="/archive/2026/3/9/"' in page
    assert 'href="/archive/2026/3/6/"' not in page
    assert 'rel="prev" href="/archive/2026/1/">← January 2026' in page
    day = html(client.get("/archive/2026/3/5/"))
    assert 'rel="next" href="/archive/2026/3/9/"' in day
    assert 'rel="prev" href="/archive/2026/1/20/"' in day
    assert 'aria-current="date"' in day


def test_archive_year_lists_months_with_counts(client):
    make_articles(3, start=datetime.date(2025, 12, 31))
    page = html(client.get("/archive/2026/"))
    assert 'href="/archive/2026/1/">January</a> <span class="count">2 stories</span>' in page
    assert 'rel="prev" href="/archive/2025/"' in page


def test_undated_stories_have_a_page_of_their_own(client, seeded):
    page = html(client.get("/archive/undated/"))
    assert "Paris Calls" in page and "Miami Talks" in page
    assert "Dozen People" not in page
    assert 'href="/archive/undated/">Undated stories</a>' in html(client.get("/archive/"))


def test_source_page_lists_stories_credited_or_cited(client, seeded):
    page = html(client.get("/sources/reuters/"))
    assert "Morocco Evacuates" in page and "Paris Calls" not in page
    assert 'href="/feeds/sources/reuters/"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/articles/999999/x/",
        "/articles/999999999999999999/x/",
        "/regions/atlantis/",
        "/sources/nobody/",
        "/archive/2026/2/30/",
        "/archive/2026/13/",
        "/archive/0/",
        "/archive/1999/",
        "/archive/2026/7/4/",
        "/feeds/regions/atlantis/",
        "/articles/12345678901234567890123/x/",
        "/nothing-here/",
    ],
)
def test_unknown_pages_are_friendly_404s(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/regions/palestine/?from=2026-13-01",
        "/regions/palestine/?from=yesterday",
        "/regions/palestine/?from=2026-03-01&to=2026-01-01",
        "/regions/palestine/?place=paris",
        "/regions/palestine/?after=garbage",
        "/regions/palestine/?after=2026-02-31.4",
        "/regions/palestine/?after=2026-01-01.1&before=2026-01-01.2",
        "/search/?q=" + "x" * 10000,
        "/search/?q=gaza&region=atlantis",
        "/search/?q=gaza&page=0",
        "/search/?q=gaza&page=51",
        "/search/?q=gaza&page=abc",
        "/archive/undated/?before=%00",
        "/sources/afp/?from=0000-01-01",
        "/regions/palestine/?from=9999-01-01",
    ],
)
def test_malformed_parameters_are_400_with_a_message(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'class="(field-error|form-error)"|That request was not understood', page)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_bad_date_shows_the_form_again_with_the_error_beside_the_field(client, seeded):
    response = client.get("/regions/palestine/?from=2026-02-30&to=2026-03-01")
    assert response.status_code == 400
    page = response.content.decode()
    field = re.search(r'<input[^>]*name="from"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_from_error"' in field
    assert '<p class="field-error" id="id_from_error">Enter a valid date.</p>' in page
    assert re.search(r'<input[^>]*name="to"[^>]*value="2026-03-01"', page)
    assert "Correct what is marked above to see stories." in page
    swapped = client.get(
        "/regions/palestine/?from=2026-02-30", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    assert swapped.status_code == 400 and "<html" not in swapped.content.decode()


def test_an_empty_filter_result_offers_a_way_on(client, seeded):
    page = html(client.get("/regions/palestine/?from=2020-01-01&to=2020-01-31"))
    assert "No stories here for these filters." in page
    assert '<a href="/regions/palestine/">Show all of Palestine</a>' in page
    assert '<a href="/regions/levant/">Levant</a>, or widen the dates.' in page
    search = html(client.get("/search/?q=gaza&region=morocco"))
    assert '<a href="/search/?q=gaza">Search every region and date</a>' in search


def test_a_search_page_past_the_end_says_where_the_results_end(client, seeded):
    response = client.get("/search/?q=gaza&page=9")
    assert response.status_code == 404
    page = response.content.decode()
    assert "No stories match" not in page
    assert 'end on <a href="/search/?page=1&amp;q=gaza">page 1</a>' in page


def test_public_pages_refuse_post(client, seeded):
    assert client.post("/").status_code == 405
    assert client.post("/search/", {"q": "gaza"}).status_code == 405


# -- drafts --------------------------------------------------------------------------


def test_drafts_appear_nowhere_a_reader_can_look(client):
    draft = make_article(
        "Secret draft about Beirut", status="draft", caption="Hidden", credit="afp"
    )
    make_article("Public story about Beirut")
    for url in [
        "/",
        "/regions/lebanon/",
        "/archive/2026/1/",
        "/archive/2026/1/15/",
        "/search/?q=beirut",
        "/sources/afp/",
        "/feeds/latest/",
        "/feeds/regions/lebanon/",
        "/sitemap.xml",
        "/api/articles/",
        "/api/articles/?q=beirut",
    ]:
        assert "Secret draft" not in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/articles/{draft.pk}/").status_code == 404


# -- htmx partials -------------------------------------------------------------------


def test_filter_partial_is_the_result_block_only_and_varies_on_hx_request(client, seeded):
    response = client.get("/regions/palestine/?from=2026-02-01", HTTP_HX_TARGET="results", **HTMX)
    body = html(response)
    assert "<html" not in body and "<main" not in body
    assert body.lstrip().startswith('<div id="results">')
    assert "Dozen People" in body
    assert "HX-Request" in response["Vary"]
    assert "HX-Request" in client.get("/regions/palestine/")["Vary"]


def test_load_more_partial_is_the_next_items_and_a_new_pager(client):
    make_articles(25, region="lebanon")
    first = html(client.get("/regions/lebanon/"))
    more = re.search(r'rel="next" href="[^"]+" hx-get="([^"]+)"', first).group(1)
    more = more.replace("&amp;", "&")
    response = client.get(more, HTTP_HX_TARGET="load-more", **HTMX)
    body = html(response)
    assert "<html" not in body and '<ol class="story-list">' not in body
    assert body.count('<li class="story"') == 5
    assert "Older stories" not in body and "Newer stories" not in body


def test_search_partial_updates_results_only(client, seeded):
    body = html(client.get("/search/?q=flooding", HTTP_HX_TARGET="results", **HTMX))
    assert "<html" not in body and body.lstrip().startswith('<div id="results">')
    assert "<mark>Flooding</mark>" in body or "<mark>flooding</mark>" in body


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        # Back and Forward: htmx asks for the page it returns to.
        (
            "/regions/palestine/",
            {"HTTP_HX_TARGET": "results", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"},
        ),
        ("/search/?q=flooding", {"HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}),
        # A target the page does not have.
        ("/search/?q=flooding", {"HTTP_HX_TARGET": "elsewhere"}),
        ("/regions/palestine/", {"HTTP_HX_TARGET": "elsewhere"}),
    ],
)
def test_an_htmx_request_for_no_fragment_of_the_page_gets_the_whole_page(
    client, seeded, url, headers
):
    response = client.get(url, **headers, **HTMX)
    assert response.status_code == 200
    body = html(response)
    assert "<html" in body and "<main" in body and "<footer" in body
    assert "HX-History-Restore-Request" in response["Vary"]
