"""System checks: what newsreader needs of its environment, said before anything fails."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.db import connections


@checks.register(checks.Tags.database)
def sqlite_returns_from_inserts(app_configs, databases=None, **kwargs) -> list[checks.Error]:
    """The ingest reads back the ids of the rows it inserts (RETURNING): SQLite 3.35+."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor == "sqlite" and not connection.features.can_return_columns_from_insert:
            errors.append(
                checks.Error(
                    f"Database {alias!r} is SQLite {connection.Database.sqlite_version}; "
                    "newsreader's ingest needs SQLite 3.35 or later.",
                    hint="Use a Python built against a newer SQLite, or PostgreSQL.",
                    id="newsreader.E001",
                )
            )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def purges_carry_a_secret(app_configs, **kwargs) -> list[checks.Warning]:
    """Varnish admits a purge only with the secret (deploy/varnish.vcl): without one set,
    every purge is refused and readers see pages up to NEWSREADER_CACHE_SECONDS old."""
    if settings.NEWSREADER_VARNISH_URLS and not settings.NEWSREADER_PURGE_SECRET:
        return [
            checks.Warning(
                "NEWSREADER_VARNISH_URLS is set but NEWSREADER_PURGE_SECRET is not: Varnish "
                "will refuse the purges, and edits will take up to "
                f"{settings.NEWSREADER_CACHE_SECONDS} s to reach readers.",
                hint="Set NEWSREADER_PURGE_SECRET to a long random string, and write the same "
                "string to the file deploy/varnish.vcl reads (docs/deploy.md).",
                id="newsreader.W001",
            )
        ]
    return []
