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
