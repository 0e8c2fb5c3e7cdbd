"""``manage.py reclaim_uploads``: put back in the queue the uploads whose worker stopped.

The workers do this themselves at the end of each lease (newsreader.tasks); this is for an
upload a worker took up before there was a lease, or to do it at once by hand."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from newsreader.tasks import reclaim_stale_uploads


class Command(BaseCommand):
    help = "Queue again the uploads whose worker's lease has run out (it was killed)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reclaim_stale_uploads()
        lease = settings.NEWSREADER_UPLOAD_LEASE_SECONDS
        self.stdout.write(
            f"{count} upload{'' if count == 1 else 's'} put back in the queue "
            f"(leases run out after {lease} s)."
        )
