"""The one function an article's links come from, for new and merged stories alike."""

import datetime

import pytest

from newsreader.ingest.links import CITED, PHOTO_CREDIT, article_links
from newsreader.text.places import RegionFinding
from newsreader.text.prepare import Analysis

REGIONS = {"lb": 1, "sy": 2, "beirut": 3}
SOURCES = {"afp": 10, "reuters": 11, "Kuwait News Agency": 12}


def analysis(primary="lb", keys=("lb", "beirut", "sy"), cited=(), new_agencies=()):
    return Analysis(
        regions=RegionFinding(primary=primary, keys=list(keys)),
        cited=list(cited),
        new_agencies=list(new_agencies),
        published_on=datetime.date(2024, 5, 1),
        date_source="text",
    )


def test_each_region_named_is_linked_and_only_the_primary_one_is_primary():
    regions, _ = article_links(7, analysis(), [], REGIONS, SOURCES)
    assert [(article, region, primary) for article, region, primary, *_ in regions] == [
        (7, 1, True),
        (7, 3, False),
        (7, 2, False),
    ]


def test_a_story_about_no_country_links_its_places_none_of_them_primary():
    regions, _ = article_links(7, analysis(primary=None, keys=["beirut"]), [], REGIONS, SOURCES)
    assert [primary for _, _, primary, *_ in regions] == [False]


def test_credits_cited_outlets_and_new_agencies_are_linked_once_a_role():
    _, sources = article_links(
        7,
        analysis(cited=["afp", "reuters"], new_agencies=["Kuwait News Agency"]),
        [10, None, 10, 11],
        REGIONS,
        SOURCES,
    )
    assert sources == [
        (7, 10, CITED),
        (7, 10, PHOTO_CREDIT),
        (7, 11, CITED),
        (7, 11, PHOTO_CREDIT),
        (7, 12, CITED),
    ]


def test_the_rows_do_not_depend_on_the_order_of_the_credits():
    story = analysis(cited=["reuters", "afp"])
    assert article_links(7, story, [11, 10], REGIONS, SOURCES) == article_links(
        7, analysis(cited=["afp", "reuters"]), [10, 11], REGIONS, SOURCES
    )


def test_an_outlet_without_an_id_is_a_mistake_of_the_caller_not_a_silent_drop():
    with pytest.raises(KeyError):
        article_links(7, analysis(cited=["unknown"]), [], REGIONS, SOURCES)
