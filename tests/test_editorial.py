"""The editors' desk: access, bulk actions, history, edits that survive re-ingest, upload."""

import datetime
import json
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from newsreader.editors import EDITOR_PERMISSIONS
from newsreader.models import Article, Caption, IngestedFile
from tests.conftest import MULTI_STORY, SEEDS, export, ingest, run_worker

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ARTICLES = "/admin/newsreader/article/"


def make_user(username: str, *, staff: bool = False, editor: bool = False, superuser: bool = False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=staff)
    if editor:
        user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("eda", staff=True, editor=True))
    return client


@pytest.fixture
def seeded():
    ingest(SEEDS)
    return {a.title[:5]: a for a in Article.objects.all()}


def change_form_data(response) -> dict:
    """The POST data the admin change form would send as it stands."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is None or value is False:
                    continue
                data[subform.add_prefix(name)] = value
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in data.items()}


def edit_article(client, article: Article, **changes) -> None:
    url = f"{ARTICLES}{article.pk}/change/"
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


# -- access --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(ARTICLES)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_accounts_without_staff_status_cannot_enter(client):
    make_user("reader")
    response = client.post("/admin/login/", {"username": "reader", "password": PASSWORD})
    assert response.status_code == 200
    assert (
        "Please enter the correct username and password for a staff account"
        in response.content.decode()
    )
    assert client.get(ARTICLES).status_code == 302


def test_editors_change_articles_but_not_accounts(editor_client, seeded):
    assert editor_client.get(ARTICLES).status_code == 200
    assert editor_client.get(f"{ARTICLES}{seeded['Miami'].pk}/change/").status_code == 200
    for model in ["caption", "region", "source"]:
        assert editor_client.get(f"/admin/newsreader/{model}/").status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_editors_group_is_made_by_a_migration_with_the_right_permissions():
    perms = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"change_article", "change_caption", "change_region", "change_source"} <= perms
    assert not {p for p in perms if p.endswith(("_user", "_group", "_permission"))}
    # The frozen migrations and the list the code keeps say the same.
    assert perms == {
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions
    }


def test_repeated_failed_logins_are_locked_out(client):
    make_user("chief", superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "chief", "password": "wrong password!!"})
    response = client.post("/admin/login/", {"username": "chief", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_login_needs_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    make_user("chief", superuser=True)
    assert (
        client.post("/admin/login/", {"username": "chief", "password": PASSWORD}).status_code == 403
    )


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Sh0rt!pass")
    validate_password("a much longer passphrase")


def test_create_editor_command_makes_a_staff_editor():
    with mock.patch("getpass.getpass", return_value=PASSWORD):
        call_command("create_editor", "nadia", stdout=StringIO())
    user = get_user_model().objects.get(username="nadia")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()


# -- the list ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?caption=none", set()),
        ("?caption=some", {"Miami", "Dozen", "Paris", "Moroc"}),
        ("?published_on__isempty=1", {"Miami", "Paris", "Moroc"}),
        ("?region=MA", {"Moroc"}),
        ("?source=reuters", {"Moroc"}),
        ("?status__exact=draft", set()),
        ("?q=Ksar", {"Moroc"}),
    ],
)
def test_article_list_filters(editor_client, seeded, query, expected):
    page = editor_client.get(ARTICLES + query).content.decode()
    shown = {
        title[:5] for title in re.findall(r'<th class="field-title"><a [^>]+>([^<]+)</a>', page)
    }
    assert shown == expected


def test_article_list_has_the_editorial_columns(editor_client, seeded):
    page = editor_client.get(ARTICLES).content.decode()
    for column in [
        "column-published_on",
        "column-primary_region_name",
        "column-credit",
        "column-status",
    ]:
        assert column in page
    assert "Upload a scraped file" in page


# -- actions -------------------------------------------------------------------------


def select(articles):
    return [str(a.pk) for a in articles]


def test_publish_and_unpublish_actions(editor_client, seeded):
    paris = seeded["Paris"]
    editor_client.post(ARTICLES, {"action": "unpublish", "_selected_action": select([paris])})
    paris.refresh_from_db()
    assert paris.status == "draft"
    # Readers' pages are the same for everyone, editors included; editors read a draft in
    # the admin's preview, where "View on site" leads.
    assert editor_client.get(paris.get_absolute_url()).status_code == 404
    change = editor_client.get(f"{ARTICLES}{paris.pk}/change/").content.decode()
    preview = f"{ARTICLES}{paris.pk}/preview/"
    assert preview in change
    page = editor_client.get(preview)
    assert page.status_code == 200 and "Draft: only editors can see this story" in page.text
    assert "no-store" in page["Cache-Control"]
    assert Client().get(paris.get_absolute_url()).status_code == 404
    editor_client.post(ARTICLES, {"action": "publish", "_selected_action": select([paris])})
    paris.refresh_from_db()
    assert paris.status == "published"
    # The ingest's version, then one for each action.
    assert Version.objects.get_for_object(paris).count() == 3


def test_set_date_action_asks_for_the_date_then_sets_it(editor_client, seeded):
    undated = [seeded["Paris"], seeded["Miami"]]
    form = editor_client.post(ARTICLES, {"action": "set_date", "_selected_action": select(undated)})
    assert "Publication date" in form.content.decode()
    editor_client.post(
        ARTICLES,
        {
            "action": "set_date",
            "_selected_action": select(undated),
            "apply": "1",
            "published_on": "2026-02-03",
        },
    )
    for article in undated:
        article.refresh_from_db()
        assert article.published_on == datetime.date(2026, 2, 3)
        assert article.date_source == "editor"


def test_set_primary_region_action(editor_client, seeded):
    from newsreader.models import Region

    paris = seeded["Paris"]
    france_story_region = Region.objects.get(code="IL")
    editor_client.post(
        ARTICLES,
        {
            "action": "set_primary_region",
            "_selected_action": select([paris]),
            "apply": "1",
            "region": france_story_region.pk,
        },
    )
    assert paris.primary_region == france_story_region
    assert paris.article_regions.filter(is_primary=True).count() == 1


# -- edits, history and re-ingest ----------------------------------------------------


def test_edit_is_recorded_with_who_and_what_and_can_be_reverted(editor_client, seeded):
    article = seeded["Paris"]
    edit_article(editor_client, article, title="Paris Rallies Support for Lebanese Army")
    version = Version.objects.get_for_object(article).first()
    assert version.revision.user.username == "eda"
    assert "title" in version.revision.comment.lower()
    history = editor_client.get(f"{ARTICLES}{article.pk}/history/").content.decode()
    assert "Changed Title" in history or "Changed title" in history
    # Revert to the first edit (the version before it is the ingest's: tests/test_one_path.py).
    edit_article(editor_client, Article.objects.get(pk=article.pk), title="A second edit")
    first = Version.objects.get_for_object(article)[1]
    response = editor_client.post(
        f"{ARTICLES}{article.pk}/history/{first.pk}/",
        change_form_data(editor_client.get(f"{ARTICLES}{article.pk}/history/{first.pk}/")),
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Paris Rallies Support for Lebanese Army"


def test_editor_edits_survive_reingest_and_new_facts_still_merge(editor_client, seeded, tmp_path):
    morocco = seeded["Moroc"]
    data_url = f"{ARTICLES}{morocco.pk}/change/"
    data = change_form_data(editor_client.get(data_url))
    data["title"] = "Morocco Floods Force 50,000 From Ksar el-Kebir"
    data["published_on"] = "2026-02-02"
    data["captions-0-text"] = "Floodwater in Ksar el-Kebir, northern Morocco."
    assert editor_client.post(data_url, data).status_code == 302

    # The same story again, in a newer file with one more paragraph at the end.
    text = MULTI_STORY.read_text()
    newer = tmp_path / "newer.txt"
    newer.write_text(text + "\n\nOfficials said more rain was expected this week in Fes.\n")
    out, _ = ingest(newer)
    assert "0 articles created" in out

    morocco.refresh_from_db()
    assert morocco.title == "Morocco Floods Force 50,000 From Ksar el-Kebir"
    assert morocco.published_on == datetime.date(2026, 2, 2)
    assert list(morocco.captions.values_list("text", flat=True)) == [
        "Floodwater in Ksar el-Kebir, northern Morocco."
    ]
    assert morocco.paragraphs[-1] == "Officials said more rain was expected this week in Fes."
    assert "fes" in {link.region.slug for link in morocco.article_regions.all()}
    assert set(morocco.edited_fields) == {"captions", "published_on", "title"}


def test_edits_show_at_once_in_search_and_feeds(editor_client, seeded):
    article = seeded["Paris"]
    edit_article(editor_client, article, title="Zanzibar Pledge for Lebanese Army")
    search = Client().get("/search/", {"q": "zanzibar"}).content.decode()
    assert "Zanzibar Pledge for Lebanese Army" in search
    assert "Zanzibar Pledge" in Client().get("/feeds/latest/").content.decode()


# -- upload --------------------------------------------------------------------------


def upload(client, content: bytes, name: str = "page.txt", **fields):
    """Post a file to the upload page; the page it leads to."""
    data = {"file": SimpleUploadedFile(name, content, content_type="text/plain"), **fields}
    response = client.post(f"{ARTICLES}upload/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


# The worker runs in this process, as ``db_worker`` does: it opens and closes connections
# as it goes, which it cannot do inside a test's transaction. These tests commit.
worker_test = pytest.mark.django_db(transaction=True, databases="__all__")


@worker_test
def test_upload_is_ingested_in_the_background_and_its_page_follows_it(
    reference_data, editor_client
):
    status_page = upload(editor_client, MULTI_STORY.read_bytes())
    # The request returned before any ingest: nothing is stored yet, and the page waits.
    assert Article.objects.count() == 0
    waiting = editor_client.get(status_page)
    assert "Waiting to start" in waiting.content.decode()
    assert waiting["Refresh"] == "2"
    run_worker()
    done = editor_client.get(status_page)
    page = done.content.decode()
    assert "Refresh" not in done.headers
    assert re.search(r"Stories found</th><td>4<", page)
    assert re.search(r"Articles created</th><td>4<", page)
    assert Article.objects.count() == 4
    assert IngestedFile.objects.get().name == "page.txt"
    # The upload page lists it.
    assert "page.txt" in editor_client.get(f"{ARTICLES}upload/").content.decode()


@worker_test
def test_upload_of_a_bad_file_names_it_and_changes_nothing(reference_data, editor_client, seeded):
    before = export()
    status_page = upload(editor_client, b"\x00\x01binary\x00", name="broken.txt")
    run_worker()
    page = editor_client.get(status_page).content.decode()
    assert "Failed" in page
    assert "broken.txt: the file is binary, not text." in page
    assert export() == before


@worker_test
def test_upload_as_draft_keeps_new_articles_from_readers(reference_data, editor_client):
    upload(editor_client, MULTI_STORY.read_bytes(), draft="on")
    run_worker()
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert Client().get("/api/articles/").json()["results"] == []


@worker_test
def test_a_task_run_twice_ingests_the_upload_once(reference_data, editor_client):
    from newsreader.models import Upload
    from newsreader.tasks import ingest_upload

    upload(editor_client, MULTI_STORY.read_bytes())
    run_worker()
    ingest_upload.call(Upload.objects.get().pk)
    assert Upload.objects.get().created == 4


@worker_test
def test_upload_with_a_publisher_and_address_attributes_its_stories(reference_data, editor_client):
    form = {"publisher": "Asharq Al-Awsat", "url": "english.aawsat.com/page"}
    upload(editor_client, MULTI_STORY.read_bytes(), **form)
    run_worker()
    assert {json.dumps(a["publisher"]) for a in export()} == {
        '{"name": "Asharq Al-Awsat", "url": "https://english.aawsat.com/page"}'
    }


def test_upload_with_a_bad_address_says_so_and_stores_nothing(editor_client):
    form = {"file": SimpleUploadedFile("page.txt", b"x"), "url": "javascript:alert(1)"}
    page = editor_client.post(f"{ARTICLES}upload/", form).content.decode()
    assert "Enter a valid URL." in page
    assert Article.objects.count() == 0


def test_caption_edit_keeps_the_ingested_text_for_matching(editor_client, seeded):
    caption = Caption.objects.get(article=seeded["Dozen"])
    caption.text = "Patients wait at the Red Crescent Hospital in Khan Yunis."
    caption.save()
    ingest(SEEDS)
    assert Caption.objects.filter(article=seeded["Dozen"]).count() == 1


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_admin_list_query_count_is_the_same_at_100_and_1000_articles(editor_client):
    from tests.factories import bulk_articles

    bulk_articles(100)
    urls = [
        ARTICLES,
        ARTICLES + "?region=LB",
        ARTICLES + "?q=story",
        ARTICLES + "?published_on__year=2024",
    ]
    at_100 = [count_queries(editor_client, url) for url in urls]
    bulk_articles(900, start=100)
    at_1000 = [count_queries(editor_client, url) for url in urls]
    print(f"admin article list queries at 100: {at_100}, at 1,000: {at_1000}")
    assert at_100 == at_1000
