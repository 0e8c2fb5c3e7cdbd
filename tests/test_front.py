"""The home page grouped by developing story: each thread once, by its newest story, with
its size and other headlines; a story in no thread on its own."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsreader.front import ago
from newsreader.models import Article, Source, Thread
from tests.conftest import html
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def card_titles(page: str) -> list[str]:
    return re.findall(r'<h3 class="story-title" dir="auto"><a href="[^"]+">([^<]+)</a>', page)


def threaded(title: str, thread: Thread, day: int, publisher: str = "afp") -> Article:
    story = make_article(title, published_on=datetime.date(2026, 3, day))
    Article.objects.filter(pk=story.pk).update(
        thread=thread, publisher=Source.objects.get(slug=publisher)
    )
    return story


def walk(client, url: str = "/") -> list[str]:
    """Every card's title on every page of the home page, in order."""
    titles = []
    while url:
        page = html(client.get(url))
        titles += card_titles(page)
        match = re.search(r'rel="next" href="([^"]+)"', page)
        url = match.group(1).replace("&amp;", "&") if match else None
    return titles


def test_a_developing_story_is_shown_once_by_its_newest_headline_with_its_others(client):
    floods = Thread.objects.create()
    threaded("Floods hit the coast", floods, 1)
    threaded("Rescuers reach flooded villages", floods, 3, publisher="reuters")
    threaded("Flood waters recede", floods, 5)
    make_article("A story on its own", published_on=datetime.date(2026, 3, 4))
    page = html(client.get("/"))
    assert card_titles(page) == ["Flood waters recede", "A story on its own"]
    lead = page[page.index("Flood waters recede") : page.index("A story on its own")]
    assert f'<a href="/threads/{floods.pk}/">3 stories · 2 outlets</a>' in lead
    others = re.findall(r'<li dir="auto"><a href="[^"]+">([^<]+)</a>', lead)
    assert others == ["Rescuers reach flooded villages", "Floods hit the coast"]
    # Shown under their newest, and not again in the column of regions.
    assert page.count("Rescuers reach flooded villages") == 1
    alone = page[page.index("A story on its own") :]
    assert "Developing story" not in alone.split("</li>")[0]


def test_a_thread_moves_up_when_it_gets_a_new_story_and_is_never_listed_twice(client):
    talks = Thread.objects.create()
    threaded("Talks open", talks, 1)
    for day in range(3, 30):
        make_article(f"Other news {day}", published_on=datetime.date(2026, 3, day))
    threaded("Talks resume", talks, 2)
    # Its newest story is old: the thread sits low, once, across the pages.
    titles = walk(client)
    assert titles.count("Talks resume") == 1 and "Talks open" not in titles
    assert titles.index("Talks resume") == len(titles) - 1
    threaded("Talks end in a deal", talks, 30)
    titles = walk(client)
    assert titles[0] == "Talks end in a deal"
    assert "Talks resume" not in titles and "Talks open" not in titles
    assert len(titles) == 1 + 27  # the thread and each story on its own, once


def test_a_thread_with_one_published_story_is_a_story_on_its_own(client):
    quiet = Thread.objects.create()
    threaded("The only published one", quiet, 2)
    draft = threaded("A draft in the same thread", quiet, 3)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    page = html(client.get("/"))
    assert card_titles(page) == ["The only published one"]
    assert "Developing story" not in page and "A draft in the same thread" not in page


def test_the_front_page_reads_the_same_queries_however_many_threads_it_shows(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    first = Thread.objects.create()
    for day in (1, 2, 3):
        threaded(f"First thread {day}", first, day)
    few = queries()
    for n in range(8):
        thread = Thread.objects.create()
        for day in (4, 5, 6, 7):
            threaded(f"Thread {n} story {day}", thread, day + n)
    assert queries() == few


def test_when_a_thread_last_grew_is_said_in_a_readers_words():
    now = datetime.datetime(2026, 12, 7, 12, tzinfo=datetime.UTC)
    assert ago(now - datetime.timedelta(minutes=12), now) == "12 min ago"
    assert ago(now - datetime.timedelta(hours=2, minutes=50), now) == "2 h ago"
    assert ago(now - datetime.timedelta(days=1, hours=1), now) == "1 day ago"
    assert ago(now - datetime.timedelta(days=3), now) == "3 days ago"
    assert ago(now - datetime.timedelta(days=20), now) == "on 17 Nov 2026"
