"""Markup that came in with a scraped story is stored as text and shown escaped on every
page, partial, feed, API response and admin page."""

import json

import pytest
from django.conf import settings

from tests.conftest import (
    HOSTILE_CAPTION,
    HOSTILE_MARKUP,
    HOSTILE_PARAGRAPHS,
    HOSTILE_TITLE,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

READER_URLS = [
    ("/", {}),
    ("/regions/lebanon/", {}),
    ("/regions/lebanon/", {**HTMX, "HTTP_HX_TARGET": "results"}),
    ("/regions/beirut/", {}),
    ("/archive/2026/2/3/", {}),
    ("/sources/afp/", {}),
    ("/search/?q=beirut", {}),
    ("/search/?q=beirut", {**HTMX, "HTTP_HX_TARGET": "results"}),
    ("/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", {}),
    ("/feeds/latest/", {}),
    ("/feeds/regions/lebanon/", {}),
    ("/feeds/sources/afp/", {}),
    ("/sitemap-articles.xml", {}),
    ("/api/articles/", {}),
    ("/api/articles/?q=%3Cscript%3E", {}),
    ("the article", {}),
    ("the article in the API", {}),
]


# Searches for the markup itself: no story matches them.
SHOW_NO_STORY = {"/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/api/articles/?q=%3Cscript%3E"}


def resolve(url, article):
    return {
        "the article": article.get_absolute_url(),
        "the article in the API": f"/api/articles/{article.pk}/",
    }.get(url, url)


def assert_no_live_markup(content: str) -> None:
    for markup in HOSTILE_MARKUP:
        assert markup not in content
    assert settings.SECRET_KEY not in content


@pytest.mark.parametrize(("url", "headers"), READER_URLS)
def test_scraped_markup_never_reaches_a_reader_unescaped(client, hostile_article, url, headers):
    response = client.get(resolve(url, hostile_article), **headers)
    assert response.status_code == 200
    content = response.content.decode()
    # The story is there (a search for the markup itself finds nothing), escaped.
    if url not in SHOW_NO_STORY:
        assert hostile_article.slug in content, "the hostile story is not on the page"
    assert_no_live_markup(content)


def test_the_article_page_shows_the_markup_as_text(client, hostile_article):
    page = client.get(hostile_article.get_absolute_url()).content.decode()
    assert "Beirut &lt;script&gt;alert(1)&lt;/script&gt; talks stall" in page
    assert "{{ settings.SECRET_KEY }}" in page  # shown, not evaluated
    assert "{% debug %} and {{ request.META }}" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_the_api_returns_the_text_exactly_with_markup_characters_escaped(client, hostile_article):
    response = client.get(f"/api/articles/{hostile_article.pk}/")
    assert b"<" not in response.content and b">" not in response.content
    data = json.loads(response.content)
    assert data["title"] == HOSTILE_TITLE
    assert data["body"] == "\n\n".join(HOSTILE_PARAGRAPHS)
    assert data["captions"][0]["text"] == HOSTILE_CAPTION.removesuffix(" (AFP)")


def test_the_feed_summary_is_escaped_text_not_html(client, hostile_article):
    feed = client.get("/feeds/latest/").content.decode()
    # Atom's summary is type="html": the text is escaped for HTML, then for XML.
    assert "&amp;lt;a href=&amp;quot;javascript:alert(3)&amp;quot;&amp;gt;" in feed


@pytest.mark.parametrize(
    "url",
    [
        "/admin/newsreader/article/",
        "/admin/newsreader/article/?q=script",
        "/admin/newsreader/article/{pk}/change/",
        "/admin/newsreader/article/{pk}/history/",
        "/admin/newsreader/article/{pk}/delete/",
        "/admin/newsreader/caption/",
        "/admin/newsreader/ingestedfile/",
        "/admin/newsreader/source/?q=afp",
    ],
)
def test_the_admin_shows_scraped_markup_escaped(admin_client, hostile_article, url):
    response = admin_client.get(url.format(pk=hostile_article.pk))
    assert response.status_code == 200
    assert_no_live_markup(response.content.decode())
