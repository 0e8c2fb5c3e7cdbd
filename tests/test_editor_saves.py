"""A save in the admin changes only what the editor changed (issue 25, item 1): a browser
sends a body back with "\\r\\n" between its lines, which is no edit."""

import pytest
from django.contrib.admin.models import LogEntry

from newsreader.models import Article
from tests.conftest import SEEDS, export, ingest
from tests.test_editorial import ARTICLES, change_form_data, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("eda", staff=True, editor=True))
    return client


def as_a_browser_sends(data: dict) -> dict:
    """Text areas come back with "\\r\\n" line endings and trailing spaces kept."""
    return {
        key: value.replace("\n", "\r\n") + "  " if key.endswith(("body", "text")) else value
        for key, value in data.items()
    }


def save(client, article: Article, **changes) -> None:
    url = f"{ARTICLES}{article.pk}/change/"
    data = as_a_browser_sends(change_form_data(client.get(url)))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_saving_an_unchanged_article_changes_nothing(editor_client):
    ingest(SEEDS)
    article = Article.objects.get(title__startswith="Miami Talks")
    before = (Article.objects.filter(pk=article.pk).values().get(), export())
    save(editor_client, article)
    after = Article.objects.filter(pk=article.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before[0].items() if k != "updated_at"
    }
    assert "\r" not in after["body"] and after["edited_fields"] == []
    assert export() == before[1]
    assert LogEntry.objects.get().get_change_message() == "No fields changed."


def test_changing_the_title_marks_the_title_alone(editor_client):
    ingest(SEEDS)
    article = Article.objects.get(title__startswith="Miami Talks")
    body = article.body
    save(editor_client, article, title="Miami Talks on Gaza's Second Phase")
    article.refresh_from_db()
    assert article.body == body
    assert article.edited_fields == ["title"]
    assert LogEntry.objects.get().get_change_message() == "Changed Title."


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_bodies_an_old_save_stored_with_crlf_are_repaired(reference_data):
    from django.core.management import call_command

    ingest(SEEDS)
    miami = Article.objects.get(title__startswith="Miami Talks")
    paris = Article.objects.get(title__startswith="Paris Calls")
    ingested = miami.body
    call_command("migrate", "newsreader", "0017", verbosity=0)
    # What a save did before: "\r\n" between paragraphs, and the body marked as edited.
    Article.objects.filter(pk=miami.pk).update(
        body=ingested.replace("\n", "\r\n"), edited_fields=["title", "body"]
    )
    # An editor who also changed a word keeps the mark.
    edited = paris.body.replace("Paris", "France", 1)
    Article.objects.filter(pk=paris.pk).update(
        body=edited.replace("\n", "\r\n"), edited_fields=["body"]
    )
    call_command("migrate", "newsreader", verbosity=0)
    miami.refresh_from_db()
    paris.refresh_from_db()
    assert (miami.body, miami.edited_fields) == (ingested, ["title"])
    assert (paris.body, paris.edited_fields) == (edited, ["body"])
