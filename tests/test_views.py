"""The reader's pages that exist so far: home, article, region and source."""

import pytest
from django.urls import reverse

from newsreader.models import Article
from tests.conftest import SEEDS, ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    ingest(SEEDS)
    return {a.title: a for a in Article.objects.all()}


def test_article_page_shows_caption_credit_photographer_and_date(client, seeded):
    article = next(a for a in seeded.values() if "Rafah" in a.title)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert "Abed Rahim Khatib/" in html
    assert '<time datetime="2026-02-02">2 February 2026</time>' in html
    assert 'Agence France-Presse</a> <span class="muted">(cited in the text)</span>' in html


def test_undated_article_says_so(client, seeded):
    article = seeded["Paris Calls on 50 Countries to Support Lebanese Army"]
    response = client.get(article.get_absolute_url())
    assert "Undated" in response.content.decode()


def test_wrong_slug_redirects_to_the_canonical_url(client, seeded):
    article = seeded["Paris Calls on 50 Countries to Support Lebanese Army"]
    response = client.get(reverse("newsreader:article-detail", args=[article.pk, "old-title"]))
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_draft_article_is_not_shown(client, seeded):
    article = seeded["Paris Calls on 50 Countries to Support Lebanese Army"]
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()


def test_unknown_article_region_and_source_are_404(client, seeded):
    assert client.get("/articles/999999/nothing/").status_code == 404
    assert client.get("/regions/atlantis/").status_code == 404
    assert client.get("/sources/nobody/").status_code == 404


def test_home_lists_published_stories(client, seeded):
    html = client.get("/").content.decode()
    assert all(title in html for title in seeded)


def test_region_page_lists_the_countrys_stories(client, seeded):
    html = client.get("/regions/palestine/").content.decode()
    assert "Rafah Opening" in html
    assert "Morocco Evacuates" not in html


def test_source_page_lists_stories_it_is_credited_for(client, seeded):
    html = client.get("/sources/dpa/").content.decode()
    assert "Rafah Opening" in html
    assert "Paris Calls" not in html


def test_article_page_takes_a_fixed_number_of_queries(client, seeded, django_assert_num_queries):
    article = seeded["Miami Talks Aim to Bridge Gaps in Gaza Deal’s Second Phase"]
    with django_assert_num_queries(6):
        client.get(article.get_absolute_url())
