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


@pytest.mark.django_db
def test_with_redis_unreachable_pages_and_search_still_answer(client, settings, caplog):
    """The search limit fails open and says so; nothing a reader asks for needs Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.NEWSREADER_SEARCH_RATE = "3/60"
    for url in ("/", "/search/?q=gaza", "/api/articles/?q=gaza", "/regions/", "/healthz"):
        assert client.get(url).status_code == 200, url
    assert "The search limit is off" in caplog.text
