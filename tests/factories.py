"""Focused test data: articles made directly, without going through ingest."""

from __future__ import annotations

import datetime
import hashlib
import itertools

from newsreader.models import Article, ArticleRegion, ArticleSource, Caption, Region, Source

_counter = itertools.count(1)


def make_article(
    title: str | None = None,
    *,
    body: str = "A paragraph of news.\n\nA second paragraph.",
    published_on: datetime.date | None = datetime.date(2026, 1, 15),
    region: str | Region | None = "lebanon",
    places: tuple[str, ...] = (),
    caption: str | None = None,
    credit: str | None = None,
    cited: tuple[str, ...] = (),
    status: str = Article.Status.PUBLISHED,
    first_seen: datetime.datetime | None = None,
) -> Article:
    number = next(_counter)
    title = title or f"Story number {number}"
    article = Article.objects.create(
        title=title,
        title_key=f"{title.lower()} {number}",
        body=body,
        body_fingerprint=hashlib.sha256(f"{number}{body}".encode()).hexdigest(),
        published_on=published_on,
        date_source="body" if published_on else "",
        status=status,
        first_seen=first_seen,
    )
    if region:
        country = region if isinstance(region, Region) else Region.objects.get(slug=region)
        ArticleRegion.objects.create(article=article, region=country, is_primary=True)
        for slug in places:
            ArticleRegion.objects.create(article=article, region=Region.objects.get(slug=slug))
    if caption:
        source = Source.objects.get(slug=credit) if credit else None
        Caption.objects.create(article=article, text=caption, photo_credit=source)
        if source:
            ArticleSource.objects.create(article=article, source=source, role="photo_credit")
    for slug in cited:
        ArticleSource.objects.create(
            article=article, source=Source.objects.get(slug=slug), role="cited"
        )
    return article


def placed_day(article: Article) -> datetime.date:
    """The day a list places a story on: its date, else the day it was first seen (else the
    day it was stored, today for a story made here)."""
    if article.published_on:
        return article.published_on
    seen = article.first_seen or article.created_at
    return seen.astimezone(datetime.UTC).date()


def make_articles(
    count: int, *, start: datetime.date = datetime.date(2025, 1, 1), **kwargs
) -> list[Article]:
    """``count`` stories on consecutive days from ``start``, every third with a caption."""
    return [
        make_article(
            published_on=start + datetime.timedelta(days=i),
            caption=f"Caption for story {i}" if i % 3 == 0 else None,
            credit="afp" if i % 3 == 0 else None,
            **kwargs,
        )
        for i in range(count)
    ]


def bulk_articles(count: int, *, region: str = "lebanon", start: int = 0) -> None:
    """Many articles fast (bulk inserts), for query-count tests at a thousand rows."""
    country = Region.objects.get(slug=region)
    afp = Source.objects.get(slug="afp")
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk story {i}",
            slug=f"bulk-story-{i}",
            title_key=f"bulk story {i}",
            body=f"Paragraph {i}.\n\nMore.",
            body_fingerprint=hashlib.sha256(f"bulk {i}".encode()).hexdigest(),
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 700),
            date_source="body",
        )
        for i in range(start, start + count)
    )
    if not articles[0].pk:  # SQLite before 3.35 returns no ids from bulk inserts
        articles = list(Article.objects.order_by("-id")[:count])
    ArticleRegion.objects.bulk_create(
        ArticleRegion(article=a, region=country, is_primary=True) for a in articles
    )
    Caption.objects.bulk_create(
        Caption(article=a, text=f"Caption {a.pk}", photo_credit=afp) for a in articles
    )
