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
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import set_response_etag

# Pages that list stories in general: home, archive, search, feeds, sitemaps, API lists.
FRONT = "front"
TAG_PREFIX = "tag:"
PAGE_PREFIX = "page:"
# The ETag is stored with the page, so a hit does not hash the page again to make it.
CACHED_HEADERS = ("Content-Type", "Vary", "Content-Language", "Location", "ETag")

_pending = threading.local()

# Entries this process served lately. A hit on one fetches only its tags' tokens (a few
# bytes) from the shared cache, not the page; the tokens still decide whether it is valid,
# so a change made through any server is seen at once.
LOCAL_ENTRIES = 256
_local: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str) -> tuple | None:
    with _local_lock:
        item = _local.get(key)
        if item is None:
            return None
        if item[0] < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return item[1]


def _local_put(key: str, entry: tuple, timeout: float) -> None:
    with _local_lock:
        _local[key] = (time.monotonic() + timeout, entry)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def _local_drop(key: str) -> None:
    with _local_lock:
        _local.pop(key, None)


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
    round trip: for the tags' tokens alone when this process holds the entry, for the
    entry and the URL's tags otherwise (and a second for ``more_tags``). Any token that
    changed since makes it a miss.
    """

    def respond(entry: tuple) -> HttpResponse:
        _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return response

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
            page_timeout = timeout or settings.NEWSREADER_PAGE_CACHE_SECONDS
            local = _local_get(key)
            if local is not None:
                current = cache.get_many(list(local[0]))
                if all(current.get(k) == token for k, token in local[0].items()):
                    return respond(local)
                _local_drop(key)
            found = cache.get_many([key, *tag_keys])
            entry = found.pop(key, None)
            if entry is not None:
                tokens = entry[0]
                later = [k for k in tokens if k not in found]
                if later:
                    found.update(cache.get_many(later))
                if all(found.get(k) == token for k, token in tokens.items()):
                    _local_put(key, entry, page_timeout)
                    return respond(entry)
            if more_tags is not None:
                extra = [TAG_PREFIX + tag for tag in set(more_tags(request, *args, **kwargs))]
                extra = [k for k in extra if k not in tag_keys]
                found.update(cache.get_many(extra))
                tag_keys += extra
            found.update(_missing_tokens(tag_keys, found))
            tokens = {k: found[k] for k in tag_keys}
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if not response.has_header("ETag"):
                    set_response_etag(response)
                headers = [(h, response[h]) for h in CACHED_HEADERS if h in response]
                entry = (tokens, response.status_code, headers, response.content)
                cache.set(key, entry, page_timeout)
                _local_put(key, entry, page_timeout)
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator
