"""The configured database and cache are the ones in use, and they answer."""

import os

import pytest
from django.core.cache import cache, caches
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_cache_round_trips(require_service):
    if os.environ.get("REDIS_URL"):
        from redis.exceptions import ConnectionError as RedisConnectionError

        try:
            cache.set("newsreader-test", "value", 5)
        except RedisConnectionError:
            require_service("Redis")
        assert type(caches["default"]).__name__ == "RedisCache"
    else:
        cache.set("newsreader-test", "value", 5)
    assert cache.get("newsreader-test") == "value"
    cache.delete("newsreader-test")


def test_redis_backend_answers_every_operation_through_one_shared_client(require_service):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from newsreader.redis_cache import RedisCache

    backend = RedisCache("redis://127.0.0.1:6379/4", {"KEY_PREFIX": "newsreader-test"})
    try:
        backend.clear()
    except RedisConnectionError:
        require_service("Redis")
    backend.set_many({"a": 1, "b": [2, "two"]}, timeout=5)
    assert backend.get_many(["a", "b", "missing"]) == {"a": 1, "b": [2, "two"]}
    assert backend.incr("a") == 2
    assert backend.add("a", 9) is False
    backend.delete("a")
    assert backend.get("a") is None
    client = backend._cache.get_client()
    assert backend._cache.get_client(write=True) is client
    backend.clear()
