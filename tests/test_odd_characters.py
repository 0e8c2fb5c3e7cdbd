"""NUL and other control characters: handled the same way on SQLite and PostgreSQL.

CI runs this module on both databases; each test states the one behaviour both must show.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsreader.models import Article, Caption
from tests.conftest import export, ingest
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CONTROLS = "\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b"


def test_control_characters_in_a_file_become_single_spaces(tmp_path):
    title = f"Gaza{CONTROLS}Talks Stall\x1b[31m Again"
    caption = "Smoke over\x07Beirut\x0b today (AFP)"
    # A few stray controls in a story, as a scrape leaves them (a file that is more than 1%
    # controls is binary, and refused).
    body = [
        "Officials in Cairo\x7fsaid talks\x85resumed.",
        "A second\x1b[0m paragraph\x08.",
        "The talks went on. " * 200,
    ]
    header = f"{title}\n{caption}\n{caption}\n"
    path = tmp_path / "controls.txt"
    path.write_text(f"{header}TT\n{header}" + "\n".join(body) + "\n", encoding="utf-8")
    ingest(path)
    article = Article.objects.get()
    assert article.title == "Gaza Talks Stall [31m Again"
    assert article.body.startswith(
        "Officials in Cairo said talks resumed.\n\nA second [0m paragraph .\n\nThe talks"
    )
    assert Caption.objects.get().text == "Smoke over Beirut today"
    # Place names next to a control character are still found.
    assert {region["slug"] for region in export()[0]["regions"]} >= {"gaza", "cairo", "beirut"}


def test_a_file_with_nul_bytes_is_refused_and_nothing_is_stored(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Gaza Talks Stall\n\x00\nOfficials in Cairo said talks resumed.\n" * 3)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == f"{path}: the file is binary, not text."
    assert Article.objects.count() == 0


def test_nul_in_utf16_text_is_a_space_not_an_error(tmp_path):
    # In UTF-16 every ASCII letter carries a zero byte: only a decoded NUL counts.
    path = tmp_path / "utf16.txt"
    path.write_text("Officials in Cairo\x00said talks resumed.\n", encoding="utf-16")
    ingest(path)
    assert Article.objects.get().body == "Officials in Cairo said talks resumed."


def test_nul_typed_into_the_admin_is_a_form_error(admin_client, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Officials in Cairo said talks resumed.\n")
    ingest(path)
    article = Article.objects.get()
    response = admin_client.post(
        f"/admin/newsreader/article/{article.pk}/change/",
        {"title": "Cairo\x00talks", "body": article.body, "status": "published"},
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Officials in Cairo said talks resumed"


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=gaza%00",
        "/regions/lebanon/?place=%00",
        "/api/articles/?region=lb%00",
        "/api/articles/?cursor=%00",
        "/api/articles/?q=%00",
        "/archive/2026/?from=2026-01-01%00",
        "/?%00=1",
    ],
)
def test_nul_in_a_url_parameter_gets_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


@pytest.mark.parametrize("q", ["gaza\x07", "\x1bgaza", "gaza\x7f\x85", "\x0bgaza\x0c"])
def test_other_control_characters_in_a_search_are_answered(client, q):
    """Read as the word around them: the story about Gaza is found."""
    story = make_article("Gaza crossing reopens for aid", region="lebanon")
    page = client.get("/search/", {"q": q})
    assert page.status_code == 200
    assert story.title in page.content.decode()
    api = client.get("/api/articles/", {"q": q})
    assert api.status_code == 200
    assert [found["id"] for found in api.json()["results"]] == [story.pk]
