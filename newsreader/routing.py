"""Reads go to the replica, writes to the primary (only when DATABASE_REPLICA_URL is set).

Reads stay on the primary while a transaction is open on it (so ingest and the admin read
what they just wrote) and for the whole of a request that may write: anything but GET and
HEAD, the admin, and background tasks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_pinned: ContextVar[bool] = ContextVar("newsreader_pinned_to_primary", default=False)
# Work in progress (the task queue, uploads) is read where it is written, always: a replica
# a moment behind would show a worker no task, or an editor an upload not yet started.
PRIMARY_ONLY = {"django_tasks_database.dbtaskresult", "newsreader.upload"}


@contextlib.contextmanager
def on_primary(pinned: bool = True) -> Iterator[None]:
    """Every read inside goes to the primary (with ``pinned``)."""
    token = _pinned.set(pinned)
    try:
        yield
    finally:
        _pinned.reset(token)


def read_database(*, pinned: bool, in_transaction: bool, has_replica: bool) -> str:
    if has_replica and not pinned and not in_transaction:
        return REPLICA
    return "default"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return read_database(
            pinned=_pinned.get() or model._meta.label_lower in PRIMARY_ONLY,
            in_transaction=connections["default"].in_atomic_block,
            has_replica=REPLICA in settings.DATABASES,
        )

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class PinPrimaryMiddleware:
    """Requests that may write read from the primary throughout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in ("GET", "HEAD") or request.path.startswith("/admin/")
        with on_primary(writes):
            return self.get_response(request)
