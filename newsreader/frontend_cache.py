"""What a page may be cached for, what it shows, and purging it when that changes.

Readers' pages are cached by an HTTP accelerator in front of the app (Varnish, see
``deploy/varnish.vcl``), never inside it. This module is the app's side of that contract:

- ``cache_publicly`` marks a reader's page cacheable by a shared cache (``s-maxage``),
  while browsers revalidate it every time (``max-age=0`` with its ETag);
- every page names what it shows in an ``xkey`` header of surrogate keys: ``front`` for
  the general lists, ``article-12``, ``region-5``, ``source-3``;
- ``purge`` takes the keys a change touches and, once its transaction commits, queues one
  task (``send_purges``, run by ``manage.py db_worker``) that asks every Varnish in
  ``NEWSREADER_VARNISH_URLS`` to drop the pages that carry any of them.

The keys a change touches are computed here and nowhere else: ``keys_for_articles``,
``keys_for_regions`` and ``keys_for_sources``, called by the model signals
(``newsreader/signals.py``) and by the ingest.

An editor's save never waits on a Varnish: it only queues the task. A Varnish that cannot
be reached is tried again, alone, after 1, 2, 4... seconds (at most 10 apart) until
``NEWSREADER_CACHE_SECONDS`` have passed, when the pages it held have run out anyway; each
failure is logged. A Varnish that restarts starts empty.
"""

from __future__ import annotations

import datetime
import functools
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django_tasks import task

from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    IngestedFile,
    Region,
)

logger = logging.getLogger(__name__)

FRONT = "front"  # every general list: home, archives, search, indexes, feeds, sitemaps
KEY_HEADER = "xkey"
# Varnish refuses request headers over 8 KB (http_req_hdr_len): a purge of many keys is
# sent in several requests of at most this many.
KEYS_PER_PURGE = 400
# The longest a Varnish that could not be purged waits for the next try: once it is back,
# the pages it holds are stale at most this long.
RETRY_EVERY = datetime.timedelta(seconds=10)
# Responses a shared cache may keep: pages and their permanent redirects.
CACHEABLE_STATUSES = {200, 301}


def article_key(pk: int) -> str:
    return f"article-{pk}"


def region_key(pk: int) -> str:
    return f"region-{pk}"


def source_key(pk: int) -> str:
    return f"source-{pk}"


def thread_key(pk: int) -> str:
    return f"thread-{pk}"


def person_key(pk: int) -> str:
    return f"person-{pk}"


def organisation_key(pk: int) -> str:
    return f"organisation-{pk}"


def story_keys(articles: Iterable[Article], *, regions: bool = True) -> set[str]:
    """The keys of a list of stories: each story and its publisher, and with ``regions``
    its primary region, whose names a story card prints (read from ``with_listing()``)."""
    keys = set()
    for article in articles:
        keys.add(article_key(article.pk))
        if article.publisher_id:
            keys.add(source_key(article.publisher_id))
        region = article.primary_region if regions else None
        if region is not None:
            keys.add(region_key(region.pk))
    return keys


def whole_story_keys(article: Article) -> set[str]:
    """The keys of one story as its page and its API answer show it: the story, its
    publishers, regions, sources, thread, people and organisations (read from the
    prefetched links of ``for_reading()`` or the API's query)."""
    return {
        *story_keys([article], regions=False),
        *(
            source_key(copy.file.publisher_id)
            for copy in article.provenance.all()
            if copy.file.publisher_id
        ),
        *(region_key(link.region_id) for link in article.article_regions.all()),
        *(source_key(link.source_id) for link in article.article_sources.all()),
        *([thread_key(article.thread_id)] if article.thread_id else []),
        *(person_key(link.person_id) for link in article.article_people.all()),
        *(organisation_key(link.organisation_id) for link in article.article_organisations.all()),
    }


# -- what a change touches -------------------------------------------------------------


def keys_for_articles(article_ids: Iterable[int]) -> set[str]:
    """Every page that can show these articles: their own, their regions' and those
    regions' parents', their sources' and publishers', their threads', people's and
    organisations', and the general lists."""
    ids = sorted(set(article_ids))
    keys = {FRONT, *map(article_key, ids)}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        region_ids = ArticleRegion.objects.filter(article_id__in=chunk).values_list(
            "region_id", flat=True
        )
        keys |= keys_for_regions(region_ids, with_children=False)
        keys |= keys_for_sources(
            ArticleSource.objects.filter(article_id__in=chunk).values_list("source_id", flat=True)
        )
        keys |= keys_for_sources(
            Article.objects.filter(pk__in=chunk, publisher__isnull=False).values_list(
                "publisher_id", flat=True
            )
        )
        keys |= keys_for_sources(  # the other outlets that published them
            IngestedFile.objects.filter(
                provenance__article_id__in=chunk, publisher__isnull=False
            ).values_list("publisher_id", flat=True)
        )
        keys |= set(
            map(
                thread_key,
                Article.objects.filter(pk__in=chunk, thread__isnull=False).values_list(
                    "thread_id", flat=True
                ),
            )
        )
        keys |= set(
            map(
                person_key,
                ArticlePerson.objects.filter(article_id__in=chunk).values_list(
                    "person_id", flat=True
                ),
            )
        )
        keys |= set(
            map(
                organisation_key,
                ArticleOrganisation.objects.filter(article_id__in=chunk).values_list(
                    "organisation_id", flat=True
                ),
            )
        )
    return keys


def keys_for_regions(region_ids: Iterable[int], *, with_children: bool = True) -> set[str]:
    """A region's pages and its ancestors' (a country's page lists its places, a
    subregion's its countries' stories); with its children's too when the region itself
    changed (they print its name), and the general lists."""
    ids = set(region_ids)
    keys = {FRONT}
    if not ids:
        return keys
    rows = Region.objects.filter(pk__in=ids).values_list(
        "pk", "parent_id", "parent__parent_id", "parent__parent__parent_id"
    )
    keys |= {region_key(pk) for row in rows for pk in row if pk is not None}
    if with_children:
        children = Region.objects.filter(parent_id__in=ids).values_list("pk", flat=True)
        keys |= set(map(region_key, children))
    return keys


def keys_for_sources(source_ids: Iterable[int]) -> set[str]:
    return {FRONT, *map(source_key, set(source_ids))}


# -- pages -----------------------------------------------------------------------------


def add_keys(response: HttpResponse, keys: Iterable[str]) -> HttpResponse:
    """Name more things the page shows in its ``xkey`` header."""
    current = set(response.get(KEY_HEADER, "").split())
    response[KEY_HEADER] = " ".join(sorted(current | set(keys)))
    return response


View = Callable[..., HttpResponse]


def cache_publicly(view: View) -> View:
    """Let a shared cache keep this view's pages; browsers revalidate them every time.

    Only a page or permanent redirect that sets no cookie is marked; anything else (a
    refusal, a rate-limit answer) is ``no-store``. A page that named nothing it shows is
    keyed ``front``, so any change refreshes it.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code in CACHEABLE_STATUSES and not response.cookies:
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.NEWSREADER_CACHE_SECONDS,
                stale_while_revalidate=settings.NEWSREADER_STALE_SECONDS,
                stale_if_error=settings.NEWSREADER_STALE_IF_ERROR_SECONDS,
            )
            if KEY_HEADER not in response:
                response[KEY_HEADER] = FRONT
        else:
            add_never_cache_headers(response)
            del response[KEY_HEADER]
        return response

    return wrapper


# -- purging ---------------------------------------------------------------------------

_pending = threading.local()


def purge(keys: Iterable[str]) -> None:
    """Purge the pages carrying any of ``keys`` once the current transaction commits (at
    once outside one).

    The keys of a transaction's changes are gathered and sent together by the first of
    its callbacks to run; the others find nothing left to send. Keys gathered in a
    transaction that rolled back go out with the next one: an extra purge, never a
    missed one.
    """
    keys = set(keys)
    if not keys:
        return
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    pending |= keys
    transaction.on_commit(_send_pending, robust=True)


def _send_pending() -> None:
    keys = getattr(_pending, "keys", None)
    _pending.keys = None
    if keys and settings.NEWSREADER_VARNISH_URLS:
        purges().enqueue(sorted(keys), list(settings.NEWSREADER_VARNISH_URLS))


def purges():
    """``send_purges`` on the task backend purges go through (NEWSREADER_PURGE_TASKS)."""
    return send_purges.using(backend=settings.NEWSREADER_PURGE_TASKS)


@task(queue_name="purges")
def send_purges(keys: list[str], varnishes: list[str], since: str | None = None) -> str:
    """Ask each of ``varnishes`` to drop the pages carrying any of ``keys``; those that
    could not be reached are tried again later, by a task of their own."""
    since = since or timezone.now().isoformat()
    failed = [base for base in varnishes if not send_purge(keys, base)]
    if failed:
        retry(keys, failed, datetime.datetime.fromisoformat(since))
    return f"{len(keys)} keys purged from {len(varnishes) - len(failed)} of {len(varnishes)}"


def retry(keys: list[str], varnishes: list[str], since: datetime.datetime) -> None:
    """Try these Varnishes again after as long as has passed since the first try (1 s at
    first, at most RETRY_EVERY), until the pages they held would have run out anyway."""
    waited = timezone.now() - since
    if waited.total_seconds() >= settings.NEWSREADER_CACHE_SECONDS:
        logger.warning("Gave up purging %s: its pages have run out since.", ", ".join(varnishes))
        return
    task = purges()
    if not task.get_backend().supports_defer:  # a backend that runs tasks at once
        return
    delay = min(max(waited, datetime.timedelta(seconds=1)), RETRY_EVERY)
    task.using(run_after=timezone.now() + delay).enqueue(keys, varnishes, since.isoformat())


def send_purge(keys: Iterable[str], base: str) -> bool:
    """Ask one Varnish to drop the pages carrying any of ``keys``; whether it did (a
    failure is logged)."""
    keys = sorted(set(keys))
    for start in range(0, len(keys), KEYS_PER_PURGE):
        batch = keys[start : start + KEYS_PER_PURGE]
        request = urllib.request.Request(
            base,
            method="PURGE",
            headers={
                "xkey-purge": " ".join(batch),
                "X-Purge-Secret": settings.NEWSREADER_PURGE_SECRET,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.NEWSREADER_PURGE_TIMEOUT):
                pass
        except (OSError, urllib.error.URLError) as error:
            logger.warning(
                "Could not purge %d cached page keys from %s (%s); it will be tried again.",
                len(batch),
                base,
                error,
            )
            return False
    return True
