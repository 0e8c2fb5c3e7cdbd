"""Whole-page caching for anonymous readers, invalidated by tags.

A cached page is stored under a key made of its URL and the current token of every tag it
depends on (``article:12``, ``region:5``, ``front``...). A change gives the tags it touches
new tokens, after the transaction commits, so exactly the pages that could show the change
are missed next time; every other page stays cached. A token that the cache evicted gets
a new value, which can only cause a miss, never a stale page.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

# Pages that list stories in general: home, archive, search, feeds, sitemaps, API lists.
FRONT = "front"
TAG_PREFIX = "tag:"
PAGE_PREFIX = "page:"
CACHED_HEADERS = ("Content-Type", "Vary", "Content-Language", "Location")

_pending = threading.local()


def article_tags(
    article_id: int | None, region_ids: Iterable[int] = (), source_slugs: Iterable[str] = ()
) -> set[str]:
    """The tags of every page that can show an article: its own, its regions' (and their
    parents'), its sources', and the general lists."""
    from newsreader.models import Region

    tags = {FRONT}
    if article_id:
        tags.add(f"article:{article_id}")
    tree = Region.tree()
    for region_id in region_ids:
        while region_id in tree:
            slug, region_id = tree[region_id]
            tags.add(f"region:{slug}")
    tags.update(f"source:{slug}" for slug in source_slugs)
    return tags


def invalidate(tags: Iterable[str]) -> None:
    """Give the tags new tokens once the current transaction commits (at once outside one).

    Tags gathered during a transaction are written together, once, when it commits; a
    rolled-back transaction drops its callback, and the next change registers a new one.
    """
    tags = set(tags)
    if not tags:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _write(tags)
        return
    pending = getattr(_pending, "tags", None)
    if pending is None or not any(entry[1] is _flush for entry in connection.run_on_commit):
        # Left-over tags of a rolled-back transaction are kept: one extra miss is harmless.
        pending = _pending.tags = pending or set()
        transaction.on_commit(_flush)
    pending.update(tags)


def _flush() -> None:
    tags = getattr(_pending, "tags", None) or set()
    _pending.tags = None
    _write(tags)


def _write(tags: set[str]) -> None:
    if tags:
        cache.set_many({TAG_PREFIX + tag: uuid.uuid4().hex for tag in tags}, timeout=None)


def _tokens(tags: list[str]) -> list[str]:
    keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return [found[key] for key in keys]


def cached_page(
    tags_for: Callable[..., Iterable[str]], timeout: int | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache a view's 200 responses for anonymous GETs, under its tags' current tokens."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if (
                request.method not in ("GET", "HEAD")
                or settings.SESSION_COOKIE_NAME in request.COOKIES
                or not settings.NEWSREADER_PAGE_CACHE_SECONDS
            ):
                return view(request, *args, **kwargs)
            tags = sorted(set(tags_for(request, *args, **kwargs)))
            htmx = f"{request.headers.get('HX-Request', '')}|{request.headers.get('HX-Target', '')}"
            fingerprint = "|".join([request.get_full_path(), htmx, *_tokens(tags)])
            key = PAGE_PREFIX + hashlib.sha256(fingerprint.encode()).hexdigest()
            stored = cache.get(key)
            if stored is not None:
                status, headers, content = stored
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = [(h, response[h]) for h in CACHED_HEADERS if h in response]
                cache.set(
                    key,
                    (response.status_code, headers, response.content),
                    timeout or settings.NEWSREADER_PAGE_CACHE_SECONDS,
                )
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator
