"""An editor saves a story while an ingest is re-threading it (PostgreSQL, where the two
run at once; SQLite runs one writer at a time).

An ingest's refresh takes the refresh lock, then updates its stories' rows. An editor's
save holds the story's row until it commits; when the save also re-threaded the story, it
then waited for the refresh lock, and the two deadlocked. The save now queues its refresh
(``tasks.refresh_stories``), which takes the lock before any row, as the ingest does.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from newsreader import threads
from newsreader.models import Article
from tests.conftest import SEEDS, ingest, run_worker
from tests.test_editorial import edit_article

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


def test_an_editor_saving_a_story_an_ingest_is_rethreading_waits_for_nothing(admin_client):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing to deadlock")
    ingest(SEEDS)
    story = Article.objects.published().order_by("pk").first()
    holding, saved, failures = threading.Event(), threading.Event(), []

    def ingest_refresh() -> None:
        """What an ingest's refresh does: the lock, then the stories' rows."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [threads.REFRESH_LOCK])
                holding.set()
                saved.wait(timeout=10)
                Article.objects.filter(pk=story.pk).update(updated_at=story.updated_at)
        except Exception as error:  # a deadlock, reported by the assertion below
            failures.append(error)
        finally:
            connections.close_all()

    refresh = threading.Thread(target=ingest_refresh)
    refresh.start()
    assert holding.wait(timeout=10)
    started = time.monotonic()
    edit_article(admin_client, story, title="Edited while an ingest re-threads it")
    took = time.monotonic() - started
    saved.set()
    refresh.join(timeout=30)

    assert not failures
    assert took < 1, f"the save waited {took:.1f} s for the ingest"
    run_worker()  # the save's own refresh, once the ingest's is done
    story.refresh_from_db()
    assert story.title == "Edited while an ingest re-threads it"
    assert story.is_edited("title")
