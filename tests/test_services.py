"""The configured database and cache are the ones in use, and they answer."""

import os
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection

from tests.conftest import eventually


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


def near_backend(require_service, db=5, **options):
    """A Redis cache with a near cache of ``tag:`` keys, as one process would have it."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from newsreader.redis_cache import RedisCache

    options = {"NEAR_CACHE_PREFIX": "tag:", **options}
    backend = RedisCache(
        f"redis://127.0.0.1:6379/{db}", {"KEY_PREFIX": "near-test", "OPTIONS": options}
    )
    try:
        backend.clear()
    except RedisConnectionError:
        require_service("Redis")
    return backend


def holding(backend, key, value):
    """``backend`` once it holds ``key`` (set to ``value``) in its near cache."""
    backend.set(key, value)
    backend.get_many([key])  # starts the listener
    assert eventually(lambda: backend._cache.near.live)
    assert backend.get_many([key]) == {key: value}
    assert backend._cache.near.get([backend.make_key(key)])[0]
    return backend


def write_behind(backend, key, value):
    """Write a key straight to Redis, unannounced, as no part of newsreader does."""
    raw = backend._cache.get_client(write=True)
    raw.set(backend.make_key(key), backend._cache._serializer.dumps(value))
    return raw


def test_near_cache_answers_repeat_reads_without_redis_and_sees_its_own_writes(
    require_service, monkeypatch
):
    backend = near_backend(require_service)
    backend.set_many({"tag:a": "1", "page": "p"})
    backend.get_many(["tag:a"])  # starts the listener
    assert eventually(lambda: backend._cache.near.live)
    assert backend.get_many(["tag:a", "page"]) == {"tag:a": "1", "page": "p"}
    client = backend._cache.get_client()
    real_mget = client.mget
    monkeypatch.setattr(client, "mget", lambda *a, **k: pytest.fail("asked Redis"))
    assert backend.get_many(["tag:a"]) == {"tag:a": "1"}
    assert backend.get("tag:a") == "1"
    monkeypatch.setattr(client, "mget", real_mget)
    backend.set_many({"tag:a": "2"})
    assert backend.get_many(["tag:a"]) == {"tag:a": "2"}
    backend.delete("tag:a")
    assert backend.get_many(["tag:a"]) == {}
    backend.clear()


def test_near_cache_drops_a_key_another_process_writes(require_service):
    # Two backends stand for two app servers; only the announcement can refresh the first,
    # since it would otherwise hold the key for a minute.
    reader = holding(near_backend(require_service, NEAR_CACHE_SECONDS=60), "tag:b", "old")
    writer = near_backend(require_service, NEAR_CACHE_SECONDS=60)
    writer.set("tag:b", "new")
    assert eventually(lambda: reader.get_many(["tag:b"]) == {"tag:b": "new"})
    writer.clear()
    assert eventually(lambda: reader.get_many(["tag:b"]) == {})


def test_near_cache_holds_nothing_longer_than_its_limit(require_service):
    # A second, so that a slow machine still reads the held value before it expires.
    backend = holding(near_backend(require_service, NEAR_CACHE_SECONDS=1), "tag:c", "old")
    write_behind(backend, "tag:c", "new")  # unannounced: seen once the limit passes
    assert backend.get_many(["tag:c"]) == {"tag:c": "old"}
    time.sleep(1.05)
    assert backend.get_many(["tag:c"]) == {"tag:c": "new"}
    backend.clear()


def test_near_cache_holds_nothing_while_its_listener_is_cut_off(require_service):
    backend = holding(near_backend(require_service, NEAR_CACHE_SECONDS=60), "tag:d", "old")
    backend._cache.get_client(write=True).execute_command("CLIENT", "KILL", "TYPE", "pubsub")
    assert eventually(lambda: not backend._cache.near.live or not backend._cache.near._values)
    write_behind(backend, "tag:d", "new")  # as if its announcement were lost
    assert backend.get_many(["tag:d"]) == {"tag:d": "new"}
    assert eventually(lambda: backend._cache.near.live)  # it subscribes again
    backend.clear()


def test_near_cache_holds_a_bounded_number_of_keys(require_service, monkeypatch):
    from newsreader import redis_cache

    monkeypatch.setattr(redis_cache, "MAX_HELD", 3)
    backend = near_backend(require_service)
    backend.set_many({f"tag:{n}": str(n) for n in range(5)})
    backend.get_many(["tag:0"])
    assert eventually(lambda: backend._cache.near.live)
    for n in range(5):
        assert backend.get_many([f"tag:{n}"]) == {f"tag:{n}": str(n)}
        assert len(backend._cache.near._values) <= 3
    backend.clear()
