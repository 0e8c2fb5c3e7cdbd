"""One path into the archive: a file stores the same whether the ``ingest`` command or an
admin upload brought it, and the first version in a story's history is the story as the
ingest stored it, which an editor can go back to."""

from __future__ import annotations

from pathlib import Path

import pytest
from reversion.models import Version

from newsreader.models import Article, IngestedFile, Organisation, Person, Thread
from tests.conftest import MULTI_STORY, SEEDS, export, ingest, run_worker
from tests.test_editorial import (
    ARTICLES,
    change_form_data,
    edit_article,
    make_user,
    upload,
    worker_test,
)

TALKS = "Oman Hosts New Round of Yemen Truce Talks in Muscat"
DEAL = "Yemen Truce Talks in Muscat Agree Prisoner Exchange"


def story(title: str, caption: str, *paragraphs: str) -> str:
    """A story as the scraper leaves it: title and caption twice, a TT line."""
    head = f"{title}\n\n{caption}\n{caption}\nTT\n\n{title}\n\n"
    return head + "\n\n".join(paragraphs) + "\n"


# Two stories of one developing story, a day apart, naming people and organisations.
MUSCAT_TALKS = (
    story(
        TALKS,
        "Delegates arrive for the Yemen truce talks in Muscat, 3 March 2026 (AFP)",
        "Omani mediators opened a new round of Yemen truce talks in Muscat on Tuesday, aiming "
        "to extend the ceasefire and agree a prisoner exchange between the warring parties.",
        "Omani Foreign Minister Badr Albusaidi said the talks would focus on prisoners and on "
        "reopening the roads around Taiz.",
        "The International Committee of the Red Cross (ICRC) said it was ready to oversee any "
        "prisoner exchange agreed in Muscat.",
    )
    + "\n"
    + story(
        DEAL,
        "Freed prisoners arrive at Sanaa airport, 4 March 2026 (Reuters)",
        "The Yemen truce talks in Muscat agreed on Wednesday to a prisoner exchange and to reopen "
        "the roads around Taiz, Omani mediators said.",
        "Omani Foreign Minister Badr Albusaidi said 900 prisoners would be freed under the truce "
        "deal reached in Muscat.",
        "The ICRC will oversee the prisoner exchange, its Yemen delegation said.",
    )
)


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("eda", staff=True, editor=True))
    return client


@pytest.fixture
def talks_file(tmp_path) -> Path:
    path = tmp_path / "muscat_talks.txt"
    path.write_text(MUSCAT_TALKS, encoding="utf-8")
    return path


def comparable(articles: list[dict]) -> list[dict]:
    """The export without the ids the database gave and the time each story was first
    seen (the clock of its ingest): a thread is told by the stories in it."""
    threads: dict[int, int] = {}
    rows = []
    for article in articles:
        row = {k: v for k, v in article.items() if k not in ("id", "url", "first_seen")}
        if row["thread"]:
            number = threads.setdefault(row["thread"]["id"], len(threads))
            row["thread"] = {"number": number, "title": row["thread"]["title"]}
        rows.append(row)
    return rows


def empty_the_archive() -> None:
    """Every story and what was found in them; the reference data stays."""
    Article.objects.all().delete()
    for model in (IngestedFile, Thread, Person, Organisation):
        model.objects.all().delete()


@worker_test
def test_an_upload_stores_what_the_command_stores(reference_data, editor_client, talks_file):
    ingest(SEEDS, talks_file)
    by_command = comparable(export())
    talks = [a for a in by_command if a["title"] in (TALKS, DEAL)]
    assert {p["name"] for a in talks for p in a["people"]} == {"Badr Albusaidi"}
    assert all(a["organisations"] for a in talks)
    assert talks[0]["thread"] is not None and talks[0]["thread"] == talks[1]["thread"]

    empty_the_archive()
    for seed in sorted(SEEDS.glob("*.txt")):  # the manifest beside them names the publisher
        upload(editor_client, seed.read_bytes(), name=seed.name, publisher="Asharq Al-Awsat")
    upload(editor_client, talks_file.read_bytes(), name=talks_file.name)
    run_worker()
    assert comparable(export()) == by_command


@worker_test
def test_an_upload_of_a_stored_file_attributes_it_as_the_command_does(
    reference_data, editor_client, tmp_path
):
    page = tmp_path / "page.txt"
    page.write_bytes(MULTI_STORY.read_bytes())
    ingest(page)
    upload(editor_client, page.read_bytes(), publisher="Asharq Al-Awsat")
    run_worker()
    by_upload = export()
    ingest(page, publisher="Asharq Al-Awsat")
    assert export() == by_upload
    assert {a["publisher"]["name"] for a in by_upload} == {"Asharq Al-Awsat"}


# -- history -------------------------------------------------------------------------


def history_page(client, article: Article) -> str:
    return client.get(f"{ARTICLES}{article.pk}/history/").content.decode()


def revert(client, article: Article, version: Version) -> None:
    url = f"{ARTICLES}{article.pk}/history/{version.pk}/"
    response = client.post(url, change_form_data(client.get(url)))
    assert response.status_code == 302


def ingested_version(article: Article) -> Version:
    return Version.objects.get_for_object(article).order_by("pk").first()


@pytest.mark.django_db
def test_history_starts_with_the_ingested_story(editor_client, talks_file):
    ingest(talks_file)
    article = Article.objects.get(title=TALKS)
    edit_article(editor_client, article, title="Muscat Talks Resume")
    page = history_page(editor_client, article)
    first = ingested_version(article)
    assert first.revision.comment == "Ingested from muscat_talks.txt."
    assert f"/history/{first.pk}/" in page
    assert page.index("Ingested from muscat_talks.txt.") < page.lower().index("changed title")


@pytest.mark.django_db
def test_reverting_to_the_ingested_version_restores_its_title_and_body(editor_client, talks_file):
    ingest(talks_file)
    article = Article.objects.get(title=TALKS)
    body = article.body
    edit_article(
        editor_client, article, title="Muscat Talks Resume", body=body + "\n\nAn added line."
    )
    revert(editor_client, article, ingested_version(article))
    article.refresh_from_db()
    assert (article.title, article.body) == (TALKS, body)


@pytest.mark.django_db
def test_reverting_one_story_leaves_the_others_of_its_file_alone(editor_client, talks_file):
    ingest(talks_file)
    talks, deal = Article.objects.get(title=TALKS), Article.objects.get(title=DEAL)
    edit_article(editor_client, deal, title="Prisoner Exchange Agreed")
    edit_article(editor_client, talks, title="Muscat Talks Resume")
    revert(editor_client, talks, ingested_version(talks))
    assert Article.objects.get(pk=talks.pk).title == TALKS
    assert Article.objects.get(pk=deal.pk).title == "Prisoner Exchange Agreed"


@pytest.mark.django_db
def test_a_merged_copy_adds_a_version_after_the_ingested_one(talks_file, tmp_path):
    ingest(talks_file)
    article = Article.objects.get(title=TALKS)
    copy = tmp_path / "copy.txt"
    extra = "Talks are due to resume in Muscat next week."
    copy.write_text(story(TALKS, "Talks in Muscat (AFP)", *article.paragraphs, extra))
    ingest(copy)
    versions = Version.objects.get_for_object(article).order_by("pk")
    assert [v.revision.comment for v in versions] == [
        "Ingested from muscat_talks.txt.",
        "A copy merged in from copy.txt.",
    ]
    assert versions.last().field_dict["body"].endswith(extra)


# The first version is kept when something first changes a story, whatever the path.


def caption_admin_form(client, caption) -> dict:
    url = f"/admin/newsreader/caption/{caption.pk}/change/"
    form = client.get(url).context["adminform"].form
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


@pytest.mark.django_db
def test_a_caption_edited_on_its_own_page_is_restored_with_the_ingested_story(
    editor_client, talks_file
):
    ingest(talks_file)
    article = Article.objects.get(title=TALKS)
    caption = article.captions.get()
    original = caption.text
    data = caption_admin_form(editor_client, caption) | {"text": "Delegates in Muscat"}
    response = editor_client.post(f"/admin/newsreader/caption/{caption.pk}/change/", data)
    assert response.status_code == 302
    assert article.captions.get().text == "Delegates in Muscat"
    first = ingested_version(article)
    assert first.revision.comment == "Ingested from muscat_talks.txt."
    revert(editor_client, article, first)
    assert [c.text for c in article.captions.all()] == [original]


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["delete page", "bulk action"])
def test_a_deleted_story_is_recovered_as_it_came_in(editor_client, talks_file, how):
    ingest(talks_file)
    article = Article.objects.get(title=TALKS)
    if how == "delete page":
        response = editor_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"})
    else:
        response = editor_client.post(
            ARTICLES,
            {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Article.objects.filter(title=TALKS).exists()
    deleted = editor_client.get(f"{ARTICLES}recover/").content.decode()
    assert TALKS in deleted
    version = Version.objects.get_deleted(Article).get()
    url = f"{ARTICLES}recover/{version.pk}/"
    assert editor_client.post(url, change_form_data(editor_client.get(url))).status_code == 302
    restored = Article.objects.get(title=TALKS)
    assert restored.body == article.body


@pytest.mark.django_db
def test_a_bulk_action_on_every_listed_story_keeps_each_as_it_came_in(editor_client, talks_file):
    ingest(talks_file)
    # "Select all": the page's boxes ticked, and every story the list's search matches.
    shown = Article.objects.get(title=TALKS)
    response = editor_client.post(
        f"{ARTICLES}?q=Muscat",
        {"action": "unpublish", "_selected_action": [shown.pk], "select_across": "1", "index": "0"},
    )
    assert response.status_code == 302
    for article in Article.objects.filter(title__in=[TALKS, DEAL]):
        assert article.status == "draft"
        versions = Version.objects.get_for_object(article).order_by("pk")
        assert [v.revision.comment for v in versions] == [
            "Ingested from muscat_talks.txt.",
            "Unpublished.",
        ]
        assert versions.first().field_dict["status"] == "published"


@pytest.mark.django_db
def test_merging_threads_keeps_each_story_as_it_came_in(editor_client, talks_file):
    ingest(talks_file)
    talks, deal = Article.objects.get(title=TALKS), Article.objects.get(title=DEAL)
    # Two threads, as if re-threading had kept them apart.
    first, second = Thread.objects.create(title="Talks"), Thread.objects.create(title="Deal")
    Article.objects.filter(pk=talks.pk).update(thread=first)
    Article.objects.filter(pk=deal.pk).update(thread=second)
    response = editor_client.post(
        "/admin/newsreader/thread/",
        {"action": "merge", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert response.status_code == 302
    for article in (talks, deal):
        versions = Version.objects.get_for_object(article).order_by("pk")
        assert [v.revision.comment for v in versions] == [
            "Ingested from muscat_talks.txt.",
            "Threads merged.",
        ]
    assert Article.objects.get(pk=talks.pk).thread_id == Article.objects.get(pk=deal.pk).thread_id
