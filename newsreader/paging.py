"""Keyset pagination over stories, newest first by the day each is placed on.

A story is placed on its publication date, or on the day it was first seen if it states
none (``Article.placed_on``): an undated story sits among the stories of the days it
arrived. A cursor names the last story a reader has seen (``2026-02-02.17``), so page 1,000
costs what page 1 does and a story published meanwhile shifts nothing. (``undated.17`` is
the cursor of a story placed on no day, which only a row older than migration 0022 could
be; it is still read.)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, QuerySet

from newsreader.models import Article

PAGE_SIZE = 20
_CURSOR = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}|undated)\.(?P<id>\d{1,18})$")


class BadCursor(ValueError):
    """A cursor that was not made by this module."""


@dataclass(frozen=True)
class Cursor:
    date: datetime.date | None
    id: int

    @classmethod
    def parse(cls, text: str) -> Cursor:
        match = _CURSOR.match(text)
        if not match:
            raise BadCursor(text)
        try:
            date = (
                None if match["date"] == "undated" else datetime.date.fromisoformat(match["date"])
            )
        except ValueError as error:
            raise BadCursor(text) from error
        return cls(date=date, id=int(match["id"]))

    @classmethod
    def of(cls, item) -> Cursor:
        """The cursor of an article, or of a region link (which carries the article's date)."""
        return cls(date=item.placed_on, id=getattr(item, "article_id", None) or item.pk)

    def __str__(self) -> str:
        return f"{self.date.isoformat() if self.date else 'undated'}.{self.id}"

    def older(self, id_field: str = "id") -> list[Q]:
        """The stories after this one (older, then undated), as ranges read in turn.

        Each range is one stretch of a newest-first index. A single condition with "or
        undated" in it would not be: the database would walk the index from the newest
        story to the cursor, which on page 1,000 is 20,000 entries.
        """
        if self.date is None:
            return [Q(placed_on__isnull=True, **{f"{id_field}__lt": self.id})]
        return [
            Q(placed_on__lte=self.date)
            & (Q(placed_on__lt=self.date) | Q(placed_on=self.date, **{f"{id_field}__lt": self.id})),
            Q(placed_on__isnull=True),
        ]

    def newer(self, id_field: str = "id") -> list[Q]:
        """The stories before this one (newer), oldest first, as ranges read in turn."""
        if self.date is None:
            return [
                Q(placed_on__isnull=True, **{f"{id_field}__gt": self.id}),
                Q(placed_on__isnull=False),
            ]
        return [
            Q(placed_on__gte=self.date)
            & (Q(placed_on__gt=self.date) | Q(placed_on=self.date, **{f"{id_field}__gt": self.id}))
        ]


def beyond(
    queryset: QuerySet, cursor: Cursor, *, older: bool, size: int, id_field: str = "id"
) -> list:
    """Up to ``size`` stories past the cursor, nearest first: older ones newest first, or
    newer ones oldest first. A later range is read only if the earlier ones run short."""
    order = newest_first(id_field) if older else oldest_first(id_field)
    rows: list = []
    for part in cursor.older(id_field) if older else cursor.newer(id_field):
        rows += queryset.filter(part).order_by(*order)[: size - len(rows)]
        if len(rows) >= size:
            break
    return rows


def newest_first(id_field: str = "id") -> list:
    """Days placed on, descending, then id: the order the newest-first indexes hold.

    SQLite puts NULLs last in a descending order by itself and uses its index only when
    the query says no more; PostgreSQL needs the words, as its index has them.
    """
    if connection.vendor == "sqlite":
        return [F("placed_on").desc(), F(id_field).desc()]
    return [F("placed_on").desc(nulls_last=True), F(id_field).desc()]


def oldest_first(id_field: str = "id") -> list:
    if connection.vendor == "sqlite":
        return [F("placed_on").asc(), F(id_field).asc()]
    return [F("placed_on").asc(nulls_first=True), F(id_field).asc()]


@dataclass
class Page:
    items: list[Article] = field(default_factory=list)
    older: Cursor | None = None  # where the next, older page starts
    newer: Cursor | None = None  # where the previous, newer page ends

    @property
    def older_query(self) -> str:
        return f"after={self.older}" if self.older else ""

    @property
    def newer_query(self) -> str:
        return f"before={self.newer}" if self.newer else ""


def paginate(
    queryset: QuerySet | list[QuerySet],
    *,
    after: str | None = None,
    before: str | None = None,
    size: int = PAGE_SIZE,
    id_field: str = "id",
) -> Page:
    """One page of stories after (older than) or before (newer than) a cursor.

    ``queryset`` holds articles, or region links (``id_field="article_id"``), which a
    region's pages read straight from their index. A list of them is read as one list,
    each story once: a subregion's page reads one index range per country, as the home
    page reads its sections, rather than a join through every story of its countries.
    """
    if after and before:
        raise BadCursor("after and before together")
    querysets = queryset if isinstance(queryset, list) else [queryset]
    if before:
        cursor = Cursor.parse(before)
        rows = _merged(
            [beyond(qs, cursor, older=False, size=size + 1, id_field=id_field) for qs in querysets],
            id_field,
            newest_first=False,
        )
        more_newer = len(rows) > size
        items = list(reversed(rows[:size]))
        return Page(
            items=items,
            older=Cursor.of(items[-1]) if items else cursor,
            newer=Cursor.of(items[0]) if items and more_newer else None,
        )
    cursor = Cursor.parse(after) if after else None
    if cursor:
        parts = [
            beyond(qs, cursor, older=True, size=size + 1, id_field=id_field) for qs in querysets
        ]
    else:
        parts = [list(qs.order_by(*newest_first(id_field))[: size + 1]) for qs in querysets]
    rows = _merged(parts, id_field, newest_first=True)
    items = rows[:size]
    return Page(
        items=items,
        older=Cursor.of(items[-1]) if len(rows) > size else None,
        newer=Cursor.of(items[0]) if cursor and items else None,
    )


def _merged(parts: list[list], id_field: str, *, newest_first: bool) -> list:
    """Rows read in the same order from several ranges, as one list, each story once."""
    if len(parts) == 1:
        return parts[0]
    by_story = {getattr(row, id_field): row for part in parts for row in part}
    return sorted(
        by_story.values(),
        key=lambda row: (
            row.placed_on is not None,
            row.placed_on or datetime.date.min,
            getattr(row, id_field),
        ),
        reverse=newest_first,
    )
