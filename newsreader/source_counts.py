"""How many published stories each source published, is cited in, and has photos in: the
counts the sources' index, a source's tabs and the source feeds read."""

from __future__ import annotations

from django.db.models import Count, F

from newsreader.models import Article, ArticleSource, Provenance, Source


def source_story_counts(source: Source | None = None) -> dict[int, dict[str, int]]:
    """Source id -> {role: published stories}, for every source or one; a role with no
    stories is left out. Three grouped queries, whatever the archive's size."""
    published = Article.objects.published().order_by()
    links = ArticleSource.objects.filter(article__status=Article.Status.PUBLISHED).order_by()
    if source:
        published = published.filter(publisher=source)
        links = links.filter(source=source)
    counts: dict[int, dict[str, int]] = {}
    rows = (
        published.filter(publisher__isnull=False)
        .values_list("publisher_id")
        .annotate(n=Count("id"))
    )
    for source_id, n in rows:
        counts.setdefault(source_id, {})["published"] = n
    # The outlets that republished them, each story once, and not again for its publisher.
    copies = Provenance.objects.filter(
        article__status=Article.Status.PUBLISHED, file__publisher__isnull=False
    )
    if source:
        copies = copies.filter(file__publisher=source)
    rows = (
        copies.exclude(file__publisher_id=F("article__publisher_id"))
        .values_list("file__publisher_id")
        .annotate(n=Count("article_id", distinct=True))
        .order_by()
    )
    for source_id, n in rows:
        published_by = counts.setdefault(source_id, {})
        published_by["published"] = published_by.get("published", 0) + n
    rows = links.values_list("source_id", "role").annotate(n=Count("article_id", distinct=True))
    for source_id, role, n in rows:
        counts.setdefault(source_id, {})[role] = n
    return counts
