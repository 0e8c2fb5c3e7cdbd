"""A reader's everyday walks in the system Chromium: counts that match the lists, paging
that keeps the reader's place, the keyboard, and pages without dead ends."""

from __future__ import annotations

import pytest

from tests.browsing import check_page
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def stories_listed(page, url: str) -> int:
    """Every story a region's list holds, following "Older stories" to the end."""
    page.goto(url)
    while page.get_by_role("link", name="Older stories →").count():
        shown = page.locator("#results .story").count()
        page.get_by_role("link", name="Older stories →").click()
        page.wait_for_function(
            f"() => document.querySelectorAll('#results .story').length > {shown}"
        )
    return page.locator("#results .story").count()


def test_every_count_on_the_regions_index_is_what_its_page_lists(site, page):
    make_article("Beirut and Damascus", region="lebanon", places=("syria",))
    make_article("A Saudi story that names Beirut", region="saudi-arabia", places=("lebanon",))
    page.goto(site + "/regions/")
    check_page(page, "regions")
    counted = {}
    for link in page.locator(".region-index h2 a, .country-list > li > a").all():
        count = link.locator("xpath=following-sibling::span[@class='count'][1]").inner_text()
        counted[link.get_attribute("href")] = int(count.split()[0])
    assert counted["/regions/levant/"] > 0
    for href, count in counted.items():
        if count:
            assert stories_listed(page, site + href) == count, href
