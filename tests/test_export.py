"""The canonical article JSON written by ``export_articles``."""

import pytest

from tests.conftest import SEEDS, export, ingest

pytestmark = pytest.mark.django_db


def test_export_writes_one_canonical_article_per_line_sorted_by_id():
    ingest(SEEDS)
    articles = export(base_url="https://news.example")
    assert [a["id"] for a in articles] == sorted(a["id"] for a in articles)
    for article in articles:
        assert list(article) == [
            "id",
            "url",
            "title",
            "body",
            "published",
            "first_seen",
            "updated",
            "regions",
            "captions",
            "sources",
            "provenance",
            "publisher",
            "publishers",
            "authors",
            "thread",
            "people",
            "organisations",
        ]
        assert article["url"].startswith(f"https://news.example/articles/{article['id']}/")
        assert "\n\n" in article["body"]
        assert all(set(r) == {"code", "name", "slug", "primary"} for r in article["regions"])
        assert sum(r["primary"] for r in article["regions"]) == 1
        assert all(set(c) == {"text", "credit", "photographer"} for c in article["captions"])
        assert all(set(s) == {"name", "short_name", "role"} for s in article["sources"])
        assert all(s["role"] in {"photo_credit", "cited"} for s in article["sources"])


def test_export_body_is_the_paragraphs_joined_by_a_blank_line():
    ingest(SEEDS)
    rafah = next(a for a in export() if "Rafah" in a["title"])
    paragraphs = rafah["body"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1] == (
        '"Five injured people and seven companions" crossed the border, the source said on Tuesday.'
    )


def test_export_of_an_empty_database_is_empty():
    assert export() == []
