"""The pure choice of each group's thread (newsreader/text/thread_links.py), on plain
values: no database."""

import datetime

from newsreader.text.thread_links import NewThread, Story, choose_threads

DAY = datetime.date(2026, 3, 1)


def story(pk: int, thread_id: int | None = None, pinned: bool = False) -> Story:
    return Story(pk, DAY, thread_id, pinned)


def loose(*stories: Story) -> list[tuple]:
    return [("story", s.pk) for s in stories]


def test_linked_loose_stories_get_one_new_thread_and_a_story_alone_none():
    a, b, alone = story(1), story(2), story(3, thread_id=9)
    choice = choose_threads([loose(a, b), loose(alone)], {1: a, 2: b, 3: alone}, {})
    assert dict(choice.moves) == {NewThread(0): {1, 2}, None: {3}}
    assert choice.joined == {}


def test_the_largest_thread_in_a_group_keeps_its_id_and_the_others_join_it():
    newcomer = story(1)
    group = [("thread", 4), ("thread", 7), *loose(newcomer)]
    choice = choose_threads([group], {1: newcomer}, {4: 2, 7: 5})
    assert choice.joined == {4: 7}
    assert dict(choice.moves) == {7: {1}}


def test_a_story_an_editor_placed_never_moves():
    placed, other = story(1, thread_id=3, pinned=True), story(2)
    choice = choose_threads([loose(placed, other)], {1: placed, 2: other}, {3: 1})
    assert dict(choice.moves) == {3: {2}}


def test_of_two_groups_holding_stories_of_one_thread_the_larger_keeps_it():
    small = [story(1, thread_id=5), story(2, thread_id=5)]
    large = [story(3, thread_id=5), story(4), story(5)]
    stories = {s.pk: s for s in small + large}
    choice = choose_threads([loose(*small), loose(*large)], stories, {5: 5})
    assert choice.moves[5] == {4, 5}  # the larger group keeps thread 5
    assert choice.moves[NewThread(1)] == {1, 2}  # the smaller one splits off
