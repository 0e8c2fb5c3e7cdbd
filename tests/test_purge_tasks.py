"""Purges go through the task queue (newsreader/frontend_cache.py, ``send_purges``): an
editor's save only queues one, the background worker sends it, and a Varnish that cannot
be reached is tried again, alone, until its pages would have run out. These tests use the
database queue and run the worker (``db_worker --batch``), as production does; the rest of
the suite runs purges as soon as they are queued (newsreader/test_settings.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsreader.frontend_cache import send_purges
from newsreader.models import Article
from tests.factories import make_article
from tests.test_frontend_cache import purges  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def queued(settings):
    """Purges queued in the database, as in production."""
    settings.NEWSREADER_PURGE_TASKS = "default"


def run_worker() -> None:
    call_command("db_worker", "--queue-name", "purges", "--batch", "--no-startup-delay")


def purge_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(queue_name="purges").order_by("enqueued_at"))


def test_a_save_only_queues_its_purge_and_the_worker_sends_it(reference_data, queued, purges):  # noqa: F811
    story = make_article("Port reopens")
    run_worker()
    purges.clear()
    story.title = "Port reopens after a week"
    story.save()
    assert purges == []  # the save sent nothing itself
    waiting = [t for t in purge_tasks() if t.status == "READY"]
    assert waiting
    run_worker()
    assert any(f"article-{story.pk}" in keys for keys in purges)
    assert {t.status for t in purge_tasks()} == {"SUCCESSFUL"}


def test_a_varnish_that_cannot_be_reached_is_tried_again_alone(
    reference_data,
    queued,
    purges,  # noqa: F811
    settings,
):
    reachable = settings.NEWSREADER_VARNISH_URLS[0]
    settings.NEWSREADER_VARNISH_URLS = [reachable, UNREACHABLE]
    story = make_article("Talks resume")
    run_worker()
    purges.clear()
    before = timezone.now()
    Article.objects.get(pk=story.pk).save()
    run_worker()
    sent = [t for t in purge_tasks() if t.status == "SUCCESSFUL" and t.enqueued_at >= before]
    assert len(purges) == len(sent)  # the reachable one, once each
    retries = [t for t in purge_tasks() if t.status == "READY" and t.enqueued_at >= before]
    assert len(retries) == len(sent)
    for retry in retries:
        assert retry.args_kwargs["args"][1] == [UNREACHABLE]  # the Varnishes to try again
        assert retry.run_after >= before + datetime.timedelta(seconds=1)
    assert any(f"article-{story.pk}" in t.args_kwargs["args"][0] for t in retries)


def test_a_varnish_unreachable_for_longer_than_pages_are_kept_is_given_up(queued, settings, caplog):
    settings.NEWSREADER_VARNISH_URLS = [UNREACHABLE]
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.NEWSREADER_CACHE_SECONDS)
    send_purges.using(backend="default").enqueue(["front"], [UNREACHABLE], long_ago.isoformat())
    run_worker()
    assert [t.status for t in purge_tasks()] == ["SUCCESSFUL"]  # no retry queued
    assert "Gave up purging http://127.0.0.1:9" in caplog.text
