"""What the pages say of a story: where it is about, where it came from, how it is
shared."""

import datetime
import json
import re

import pytest

from newsreader.models import Article, Source
from tests.conftest import html
from tests.factories import make_article

pytestmark = pytest.mark.django_db


# -- what a story is about, and where it came from -------------------------------------


def test_more_from_a_region_offers_stories_about_it_not_ones_that_mention_it(client):
    story = make_article("A Riyadh story", region="saudi-arabia")
    make_article("Another Saudi story", region="saudi-arabia")
    make_article("A Beirut story naming Riyadh", region="lebanon", places=("saudi-arabia",))
    page = html(client.get(story.get_absolute_url()))
    assert "Another Saudi story" in page
    assert "A Beirut story naming Riyadh" not in page


def test_a_region_list_says_which_stories_only_mention_the_region(client):
    make_article("About Saudi Arabia", region="saudi-arabia")
    make_article("About Lebanon", region="lebanon", places=("saudi-arabia",))
    page = html(client.get("/regions/saudi-arabia/"))
    cards = {
        card.split("</a>")[0].rsplit(">", 1)[1]: card
        for card in page.split('<li class="story"')[1:]
    }
    assert "Also mentions Saudi Arabia" in cards["About Lebanon"]
    assert "Also mentions" not in cards["About Saudi Arabia"]
    assert "Also mentions" not in html(client.get("/regions/lebanon/"))
    gulf = html(client.get("/regions/gulf-and-arabian-peninsula/"))
    assert gulf.count("Also mentions Gulf and Arabian Peninsula") == 1


def test_region_counts_count_each_story_once_as_its_page_lists_it(client):
    make_article("Lebanon and Syria", region="lebanon", places=("syria",))
    make_article("Syria alone", region="syria")
    make_article("A draft", region="lebanon", status=Article.Status.DRAFT)
    page = html(client.get("/regions/"))
    assert re.search(r'>Levant</a> <span class="count">2 stories</span>', page)
    assert re.search(r'>Syria</a> <span class="count">2</span>', page)
    assert re.search(r'>Lebanon</a> <span class="count">1</span>', page)
    api = {r["slug"]: r["article_count"] for r in client.get("/api/regions/").json()["results"]}
    assert (api["levant"], api["syria"], api["lebanon"]) == (2, 2, 1)
    assert html(client.get("/regions/levant/")).count('<li class="story"') == 2


def test_a_caption_without_its_photo_follows_the_first_paragraph_and_is_labelled(client):
    story = make_article(
        body="The opening paragraph.\n\nThe second paragraph.",
        caption="Rescuers search the rubble in Gaza City.",
        credit="afp",
    )
    page = html(client.get(story.get_absolute_url()))
    assert "Photo in the original" in page
    assert (
        page.index("The opening paragraph.")
        < page.index("Photo in the original")
        < page.index("Rescuers search the rubble")
        < page.index("The second paragraph.")
    )


def test_an_article_page_has_share_metadata_and_news_article_structured_data(client):
    story = make_article("Talks </script><script>alert(1)</script> resume")
    page = html(client.get(story.get_absolute_url()))
    url = f"http://testserver{story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert 'og:title" content="Talks &lt;/script&gt;' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert page.count("</script>") == page.count("<script")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["datePublished"] == "2026-01-15"
    assert data["url"] == url


def test_an_undated_story_claims_no_publication_date_to_search_engines(client):
    story = make_article("Undated", published_on=None)
    page = html(client.get(story.get_absolute_url()))
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
    assert "datePublished" not in data
    assert "article:published_time" not in page


def test_a_source_page_separates_what_it_published_cited_and_photographed(client):
    afp = Source.objects.get(slug="afp")
    own = make_article("An AFP story")
    Article.objects.filter(pk=own.pk).update(publisher=afp)
    make_article("Citing AFP", cited=("afp",))
    make_article("With an AFP photo", caption="A photo", credit="afp")
    pages = {
        role: html(client.get(f"/sources/afp/?role={role}"))
        for role in ("published", "cited", "photo_credit")
    }
    assert "An AFP story" in pages["published"] and "Citing AFP" not in pages["published"]
    assert "Citing AFP" in pages["cited"] and "An AFP story" not in pages["cited"]
    assert (
        "With an AFP photo" in pages["photo_credit"] and "Citing AFP" not in pages["photo_credit"]
    )
    assert re.search(r'aria-current="page">Citing it <span class="count">1</span>', pages["cited"])
    assert "An AFP story" in html(client.get("/sources/afp/"))  # published comes first
    index = html(client.get("/sources/"))
    assert "published 1" in index and "cited in 1" in index and "photos in 1" in index
    assert client.get("/sources/afp/?role=owner").status_code == 400


def test_a_region_page_charts_its_stories_per_week_to_its_newest(client):
    for day in (2, 3, 9, 16):  # Mondays 2, 9 and 16 March 2026, and a Tuesday
        make_article(f"Story of {day} March", published_on=datetime.date(2026, 3, day))
    make_article("Far older", published_on=datetime.date(2025, 1, 1))
    page = html(client.get("/regions/lebanon/"))
    assert "4 stories in the 12 weeks to 16 March 2026" in page
    bars = re.findall(r"<title>Week of ([^:]+): (\d+)</title>", page)
    assert len(bars) == 12
    assert bars[-3:] == [("2 March", "2"), ("9 March", "1"), ("16 March", "1")]
    assert "week-chart" not in html(client.get("/regions/jordan/"))
