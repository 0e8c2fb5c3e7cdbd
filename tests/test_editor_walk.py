"""An editor's day in a real browser (issue 25): open a story and save it unchanged, edit
its title, upload a file, merge two people, go back to a story's first version. After
each step, the story's public page, its API answer and the export say what is expected,
and nothing else moved."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from newsreader.coverage import unique_slug
from newsreader.models import Article, ArticlePerson, Person
from tests.browsing import check_page
from tests.conftest import MULTI_STORY, SEEDS, export, ingest, run_worker

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

PASSWORD = "a long editor passphrase"
ARTICLES = "/admin/newsreader/article/"
UPLOADED = """Desalination Plant Opens on the Red Sea Coast

Engineers at the new plant north of Jeddah (SPA)
Engineers at the new plant north of Jeddah (SPA)
TT

Desalination Plant Opens on the Red Sea Coast

Saudi Arabia opened a desalination plant north of Jeddah on Sunday that will supply
drinking water to half a million people, the Saline Water Conversion Corporation said.

The plant runs on solar power during the day, its director Faisal al-Harbi told reporters.
"""


def seen(live_server, page, article: Article) -> dict:
    """The story as readers and the export see it: its page's headline, its API answer and
    its export line."""
    page.goto(live_server.url + article.get_absolute_url())
    headline = page.locator("h1").inner_text()
    api = json.loads(page.request.get(f"{live_server.url}/api/articles/{article.pk}/").text())
    exported = next(line for line in export() if line["id"] == article.pk)
    return {"headline": headline, "api": api, "export": exported}


def save(page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


@pytest.mark.thorough  # the admin's walk in the fast tier: test_browser's editor test
def test_an_editor_s_day_changes_only_what_the_editor_changed(reference_data, live_server, page):
    from django.contrib.auth import get_user_model

    ingest(SEEDS)
    get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)
    story = Article.objects.get(title__startswith="Miami Talks")
    ingested = seen(live_server, page, story)
    everything_else = [line for line in export() if line["id"] != story.pk]

    page.goto(f"{live_server.url}{ARTICLES}{story.pk}/change/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # 1. Open and save, changing nothing: nothing changes, anywhere.
    save(page)
    assert seen(live_server, page, story) == ingested

    # 2. A new title: the page, the API and the export say it; nothing else moved.
    page.goto(f"{live_server.url}{ARTICLES}{story.pk}/change/")
    page.get_by_label("Title:").fill("Miami talks on the Gaza deal's second phase")
    save(page)
    edited = seen(live_server, page, story)
    assert edited["headline"] == edited["api"]["title"] == edited["export"]["title"]
    assert edited["headline"] == "Miami talks on the Gaza deal's second phase"
    assert edited["api"]["body"] == ingested["api"]["body"]
    assert edited["export"]["body"] == ingested["export"]["body"]
    assert [line for line in export() if line["id"] != story.pk] == everything_else
    page.goto(live_server.url + story.get_absolute_url())
    check_page(page, "editor-walk-edited-story")

    # 3. An upload: stored as the command stores a file, and on the public pages.
    page.goto(f"{live_server.url}{ARTICLES}upload/")
    page.get_by_label("File").set_input_files(
        files=[{"name": "plant.txt", "mimeType": "text/plain", "buffer": UPLOADED.encode()}]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/article/upload/*/")
    run_worker()
    page.reload()
    expect(page.locator("#content")).to_contain_text("Done")
    plant = Article.objects.get(title__startswith="Desalination Plant")
    uploaded = seen(live_server, page, plant)
    assert uploaded["headline"] == "Desalination Plant Opens on the Red Sea Coast"
    assert uploaded["api"]["regions"] and uploaded["export"]["provenance"] == ["plant.txt"]

    # 4. Two people merged: the one kept has both's stories; the other's address leads to it.
    # The upload named its plant's director, as the command would have.
    kept = Person.objects.get(name="Faisal al-Harbi", article_links__article=plant)
    ArticlePerson.objects.create(article=Article.objects.exclude(pk=plant.pk).first(), person=kept)
    other = Person.objects.create(name="Faisal Al Harbi", slug=unique_slug(Person, "Al Harbi"))
    ArticlePerson.objects.create(article=story, person=other)
    page.goto(f"{live_server.url}/admin/newsreader/person/?q=Harbi")
    page.locator("#action-toggle").check()
    page.locator("select[name='action']").select_option("merge")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    page.get_by_role("button", name="Yes, merge them").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged 2 people into “Faisal al-Harbi”")
    answer = page.request.get(live_server.url + other.get_absolute_url(), max_redirects=0)
    assert (answer.status, answer.headers["location"]) == (301, kept.get_absolute_url())
    assert set(kept.article_links.values_list("article", flat=True)) >= {story.pk, plant.pk}

    # 5. Back to the story as it came in.
    page.goto(f"{live_server.url}{ARTICLES}{story.pk}/history/")
    # Its history starts at the ingest: the body-only file, then the page that completed it.
    rows = page.locator("#change-history tbody tr")
    expect(rows.first).to_contain_text("Ingested from")
    rows.filter(has_text=f"merged in from {MULTI_STORY.name}").get_by_role("link").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("successfully")
    reverted = seen(live_server, page, story)
    assert reverted["headline"] == ingested["headline"]
    assert reverted["api"]["title"] == ingested["api"]["title"]
    assert reverted["api"]["body"] == ingested["api"]["body"]
    assert MULTI_STORY.name in reverted["export"]["provenance"]
