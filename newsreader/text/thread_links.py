"""Which stories link, the groups they make, and the thread each group keeps: the pure
part of threading, on plain values (newsreader/threads.py reads the stories and writes
the choice).

A link is a pair of stories whose profiles (newsreader/text/topics.py) are alike enough
for the days between them. A thread is a connected group of linked stories, so the
groups depend only on the set of stories, not on the order they came in.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from scipy import sparse

from newsreader.text import topics


@dataclass(frozen=True)
class NewThread:
    """The thread a group of loose stories gets that none of them had: the writer makes
    it. One per group (``group`` tells them apart)."""

    group: int


@dataclass
class Story:
    pk: int
    # The story's own day: its publication date, or for a story that states none the day
    # it was first seen (Article.first_seen).
    published_on: datetime.date | None
    thread_id: int | None
    pinned: bool  # an editor set its thread
    terms: dict[str, float] = field(default_factory=dict)


def links(stories: dict[int, Story], among: Iterable[int], against: dict[int, Story]):
    """Pairs (a, b) of linked stories, a from ``among``, b from ``against``."""
    for pk, others in linked(stories, among, against):
        for other in others:
            yield pk, other


def linked(stories: dict[int, Story], among: Iterable[int], against: dict[int, Story]):
    """(a, [b, ...]): each story of ``among`` with the stories of ``against`` it is linked
    to, if any.

    A story is scored only against the stories of the days it may link to (with 90 stories
    a day, 1,350 of them, not the archive), the stories of one day at once, as one sparse
    product of their profiles."""
    index = _Profiles(against.values())
    by_day: dict[datetime.date, list[Story]] = defaultdict(list)
    for pk in among:
        story = stories[pk]
        if story.published_on is not None and story.terms:
            by_day[story.published_on].append(story)
    for day, group in by_day.items():
        for story, others in index.alike(day, group):
            yield story.pk, [pk for pk in others if pk != story.pk]


class _Profiles:
    """Stories' profiles as the rows of a sparse matrix, ordered by day: the stories a day
    may link to are one slice of it."""

    def __init__(self, stories: Iterable[Story]) -> None:
        dated = sorted(
            (s for s in stories if s.published_on is not None and s.terms),
            key=lambda s: s.published_on,
        )
        self.pks = numpy.array([s.pk for s in dated], dtype=int)
        self.days = numpy.array([s.published_on.toordinal() for s in dated], dtype=int)
        # Columns in the terms' order, so that a pair's score is summed in the same order
        # whichever other stories are indexed: the links do not depend on them.
        terms = sorted({term for story in dated for term in story.terms})
        self.columns = {term: column for column, term in enumerate(terms)}
        self.matrix = self.vectors(dated)

    def vectors(self, stories: list[Story]) -> sparse.csr_array:
        columns, weights, ends = [], [], [0]
        for story in stories:
            row = sorted(
                (self.columns[term], weight)
                for term, weight in story.terms.items()
                if term in self.columns
            )
            columns += [column for column, _ in row]
            weights += [weight for _, weight in row]
            ends.append(len(columns))
        shape = (len(stories), len(self.columns))
        return sparse.csr_array((weights, columns, ends), shape=shape, dtype=float)

    def alike(self, day: datetime.date, group: list[Story]):
        """(story, [pk, ...]) for each story of the group (all of one day) and the indexed
        stories its profile is alike enough to for the days between them."""
        today = day.toordinal()
        first = numpy.searchsorted(self.days, today - topics.MAX_GAP_DAYS, side="left")
        last = numpy.searchsorted(self.days, today + topics.MAX_GAP_DAYS, side="right")
        if first == last or not self.columns:
            return
        scores = (self.vectors(group) @ self.matrix[first:last].T).tocsr()
        for row, story in enumerate(group):
            start, end = scores.indptr[row], scores.indptr[row + 1]
            columns = scores.indices[start:end] + first
            alike = scores.data[start:end] >= topics.needed(self.days[columns] - today)
            if alike.any():
                yield story, self.pks[columns[alike]].tolist()


class Groups:
    """Union-find over stories and whole threads (a thread joins as one node)."""

    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def root(self, node: tuple) -> tuple:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple, b: tuple) -> None:
        self.parent[self.root(a)] = self.root(b)

    def groups(self) -> list[list[tuple]]:
        found = defaultdict(list)
        for node in list(self.parent):
            found[self.root(node)].append(node)
        return list(found.values())


def node(story: Story, splitting: set[int]) -> tuple:
    """A story stands for its whole thread, unless that thread is being worked out again."""
    if story.thread_id and story.thread_id not in splitting:
        return ("thread", story.thread_id)
    return ("story", story.pk)


def out_of_threads(story: Story) -> bool:
    return story.pinned and story.thread_id is None


@dataclass
class Choice:
    """Which stories move to which thread (a thread's id, a ``NewThread``, or None for no
    thread), and which whole threads join which."""

    moves: dict[int | NewThread | None, set[int]] = field(default_factory=lambda: defaultdict(set))
    joined: dict[int, int] = field(default_factory=dict)


def choose_threads(
    groups: list[list[tuple]], stories: dict[int, Story], sizes: dict[int, int]
) -> Choice:
    """Each group's thread: the largest thread in it (``sizes``: stories per thread) keeps
    its id and the others join it; a group of loose stories gets a new thread; a story
    alone gets none. Larger groups choose first, so a thread two groups hold goes to the
    larger."""
    choice = Choice()
    used: set[int | str] = set()
    for group in sorted(groups, key=lambda g: (-len(g), min(g))):
        threads_in = sorted(n[1] for n in group if n[0] == "thread")
        loose = [stories[n[1]] for n in group if n[0] == "story"]
        target = _target(threads_in, loose, used, sizes)
        if target is NewThread:
            target = NewThread(len(used))
        if target is not None:
            used.add(target)
        choice.joined |= {t: target for t in threads_in if t != target}
        for story in loose:
            if story.thread_id != target and not story.pinned:
                choice.moves[target].add(story.pk)
    return choice


def _target(threads_in: list[int], loose: list[Story], used: set, sizes: dict[int, int]):
    held = sorted({s.thread_id for s in loose if s.thread_id and s.thread_id not in used})
    # A story alone keeps no thread, even the one it had.
    candidates = [*threads_in, *held] if threads_in or len(loose) > 1 else []
    if candidates:
        return min(candidates, key=lambda t: (-sizes.get(t, 0), t))
    if len(loose) > 1 and any(not s.pinned for s in loose):
        return NewThread
    return None
