"""The front page grouped by developing story, as Google News and Ground News group it.

The home page lists each thread once, by its newest published story, and every story in no
thread on its own (``ArticleQuerySet.thread_leads``); it is keyset-paged as every list is,
so a thread that gets a new story moves up to where that story is. A story that leads a
thread of two or more published stories carries the thread's coverage: how many stories
and outlets, when it last grew, and a few of its other headlines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from newsreader.models import COMPACT_FIELDS, Article
from newsreader.outlet_coverage import thread_outlets

OTHER_HEADLINES = 3


@dataclass
class Coverage:
    """A developing story, as its newest story's card shows it."""

    url: str
    stories: int
    outlets: int
    updated: datetime.datetime | None
    others: list[Article] = field(default_factory=list)


def add_coverage(leads: list[Article]) -> set[int]:
    """Give each story in ``leads`` that leads a thread of two or more published stories
    its ``coverage``, in four queries whatever the threads' size; the ids of those
    threads."""
    threads = {story.thread_id for story in leads if story.thread_id}
    if not threads:
        return set()
    published = Article.objects.published().filter(thread_id__in=threads).order_by()
    sizes = {
        row["thread_id"]: row
        for row in published.values("thread_id").annotate(
            stories=Count("id"),
            updated=Max("first_seen"),
        )
    }
    outlets = thread_outlets(published)
    others: dict[int, list[Article]] = {}
    newest_first = [F("placed_on").desc(nulls_last=True), F("id").desc()]
    rows = (
        published.exclude(pk__in=[story.pk for story in leads])
        .annotate(rank=Window(RowNumber(), partition_by=F("thread_id"), order_by=newest_first))
        .filter(rank__lte=OTHER_HEADLINES)
        .only(*COMPACT_FIELDS, "thread_id")
        .order_by("thread_id", *newest_first)
    )
    for row in rows:
        others.setdefault(row.thread_id, []).append(row)
    grouped = set()
    for story in leads:
        size = sizes.get(story.thread_id)
        if size and size["stories"] > 1:
            story.coverage = Coverage(
                url=reverse("newsreader:thread-detail", args=[story.thread_id]),
                stories=size["stories"],
                outlets=len(outlets[story.thread_id]),
                updated=size["updated"],
                others=others.get(story.thread_id, []),
            )
            grouped.add(story.thread_id)
    return grouped


def ago(moment: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """ "12 min ago", "2 h ago", "3 days ago", or the date for anything older than a week."""
    seconds = ((now or timezone.now()) - moment).total_seconds()
    if seconds < 3600:
        return f"{max(1, int(seconds // 60))} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 7 * 86400:
        days = int(seconds // 86400)
        return f"{days} day{'s' if days > 1 else ''} ago"
    day = moment.astimezone(datetime.UTC)
    return f"on {day.day} {day:%b %Y}"
