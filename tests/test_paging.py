"""Keyset paging through the reader's lists, and the queries a page makes."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsreader.models import Article, Region
from tests.conftest import html
from tests.factories import make_article, make_articles, placed_day

pytestmark = pytest.mark.django_db


# -- paging --------------------------------------------------------------------------


def test_keyset_paging_walks_every_story_once_in_order_and_back(client):
    stories = make_articles(45, region="lebanon") + [
        make_article(f"Undated {i}", published_on=None) for i in range(3)
    ]
    expected = reading_order(stories)
    seen, url, pages = [], "/regions/lebanon/", []
    while url:
        page = html(client.get(url))
        pages.append(url)
        seen += re.findall(r'<h2 class="story-title" dir="auto"><a href="[^"]+">([^<]+)</a>', page)
        match = re.search(r'rel="next" href="([^"]+)"', page)
        url = match.group(1).replace("&amp;", "&") if match else None
    assert seen == expected
    assert len(pages) == 3
    last = html(client.get(pages[-1]))
    newer = re.search(r'rel="prev" href="([^"]+)"', last).group(1).replace("&amp;", "&")
    back = html(client.get(newer))
    assert (
        re.findall(r'<h2 class="story-title" dir="auto"><a href="[^"]+">([^<]+)</a>', back)
        == expected[20:40]
    )


def test_paging_keeps_the_filters(client):
    make_articles(30, region="lebanon", start=datetime.date(2026, 1, 1))
    page = html(client.get("/regions/lebanon/?from=2026-01-02"))
    link = re.search(r'rel="next" href="([^"]+)"', page).group(1)
    assert "from=2026-01-02" in link and "after=" in link


# -- query counts --------------------------------------------------------------------

COUNTED_PAGES = [
    "/",
    "/regions/",
    "/regions/lebanon/",
    "/regions/lebanon/?place=beirut",
    "/regions/levant/",
    "/archive/",
    "/archive/2025/",
    "/archive/2025/1/",
    "/archive/2025/1/1/",
    "/archive/undated/",
    "/sources/",
    "/sources/afp/",
    "/search/?q=story",
    "/feeds/latest/",
    "/feeds/regions/lebanon/",
    "/api/articles/",
    "/api/regions/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
]


def long_ago(days: int) -> datetime.datetime:
    """A time before every dated story the factories make."""
    return datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=days)


def test_paging_back_from_undated_stories_walks_every_dated_one(client):
    # Undated stories first seen before all the dated ones: the last page holds only them.
    stories = make_articles(40, region="lebanon") + [
        make_article(f"Undated {i}", published_on=None, first_seen=long_ago(i)) for i in range(3)
    ]
    titles = reading_order(stories)
    url = "/regions/lebanon/"
    for _ in range(2):
        url = re.search(r'rel="next" href="([^"]+)"', html(client.get(url))).group(1)
        url = url.replace("&amp;", "&")
    last = html(client.get(url))
    assert story_titles(last) == titles[40:] == ["Undated 2", "Undated 1", "Undated 0"]
    back = []
    while match := re.search(r'rel="prev" href="([^"]+)"', last):
        last = html(client.get(match.group(1).replace("&amp;", "&")))
        back.append(story_titles(last))
    assert back == [titles[20:40], titles[:20]]


def test_an_undated_story_is_listed_among_the_stories_of_the_day_it_was_first_seen(client):
    stories = make_articles(30, region="lebanon", start=datetime.date(2026, 1, 1))
    seen = datetime.datetime(2026, 1, 20, 9, tzinfo=datetime.UTC)
    stories.append(make_article("Seen on the twentieth", published_on=None, first_seen=seen))
    stories.append(make_article("Seen just now", published_on=None))
    expected = reading_order(stories)
    # The story seen today first; then 30 January back to 21 January (ten stories), then
    # the twentieth's two, the one stored later first.
    assert expected[0] == "Seen just now" and expected[11] == "Seen on the twentieth"
    assert story_titles(html(client.get("/regions/lebanon/"))) == expected[:20]
    home = html(client.get("/"))
    assert "Seen just now" in home and "Seen on the twentieth" in home


def reading_order(stories: list[Article]) -> list[str]:
    """Titles newest first by the day each is placed on, then by id, as every list shows."""
    return [a.title for a in sorted(stories, key=lambda a: (-placed_day(a).toordinal(), -a.pk))]


def story_titles(page: str) -> list[str]:
    return re.findall(r'<h2 class="story-title" dir="auto"><a href="[^"]+">([^<]+)</a>', page)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_stories(client):
    # More than the home page's main column holds, so its regions' column has stories.
    make_articles(30, region="lebanon", places=("beirut",))
    make_article("Undated one", published_on=None)
    at_30 = {url: count_queries(client, url) for url in COUNTED_PAGES}
    make_articles(90, region="lebanon", places=("beirut",), start=datetime.date(2025, 1, 1))
    make_articles(10, region="morocco", places=("rabat",), start=datetime.date(2025, 1, 1))
    at_130 = {url: count_queries(client, url) for url in COUNTED_PAGES}
    print("queries per page at 30 and 130 stories:", at_30)
    assert at_130 == at_30
    # A subregion's page reads one index range per country (five in the Levant).
    levant = Region.objects.get(slug="levant").children.count()
    assert at_30.pop("/regions/levant/") <= 5 + levant, at_30
    assert max(at_30.values()) <= 8, at_30


def test_article_page_query_count_is_fixed(client):
    story = make_articles(10, region="lebanon")[5]
    at_10 = count_queries(client, story.get_absolute_url())
    make_articles(90, region="lebanon")
    print("article page queries:", at_10)
    # 8, and its people, its organisations, its writers, the outlets that published it and
    # the profiles "Related" is ranked by; a story in a thread reads its thread's stories
    # too (tests/test_threads.py).
    assert count_queries(client, story.get_absolute_url()) == at_10 <= 13


def test_region_lists_follow_a_changed_date_and_status(client):
    old = make_article("Older Beirut story", published_on=datetime.date(2025, 1, 1))
    make_article("Newer Beirut story", published_on=datetime.date(2025, 6, 1))
    old.published_on = datetime.date(2026, 1, 1)
    old.save()
    page = html(client.get("/regions/lebanon/"))
    assert page.index("Older Beirut story") < page.index("Newer Beirut story")
    old.status = Article.Status.DRAFT
    old.save()
    assert "Older Beirut story" not in html(client.get("/regions/lebanon/"))
    assert "Older Beirut story" not in html(client.get("/"))
