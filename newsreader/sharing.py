"""What an article's page tells search engines and link previews about it: schema.org's
``NewsArticle`` as JSON-LD (the Open Graph tags are in the template)."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.utils.text import Truncator

from newsreader.models import Article


def canonical_url(request: HttpRequest) -> dict:
    """A context processor: the page's address without its query, for the canonical link
    and Open Graph. None for a host the site does not serve, whose 400 page is still drawn.
    """
    try:
        return {"canonical_url": request.build_absolute_uri(request.path)}
    except DisallowedHost:
        return {"canonical_url": None}


# Google shows at most 110 characters of a NewsArticle headline.
HEADLINE_CHARACTERS = 110


def news_article(article: Article, url: str) -> dict:
    """``datePublished`` only when the story has a date: an undated story has none, and
    the day it was ingested is not its date."""
    paragraphs = article.paragraphs
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(HEADLINE_CHARACTERS),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en",
        "wordCount": len(article.body.split()),
        "dateModified": article.updated_at.isoformat(),
    }
    if paragraphs:
        data["description"] = Truncator(paragraphs[0]).words(30)
    if article.published_on:
        data["datePublished"] = article.published_on.isoformat()
    region = article.primary_region
    if region:
        data["articleSection"] = region.name
        data["contentLocation"] = {"@type": "Place", "name": region.name}
    if article.publisher:
        data["publisher"] = {"@type": "Organization", "name": article.publisher.name}
    if article.original_url:
        data["isBasedOn"] = article.original_url
    return data
