"""Search that behaves: clean addresses, a sentence for a query with nothing to find, the
end of the results, "More results" in place, and typing that leaves the history alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import bulk_articles

STORY = re.compile(r'<li class="story\b')


def stories_on(response) -> int:
    return len(STORY.findall(response.content.decode()))


# -- addresses --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "clean"),
    [
        ("/search/?q=gaza&region=&from=&to=", "/search/?q=gaza"),
        ("/search/?region=&q=gaza&from=2026-01-01&to=", "/search/?q=gaza&from=2026-01-01"),
        ("/search/?q=", "/search/"),
    ],
)
def test_a_form_submitted_with_empty_fields_goes_to_the_clean_address(client, address, clean):
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == clean
    assert client.get(clean).status_code == 200


# -- a query with nothing to find ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["-lebanon", '"', "OR", "- -", '-"border crossing"'])
def test_a_query_with_no_word_to_find_says_so(client, query):
    bulk_articles(3)
    response = client.get("/search/", {"q": query})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Add a word to search for: a -word only leaves stories out" in page
    assert "No stories match" not in page


@pytest.mark.django_db
def test_a_query_with_no_word_to_find_says_so_where_the_results_were(client):
    response = client.get(
        "/search/", {"q": "-lebanon"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert page.strip().startswith('<div id="results">')
    assert "Add a word to search for" in page


# -- the end of the results ----------------------------------------------------------------


@pytest.fixture
def matches_153(db):
    """153 stories that match "bulk", written in bulk (the search index's triggers fire
    for each row of a multi-row insert, so they are searchable at once)."""
    bulk_articles(153)
    return "bulk"


def test_the_last_page_of_results_shows_the_rest_and_the_count(client, matches_153):
    response = client.get("/search/", {"q": matches_153, "page": 8})
    page = response.content.decode()
    assert response.status_code == 200
    assert stories_on(response) == 13
    assert "153 stories match “bulk”; page 8." in page
    assert "More results" not in page
    assert 'href="/search/?page=7&amp;q=bulk"' in page  # "← Previous results"


def test_a_page_past_the_last_says_where_the_results_end(client, matches_153):
    response = client.get("/search/", {"q": matches_153, "page": 9})
    page = response.content.decode()
    assert response.status_code == 404
    assert "No stories match" not in page
    assert (
        'The results for “bulk” end on <a href="/search/?page=8&amp;q=bulk">page 8</a>;'
        " there is no page 9." in page
    )
    assert stories_on(response) == 0


def test_far_past_the_last_page_still_points_to_it(client, matches_153):
    response = client.get("/search/", {"q": matches_153, "page": 50})
    assert response.status_code == 404
    assert '<a href="/search/?page=8&amp;q=bulk">page 8</a>' in response.content.decode()


def test_a_page_past_the_end_of_nothing_says_nothing_matches(client, matches_153):
    response = client.get("/search/", {"q": "zanzibar", "page": 3})
    assert response.status_code == 200
    assert "No stories match “zanzibar”." in response.content.decode()


# -- "More results" ------------------------------------------------------------------------


def test_more_results_is_a_link_to_the_next_page_without_javascript(client, matches_153):
    response = client.get("/search/", {"q": matches_153})
    page = response.content.decode()
    assert stories_on(response) == 20
    assert "More than 20 stories match “bulk”, best matches first." in page
    assert re.search(r'<a rel="next" href="/search/\?page=2&amp;q=bulk"[^>]*>More results', page)


def test_more_results_with_htmx_answers_the_next_stories_to_append(client, matches_153):
    response = client.get(
        "/search/",
        {"q": matches_153, "page": 2},
        headers={"HX-Request": "true", "HX-Target": "load-more"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>" not in page and "<ol" not in page  # stories to append, not a page
    assert stories_on(response) == 20
    assert 'hx-get="/search/?page=3&amp;q=bulk" hx-target="#load-more"' in page
    assert "Previous results" not in page  # the reader has them above
    # The count above the list follows what the list now holds.
    assert re.search(r'id="result-count"[^>]*hx-swap-oob="true"[^>]*>More than 40 stories', page)


def test_a_shared_link_shows_as_many_results_as_were_loaded(client, matches_153):
    response = client.get("/search/", {"q": matches_153, "shown": 40})
    page = response.content.decode()
    assert stories_on(response) == 40
    assert "More than 40 stories match" in page
    assert 'href="/search/?page=3&amp;q=bulk"' in page


# -- in the browser ------------------------------------------------------------------------


@pytest.mark.thorough  # the fast tier's search walk: test_browser's search as you type
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_typing_a_search_replaces_the_address_instead_of_adding_to_history(site, page):
    page.goto(site + "/search/")
    entries = page.evaluate("history.length")
    box = page.get_by_label("Search", exact=True)
    count = page.locator("#results .result-count")
    for typed, query in (("ga", "ga"), ("z", "gaz"), ("a", "gaza")):
        box.press_sequentially(typed, delay=40)
        expect(count).to_contain_text(f"“{query}”")  # the pause was long enough to search
        expect(page).to_have_url(site + f"/search/?q={query}")  # and no empty parameters
    assert page.evaluate("history.length") == entries
    box.press("Enter")  # a submitted search may add one entry
    expect(page).to_have_url(site + "/search/?q=gaza")
    page.wait_for_function(f"() => history.length === {entries + 1}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_more_results_appends_in_place(site, page):
    page.goto(site + "/search/?q=paragraph")
    stories = page.locator("#results .story")
    expect(stories).to_have_count(20)
    page.get_by_role("link", name="More results →").click()
    page.wait_for_function("() => document.querySelectorAll('#results .story').length > 20")
    assert stories.count() == 25
    assert page.locator("h1").count() == 1  # appended, not a page inside the page
    expect(page.locator("#results .result-count")).to_have_text("25 stories match “paragraph”.")
    expect(page.get_by_role("link", name="More results →")).to_have_count(0)
    # Focus on the first story added; the address says how many are loaded.
    expect(stories.nth(20).locator(".story-title a")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/search/\?q=paragraph&shown=25(#story-\d+)?$"))
    page.reload()
    expect(stories).to_have_count(25)
    page.screenshot(path="/tmp/search-more-results.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_search_submitted_without_javascript_lands_on_a_clean_address(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/search/")
    page.get_by_label("Search", exact=True).fill("paragraph")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(site + "/search/?q=paragraph")
    expect(page.locator(".story")).to_have_count(20)
    page.get_by_role("link", name="More results →").click()
    expect(page).to_have_url(site + "/search/?page=2&q=paragraph")
    expect(page.locator(".story")).to_have_count(5)
    context.close()
