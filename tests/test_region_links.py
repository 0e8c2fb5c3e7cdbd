"""Region pages list a story by its date and status however they were written: the copies
their index reads are the database's to keep, so a bulk ``update()`` cannot leave a page
showing a draft or a story under its old date."""

import datetime
import html
import re

import pytest

from newsreader.models import Article, ArticleRegion, Region
from tests.factories import make_article, placed_day

pytestmark = pytest.mark.django_db


def listed(client, path, *articles):
    page = client.get(path).content.decode()
    return [article.title in page for article in articles]


def test_a_bulk_update_of_status_takes_stories_off_and_back_on_their_region_pages(client):
    kept = make_article("Port of Beirut reopens its grain silos")
    withdrawn = make_article("Tripoli council approves a new market", places=("tripoli",))
    assert listed(client, "/regions/lebanon/", kept, withdrawn) == [True, True]

    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.DRAFT)
    assert listed(client, "/regions/lebanon/", kept, withdrawn) == [True, False]
    assert listed(client, "/regions/tripoli/", withdrawn) == [False]
    assert listed(client, "/regions/levant/", withdrawn) == [False]
    counts = {r["slug"]: r["article_count"] for r in client.get("/api/regions/").json()["results"]}
    assert counts["lebanon"] == 1

    Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.PUBLISHED)
    assert listed(client, "/regions/tripoli/", withdrawn) == [True]


def test_a_bulk_update_of_dates_reorders_a_region_page(client):
    older = make_article(
        "Older story from Amman", region="jordan", published_on=datetime.date(2026, 1, 1)
    )
    newer = make_article(
        "Newer story from Amman", region="jordan", published_on=datetime.date(2026, 1, 2)
    )
    page = client.get("/regions/jordan/").content.decode()
    assert page.index(newer.title) < page.index(older.title)

    Article.objects.filter(pk=older.pk).update(published_on=datetime.date(2026, 1, 3))
    page = client.get("/regions/jordan/").content.decode()
    assert page.index(older.title) < page.index(newer.title)
    assert client.get("/regions/jordan/?from=2026-01-03").content.decode().count("from Amman") == 1


def test_a_link_added_without_the_article_in_hand_gets_its_date_and_status(client):
    story = make_article("Flooding closes roads in Aden", region="yemen")
    draft = make_article("Draft about Aden", region="yemen", status=Article.Status.DRAFT)
    oman = Region.objects.get(slug="oman")
    ArticleRegion.objects.bulk_create(
        [
            ArticleRegion(article_id=story.pk, region=oman),
            ArticleRegion(article_id=draft.pk, region=oman),
        ]
    )
    assert listed(client, "/regions/oman/", story, draft) == [True, False]
    link = ArticleRegion.objects.get(article=story, region=oman)
    assert (link.published_on, link.is_published) == (story.published_on, True)


def story_ids(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="story" id="story-(\d+)"', page)]


def link(page: str, rel: str) -> str | None:
    match = re.search(rf'<a rel="{rel}" href="([^"]+)"', page)
    return html.unescape(match.group(1)) if match else None


def test_a_subregion_pages_through_its_countries_stories_each_once_in_order(client):
    # 47 stories over three Levant countries, on shared days, some undated, a few about
    # two of its countries at once, and one about the Gulf only.
    day = datetime.date(2025, 3, 1)
    stories = []
    for n, country in enumerate(["lebanon", "syria", "jordan"] * 15 + ["syria", "lebanon"]):
        published_on = None if n % 11 == 0 else day - datetime.timedelta(days=n // 4)
        # An undated story is placed among the others by the day it was first seen.
        seen = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
        stories.append(
            make_article(
                f"Levant story {n}",
                region=country,
                published_on=published_on,
                first_seen=seen - datetime.timedelta(days=n // 3),
            )
        )
    for n, story in enumerate(stories[::7]):
        other = ["jordan", "lebanon", "syria"][(7 * n) % 3]  # a country it is not filed under
        ArticleRegion.objects.create(article=story, region=Region.objects.get(slug=other))
    gulf = make_article("Gulf only", region="oman")
    expected = [s.pk for s in sorted(stories, key=lambda s: (placed_day(s), s.pk), reverse=True)]
    seen, pages, path = [], [], "/regions/levant/"
    while path:
        page = client.get(path).content.decode()
        pages.append(page)
        seen += story_ids(page)
        path = link(page, "next")
    assert seen == expected
    assert gulf.pk not in seen and len(pages) == 3
    # And back: "Newer stories" from the last page gives the pages before it.
    newer = client.get(link(pages[-1], "prev")).content.decode()
    assert story_ids(newer) == story_ids(pages[-2])
