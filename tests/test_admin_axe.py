"""The editors' pages pass axe-core in light and dark, with no console error or CSP
violation (check_page): a story's change form with rows in every inline, the rows an
editor adds, the lists and forms of people, threads and the reference data.

What axe found before (Django 5.2's stock widgets and our inlines), and where it is fixed:
unlabelled fields and empty header cells in the tabular inlines
(templates/admin/edit_inline/tabular.html), autocomplete comboboxes with no name when
empty (static/js/admin.js), breadcrumb links told apart by colour alone
(static/css/admin.css), a blank value's filter link with no text (templates/admin/filter.html).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsreader.coverage_admin import ROWS_ON_THE_PAGE
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    IngestedFile,
    Organisation,
    Person,
    Provenance,
    Source,
    Thread,
)
from tests.browsing import check_page
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

PASSWORD = "a long editor passphrase"


@pytest.fixture
def story(reference_data) -> Article:
    """A story in a thread with a row in every inline: a caption, two regions, two
    sources, a person, an organisation, a file; the person has a country, another none."""
    story = make_article(
        "Talks resume in Beirut",
        places=("beirut",),
        caption="Delegates arrive",
        credit="afp",
        cited=("reuters",),
    )
    story.thread = Thread.objects.create(title="Talks on the ceasefire")
    story.save(update_fields=["thread"])
    director = Person.objects.create(name="Faisal al-Harbi", slug="faisal-al-harbi", country="SA")
    Person.objects.create(name="Nawaf Salam", slug="nawaf-salam")
    ArticlePerson.objects.create(article=story, person=director, role="director", country="SA")
    crescent = Organisation.objects.create(name="Red Crescent", slug="red-crescent")
    ArticleOrganisation.objects.create(article=story, organisation=crescent)
    page_file = IngestedFile.objects.create(name="beirut-talks.txt", sha256="a" * 64, size=10)
    Provenance.objects.create(article=story, file=page_file, body_fingerprint="f")
    return story


@pytest.fixture
def editor_page(reference_data, live_server, page):
    """The page, logged in as a member of the Editors group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("eda", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("eda")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()
    return page


def change_url(obj) -> str:
    return f"/admin/newsreader/{obj._meta.model_name}/{obj.pk}/change/"


def test_a_story_s_change_form_passes_axe(live_server, editor_page, story):
    editor_page.goto(live_server.url + change_url(story))
    check_page(editor_page, "admin-article-change")


@pytest.mark.thorough  # the story's form itself is checked in the fast tier
def test_the_rows_an_editor_adds_to_a_story_pass_axe(live_server, editor_page, story):
    """A new row's autocomplete field is empty, which left its combobox with no name."""
    editor_page.goto(live_server.url + change_url(story))
    for inline in ("Caption", "Region", "Source", "Person named", "Organisation named"):
        editor_page.get_by_role("button", name=f"Add another {inline}").click()
    # Each new row's autocomplete field, named after its label.
    expect(editor_page.get_by_role("combobox", name="Person", exact=True)).to_have_count(1)
    expect(editor_page.get_by_role("combobox", name="Photo credit:", exact=True)).to_have_count(1)
    check_page(editor_page, "admin-article-rows-added")


@pytest.mark.thorough  # the story's form itself is checked in the fast tier
def test_a_story_with_more_rows_than_shown_passes_axe(live_server, editor_page, story):
    """The count of the rows not shown, and its link to them all."""
    crowd = Person.objects.bulk_create(
        Person(name=f"Person {i}", slug=f"person-{i}") for i in range(ROWS_ON_THE_PAGE)
    )
    ArticlePerson.objects.bulk_create(ArticlePerson(article=story, person=p) for p in crowd)
    editor_page.goto(live_server.url + change_url(story))
    expect(editor_page.locator(".rows-not-shown")).to_contain_text("See all")
    check_page(editor_page, "admin-article-more-rows")


# The other pages of the desk: the thorough tier (the story's form is in the fast one).
@pytest.mark.thorough
@pytest.mark.parametrize(
    "name, path",
    [
        ("admin-index", lambda story: "/admin/"),
        ("admin-article-list", lambda story: "/admin/newsreader/article/"),
        ("admin-article-add", lambda story: "/admin/newsreader/article/add/"),
        ("admin-person-list", lambda story: "/admin/newsreader/person/"),
        ("admin-person-change", lambda story: change_url(Person.objects.get(country="SA"))),
        ("admin-thread-list", lambda story: "/admin/newsreader/thread/"),
        ("admin-thread-change", lambda story: change_url(story.thread)),
        ("admin-organisation-change", lambda story: change_url(Organisation.objects.get())),
        ("admin-caption-change", lambda story: change_url(story.captions.get())),
        ("admin-region-change", lambda story: change_url(story.primary_region)),
        ("admin-source-change", lambda story: change_url(Source.objects.get(slug="afp"))),
    ],
)
def test_an_editor_s_page_passes_axe(live_server, editor_page, story, name, path):
    editor_page.goto(live_server.url + path(story))
    check_page(editor_page, name)
