"""Coverage that compares outlets, as Ground News compares them: who reported a developing
story first, who was publishing then and has not reported it, and the developing stories
most other outlets covered that one outlet did not (its blind spots).

An outlet covered a story when it published it: as the story's publisher, or as one of
the outlets that republished the same wire copy (the files the story came from).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain

from django.db.models import Max, Q, QuerySet

from newsreader.models import COMPACT_FIELDS, Article, Provenance, Source, Thread

# How many outlets and blind spots a page names at most.
NAMED = 12
BLIND_SPOTS = 10
BLIND_SPOT_DAYS = 30
# Outlets publishing this close to a story's first and last reports were publishing then.
AROUND = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Covered:
    """One outlet's coverage of a developing story: its first story, when, and how many."""

    source: Source
    first: Article
    placed_on: datetime.date
    stories: int


def published_by(stories: QuerySet[Article], *fields: str) -> chain[tuple]:
    """(outlet id, *the story's ``fields``) for each outlet that published each story: as
    its publisher, and as a republisher of its wire copy (its files'). Two queries."""
    copies = Provenance.objects.filter(
        article__in=stories.values("id"), file__publisher__isnull=False
    )
    return chain(
        stories.filter(publisher__isnull=False).order_by().values_list("publisher_id", *fields),
        copies.order_by().values_list(
            "file__publisher_id", *(f"article__{field}" for field in fields)
        ),
    )


def outlets_covering(stories: QuerySet[Article]) -> list[Covered]:
    """The outlets that published the thread's ``stories``, the first to report it first
    (of two at once, by name). Four queries, whatever the thread's size."""
    firsts: dict[int, tuple[datetime.date, int]] = {}
    counted: dict[int, set[int]] = defaultdict(set)
    for source_id, article_id, placed_on in published_by(stories, "id", "placed_on"):
        counted[source_id].add(article_id)
        if source_id not in firsts or (placed_on, article_id) < firsts[source_id]:
            firsts[source_id] = (placed_on, article_id)
    if not firsts:
        return []
    sources = Source.objects.in_bulk(list(firsts))
    articles = Article.objects.only(*COMPACT_FIELDS).in_bulk([pk for _, pk in firsts.values()])
    covered = [
        Covered(sources[pk], articles[article_id], placed_on, len(counted[pk]))
        for pk, (placed_on, article_id) in firsts.items()
    ]
    covered.sort(key=lambda outlet: (outlet.placed_on, outlet.source.name))
    return covered


def outlets_silent(stories: QuerySet[Article], covering: list[Covered]) -> list[Source]:
    """The outlets that published other stories while this one was reported (from a day
    before its first report to a day after the last outlet's first) and none of its
    stories. One query."""
    if not covering:
        return []
    times = [outlet.placed_on for outlet in covering]
    around = Article.objects.published().filter(
        placed_on__range=(min(times) - AROUND, max(times) + AROUND)
    )
    copies = Provenance.objects.filter(article__in=around.values("id"))
    active = Q(pk__in=around.values("publisher_id")) | Q(pk__in=copies.values("file__publisher_id"))
    return list(
        Source.objects.filter(active)
        .exclude(pk__in=[outlet.source.pk for outlet in covering])
        .order_by("name")[:NAMED]
    )


def thread_outlets(stories: QuerySet[Article]) -> dict[int, set[int]]:
    """Thread id -> the outlets that published its ``stories``. Two queries."""
    outlets: dict[int, set[int]] = defaultdict(set)
    for source_id, thread_id in published_by(stories, "thread_id"):
        outlets[thread_id].add(source_id)
    return outlets


def blind_spots(source: Source) -> list[Thread]:
    """The developing stories of ``source``'s last BLIND_SPOT_DAYS of publishing that two
    or more other outlets covered and it did not: most outlets first, then the latest.
    Each thread carries ``outlets``, how many covered it. Four queries."""
    mine = Article.objects.published().of_source(source, "published")
    last = mine.aggregate(last=Max("placed_on"))["last"]
    if last is None:
        return []
    stories = (
        Article.objects.published()
        .filter(
            thread__isnull=False,
            placed_on__range=(last - datetime.timedelta(days=BLIND_SPOT_DAYS), last + AROUND),
        )
        .exclude(thread__in=mine.filter(thread__isnull=False).values("thread_id"))
    )
    outlets = thread_outlets(stories)
    ranked = sorted(
        (pk for pk, covering in outlets.items() if len(covering) >= 2),
        key=lambda pk: (-len(outlets[pk]), -pk),
    )[:BLIND_SPOTS]
    threads = Thread.objects.public().in_bulk(ranked)
    spots = []
    for pk in ranked:
        if pk in threads:
            threads[pk].outlets = len(outlets[pk])
            spots.append(threads[pk])
    return spots
