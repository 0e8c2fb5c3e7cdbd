"""Large objects open and save in the admin. A thread of 2,680 stories, or a story naming
5,000 people, put a form per row on the page, went over Django's limit of 1,000 fields a
request and answered 400 (a red team's finding). Each inline now shows its first
ROWS_ON_THE_PAGE rows, counts the others and links to the list of them all; a save
changes what the editor changed and leaves the rows not shown as they are."""

import datetime
import hashlib
from html.parser import HTMLParser

import pytest
from django.conf import settings

from newsreader.coverage_admin import ROWS_ON_THE_PAGE
from newsreader.models import (
    Article,
    ArticleOrganisation,
    ArticlePerson,
    ArticleRegion,
    ArticleSource,
    Caption,
    IngestedFile,
    Organisation,
    Person,
    Provenance,
    Region,
    Source,
    Thread,
)
from tests.factories import make_article

pytestmark = pytest.mark.django_db

MANY = 1_200


class BrowserForm(HTMLParser):
    """The fields a browser sends for a page's main form: every named input, select and
    text area (the inlines' hidden empty forms too), checkboxes only when ticked."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.in_form = attributes.get("id") == self.form_id
        if not self.in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if (kind == "checkbox" and "checked" not in attributes) or kind == "submit":
                return
            default = "on" if kind == "checkbox" else ""
            self.fields.append((name, attributes.get("value") or default))
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select:
            self.options.append((attributes.get("value") or "", "selected" in attributes))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected]
            if chosen or self.options:  # a browser sends the first option if none is chosen
                self.fields.append((self.select, (chosen or [self.options[0][0]])[0]))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def browser_form(response, form_id: str) -> list[tuple[str, str]]:
    assert response.status_code == 200
    parser = BrowserForm(form_id)
    parser.feed(response.content.decode())
    return parser.fields


def post(client, url: str, fields: list[tuple[str, str]], **changes):
    """Posts the fields as a browser would, with the editor's changes."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


def rows(model, **lookup) -> list[tuple]:
    return list(model.objects.filter(**lookup).order_by("pk").values_list())


# -- data ----------------------------------------------------------------------------


def article_naming(people: int, organisations: int = 0) -> Article:
    """A story naming that many people and organisations, as an editor left it (people
    and organisations marked as edited, so re-naming after a save keeps them)."""
    article = make_article("A crowded story", caption="A crowd in the square")
    article.mark_edited("people", "organisations")
    article.save(update_fields=["edited_fields"])
    named = Person.objects.bulk_create(
        Person(name=f"Person {i}", slug=f"person-{i}") for i in range(people)
    )
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person=person, role="official") for person in named
    )
    named = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i}", slug=f"organisation-{i}")
        for i in range(organisations)
    )
    ArticleOrganisation.objects.bulk_create(
        ArticleOrganisation(article=article, organisation=org) for org in named
    )
    return article


def thread_of(stories: int) -> Thread:
    thread = Thread.objects.create(title="A long war")
    Article.objects.bulk_create(
        Article(
            title=f"Day {i} of the war",
            slug=f"day-{i}-of-the-war",
            title_key=f"day {i} of the war",
            body=f"Paragraph {i}.\n\nMore.",
            body_fingerprint=hashlib.sha256(f"war {i}".encode()).hexdigest(),
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            date_source="body",
            thread=thread,
        )
        for i in range(stories)
    )
    return thread


def article_large_in_every_inline(count: int) -> Article:
    """A story with ``count`` (or as many as there are) captions, regions, sources,
    people, organisations and files, more than a page shows of each."""
    article = article_naming(count, count)
    Caption.objects.bulk_create(
        Caption(article=article, text=f"Caption {i}", position=i) for i in range(1, count)
    )
    ArticleRegion.objects.bulk_create(
        ArticleRegion(article=article, region=region)
        for region in Region.objects.exclude(article_links__article=article)[:count]
    )
    ArticleSource.objects.bulk_create(
        ArticleSource(article=article, source=source, role=role)
        for source in Source.objects.all()[:count]
        for role in ("cited", "photo_credit")
    )
    files = IngestedFile.objects.bulk_create(
        IngestedFile(name=f"page-{i}.txt", sha256=f"{i:064x}", size=100) for i in range(count)
    )
    Provenance.objects.bulk_create(
        Provenance(article=article, file=file, body_fingerprint="f") for file in files
    )
    return article


def article_url(article: Article) -> str:
    return f"/admin/newsreader/article/{article.pk}/change/"


def thread_url(thread: Thread) -> str:
    return f"/admin/newsreader/thread/{thread.pk}/change/"


# -- an article naming many people ---------------------------------------------------


def test_an_article_naming_many_people_opens_with_a_bounded_form(
    admin_client, django_assert_max_num_queries
):
    article = article_naming(MANY)
    with django_assert_max_num_queries(40):
        response = admin_client.get(article_url(article))
    fields = browser_form(response, "article_form")
    people = [name for name, _ in fields if name.startswith("article_people-")]
    assert len(people) < 10 * ROWS_ON_THE_PAGE
    assert len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    page = response.content.decode()
    assert f"The first {ROWS_ON_THE_PAGE} of 1,200 are shown above" in page
    assert f"/admin/newsreader/person/?article_links__article__id__exact={article.pk}" in page


def test_saving_an_article_naming_many_people_changes_the_title_alone(admin_client):
    article = article_naming(MANY)
    people = rows(ArticlePerson, article=article)
    fields = browser_form(admin_client.get(article_url(article)), "article_form")
    response = post(admin_client, article_url(article), fields, title="A crowded square")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "A crowded square"
    assert set(article.edited_fields) == {"people", "organisations", "title"}
    assert rows(ArticlePerson, article=article) == people


def test_removing_a_person_shown_keeps_the_people_not_shown(admin_client):
    article = article_naming(MANY)
    fields = browser_form(admin_client.get(article_url(article)), "article_form")
    first = dict(fields)["article_people-0-id"]
    response = post(admin_client, article_url(article), fields, **{"article_people-0-DELETE": "on"})
    assert response.status_code == 302
    assert ArticlePerson.objects.filter(article=article).count() == MANY - 1
    assert not ArticlePerson.objects.filter(pk=first).exists()


def test_a_person_not_shown_cannot_be_changed_through_the_form(admin_client):
    """The form edits the rows it shows: a row's id sent in place of a shown one's (an old
    page, or a tampered one) is skipped, not saved."""
    article = article_naming(MANY)
    hidden = ArticlePerson.objects.filter(article=article).order_by("-pk").first()
    fields = browser_form(admin_client.get(article_url(article)), "article_form")
    changes = {"article_people-0-id": str(hidden.pk), "article_people-0-role": "minister"}
    assert post(admin_client, article_url(article), fields, **changes).status_code == 302
    hidden.refresh_from_db()
    assert hidden.role == "official"
    assert ArticlePerson.objects.filter(article=article).count() == MANY


def test_an_article_large_in_every_inline_stays_under_the_field_limit(admin_client):
    article = article_large_in_every_inline(2 * ROWS_ON_THE_PAGE)
    before = {
        model: rows(model, article=article)
        for model in (Caption, ArticleRegion, ArticleSource, ArticlePerson, Provenance)
    }
    response = admin_client.get(article_url(article))
    fields = browser_form(response, "article_form")
    assert len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert response.content.decode().count('class="help rows-not-shown"') == 6
    assert post(admin_client, article_url(article), fields).status_code == 302
    assert {model: rows(model, article=article) for model in before} == before


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("captions", 2 * ROWS_ON_THE_PAGE),
        ("article_regions", 2 * ROWS_ON_THE_PAGE + 1),  # and the primary
        ("article_people", 2 * ROWS_ON_THE_PAGE),
        ("article_organisations", 2 * ROWS_ON_THE_PAGE),
        ("provenance", 2 * ROWS_ON_THE_PAGE),
    ],
)
def test_each_count_links_to_the_list_of_all_the_rows(admin_client, prefix, expected):
    article = article_large_in_every_inline(2 * ROWS_ON_THE_PAGE)
    response = admin_client.get(article_url(article))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )
    assert formset.row_count == expected
    listed = admin_client.get(formset.all_rows_url)
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == expected


def test_the_sources_link_lists_each_source_once(admin_client):
    article = article_large_in_every_inline(2 * ROWS_ON_THE_PAGE)
    sources = ArticleSource.objects.filter(article=article).values("source").distinct().count()
    response = admin_client.get(article_url(article))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "article_sources"
    )
    assert admin_client.get(formset.all_rows_url).context["cl"].result_count == sources


def test_a_small_article_shows_every_row_and_no_count(admin_client):
    article = article_naming(3)
    page = admin_client.get(article_url(article)).content.decode()
    assert "Person 2" in page
    assert "rows-not-shown" not in page


# -- a thread of many stories --------------------------------------------------------


def test_a_thread_of_many_stories_opens_with_its_newest_and_a_link(
    admin_client, django_assert_max_num_queries
):
    thread = thread_of(MANY)
    with django_assert_max_num_queries(10):
        response = admin_client.get(thread_url(thread))
    fields = browser_form(response, "thread_form")
    assert len(fields) < 10 * ROWS_ON_THE_PAGE
    page = response.content.decode()
    assert f"Day {MANY - 1} of the war" in page
    assert "Day 0 of the war" not in page
    assert f"/admin/newsreader/article/?thread__id__exact={thread.pk}" in page
    listed = admin_client.get(f"/admin/newsreader/article/?thread__id__exact={thread.pk}")
    assert listed.context["cl"].result_count == MANY


def test_renaming_a_thread_of_many_stories_keeps_its_stories(admin_client):
    thread = thread_of(MANY)
    stories = rows(Article, thread=thread)
    fields = browser_form(admin_client.get(thread_url(thread)), "thread_form")
    response = post(admin_client, thread_url(thread), fields, title="The long war")
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.title == "The long war"
    assert rows(Article, thread=thread) == stories
