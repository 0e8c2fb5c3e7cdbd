"""Full coverage as a reader follows it: from a story to its thread, to a person in it, and
on, in the system Chromium; and the same pages through the test client (paging, keys,
query counts, feeds)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from newsreader.models import Article, Organisation, Person
from tests.browsing import check_page
from tests.conftest import ingest
from tests.coverage_set import STORIES, Story
from tests.test_threads import write


@pytest.fixture
def coverage(tmp_path):
    ingest(write(tmp_path / "set", STORIES), workers=0)


def many_in_one_thread(tmp_path, count: int, first: int = 0) -> None:
    """``count`` stories a day apart about one flood, each naming one minister."""
    stories = []
    for day in range(first, first + count):
        date = datetime.date(2026, 5, 1) + datetime.timedelta(days=day)
        stories.append(
            Story(
                "flood",
                f"Tigris Flood Day {day + 1}: Mosul Levees Hold",
                f"The Tigris in Mosul, {date:%d %B %Y} (AFP)",
                (
                    # The body names the photo's day, so the caption's date is the story's.
                    f"The Tigris flood in Mosul went on for a {day + 1}th day on {date:%A} as "
                    "levees held and engineers pumped water from flooded neighbourhoods.",
                    "Iraqi Water Resources Minister Aoun Thiab said the levees on the Tigris "
                    "in Mosul would hold.",
                ),
            )
        )
    ingest(write(tmp_path / f"flood{first}", stories), workers=0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_reader_follows_a_story_to_its_thread_and_a_person_in_it(site, page, tmp_path):
    ingest(write(tmp_path / "set", STORIES), workers=0)
    article = Article.objects.get(title__startswith="Houthis Detain")
    page.goto(site + article.get_absolute_url())
    people = page.get_by_role("heading", name="People in this story")
    assert people.is_visible()
    check_page(page, "article-thread")
    page.get_by_role("link", name="Full coverage: 2 more stories in this developing story").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Houthi Court to Try Detained UN Staff, Group Says"
    )
    timeline = page.locator("#results .story-title")
    assert timeline.all_inner_texts() == [
        "Houthi Court to Try Detained UN Staff, Group Says",
        "UN Suspends Work in Houthi Stronghold After Staff Detentions",
        "Houthis Detain Eight More UN Staff in Sanaa",
    ]
    facts = page.get_by_role("complementary", name="In this story")
    assert facts.get_by_role("link", name="Houthis", exact=True).is_visible()
    check_page(page, "thread")

    facts.get_by_role("link", name="Hans Grundberg").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hans Grundberg"
    assert "Special Envoy for Yemen" in page.locator(".reported-roles").inner_text()
    assert page.locator("#results .story").count() == 1
    check_page(page, "person")

    page.go_back()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Houthi Court")


@pytest.mark.django_db
def test_a_thread_page_names_its_outlets_places_people_and_organisations(client, coverage):
    thread = Article.objects.get(title__startswith="Flash Floods Sweep").thread
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "3 stories" in html
    assert "Jafar Hassan" in html
    assert 'href="/regions/jordan/"' in html
    assert "Cyclone Shakti" not in html


@pytest.mark.django_db
def test_thread_and_person_pages_page_through_their_stories_without_javascript(client, tmp_path):
    many_in_one_thread(tmp_path, 25)
    thread = Article.objects.get(title__startswith="Tigris Flood Day 1:").thread
    assert thread.articles.count() == 25
    first = client.get(thread.get_absolute_url()).content.decode()
    assert first.count('class="story"') == 20
    assert "Older stories" in first
    person = Person.objects.get(name="Aoun Thiab")
    listed = client.get(person.get_absolute_url()).content.decode()
    assert listed.count('class="story"') == 20
    assert "As Water Resources Minister, Iraq" in listed


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["thread", "person", "organisation"])
def test_coverage_pages_read_the_same_number_of_queries_however_many_stories(
    client, tmp_path, kind
):
    def url() -> str:
        if kind == "thread":
            return Article.objects.get(
                title__startswith="Tigris Flood Day 1:"
            ).thread.get_absolute_url()
        if kind == "person":
            return Person.objects.get(name="Aoun Thiab").get_absolute_url()
        return Organisation.objects.get(name="Hezbollah").get_absolute_url()

    def queries() -> int:
        address = url()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    many_in_one_thread(tmp_path, 3)
    hezbollah = Story(
        "x",
        "Hezbollah Names a New Council",
        "Beirut, 2 May 2026 (AFP)",
        ("Hezbollah named a new council on Saturday.",),
    )
    ingest(write(tmp_path / "h", [hezbollah]), workers=0)
    few = queries()
    many_in_one_thread(tmp_path, 30, first=3)
    # A thread's page also reads who reported it first and who was silent (four queries).
    assert queries() == few <= (13 if kind == "thread" else 12)


@pytest.mark.django_db
def test_coverage_pages_carry_their_surrogate_keys_and_feeds(client, coverage):
    article = Article.objects.get(title__startswith="Houthis Detain")
    thread = client.get(article.thread.get_absolute_url())
    assert f"thread-{article.thread_id}" in thread["xkey"].split()
    assert f"article-{article.pk}" in thread["xkey"].split()
    person = Person.objects.get(name="Hans Grundberg")
    response = client.get(person.get_absolute_url())
    assert f"person-{person.pk}" in response["xkey"].split()
    page = client.get(article.get_absolute_url())
    assert {
        f"thread-{article.thread_id}",
        f"person-{Person.objects.get(name='Antonio Guterres').pk}",
    } <= set(page["xkey"].split())
    for feed in (article.thread.feed_url(), person.feed_url()):
        response = client.get(feed)
        assert response.status_code == 200
        assert "Houthi" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_date_on_a_thread_page_is_a_400_with_the_form(client, coverage):
    thread = Article.objects.get(title__startswith="Houthis Detain").thread
    response = client.get(thread.get_absolute_url() + "?from=2026-13-01")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_unknown_threads_people_and_hidden_names_are_404(client, coverage):
    assert client.get("/threads/999999/").status_code == 404
    assert client.get("/people/nobody/").status_code == 404
    person = Person.objects.get(name="Hans Grundberg")
    person.hidden = True
    person.save()
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_related_stories_are_the_ones_about_the_same_thing(client, coverage):
    """A Lebanon story's related stories start with its thread's, not the region's newest."""
    article = Article.objects.get(title__startswith="Lebanese Army Deploys")
    html = client.get(article.get_absolute_url()).content.decode()
    related = html[html.index("Related stories") :]
    assert related.index("Aoun Visits Troops") < related.index("Beirut Hotels Fill Up")


@pytest.mark.django_db
def test_a_person_page_says_what_each_story_called_them_even_without_a_region(client):
    from newsreader.models import ArticlePerson
    from tests.factories import make_article

    person = Person.objects.create(name="Badr Abdelatty", slug="badr-abdelatty", country="EG")
    filed = make_article("Talks in Cairo resume", region="egypt")
    unfiled = make_article("A call between ministers", region=None)
    for story in (filed, unfiled):
        ArticlePerson.objects.create(
            article=story, person=person, role="Foreign Minister", country="EG"
        )
    page = client.get("/people/badr-abdelatty/").content.decode()
    reported = '<span class="reported-as">As Foreign Minister, Egypt</span>'
    assert page.count(reported) == 2
    assert "&lt;span" not in page
