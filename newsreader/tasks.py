"""Background work, run by ``manage.py db_worker`` (Django's tasks framework, with the
database backend of django-tasks-db): an upload is ingested here, not in a web worker.

A worker that takes up an upload holds a lease on it, renewed at each step. django-tasks-db
has no lease of its own: a worker killed mid-task leaves its task "running" for ever. So
each try queues a check for the end of its lease (``reclaim_upload``); a lease run out puts
the upload back in the queue with a new task, which any worker takes up. A retry ingests
the file once: the ingest is idempotent, and the file stays on the row until it is done.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from newsreader import threads
from newsreader.ingest.load import Ingester
from newsreader.models import Article, Upload
from newsreader.routing import on_primary
from newsreader.text.attribution import Attribution
from newsreader.text.parse import IngestError

logger = logging.getLogger(__name__)

# The steps during which a worker holds the upload.
LEASED = (Upload.Status.READING, Upload.Status.WRITING)


class WorkerStopped(Exception):
    """The worker running an ingest task stopped without finishing it (killed, or lost)."""


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NEWSREADER_UPLOAD_LEASE_SECONDS)


def enqueue_upload(upload: Upload) -> None:
    """Queue the upload's ingest. The database backend writes the task in the caller's
    transaction, beside the upload's row: both are stored, or neither."""
    result = ingest_upload.enqueue(upload.pk)
    Upload.objects.filter(pk=upload.pk).update(task_id=str(result.id))


@task()
def ingest_upload(upload_id: int) -> str:
    """Ingest an upload as ``manage.py ingest`` would a file, saying on its row how far it
    has got: reading, then storing N stories, then what it did, or why it failed."""
    with on_primary():  # it reads what it writes, as a request of the admin does
        return ingest_upload_now(upload_id)


def ingest_upload_now(upload_id: int) -> str:
    upload = claim(upload_id)
    if upload is None:
        return "already taken"
    status = Article.Status.DRAFT if upload.draft else Article.Status.PUBLISHED
    ingester = Ingester(status=status)
    attribution = Attribution(url=upload.url, publisher=upload.publisher)
    try:
        prepared = ingester.prepare(upload.name, bytes(upload.content))
        stories = prepared.stored.stories if prepared.stored else len(prepared.stories)
        if not progress(upload, Upload.Status.WRITING, stories=stories):
            return "lease lost"
        # As the command stores a file: the same call decides everything that is stored.
        outcome = ingester.ingest_prepared(prepared, attribution)
    except IngestError as error:
        finish(upload, Upload.Status.FAILED, error=f"{upload.name}: {error}.")
        return "failed"
    except Exception as error:
        logger.exception("The upload %s (%s) stopped", upload.pk, upload.name)
        finish(upload, Upload.Status.FAILED, error=f"{upload.name}: the ingest stopped ({error}).")
        raise
    finish(
        upload,
        Upload.Status.DONE,
        created=outcome.created,
        merged=outcome.merged,
        unchanged=outcome.unchanged,
    )
    return "done"


def claim(upload_id: int) -> Upload | None:
    """Take up a queued upload, in one statement (a task run twice ingests the file once),
    with the check at its lease's end queued in the same transaction."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Upload.objects.filter(pk=upload_id, status=Upload.Status.QUEUED).update(
            status=Upload.Status.READING,
            started_at=now,
            lease_renewed_at=now,
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return None
        upload = Upload.objects.get(pk=upload_id)
        reclaim_upload.using(run_after=now + lease()).enqueue(upload.pk, upload.attempts)
    return upload


def progress(upload: Upload, status: str, **fields) -> bool:
    """Say how far the try has got, renewing its lease; False when its lease had run out
    and the upload was put back in the queue: the try stops, and writes nothing more."""
    held = Upload.objects.filter(pk=upload.pk, status__in=LEASED, attempts=upload.attempts)
    return bool(held.update(status=status, lease_renewed_at=timezone.now(), **fields))


def finish(upload: Upload, status: str, **fields) -> None:
    # The file is not needed once ingested; the stored file keeps its hash and size.
    progress(upload, status, content=b"", finished_at=timezone.now(), **fields)


@task()
def reclaim_upload(upload_id: int, attempt: int) -> str:
    """At the end of a try's lease: put the upload back in the queue if its worker has not
    renewed the lease (it was killed), or look again at the renewed lease's end."""
    with on_primary():
        return reclaim_upload_now(upload_id, attempt)


def reclaim_upload_now(upload_id: int, attempt: int) -> str:
    held = Upload.objects.defer("content").filter(status__in=LEASED, attempts=attempt)
    upload = held.filter(pk=upload_id).first()
    if upload is None:
        return "finished"  # or already put back, by reclaim_uploads
    ends = upload.lease_renewed_at + lease()
    if ends > timezone.now():
        reclaim_upload.using(run_after=ends).enqueue(upload_id, attempt)
        return "still held"
    return "put back" if put_back(upload) else "finished"


def reclaim_stale_uploads() -> int:
    """Put back in the queue every upload whose lease has run out; how many."""
    stale = Upload.objects.defer("content").filter(
        status__in=LEASED, lease_renewed_at__lt=timezone.now() - lease()
    )
    return sum(put_back(upload) for upload in stale)


def put_back(upload: Upload) -> bool:
    """Queue the upload again, unless its worker renewed the lease or finished meanwhile."""
    with transaction.atomic():
        taken = Upload.objects.filter(
            pk=upload.pk,
            status=upload.status,
            attempts=upload.attempts,
            lease_renewed_at=upload.lease_renewed_at,
        ).update(status=Upload.Status.QUEUED)
        if not taken:
            return False
        close_stopped_task(upload.task_id)
        enqueue_upload(upload)
    logger.warning(
        "The upload %s (%s) was put back in the queue: its worker stopped while %s, "
        "last heard from at %s",
        upload.pk,
        upload.name,
        upload.get_status_display().lower(),
        upload.lease_renewed_at,
    )
    return True


def close_stopped_task(task_id: str) -> None:
    """Mark the stopped try's task failed, so that the task list does not show it running."""
    if not task_id:
        return
    try:
        result = ingest_upload.get_result(task_id)
    except TaskResultDoesNotExist:  # pruned
        return
    if result.status == TaskResultStatus.RUNNING:
        result.db_result.set_failed(WorkerStopped("its lease ran out; the upload was queued again"))


@task()
def refresh_stories(article_ids: list[int]) -> str:
    """The people, organisations and threads of stories an editor changed, found again
    after the save (``coverage_admin.rethread_after_edit``), under the refresh lock that
    an ingest's own refresh holds: one at a time, each lock taken before any row."""
    with on_primary():
        threads.refresh(article_ids)
    return "done"
