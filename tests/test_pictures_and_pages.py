"""Pictures that inform at volume (the regions map, a region's weekly chart), the feeds
page, the home page of a young archive, and development mode's refusals in place: through
the test client, and in the system Chromium."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from tests.browsing import check_page
from tests.conftest import SEEDS, html, ingest
from tests.factories import bulk_articles, make_article

ATOM = "{http://www.w3.org/2005/Atom}"
HTMX_RESULTS = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


# -- the regions map ----------------------------------------------------------------------


def map_countries(page: str) -> dict[str, tuple[int, int]]:
    """Each country on the map: name -> (its shade, its story count as its label says)."""
    found = re.findall(
        r'<a href="/regions/[\w-]+/" class="shade-(\d)" aria-label="([^:"]+): (\d+) stor', page
    )
    return {name: (int(shade), int(count)) for shade, name, count in found}


def legend(page: str) -> dict[int, tuple[int, int]]:
    """The map's legend: shade -> the lowest and highest count it stands for."""
    entries = re.findall(r'<span class="swatch shade-(\d)"></span>([^<]+)</span>', page)
    ranges = {}
    for shade, label in entries:
        if label.strip() == "none":
            ranges[int(shade)] = (0, 0)
            continue
        low, _, high = label.strip().replace(",", "").partition("–")
        ranges[int(shade)] = (int(low), int(high or low))
    return ranges


@pytest.mark.django_db
def test_the_map_tells_countries_apart_when_one_has_far_more_stories(client):
    # At volume Lebanon had 1,658 stories; shading in equal steps of the largest gave every
    # other country but one the lightest shade.
    for start, (region, count) in enumerate(
        [("lebanon", 1658), ("egypt", 40), ("syria", 12), ("iraq", 5), ("qatar", 1)]
    ):
        bulk_articles(count, region=region, start=start * 10_000)
    page = html(client.get("/regions/"))
    countries = map_countries(page)
    assert countries["Lebanon"][1] == 1658 and countries["Qatar"][1] == 1
    shades = {shade for shade, count in countries.values() if count}
    assert len(shades) >= 3
    assert countries["Lebanon"][0] == max(shades)  # the most stories, the darkest
    ranges = legend(page)
    for name, (shade, count) in countries.items():
        low, high = ranges[shade]
        assert low <= count <= high, f"{name}: {count} is not in its shade's range {low}–{high}"


@pytest.mark.django_db
def test_the_map_legend_states_its_ranges_in_words(client):
    for start, (region, count) in enumerate([("lebanon", 30), ("egypt", 3), ("qatar", 1)]):
        bulk_articles(count, region=region, start=start * 1000)
    page = html(client.get("/regions/"))
    caption = page.split("<figcaption>")[1].split("</figcaption>")[0]
    words = re.sub(r"<[^>]+>", " ", caption).split()
    assert words[words.index("Stories:") :] == ["Stories:", "none", "1", "2–3", "4–30"]
    assert 'aria-hidden="true"' not in caption  # read aloud as well as shown


# -- a region's weekly chart ----------------------------------------------------------------


def chart_bars(page: str) -> list[tuple[str, int]]:
    return [
        (week, int(n)) for week, n in re.findall(r"<title>Week of ([^:]+): (\d+)</title>", page)
    ]


@pytest.fixture
def winter_and_spring():
    """Lebanon: three stories in January, two in March (one in Beirut), one in May."""
    for day in (5, 6, 20):
        make_article(f"January {day}", published_on=datetime.date(2026, 1, day))
    make_article("March 2", published_on=datetime.date(2026, 3, 2), places=("beirut",))
    make_article("March 10", published_on=datetime.date(2026, 3, 10))
    make_article("May 4", published_on=datetime.date(2026, 5, 4))


@pytest.mark.django_db
def test_the_weekly_chart_covers_the_from_and_to_dates(client, winter_and_spring):
    page = html(client.get("/regions/lebanon/?from=2026-03-01&to=2026-03-31"))
    assert "2 stories in the 3 weeks to 10 March 2026" in page
    bars = chart_bars(page)
    assert bars == [("23 February", 0), ("2 March", 1), ("9 March", 1)]
    winter = html(client.get("/regions/lebanon/?to=2026-02-28"))
    assert "3 stories in the 12 weeks to 20 January 2026" in winter
    assert sum(n for _, n in chart_bars(winter)) == 3


@pytest.mark.django_db
def test_the_weekly_chart_follows_the_place(client, winter_and_spring):
    page = html(client.get("/regions/lebanon/?place=beirut"))
    assert "1 story in the 12 weeks to 2 March 2026 mentioning Beirut" in page
    assert sum(n for _, n in chart_bars(page)) == 1


@pytest.mark.django_db
def test_the_weekly_chart_labels_its_axes(client, winter_and_spring):
    page = html(client.get("/regions/lebanon/"))
    chart = page.split('<figure class="week-chart">')[1].split("</figure>")[0]
    texts = [re.sub(r"\s+", " ", t) for t in re.findall(r"<text[^>]*>([^<]+)</text>", chart)]
    # Story counts up (a title, the top and the bottom), weeks along (first, last, a title).
    assert texts == ["Stories", "1", "0", "16 Feb", "4 May", "Week beginning"]


@pytest.mark.django_db
def test_a_filter_s_results_bring_the_chart_for_it_to_swap_in_place(client, winter_and_spring):
    fragment = html(client.get("/regions/lebanon/?from=2026-03-01", **HTMX_RESULTS))
    assert fragment.lstrip().startswith('<div id="results">')
    chart = fragment.split('<div id="stories-per-week" hx-swap-oob="true">')[1]
    assert "3 stories in the 11 weeks to 4 May 2026" in chart
    more = client.get(
        "/regions/lebanon/?shown=1", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="load-more"
    )
    assert "stories-per-week" not in html(more)  # "Older stories" leaves the chart be


# -- development mode's refusals ------------------------------------------------------------


@pytest.mark.django_db
def test_in_development_an_htmx_filter_refusal_is_the_fragment_for_its_place(
    client, settings, winter_and_spring
):
    settings.DEBUG = True
    response = client.get("/regions/lebanon/?from=2026-03-01&to=2026-01-01", **HTMX_RESULTS)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and "<html" not in body
    assert "The “from” date must not be after the “to” date." in body


# -- the feeds page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_footer_leads_to_a_page_that_explains_and_lists_the_feeds(client):
    ingest(SEEDS)
    home = html(client.get("/"))
    footer = home.split('<footer class="site-footer">')[1]
    address = re.search(r'<a href="([^"]+)">Feeds</a>', footer).group(1)
    page = html(client.get(address))
    assert "feed reader" in page  # what a feed is for
    feeds = re.findall(r'<a href="(/feeds/[^"]+)" type="application/atom\+xml">([^<]+)</a>', page)
    titles = dict(feeds)
    assert titles["/feeds/latest/"] == "Latest stories"
    for region in ("palestine", "lebanon", "morocco", "levant"):
        assert f"/feeds/regions/{region}/" in titles
    assert "/feeds/regions/jordan/" not in titles  # no stories, nothing to follow
    assert titles["/feeds/sources/asharq-al-awsat/"] == "Asharq Al-Awsat"
    for url in titles:
        feed = client.get(url)
        assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom")
        assert ET.fromstring(feed.content).find(f"{ATOM}entry") is not None, url


@pytest.mark.django_db
def test_the_feeds_page_is_kept_by_shared_caches_like_other_reader_pages(client):
    response = client.get("/feeds/")
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "stale-if-error" in control
    assert response["xkey"]
    assert client.post("/feeds/").status_code == 405


# -- in the system Chromium -----------------------------------------------------------------


@pytest.fixture
def seeds_only(reference_data, live_server):
    """The archive `make run` starts with: the four seed stories."""
    ingest(SEEDS)
    return live_server.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_in_development_a_bad_filter_says_so_where_the_results_were(site, page, settings):
    settings.DEBUG = True  # as `make run`: django-htmx's debug script is on the page
    page.watcher.expected_statuses = {400}
    page.goto(site + "/regions/lebanon/")
    assert page.locator("script[src*='django-htmx']").count() == 1
    page.get_by_label("To", exact=True).fill("2025-06-01")
    page.wait_for_url(re.compile(r"to=2025-06-01"))
    page.get_by_label("From", exact=True).fill("2025-06-20")
    expect(page.locator("#results [role=alert]")).to_contain_text(
        "The “from” date must not be after the “to” date."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Lebanon")
    assert page.locator("header.masthead").is_visible() and page.locator("footer").is_visible()
    assert page.locator("main form.filters").is_visible()


@pytest.mark.thorough  # both schemes: the fast tier's browser walks see the map in one
@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_map_and_a_region_s_chart_in_light_and_dark(site, page):
    page.goto(site + "/regions/")
    legend_text = page.locator(".map-legend").inner_text()
    assert "none" in legend_text and re.search(r"\d+–\d+", legend_text)
    check_page(page, "regions-map")
    page.goto(site + "/regions/lebanon/")
    chart = page.get_by_role("img", name=re.compile(r"stories in the 12 weeks to"))
    before = chart.get_attribute("aria-labelledby")
    assert before and chart.is_visible()
    check_page(page, "region-week-chart")
    # A filter changes the chart with the list, in place.
    page.get_by_label("From", exact=True).fill("2025-06-20")
    page.wait_for_url(re.compile(r"from=2025-06-20"))
    expect(page.get_by_role("img", name=re.compile(r" weeks to "))).to_have_accessible_name(
        re.compile(r"^6 stories in the 2 weeks to 25 June 2025$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_the_feeds_page_in_light_and_dark(site, page):
    page.goto(site + "/")
    page.locator("footer").get_by_role("link", name="Feeds").click()
    page.wait_for_url(re.compile(r"/feeds/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Feeds")
    expect(page.get_by_role("link", name="Lebanon")).to_have_attribute(
        "href", "/feeds/regions/lebanon/"
    )
    check_page(page, "feeds")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_young_archive_s_home_page_leaves_no_column_empty(seeds_only, page):
    page.goto(seeds_only + "/")
    check_page(page, "home-seeds")
    page.set_viewport_size({"width": 1280, "height": 900})
    boxes = page.evaluate(
        """() => [...document.querySelector('.home').children].map((column) => {
            const box = column.getBoundingClientRect();
            return {left: box.left, top: box.top, height: box.height};
        })"""
    )
    # Two columns side by side, and the side one is no sliver beside the latest stories:
    # a screen's worth of four stories has the regions' counts beside it.
    assert len(boxes) == 2 and boxes[1]["left"] > boxes[0]["left"] + 300
    assert boxes[1]["height"] >= 0.5 * boxes[0]["height"], boxes
    expect(page.locator(".home-side").get_by_role("link", name="Palestine")).to_be_visible()
