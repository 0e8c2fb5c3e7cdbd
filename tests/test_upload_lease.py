"""A worker holds an upload on a lease. One killed part-way stops renewing it: when the lease
runs out, the upload goes back in the queue with a new task, and the next try ingests the
file once. A worker within its lease keeps its upload."""

import datetime
import json
import re
import signal
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from newsreader.ingest.load import Ingester
from newsreader.models import Article, Upload
from tests.conftest import MULTI_STORY, ROOT, eventually, ingest, manage_py
from tests.test_editorial import ARTICLES, make_user, run_worker, upload

# The worker runs in this process and commits, as in test_editorial's upload tests.
pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("eda", staff=True, editor=True))
    return client


def held_by_a_worker(client, renewed_ago: datetime.timedelta) -> Upload:
    """An upload as a worker leaves it while storing its stories, its lease last renewed
    ``renewed_ago``; the check at the end of the lease falls due now, as queued at the claim."""
    from newsreader.tasks import ingest_upload, reclaim_upload

    upload(client, MULTI_STORY.read_bytes())
    row = Upload.objects.get()
    ingest_upload.get_result(row.task_id).db_result.claim("worker-1")
    renewed = timezone.now() - renewed_ago
    Upload.objects.filter(pk=row.pk).update(
        status=Upload.Status.WRITING, attempts=1, started_at=renewed, lease_renewed_at=renewed
    )
    reclaim_upload.enqueue(row.pk, 1)
    return row


def status_page(row: Upload) -> str:
    return reverse("admin:newsreader_article_upload_status", args=[row.pk])


def task_status(task_id: str) -> str:
    from newsreader.tasks import ingest_upload

    return ingest_upload.get_result(task_id).status


def reclaim_uploads() -> str:
    out = StringIO()
    call_command("reclaim_uploads", stdout=out)
    return out.getvalue()


def test_an_upload_whose_worker_stopped_is_ingested_by_the_next_worker(
    reference_data, editor_client
):
    killed = held_by_a_worker(editor_client, renewed_ago=datetime.timedelta(hours=1))
    run_worker()
    done = Upload.objects.get()
    assert (done.status, done.created, done.attempts) == (Upload.Status.DONE, 4, 2)
    assert Article.objects.count() == 4
    # The stopped try's task no longer shows as running; the new one did the work.
    assert task_status(killed.task_id) == TaskResultStatus.FAILED
    assert task_status(done.task_id) == TaskResultStatus.SUCCESSFUL
    page = editor_client.get(status_page(killed)).content.decode()
    assert re.search(r"Articles created</th><td>4<", page)
    assert "Tries</th><td>2 (a worker stopped part-way" in page


def test_a_claim_within_its_lease_is_left_to_its_worker(reference_data, editor_client):
    live = held_by_a_worker(editor_client, renewed_ago=datetime.timedelta(minutes=1))
    run_worker()  # runs the check at the lease's end
    assert "0 uploads put back in the queue" in reclaim_uploads()
    row = Upload.objects.get()
    assert (row.status, row.attempts, row.task_id) == (Upload.Status.WRITING, 1, live.task_id)
    assert bytes(row.content) == MULTI_STORY.read_bytes()
    assert task_status(live.task_id) == TaskResultStatus.RUNNING
    assert Article.objects.count() == 0
    assert "Storing the stories" in editor_client.get(status_page(live)).content.decode()


def test_reclaim_uploads_queues_again_an_upload_whose_lease_ran_out(reference_data, editor_client):
    killed = held_by_a_worker(editor_client, renewed_ago=datetime.timedelta(hours=1))
    assert "1 upload put back in the queue" in reclaim_uploads()
    row = Upload.objects.get()
    assert row.status == Upload.Status.QUEUED
    # The file is still there for the next try, under a new task.
    assert bytes(row.content) == MULTI_STORY.read_bytes()
    assert task_status(killed.task_id) == TaskResultStatus.FAILED
    assert task_status(row.task_id) == TaskResultStatus.READY
    page = editor_client.get(status_page(killed))
    assert page["Refresh"] == "2"
    assert "Waiting to start" in page.content.decode()
    assert "The worker that had it stopped" in page.content.decode()
    assert "Waiting to start" in editor_client.get(f"{ARTICLES}upload/").content.decode()


def test_a_retry_after_the_stories_were_stored_changes_nothing(reference_data, editor_client):
    held_by_a_worker(editor_client, renewed_ago=datetime.timedelta(hours=1))
    ingest(MULTI_STORY)  # the killed worker had stored the stories before it stopped
    before = list(Article.objects.order_by("pk").values())
    run_worker()
    row = Upload.objects.get()
    assert (row.status, row.created, row.unchanged) == (Upload.Status.DONE, 0, 4)
    assert list(Article.objects.order_by("pk").values()) == before


def test_a_worker_dying_mid_ingest_is_retried_without_anyone_acting(
    reference_data, editor_client, settings, monkeypatch
):
    """A lease of 0 s: the check queued by the claim falls due at once."""
    settings.NEWSREADER_UPLOAD_LEASE_SECONDS = 0
    ingest_prepared, calls = Ingester.ingest_prepared, []

    def dies_the_first_time(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise SystemExit(1)  # escapes the task's error handling, as a kill would
        return ingest_prepared(self, *args, **kwargs)

    monkeypatch.setattr(Ingester, "ingest_prepared", dies_the_first_time)
    upload(editor_client, MULTI_STORY.read_bytes())
    run_worker()
    row = Upload.objects.get()
    assert len(calls) == 2
    assert (row.status, row.created, row.attempts) == (Upload.Status.DONE, 4, 2)
    assert Article.objects.count() == 4


# -- a real worker, killed --------------------------------------------------------------

QUEUE_UPLOAD = f"""
from newsreader.models import Upload
from newsreader.tasks import enqueue_upload
content = open({str(MULTI_STORY)!r}, "rb").read()
enqueue_upload(Upload.objects.create(name="page.txt", size=len(content), content=content))
"""
UPLOAD_ROW = """
import json
from django_tasks_db.models import DBTaskResult
from newsreader.models import Upload
row = Upload.objects.values("status", "created", "attempts").get()
tasks = DBTaskResult.objects.filter(task_path__endswith=".ingest_upload").order_by("enqueued_at")
print(json.dumps({**row, "tasks": list(tasks.values_list("status", flat=True))}))
"""


def upload_row(env: dict) -> dict:
    return json.loads(manage_py(env, "shell", "-v0", "-c", UPLOAD_ROW))


def db_worker(env: dict, *, harness: bool = False) -> subprocess.Popen:
    program = ["tests/harness.py"] if harness else ["manage.py"]
    return subprocess.Popen(
        [sys.executable, *program, "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.thorough
def test_a_worker_killed_while_storing_is_followed_by_another_that_ingests_once(
    scratch_database, tmp_path
):
    env = {**scratch_database, "NEWSREADER_UPLOAD_LEASE_SECONDS": "2"}
    manage_py(env, "shell", "-v0", "-c", QUEUE_UPLOAD)
    marker = tmp_path / "stalled-on"
    stall = {"HARNESS_STALL_AT_FILE": "1", "HARNESS_MARKER": str(marker)}
    victim = db_worker({**env, **stall}, harness=True)
    try:
        assert eventually(marker.exists, seconds=60), "the worker never began storing"
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
    killed = {"status": "writing", "created": 0, "attempts": 1, "tasks": ["RUNNING"]}
    assert upload_row(env) == killed

    successor = db_worker(env)
    try:
        assert eventually(lambda: upload_row(env)["status"] == "done", seconds=60)
    finally:
        successor.terminate()
        successor.wait(timeout=30)
    expected = {"status": "done", "created": 4, "attempts": 2, "tasks": ["FAILED", "SUCCESSFUL"]}
    assert upload_row(env) == expected
