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


def _missing_tokens(keys: Iterable[str], found: dict[str, str]) -> dict[str, str]:
    """New tokens for tags the cache does not hold (never set, or evicted), stored."""
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
    return missing


def cached_page(
    tags_for: Callable[..., Iterable[str]],
    more_tags: Callable[..., Iterable[str]] | None = None,
    timeout: int | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Cache a view's 200 responses for anonymous GETs, valid while its tags' tokens hold.

    ``tags_for(request, *args)`` gives the tags known from the URL alone; ``more_tags``,
    if given, those that need the database (an article's region). An entry stores the
    tokens of all its tags as they were before the page was rendered. A hit is one cache
    round trip for the entry and the URL's tags, and a second only for ``more_tags``;
    any token that changed since makes it a miss.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if (
                request.method not in ("GET", "HEAD")
                or settings.SESSION_COOKIE_NAME in request.COOKIES
                or not settings.NEWSREADER_PAGE_CACHE_SECONDS
            ):
                return view(request, *args, **kwargs)
            htmx = f"{request.headers.get('HX-Request', '')}|{request.headers.get('HX-Target', '')}"
            fingerprint = f"{request.get_full_path()}|{htmx}"
            key = PAGE_PREFIX + hashlib.sha256(fingerprint.encode()).hexdigest()
            tag_keys = [TAG_PREFIX + tag for tag in sorted(set(tags_for(request, *args, **kwargs)))]
            found = cache.get_many([key, *tag_keys])
            entry = found.pop(key, None)
            if entry is not None:
                tokens, status, headers, content = entry
                later = [k for k in tokens if k not in found]
                if later:
                    found.update(cache.get_many(later))
                if all(found.get(k) == token for k, token in tokens.items()):
                    response = HttpResponse(content, status=status)
                    for name, value in headers:
                        response[name] = value
                    response["X-Cache"] = "hit"
                    return response
            if more_tags is not None:
                extra = [TAG_PREFIX + tag for tag in set(more_tags(request, *args, **kwargs))]
                extra = [k for k in extra if k not in tag_keys]
                found.update(cache.get_many(extra))
                tag_keys += extra
            found.update(_missing_tokens(tag_keys, found))
            tokens = {k: found[k] for k in tag_keys}
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = [(h, response[h]) for h in CACHED_HEADERS if h in response]
                cache.set(
                    key,
                    (tokens, response.status_code, headers, response.content),
                    timeout or settings.NEWSREADER_PAGE_CACHE_SECONDS,
                )
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator
