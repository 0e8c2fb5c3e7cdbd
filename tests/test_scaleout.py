"""The step to many servers: pooled connections that heal, and reads from a replica."""

import os

import psycopg
import pytest
from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.test.utils import CaptureQueriesContext

from newsreader.routing import read_database
from tests.factories import make_article

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
IN_CI = os.environ.get("CI", "").lower() == "true"


def test_reads_go_to_the_replica_unless_pinned_or_in_a_transaction():
    assert read_database(pinned=False, in_transaction=False, has_replica=True) == "replica"
    assert read_database(pinned=True, in_transaction=False, has_replica=True) == "default"
    assert read_database(pinned=False, in_transaction=True, has_replica=True) == "default"
    assert read_database(pinned=False, in_transaction=False, has_replica=False) == "default"


@pytest.mark.skipif(not ON_POSTGRES, reason="connection pooling is PostgreSQL's")
def test_connections_come_from_a_checked_pool():
    database = settings.DATABASES["default"]
    assert database["OPTIONS"]["pool"]["max_size"] >= database["OPTIONS"]["pool"]["min_size"]
    assert database["CONN_HEALTH_CHECKS"]  # Django then has the pool check each connection
    assert connection.pool is not None


@pytest.mark.skipif(not ON_POSTGRES, reason="connection pooling is PostgreSQL's")
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_site_heals_after_the_database_drops_every_connection(reference_data, client):
    make_article("Survivor story")
    assert client.get("/").status_code == 200
    close_old_connections()
    name = connection.settings_dict["NAME"]
    with psycopg.connect(
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
        user=connection.settings_dict["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()[0]
    assert killed >= 1
    response = client.get("/")
    assert response.status_code == 200
    assert "Survivor story" in response.content.decode()


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_anonymous_pages_read_from_the_replica(reference_data, client):
    if "replica" not in settings.DATABASES:
        if IN_CI and ON_POSTGRES:
            pytest.fail("DATABASE_REPLICA_URL must be set for the PostgreSQL pass under CI=true.")
        pytest.skip("no replica configured (DATABASE_REPLICA_URL)")
    make_article("Replicated story")
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        response = client.get("/regions/lebanon/")
    assert "Replicated story" in response.content.decode()
    assert len(replica) > 0
    assert len(primary) == 0
    with CaptureQueriesContext(connections["replica"]) as replica:
        client.get("/admin/login/")
    assert len(replica) == 0
