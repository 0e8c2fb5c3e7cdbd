"""An article's history (django-reversion): its first version is the story as it came in.

An editor can go back to the story as the ingest stored it, from the admin's history page.
That first version is kept lazily: not when the story is stored, but just before anything
first changes it (an editor's save, a bulk action, a deletion, a copy merged in), by
``keep_first_versions``, dated when the story was stored and named after its file. Most
stories are never changed, and recording a version of each as it is stored was two thirds
of the ingest's writing (``bench/threads.py`` at 10,000 stories: 5 ms of 10 ms a story,
spent in reversion's serialising and its checks that the rows exist). What the version
holds is the story as it is just before that change, so what only the site changed without
an editor (the people and organisations found again, a name merged or hidden on its own
page) is the site's latest word, not the ingest's. The thread is not in a story's versions
at all (admin.py, ``ArticleAdmin.reversion_register``).

Each article gets a revision of its own: the admin reverts a whole revision at once, and one
revision for a file's stories would undo an editor's work on the other stories too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import reversion
from django.db.models import Prefetch
from reversion.models import Version

from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Provenance,
)

logger = logging.getLogger(__name__)

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
    Prefetch("provenance", Provenance.objects.select_related("file").order_by("pk")),
)
CHUNK = 500


def _articles(article_ids: Iterable[int]):
    return (
        Article.objects.filter(pk__in=sorted(set(article_ids)))
        .order_by("pk")
        .prefetch_related(*KEPT_WITH_AN_ARTICLE)
        .iterator(chunk_size=CHUNK)
    )


def record_versions(article_ids: Iterable[int], comment: str) -> None:
    """A version of each article as it is now, in a revision of its own with ``comment``.
    Called in the transaction that wrote them: a file rolled back leaves no version."""
    for article in _articles(article_ids):
        with reversion.create_revision(atomic=False):
            reversion.set_comment(comment)
            reversion.add_to_revision(article)


def without_versions(article_ids: Iterable[int]) -> set[int]:
    """Those of the articles with no version yet: stored, and not changed since."""
    ids = {int(pk) for pk in article_ids}
    if not ids:
        return set()
    kept = Version.objects.get_for_model(Article).filter(object_id__in=[str(pk) for pk in ids])
    return ids - {int(pk) for pk in kept.values_list("object_id", flat=True)}


def keep_first_versions(article_ids: Iterable[int]) -> None:
    """Before the articles first change: the version of each that has none, as it is now,
    in a revision of its own dated when it was stored ("Ingested from <file>.").

    Call it before the change and outside any revision: a revision open around it would
    take this version in and keep the changed one in its place (reversion keeps one version
    of an object a revision). Called inside one, it keeps nothing and logs an error: the
    editor's change still goes through.
    """
    missing = without_versions(article_ids)
    if not missing:
        return
    if reversion.is_active():
        logger.error(
            "The first versions of articles %s were not kept: a revision was already open.",
            ", ".join(map(str, sorted(missing))),
        )
        return
    for article in _articles(missing):
        files = [p.file.name for p in article.provenance.all()]
        with reversion.create_revision(atomic=False):
            reversion.set_comment(f"Ingested from {files[0]}." if files else "As stored.")
            reversion.set_date_created(article.created_at)
            reversion.add_to_revision(article)
