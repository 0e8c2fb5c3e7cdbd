"""Coverage that compares outlets: who reported a developing story first, who was
publishing then and did not report it, how many outlets the front page counts, and an
outlet's blind spots. Every headline and name below is invented for these tests."""

import datetime

import pytest
from django.utils.text import slugify

from newsreader.models import Article, Source, Thread
from tests.conftest import html, ingest
from tests.factories import make_article
from tests.test_outlet_publishers import naharnet_copy, national_copy

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def outlet(name: str) -> Source:
    return Source.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "kind": Source.Kind.NEWSPAPER}
    )[0]


def story(title: str, publisher: str, days: int, thread: Thread | None = None) -> Article:
    article = make_article(title, published_on=DAY + datetime.timedelta(days=days))
    Article.objects.filter(pk=article.pk).update(publisher=outlet(publisher), thread=thread)
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def dam_thread():
    """Three outlets report a dam's collapse over three days; a fourth publishes other
    news that week and not this."""
    thread = Thread.objects.create()
    story("Kurdish Officials Warn Dam Is Failing", "Rudaw", 0, thread)
    story("Dam Gives Way After Days of Warnings", "Kurdistan24", 1, thread)
    story("Villages Evacuated Below Collapsed Dam", "Rudaw", 2, thread)
    story("Iraq and Turkey Agree Water Talks After Dam Collapse", "The National", 2, thread)
    story("Baghdad Book Fair Opens", "Shafaq News", 1)
    story("Cairo Metro Line Extended", "Egypt Today", 30)  # publishing a month later
    return thread


def test_a_thread_page_says_who_reported_first_and_who_was_silent(client, dam_thread):
    page = html(client.get(dam_thread.get_absolute_url()))
    reported = page.split("Who reported it", 1)[1].split("</ol>", 1)[0]
    names = ["Rudaw", "Kurdistan24", "The National"]
    assert [reported.index(f">{name}</a>") for name in names] == sorted(
        reported.index(f">{name}</a>") for name in names
    )
    assert "Kurdish Officials Warn Dam Is Failing" in reported  # Rudaw's first story
    assert "2 stories" in reported  # Rudaw's two
    silent = page.split("Not reported by", 1)[1].split("</ul>", 1)[0]
    assert ">Shafaq News</a>" in silent
    assert "Egypt Today" not in silent  # not publishing at the time
    assert "Rudaw" not in silent


def test_the_front_page_counts_the_outlets_of_each_developing_story(client, dam_thread):
    page = html(client.get("/"))
    assert "3 outlets" in page


def test_an_outlet_s_page_lists_its_blind_spots(client, dam_thread):
    shafaq = html(client.get(Source.objects.get(name="Shafaq News").get_absolute_url()))
    spots = shafaq.split("Blind spots", 1)[1]
    assert "Iraq and Turkey Agree Water Talks After Dam Collapse" in spots  # the headline
    assert "3 outlets" in spots
    rudaw = html(client.get(Source.objects.get(name="Rudaw").get_absolute_url()))
    assert "Blind spots" not in rudaw  # it covered the one developing story there is


def test_a_wire_copy_counts_for_every_outlet_that_published_it(tmp_path, client):
    for name, text in [("national.txt", national_copy()), ("naharnet.txt", naharnet_copy())]:
        (tmp_path / name).write_text(text)
        ingest(tmp_path / name)
    wire = Article.objects.get()
    thread = Thread.objects.create()
    Article.objects.filter(pk=wire.pk).update(thread=thread)
    story("Aid Trucks Queue at Ramtha Crossing", "Rudaw", 1, thread)
    page = html(client.get(thread.get_absolute_url()))
    reported = page.split("Who reported it", 1)[1].split("</ol>", 1)[0]
    for name in ("The National", "Naharnet", "Rudaw"):
        assert f">{name}</a>" in reported
    assert "3 outlets" in html(client.get("/"))
    # Each outlet's page lists it as a story it published.
    naharnet = Source.objects.get(name="Naharnet")
    assert wire.title in html(client.get(naharnet.get_absolute_url()))
