"""Django's Redis cache backend, with one Redis client per connection pool and an
optional near cache of small, hot keys.

One client per pool: Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every
cache operation, and that constructor fills a table of some 170 response callbacks: a
tenth of the CPU of a page served from the cache. A ``redis.Redis`` is safe to share
between threads (each command borrows a connection from the pool), so one is kept for
each pool.

The near cache (``OPTIONS["NEAR_CACHE_PREFIX"]``): values of keys under that prefix are
also held in the process that read them, so reading them again needs no round trip. A
page cache hit checks its tags' tokens (``newsreader.caching``) on every request, and that
round trip was most of the cost of a hit. Every write of such a key, by any process, is
announced on a Redis pub/sub channel; a listener thread in each process drops what it
held of the keys announced. The writer drops its own copy before it returns, so a process
reads its own writes at once; other processes see a write as soon as its announcement
arrives, typically well under a millisecond. While the listener is not subscribed (at
start, after a lost connection) nothing is held and every read goes to Redis, as without
the near cache; and whatever happens, nothing is held longer than
``NEAR_CACHE_SECONDS`` (default 5) without being read from Redis again. (Redis 7.4's
server-assisted client caching would do this inside redis-py, which refuses older
servers; Debian's is 7.0.)
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache.backends import redis as django_redis

logger = logging.getLogger(__name__)

CHANNEL = "newsreader:near-cache"
EVERYTHING = "*"  # the announcement of a flush
# Keys held at most: a page cache hit needs its few tags' tokens, and a process holds at
# most caching.LOCAL_ENTRIES pages.
MAX_HELD = 10_000


class NearCache:
    """Values this process read of some keys, dropped when any process writes them."""

    def __init__(self, client_factory: Any, seconds: float) -> None:
        self._client = client_factory
        self.seconds = seconds
        self._values: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        # Bumped whenever anything is dropped: a value read from Redis is only kept if no
        # drop happened while it was being read, so a late reply cannot undo a drop.
        self._epoch = 0
        self._live = False
        self._pid: int | None = None

    @property
    def live(self) -> bool:
        self._start()
        return self._live

    def get(self, keys: Iterable[str]) -> tuple[dict[str, Any], list[str], int]:
        """(values held, keys to read from Redis, epoch to pass to ``keep``)."""
        self._start()
        now = time.monotonic()
        with self._lock:
            epoch, held, missing = self._epoch, {}, []
            for key in keys:
                item = self._values.get(key) if self._live else None
                if item is not None and item[0] > now:
                    held[key] = item[1]
                else:
                    missing.append(key)
        return held, missing, epoch

    def keep(self, values: dict[str, Any], epoch: int) -> None:
        now = time.monotonic()
        with self._lock:
            if not (self._live and epoch == self._epoch):
                return
            if len(self._values) + len(values) > MAX_HELD:
                self._values = {k: v for k, v in self._values.items() if v[0] > now}
                if len(self._values) + len(values) > MAX_HELD:
                    self._values.clear()
            for key, value in values.items():
                self._values[key] = (now + self.seconds, value)

    def drop(self, keys: Iterable[str] | None) -> None:
        """Forget these keys (all of them for None) here, then tell the other processes."""
        keys = None if keys is None else list(keys)
        self._forget(keys)
        self._client().publish(CHANNEL, EVERYTHING if keys is None else "\n".join(keys))

    def _forget(self, keys: list[str] | None) -> None:
        with self._lock:
            self._epoch += 1
            if keys is None:
                self._values.clear()
            else:
                for key in keys:
                    self._values.pop(key, None)

    def _start(self) -> None:
        """Start the listener in this process (again after a fork: gunicorn's workers)."""
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._live = False
            self._values.clear()
            self._epoch += 1
        threading.Thread(target=self._listen, name="near-cache", daemon=True).start()

    def _listen(self) -> None:
        pid = os.getpid()
        failing = False
        while self._pid == pid:
            pubsub = None
            try:
                pubsub = self._client().pubsub()
                pubsub.subscribe(CHANNEL)
                while self._pid == pid:
                    message = pubsub.get_message(timeout=1.0)
                    if message is None:
                        continue
                    if message["type"] == "subscribe":
                        # Anything announced before now may have been missed.
                        failing = False
                        with self._lock:
                            self._values.clear()
                            self._epoch += 1
                            self._live = True
                    elif message["type"] == "message":
                        data = message["data"]
                        data = data.decode() if isinstance(data, bytes) else data
                        self._forget(None if data == EVERYTHING else data.split("\n"))
            except Exception as error:  # a lost connection: hold nothing until back
                if not failing:
                    logger.warning("Near cache: lost Redis (%s); retrying every second.", error)
                failing = True
                time.sleep(1)
            finally:
                with self._lock:
                    self._live = False
                    self._values.clear()
                    self._epoch += 1
                if pubsub is not None:
                    with contextlib.suppress(Exception):  # the connection may be gone
                        pubsub.close()


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(
        self, *args: Any, near_prefix: str | None = None, near_seconds: float = 5, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[object, Any] = {}
        self.near_prefix = near_prefix
        self.near = (
            NearCache(lambda: self.get_client(write=True), near_seconds) if near_prefix else None
        )

    def get_client(self, key: str | None = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def _near_keys(self, keys: Iterable[str]) -> list[str]:
        return [key for key in keys if self.near and key.startswith(self.near_prefix)]

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(keys)
        near = self._near_keys(keys)
        if not near:
            return super().get_many(keys)
        held, missing, epoch = self.near.get(near)
        others = [key for key in keys if key not in held]
        found = super().get_many(others) if others else {}
        self.near.keep({key: found[key] for key in missing if key in found}, epoch)
        return {**found, **held}

    def get(self, key: str, default: Any) -> Any:
        if self._near_keys([key]):
            return self.get_many([key]).get(key, default)
        return super().get(key, default)

    def set(self, key: str, value: Any, timeout: Any) -> None:
        super().set(key, value, timeout)
        if self._near_keys([key]):
            self.near.drop([key])

    def set_many(self, data: dict[str, Any], timeout: Any) -> list:
        result = super().set_many(data, timeout)
        if near := self._near_keys(data):
            self.near.drop(near)
        return result

    def add(self, key: str, value: Any, timeout: Any) -> bool:
        added = super().add(key, value, timeout)
        if added and self._near_keys([key]):
            self.near.drop([key])
        return added

    def incr(self, key: str, delta: int) -> int:
        value = super().incr(key, delta)
        if self._near_keys([key]):
            self.near.drop([key])
        return value

    def delete(self, key: str) -> bool:
        deleted = super().delete(key)
        if self._near_keys([key]):
            self.near.drop([key])
        return deleted

    def delete_many(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        super().delete_many(keys)
        if near := self._near_keys(keys):
            self.near.drop(near)

    def clear(self) -> bool:
        cleared = super().clear()
        if self.near:
            self.near.drop(None)
        return cleared


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        near_prefix = options.pop("NEAR_CACHE_PREFIX", None)
        near_seconds = options.pop("NEAR_CACHE_SECONDS", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        if near_prefix:
            # Keys are matched as stored: with the key prefix and version in front.
            self._options = {
                **options,
                "near_prefix": self.make_key(near_prefix),
                "near_seconds": near_seconds,
            }
