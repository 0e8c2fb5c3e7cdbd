"""Who published a story when nobody says: the outlet its page shows it is, its byline's
writers, and a wire story several outlets republished as one article that lists them all.
Every headline, name and number below is invented for these tests."""

import pytest

from newsreader.models import Article, IngestedFile, Source
from tests.conftest import export, html, ingest
from tests.test_outlets_layouts import CASES, UNKNOWN_OUTLET

pytestmark = pytest.mark.django_db

PUBLISHERS = {
    "the-national": "The National",
    "ahram-online": "Al-Ahram",
    "naharnet": "Naharnet",
    "shafaq-news": "Shafaq News",
    "rudaw": "Rudaw",
    "kurdistan24": "Kurdistan24",
    "al-arabiya": "Al Arabiya",
    # The reference data knows Egypt Independent as Al-Masry Al-Youm's English site.
    "egypt-independent": "Al-Masry Al-Youm",
    "now-lebanon": "NOW Lebanon",
    "the-new-arab": "The New Arab",
    "arab-news": "Arab News",
}


def ingest_text(tmp_path, name: str, text: str, **options) -> None:
    path = tmp_path / name
    path.write_text(text)
    ingest(path, **options)


@pytest.mark.parametrize("outlet", sorted(PUBLISHERS))
def test_an_outlet_s_page_is_published_by_that_outlet(tmp_path, outlet):
    ingest_text(tmp_path, f"{outlet}.txt", CASES[outlet][0])
    (story,) = export()
    assert story["publisher"]["name"] == PUBLISHERS[outlet]
    assert [copy["name"] for copy in story["publishers"]] == [PUBLISHERS[outlet]]


def test_a_page_that_shows_no_outlet_has_no_publisher(tmp_path):
    # A dateline that another outlet's pages also print ("City, day month year") names
    # no outlet: the page is nobody's in particular.
    text = UNKNOWN_OUTLET.format(boilerplate="Muscat, 12 March 2025")
    ingest_text(tmp_path, "unknown.txt", text)
    (story,) = export()
    assert story["publisher"] is None
    assert story["publishers"] == []


def test_the_publisher_the_ingest_is_told_stands_over_the_page_s(tmp_path):
    ingest_text(tmp_path, "rudaw.txt", CASES["rudaw"][0], publisher="Asharq Al-Awsat")
    (story,) = export()
    assert story["publisher"]["name"] == "Asharq Al-Awsat"


def test_an_outlet_first_seen_gets_a_source_page_of_its_own(tmp_path, client):
    ingest_text(tmp_path, "national.txt", CASES["the-national"][0])
    source = Source.objects.get(name="The National")
    page = html(client.get(source.get_absolute_url()))
    assert "Fujairah Opens Desalination Plant" in page


# -- bylines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and Sami Nasr", ["Jane Doe", "Sami Nasr"]),
        (
            "Written by Lina Haddad, Omar Talib and Rami Aziz",
            ["Lina Haddad", "Omar Talib", "Rami Aziz"],
        ),
        ("By AFP", []),  # an agency is a cited source, not a writer
        ("By Reuters", []),
    ],
)
def test_a_byline_names_the_story_s_writers(tmp_path, byline, authors):
    text = UNKNOWN_OUTLET.replace("\nA fisherman", f"\n{byline}\nA fisherman")
    ingest_text(tmp_path, "story.txt", text.format(boilerplate=""))
    (story,) = export()
    assert story["authors"] == authors
    assert byline not in story["body"]


def test_the_page_names_the_writers(tmp_path, client):
    text = UNKNOWN_OUTLET.replace("\nA fisherman", "\nBy Jane Doe and Sami Nasr\nA fisherman")
    ingest_text(tmp_path, "story.txt", text.format(boilerplate=""))
    page = html(client.get(Article.objects.get().get_absolute_url()))
    assert (
        'By <span class="author">Jane Doe</span> and <span class="author">Sami Nasr</span>' in page
    )


# -- one wire story, several outlets ---------------------------------------------------

WIRE = [
    "Jordan said on Monday it would open a second crossing for aid trucks bound for Syria, "
    "as the UN warned that food stocks in the south were running low.",
    "The crossing near Ramtha will take up to two hundred trucks a day, the interior "
    "ministry said in a statement carried by the state news agency.",
    "Aid groups have asked for months for more routes into southern Syria, where fighting "
    "has cut the roads from Damascus.",
    "The UN's food agency said it had enough flour in the region for three more weeks.",
]


def national_copy() -> str:
    return (
        "Abu Dhabi, UAEMonday 3 March 2025\nUAE Edition\n\n"
        "Jordan Opens Second Crossing for Syria Aid\n\n"
        "Trucks wait at the border near Ramtha on Monday. (AFP)\n\n"
        + "\n\n".join(WIRE)
        + "\nMore from The National\nAbu Dhabi Opens New Library\n"
    )


def naharnet_copy() -> str:
    # Republished with a headline of its own and a word changed.
    edited = [WIRE[0].replace("on Monday", "Monday"), *WIRE[1:]]
    return (
        "Jordan to Open Second Crossing for Aid to Syria\n"
        "Trucks wait at the border near Ramtha. (AFP)\n"
        "by Naharnet Newsdesk\n3 March 2025, 14:10\n\n" + "\n\n".join(edited) + "\n"
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_a_wire_story_republished_by_several_outlets_is_one_article_that_lists_them(
    tmp_path, client, reverse
):
    copies = [("national.txt", national_copy()), ("naharnet.txt", naharnet_copy())]
    for name, text in reversed(copies) if reverse else copies:
        ingest_text(tmp_path, name, text, url=f"https://example.org/{name}")
    (story,) = export()
    assert sorted(copy["name"] for copy in story["publishers"]) == ["Naharnet", "The National"]
    assert story["publishers"][0]["name"] == story["publisher"]["name"]
    assert {copy["url"] for copy in story["publishers"]} == {
        "https://example.org/national.txt",
        "https://example.org/naharnet.txt",
    }
    page = html(client.get(Article.objects.get().get_absolute_url()))
    assert "Published by" in page and "Naharnet" in page and "The National" in page
    assert 'href="https://example.org/naharnet.txt"' in page


def test_the_order_of_arrival_gives_the_same_article(tmp_path):
    results = []
    for reverse in (False, True):
        Article.objects.all().delete()
        IngestedFile.objects.all().delete()
        (tmp_path / str(reverse)).mkdir()
        copies = [("national.txt", national_copy()), ("naharnet.txt", naharnet_copy())]
        for name, text in reversed(copies) if reverse else copies:
            ingest_text(tmp_path / str(reverse), name, text, url=f"https://example.org/{name}")
        (story,) = export()
        results.append((story["title"], story["publisher"], story["publishers"], story["body"]))
    assert results[0] == results[1]


# -- when a page was last changed ----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "updated"),
    [
        ("Last Update: 19 April 2025 10:35", "2025-04-19"),
        ("Updated: April 21, 2025, 6:40 PM", "2025-04-21"),
    ],
)
def test_a_last_update_line_is_kept_as_such_never_as_the_published_date(
    tmp_path, client, line, updated
):
    ingest_text(tmp_path, "story.txt", UNKNOWN_OUTLET.format(boilerplate=line))
    (story,) = export()
    assert story["updated"] == updated
    assert story["published"] is None  # the page prints no date of its own
    assert line not in story["body"]
    page = html(client.get(Article.objects.get().get_absolute_url()))
    assert f'Updated <time datetime="{updated}">' in page
    assert "no date given" in page


def test_of_two_copies_the_later_update_stands_whichever_came_first(tmp_path):
    results = []
    for reverse in (False, True):
        Article.objects.all().delete()
        IngestedFile.objects.all().delete()
        folder = tmp_path / str(reverse)
        folder.mkdir()
        lines = ["Last Update: 19 April 2025 10:35", "Last Update: 20 April 2025 08:00"]
        for number, line in enumerate(reversed(lines) if reverse else lines):
            ingest_text(folder, f"{number}.txt", UNKNOWN_OUTLET.format(boilerplate=line))
        (story,) = export()
        results.append(story["updated"])
    assert results == ["2025-04-20", "2025-04-20"]
