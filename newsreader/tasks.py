"""Background work, run by ``manage.py db_worker`` (Django's tasks framework, with the
database backend of django-tasks-db): an upload is ingested here, not in a web worker."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from newsreader.ingest.attribution import Attribution
from newsreader.ingest.load import Ingester
from newsreader.ingest.parse import IngestError
from newsreader.models import Article, Upload
from newsreader.routing import on_primary

logger = logging.getLogger(__name__)


def enqueue_upload(upload: Upload) -> None:
    """Queue the upload's ingest. The database backend writes the task in the caller's
    transaction, beside the upload's row: both are stored, or neither."""
    ingest_upload.enqueue(upload.pk)


@task()
def ingest_upload(upload_id: int) -> str:
    """Ingest an upload as ``manage.py ingest`` would a file, saying on its row how far it
    has got: reading, then storing N stories, then what it did, or why it failed."""
    with on_primary():  # it reads what it writes, as a request of the admin does
        return ingest_upload_now(upload_id)


def ingest_upload_now(upload_id: int) -> str:
    # Claimed in one statement: a task run twice ingests the file once.
    claimed = Upload.objects.filter(pk=upload_id, status=Upload.Status.QUEUED).update(
        status=Upload.Status.READING, started_at=timezone.now()
    )
    if not claimed:
        return "already taken"
    upload = Upload.objects.get(pk=upload_id)
    status = Article.Status.DRAFT if upload.draft else Article.Status.PUBLISHED
    ingester = Ingester(status=status)
    attribution = Attribution(url=upload.url, publisher=upload.publisher)
    try:
        limit = settings.NEWSREADER_MAX_FILE_BYTES
        if upload.size > limit:
            raise IngestError(f"the file is {upload.size:,} bytes, over the {limit:,}-byte limit")
        prepared = ingester.analyser.prepare(upload.name, bytes(upload.content))
        progress(upload, Upload.Status.WRITING, stories=len(prepared.stories))
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


def progress(upload: Upload, status: str, **fields) -> None:
    Upload.objects.filter(pk=upload.pk).update(status=status, **fields)


def finish(upload: Upload, status: str, **fields) -> None:
    # The file is not needed once ingested; the stored file keeps its hash and size.
    progress(upload, status, content=b"", finished_at=timezone.now(), **fields)
