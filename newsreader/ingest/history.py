"""What the ingest stored of an article, as a version in its history (django-reversion).

An article's first version is the story as it came in, so that an editor can go back to
exactly that from the admin's history page; a copy merged into it later adds a version.
Each article gets a revision of its own: the admin reverts a whole revision at once, and
one revision for a file's stories would undo an editor's work on the other stories too.

The cost, on SQLite, 2,500 generated stories, write alone (threads not refreshed): 2,050
stories a second without versions, 230 with them, 406 with one revision per file. Most of
it is reversion serialising each row (about 2 ms a story) and, per revision, checking
that its rows exist (about 2 ms). The whole command, threads and all: 80 stories a
second before, 54 after (``bench/corpus.py``, one process, 2-core machine).
"""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.db.models import Prefetch

from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Provenance,
)

# The rows reversion keeps with an article: the admin's inlines (admin.py registers the
# article with them), with what their names print. Fetched for a file's articles at once;
# reversion would otherwise read them one article, one kind and one name at a time.
KEPT_WITH_AN_ARTICLE = (
    "captions",
    # A place's name prints its country's ("Tripoli, Lebanon").
    Prefetch("article_regions", ArticleRegion.objects.select_related("region__parent")),
    Prefetch("article_sources", ArticleSource.objects.select_related("source")),
    Prefetch("article_people", ArticlePerson.objects.select_related("person")),
    Prefetch("article_organisations", ArticleOrganisation.objects.select_related("organisation")),
    Prefetch("provenance", Provenance.objects.select_related("file")),
)
CHUNK = 500


def record_versions(article_ids: Iterable[int], comment: str) -> None:
    """A version of each article as it is now, in a revision of its own with ``comment``.
    Called in the transaction that wrote them: a file rolled back leaves no version."""
    articles = (
        Article.objects.filter(pk__in=sorted(article_ids))
        .order_by("pk")
        .prefetch_related(*KEPT_WITH_AN_ARTICLE)
    )
    for article in articles.iterator(chunk_size=CHUNK):
        with reversion.create_revision(atomic=False):
            reversion.set_comment(comment)
            reversion.add_to_revision(article)
