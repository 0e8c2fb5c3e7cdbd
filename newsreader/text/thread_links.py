"""Which stories link, the groups they make, and the thread each group keeps: the pure
part of threading, on plain values (newsreader/threads.py reads the stories and writes
the choice).

A link is a pair of stories whose profiles (newsreader/text/topics.py) are alike enough
for the days between them. A thread is a connected group of linked stories, so the
groups depend only on the set of stories, not on the order they came in.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    """Pairs (a, b) of linked stories, a from ``among``, b from ``against``.

    ``against`` is indexed by day and term, so a story is scored only against the stories
    of the days it may link to that share a term with it (with 90 stories a day, 1,300 of
    them, not the archive)."""
    postings = _postings(against.values())
    window = range(-topics.MAX_GAP_DAYS, topics.MAX_GAP_DAYS + 1)
    for pk in among:
        story = stories[pk]
        if story.published_on is None or not story.terms:
            continue
        for offset in window:
            day = postings.get(story.published_on + datetime.timedelta(days=offset))
            needed = topics.threshold(offset)
            for other_pk, score in _scores(story, day or {}).items():
                if other_pk != pk and score >= needed:
                    yield pk, other_pk


def _postings(stories: Iterable[Story]) -> dict[datetime.date, dict[str, list[Story]]]:
    """Day -> term -> the dated stories of that day with that term."""
    postings: dict[datetime.date, dict[str, list[Story]]] = defaultdict(lambda: defaultdict(list))
    for story in stories:
        if story.published_on is not None:
            for term in story.terms:
                postings[story.published_on][term].append(story)
    return postings


def _scores(story: Story, day: dict[str, list[Story]]) -> Counter[int]:
    """The similarity of a story to each story of a day it shares a term with."""
    scores: Counter[int] = Counter()
    for term, weight in story.terms.items():
        for other in day.get(term, ()):
            scores[other.pk] += weight * other.terms[term]
    return scores


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
