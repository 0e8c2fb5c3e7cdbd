"""The admin: every model registered, with working lists, filters, search and forms."""

import pytest
from django.contrib.auth import get_user_model

from newsreader.models import Article
from tests.conftest import SEEDS, ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_seeded(client):
    ingest(SEEDS)
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "x" * 16)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=published",
        "?region=PS",
        "?source=dpa",
        "?published_on__isempty=1",
        "?q=Ksar",
        "?published_on__year=2026",
    ],
)
def test_article_list_filters_and_search(admin_client_seeded, query):
    response = admin_client_seeded.get(f"/admin/newsreader/article/{query}")
    assert response.status_code == 200


def test_undated_filter_lists_only_undated_articles(admin_client_seeded):
    html = admin_client_seeded.get(
        "/admin/newsreader/article/?published_on__isempty=1"
    ).content.decode()
    assert "Paris Calls" in html
    assert "Dozen People" not in html


def test_region_filter_narrows_to_the_country(admin_client_seeded):
    html = admin_client_seeded.get("/admin/newsreader/article/?region=MA").content.decode()
    assert "Morocco Evacuates" in html
    assert "Paris Calls" not in html


def test_article_form_shows_captions_regions_sources_and_provenance(admin_client_seeded):
    article = Article.objects.get(title__startswith="Dozen People")
    html = admin_client_seeded.get(
        f"/admin/newsreader/article/{article.pk}/change/"
    ).content.decode()
    assert "Abed Rahim Khatib" in html
    assert "002_801232c05f2a40c6.txt" in html
    assert "captions-TOTAL_FORMS" in html
    assert "article_regions-TOTAL_FORMS" in html


@pytest.mark.parametrize(
    "model", ["region", "source", "caption", "ingestedfile", "thread", "person", "organisation"]
)
def test_every_model_list_opens(admin_client_seeded, model):
    assert admin_client_seeded.get(f"/admin/newsreader/{model}/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/newsreader/article/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
