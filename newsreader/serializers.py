"""The canonical JSON of an article: a public contract shared by the export
(``manage.py export_articles``) and the API (newsreader/api.py), and described for
clients in newsreader/openapi.json."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Caption,
    Provenance,
    Region,
    Thread,
    publishers_of,
)


def articles_for_json(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """Prefetch everything ``article_json`` reads, so a list costs a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "article_regions",
            queryset=ArticleRegion.objects.select_related("region").order_by(
                "-is_primary", "region__kind", "region__name", "region__id"
            ),
        ),
        Prefetch("captions", queryset=Caption.objects.select_related("photo_credit")),
        Prefetch(
            "article_sources",
            queryset=ArticleSource.objects.select_related("source").order_by(
                "role", "source__name"
            ),
        ),
        Prefetch("provenance", queryset=Provenance.objects.select_related("file__publisher")),
        "authors",
        Prefetch("thread", queryset=Thread.objects.with_headline()),
        Prefetch(
            "article_people",
            queryset=ArticlePerson.objects.filter(person__hidden=False)
            .select_related("person")
            .order_by("person__name"),
        ),
        Prefetch(
            "article_organisations",
            queryset=ArticleOrganisation.objects.filter(organisation__hidden=False)
            .select_related("organisation")
            .order_by("organisation__name"),
        ),
    ).select_related("publisher")


def region_json(region: Region, *, primary: bool) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "slug": region.slug, "primary": primary}


def article_json(article: Article, base_url: str) -> dict[str, Any]:
    """One article as ``{"id", "url", "title", "body", "published", "regions", ...}``."""
    return {
        "id": article.pk,
        "url": base_url.rstrip("/") + article.get_absolute_url(),
        "title": article.title,
        "body": "\n\n".join(article.paragraphs),
        "published": article.published_on.isoformat() if article.published_on else None,
        "first_seen": article.first_seen.isoformat() if article.first_seen else None,
        "updated": article.page_updated_on.isoformat() if article.page_updated_on else None,
        "regions": [
            region_json(link.region, primary=link.is_primary)
            for link in article.article_regions.all()
        ],
        "captions": [
            {
                "text": caption.text,
                "credit": str(caption.photo_credit) if caption.photo_credit else None,
                "photographer": caption.photographer or None,
            }
            for caption in article.captions.all()
        ],
        "sources": [
            {"name": link.source.name, "short_name": link.source.short_name, "role": link.role}
            for link in article.article_sources.all()
        ],
        "provenance": sorted({p.file.name for p in article.provenance.all()}),
        "publisher": publisher_json(article),
        "publishers": [
            {"name": copy.name, "url": copy.url or None} for copy in publishers_of(article)
        ],
        "authors": [author.name for author in article.authors.all()],
        "thread": thread_json(article, base_url),
        "people": [
            {"name": link.person.name, "role": link.role or None, "country": link.country or None}
            for link in article.article_people.all()
        ],
        "organisations": [
            {"name": link.organisation.name} for link in article.article_organisations.all()
        ],
    }


def thread_json(article: Article, base_url: str) -> dict[str, Any] | None:
    thread = article.thread
    if thread is None:
        return None
    return {
        "id": thread.pk,
        "title": thread.display_title,
        "url": base_url.rstrip("/") + thread.get_absolute_url(),
    }


def publisher_json(article: Article) -> dict[str, Any] | None:
    """``{"name", "url"}``: who published the story and the address of the original, each
    null when unknown; null when both are."""
    if article.publisher is None and not article.original_url:
        return None
    return {
        "name": article.publisher.name if article.publisher else None,
        "url": article.original_url or None,
    }
