"""A reader's everyday walks in the system Chromium: counts that match the lists, paging
that keeps the reader's place, the keyboard, and pages without dead ends."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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


@pytest.mark.thorough  # every region's page in turn; test_browser walks one
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


STORY_INDEX = """() => {
  const story = document.activeElement.closest('.story');
  return story ? [...document.querySelectorAll('.story-list > .story')].indexOf(story) : -1;
}"""


def load_older(page, by_keyboard: bool = False) -> None:
    shown = page.locator(".story-list > .story").count()
    link = page.get_by_role("link", name="Older stories →")
    if by_keyboard:
        link.focus()
        page.keyboard.press("Enter")
    else:
        link.click()
    page.wait_for_function(
        f"() => document.querySelectorAll('.story-list > .story').length > {shown}"
    )


def test_after_older_stories_the_keyboard_goes_on_from_the_stories_it_added(site, page):
    page.goto(site + "/regions/lebanon/")
    load_older(page, by_keyboard=True)
    # The focus moves to the first story added once htmx has settled the new ones.
    page.wait_for_function(f"() => ({STORY_INDEX})() === 20")
    page.keyboard.press("Tab")
    assert page.evaluate(STORY_INDEX) >= 20


def test_back_and_a_shared_link_return_to_how_far_the_list_was_loaded_and_read(site, page):
    page.goto(site + "/")
    page.goto(site + "/regions/lebanon/")
    load_older(page)
    page.wait_for_url(re.compile(r"\?shown=26"))
    # htmx moves the focus (and the window) to the first story it added: only then does
    # the reader scroll back up, or the place would be taken mid-way.
    page.wait_for_function(f"() => ({STORY_INDEX})() === 20")
    stories = page.locator(".story-list > .story")
    reading_id = stories.nth(12).get_attribute("id")
    stories.nth(12).evaluate("story => story.scrollIntoView({block: 'start'})")
    page.wait_for_url(re.compile(rf"shown=26#{reading_id}$"))
    place = page.url
    reading = page.locator(f"#{reading_id}")
    position = "id => [...document.querySelectorAll('.story')].indexOf(document.getElementById(id))"
    assert page.evaluate(position, reading_id) >= 10

    reading.locator(".story-title a").click()
    page.wait_for_url(re.compile(r"/articles/"))
    # Waited on what the reader sees, not on the page's load event, which a busy machine
    # may deliver late: the address, then the 26 stories.
    page.go_back(wait_until="commit")
    page.wait_for_url(place, wait_until="commit")
    expect(stories).to_have_count(26)
    expect_in_view(page, f"#{reading_id}")

    page.go_back()
    page.wait_for_url(site + "/")
    assert page.locator("h1").count() == 1 and page.locator("footer").count() == 1
    page.go_forward(wait_until="commit")
    page.wait_for_url(place, wait_until="commit")
    expect(stories).to_have_count(26)

    shared = page.context.new_page()
    shared.goto(place)
    expect(shared.locator(".story-list > .story")).to_have_count(26)
    expect_in_view(shared, f"#{reading_id}")
    shared.close()


def expect_in_view(page, selector: str) -> None:
    page.wait_for_function(
        """selector => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return box.top < window.innerHeight && box.bottom > 0;
        }""",
        arg=selector,
    )


def test_the_home_page_leads_on_to_older_stories(site, page):
    page.goto(site + "/")
    assert page.locator(".latest .story").count() == 20
    column = page.locator(".by-region").inner_text()
    for title in page.locator(".latest .story-title").all_inner_texts():
        assert title not in column
    load_older(page)
    assert page.locator(".latest .story").count() == 29
    assert page.get_by_role("link", name="Older stories →").count() == 0


def test_keyboard_shortcuts_move_open_search_and_explain_themselves(site, page):
    page.goto(site + "/regions/lebanon/")
    page.keyboard.press("j")
    assert page.evaluate(STORY_INDEX) == 0
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate(STORY_INDEX) == 1
    title = page.locator(".story-list > .story").nth(1).locator(".story-title").inner_text()
    page.keyboard.press("o")
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("h1").inner_text() == title
    page.go_back()

    page.wait_for_url(re.compile(r"/regions/lebanon/"))
    page.keyboard.press("/")
    box = page.locator("#masthead-q")
    assert page.evaluate("() => document.activeElement.id") == "masthead-q"
    page.keyboard.type("jko?/")  # typed into the box, not taken as shortcuts
    assert box.input_value() == "jko?/"
    assert not page.locator("#keyboard-help").is_visible()

    box.blur()
    page.keyboard.press("?")
    help = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert help.is_visible()
    assert "Next story" in help.inner_text() and "Search" in help.inner_text()
    check_page(page, "keyboard-help")
    help.get_by_role("button", name="Close").click()
    assert not help.is_visible()
    page.get_by_role("button", name="Keyboard shortcuts").click()
    assert help.is_visible()
    page.keyboard.press("Escape")
    assert not help.is_visible()


def test_without_javascript_a_bad_date_comes_back_beside_its_field(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/regions/palestine/?from=2026-02-30")
    field = page.get_by_label("From")
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + field.get_attribute("aria-describedby"))
    assert error.inner_text() == "Enter a valid date."
    assert page.get_by_text("Correct what is marked above to see stories.").is_visible()
    page.get_by_label("From").fill("2026-02-01")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    assert page.locator(".field-error").count() == 0
    assert page.locator("#results .story").count() == 1
    context.close()


def test_an_invalid_filter_page_is_accessible(site, page):
    page.watcher.expected_statuses.add(400)
    page.goto(site + "/regions/palestine/?from=2026-03-01&to=2026-01-01")
    assert page.get_by_role("alert").first.inner_text().startswith("The “from” date")
    check_page(page, "region-bad-date")


def test_search_as_you_type_finds_stories_before_the_word_is_finished(site, page):
    page.goto(site + "/search/")
    page.get_by_label("Search", exact=True).press_sequentially("Rafa", delay=60)
    page.wait_for_url(re.compile(r"q=Rafa"))
    results = page.locator("#results")
    page.wait_for_function("() => document.querySelector('#results .story')")
    assert "No stories match" not in results.inner_text()
    assert "Rafah" in results.locator(".story-title").first.inner_text() + results.inner_text()
    assert results.locator("mark").count() > 0


def test_a_filter_change_replaces_the_results_rather_than_nesting_them(site, page):
    page.goto(site + "/regions/palestine/")
    page.get_by_label("From").fill("2026-02-01")
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    page.wait_for_function("() => document.querySelectorAll('#results .story').length === 1")
    assert page.locator("#results").count() == 1


@pytest.mark.thorough  # a layout check of the form test_admin_axe opens in the fast tier
def test_the_admin_change_form_fits_a_1280_pixel_screen(site, page):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsreader.models import Article

    editor = get_user_model().objects.create_user(
        "eda", password="a long editor passphrase", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    story = Article.objects.get(title__startswith="Miami Talks")  # two files, many regions
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("eda")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()
    page.goto(site + f"/admin/newsreader/article/{story.pk}/change/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    hashes = page.locator("td.field-file_sha256 code")
    assert hashes.count() == 2
    assert len(hashes.first.get_attribute("title")) == 64


def test_the_regions_map_shades_each_country_and_leads_to_it_by_keyboard(site, page):
    page.goto(site + "/regions/")
    countries = page.locator(".region-map svg a")
    assert countries.count() == 22  # every country, Bahrain as a dot
    lebanon = page.locator(".region-map a[href='/regions/lebanon/']")
    listed = page.locator(".country-list > li", has=page.locator("a[href='/regions/lebanon/']"))
    count = listed.locator("> .count").inner_text()
    assert lebanon.get_attribute("aria-label") == f"Lebanon: {count} stories"
    assert "shade-4" in lebanon.get_attribute("class")  # the most stories
    jordan = page.locator(".region-map a[href='/regions/jordan/']")
    assert "shade-0" in jordan.get_attribute("class")
    page.locator("main").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == (
            "/regions/lebanon/"
        ):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/regions/lebanon/$"))
    chart = page.get_by_role("img", name=re.compile(r"stories in the 12 weeks to"))
    assert chart.locator("rect").count() == 12
    check_page(page, "region-chart")


def gap(page, upper: str, lower: str) -> float:
    """Pixels between the bottom of the first element and the top of the second."""
    return page.evaluate(
        """([upper, lower]) => document.querySelector(lower).getBoundingClientRect().top
            - document.querySelector(upper).getBoundingClientRect().bottom""",
        [upper, lower],
    )


def test_pages_keep_their_margins_and_lines_a_reader_can_follow(site, page):
    page.goto(site + "/regions/palestine/")
    assert gap(page, ".masthead", "main h1, main nav") >= 16
    assert gap(page, "main", ".site-footer") >= 0
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('main')).paddingBottom"
    ) not in ("0px", "")
    lede = page.locator(".story-lede").first
    font = float(lede.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert lede.bounding_box()["width"] / font <= 42.5  # about 70 characters a line
    assert "Asharq Al-Awsat" in page.locator(".story .publisher").first.inner_text()


def test_an_article_sets_a_lost_photos_caption_apart_and_describes_itself(site, page):
    page.goto(site + "/")
    page.get_by_role(
        "link", name="Dozen People Entered Egypt from Gaza on First Day of Rafah Opening"
    ).click()
    page.wait_for_url(re.compile(r"/articles/"))
    order = page.evaluate(
        """() => [...document.querySelector('.article-body').children].map(
            e => e.matches('aside') ? 'caption' : 'paragraph')"""
    )
    assert order[:2] == ["paragraph", "caption"]
    caption = page.get_by_role("complementary", name="Photo in the original")
    assert "Abed Rahim Khatib/" in caption.inner_text()
    assert page.get_by_text("Published by Asharq Al-Awsat").is_visible()
    head = page.evaluate(
        """() => ({
          canonical: document.querySelector('link[rel=canonical]').href,
          title: document.querySelector('meta[property="og:title"]').content,
          data: JSON.parse(document.querySelector('script[type="application/ld+json"]').text),
        })"""
    )
    assert head["canonical"] == page.url
    assert head["title"].startswith("Dozen People Entered Egypt")
    assert head["data"]["datePublished"] == "2026-02-02"
    related = page.get_by_role("complementary", name=re.compile("More from Palestine"))
    assert "Miami Talks" in related.inner_text()
    check_page(page, "article")
