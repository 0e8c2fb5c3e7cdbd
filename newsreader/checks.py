"""System checks: what newsreader needs of its environment, said before anything fails."""

from __future__ import annotations

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
