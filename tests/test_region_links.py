"""Region pages list a story by its date and status however they were written: the copies
their index reads are the database's to keep, so a bulk ``update()`` cannot leave a page
showing a draft or a story under its old date."""

import datetime

import pytest

from newsreader.models import Article, ArticleRegion, Region
from tests.factories import make_article

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
