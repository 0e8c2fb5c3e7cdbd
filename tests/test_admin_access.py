"""Every admin URL, walked as anonymous, non-staff, editor and superuser: each role gets
what it may have and nothing more."""

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, resolve, reverse
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from newsreader.models import (
    Article,
    Caption,
    IngestedFile,
    Organisation,
    Person,
    Region,
    Source,
    Thread,
    Upload,
)
from newsreader.tasks import enqueue_upload
from tests.conftest import SEEDS, ingest

pytestmark = pytest.mark.django_db

# What an editor may do with each model: l(ist), a(dd), c(hange page), d(elete),
# h(istory), r(ecover deleted versions). Nothing with accounts or the login records.
EDITOR_MAY = {
    "newsreader.article": "lacdhr",
    "newsreader.caption": "lacdh",
    "newsreader.region": "lachr",
    "newsreader.source": "lachr",
    "newsreader.ingestedfile": "lch",  # view only
    "newsreader.upload": "lch",  # view only
    "newsreader.thread": "lacdh",
    "newsreader.person": "lacdh",
    "newsreader.organisation": "lacdh",
}
# Object pages an editor opens without "change" permission show read-only, still 200.
# Records the system writes (ingested files, login attempts): nobody adds them by hand.
SYSTEM_RECORDS = {
    "newsreader.ingestedfile",
    "newsreader.upload",
    "django_tasks_database.dbtaskresult",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


@pytest.fixture
def objects():
    ingest(SEEDS)
    article = Article.objects.order_by("pk").first()
    with reversion.create_revision():
        article.save()
    region = Region.objects.get(slug="gaza")
    with reversion.create_revision():
        region.save()
    source = Source.objects.get(slug="afp")
    with reversion.create_revision():
        source.save()
    user_model = get_user_model()
    users = {
        "non-staff": user_model.objects.create_user("reader", password="a long passphrase"),
        "editor": user_model.objects.create_user(
            "eda", password="a long passphrase", is_staff=True
        ),
        "superuser": user_model.objects.create_superuser("chief", "c@example.org", "a long pass"),
    }
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    attempt = AccessAttempt.objects.create(
        username="x", ip_address="203.0.113.1", user_agent="t", failures_since_start=1
    )
    upload = Upload.objects.create(name="page.txt", size=1, content=b"x")
    enqueue_upload(upload)
    log = AccessLog.objects.create(username="eda", ip_address="203.0.113.1", user_agent="t")
    failure = AccessFailureLog.objects.create(
        username="x", ip_address="203.0.113.1", user_agent="t"
    )
    instances = {
        Article: article,
        Caption: Caption.objects.order_by("pk").first(),
        Region: region,
        Source: source,
        IngestedFile: IngestedFile.objects.order_by("pk").first(),
        user_model: users["superuser"],
        Group: Group.objects.get(name="Editors"),
        AccessAttempt: attempt,
        AccessLog: log,
        AccessFailureLog: failure,
        Upload: upload,
        DBTaskResult: DBTaskResult.objects.get(),
        Thread: Thread.objects.create(title="A developing story"),
        Person: Person.objects.order_by("pk").first(),
        Organisation: Organisation.objects.order_by("pk").first(),
    }
    return {"users": users, "instances": instances, "article": article}


def admin_url_names() -> set[str]:
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(admin.site.get_urls())
    return names


def walk_urls(objects) -> list[tuple[str, str, str]]:
    """(url, model label or "", what it does: one of EDITOR_MAY's letters, or a name)."""
    urls = [
        (reverse("admin:index"), "", "index"),
        (reverse("admin:password_change"), "", "password"),
        (reverse("admin:password_change_done"), "", "password"),
        (reverse("admin:jsi18n"), "", "jsi18n"),
        (
            reverse("admin:autocomplete")
            + "?app_label=newsreader&model_name=caption&field_name=photo_credit&term=af",
            "",
            "autocomplete",
        ),
        (
            reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Article).pk, objects["article"].pk],
            ),
            "",
            "view_on_site",
        ),
    ]
    registered = [model for model in apps.get_models() if admin.site.is_registered(model)]
    for app_label in {model._meta.app_label for model in registered}:
        urls.append((reverse("admin:app_list", args=[app_label]), app_label, "app"))
    for model in registered:
        model_admin = admin.site.get_model_admin(model)
        label = model._meta.label_lower
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = objects["instances"][model]
        urls += [
            (reverse(f"{info}_changelist"), label, "l"),
            (reverse(f"{info}_add"), label, "a"),
            (reverse(f"{info}_change", args=[obj.pk]), label, "c"),
            (reverse(f"{info}_history", args=[obj.pk]), label, "h"),
            (reverse(f"{info}_delete", args=[obj.pk]), label, "d"),
        ]
        if model is get_user_model():
            urls.append((reverse("admin:auth_user_password_change", args=[obj.pk]), label, "x"))
        if isinstance(model_admin, reversion.admin.VersionAdmin):
            version = Version.objects.get_for_object(obj).first()
            urls += [
                (reverse(f"{info}_recoverlist"), label, "r"),
                (reverse(f"{info}_recover", args=[version.pk]), label, "r"),
                (reverse(f"{info}_revision", args=[obj.pk, version.pk]), label, "c"),
            ]
        if model is Article:
            urls.append((reverse("admin:newsreader_article_upload"), label, "a"))
            upload = objects["instances"][Upload]
            urls.append(
                (reverse("admin:newsreader_article_upload_status", args=[upload.pk]), label, "a")
            )
            urls.append((reverse("admin:newsreader_article_preview", args=[obj.pk]), label, "c"))
    return urls


def test_the_walk_covers_every_admin_url(objects):
    walked = {resolve(url.split("?")[0]).url_name for url, _, _ in walk_urls(objects)}
    # Logging in and out are their own tests (test_admin.py, test_editorial.py).
    assert admin_url_names() - walked == {"login", "logout"}


def expected_status(role: str, label: str, kind: str) -> int:
    if role in ("anonymous", "non-staff"):
        return 302  # to the login page
    if kind == "view_on_site":
        return 302  # to the article on the site
    if kind == "a" and label in SYSTEM_RECORDS:
        return 403
    if kind == "d" and label == "django_tasks_database.dbtaskresult":
        return 403  # the task queue's history is kept, even from a superuser
    if role == "superuser" or kind in ("index", "password", "jsi18n", "autocomplete"):
        return 200
    if kind == "app":
        return 200 if label == "newsreader" else 404
    if kind == "a" and label == "newsreader.article":
        return 200  # the change form and upload both need "add"
    return 200 if kind in EDITOR_MAY.get(label, "") else 403


@pytest.mark.parametrize("role", ["anonymous", "non-staff", "editor", "superuser"])
def test_each_role_gets_what_it_may_on_every_admin_url(objects, role):
    client = Client()
    if role != "anonymous":
        client.force_login(objects["users"][role])
    wrong = []
    for url, label, kind in walk_urls(objects):
        response = client.get(url)
        expected = expected_status(role, label, kind)
        if response.status_code != expected:
            wrong.append((url, response.status_code, expected))
        elif expected == 302 and role in ("anonymous", "non-staff"):
            assert response["Location"].startswith("/admin/login/?next="), url
    assert wrong == [], "\n".join(map(str, wrong))
    assert Article.objects.count() == 4  # walking changed nothing


def test_logout_is_post_only(objects, client):
    client.force_login(objects["users"]["editor"])
    assert client.get(reverse("admin:logout")).status_code == 405
    assert client.post(reverse("admin:logout")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_username_longer_than_any_account_s_is_refused_in_a_sentence(client):
    """It is never looked up: django-axes, which records failed logins, holds 255
    characters, and on PostgreSQL a longer name failed the login with a 500."""
    response = client.post("/admin/login/", {"username": "a" * 5000, "password": "wrong"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
