"""The reader's paths in the system Chromium, driven by Playwright.

Every test fails on a console error, a failed request or an axe-core violation on any
page it visits. Screenshots of each page type at phone and desktop widths are written to
test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browsing import SCREENSHOTS, check_page
from tests.conftest import HOSTILE_TITLE, SEEDS, ingest, write_hostile_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


def test_home_to_region_to_article(site, page):
    page.goto(site + "/")
    check_page(page, "home")
    # A story card's region.
    page.locator(".story-meta").get_by_role("link", name="Palestine").first.click()
    page.wait_for_url(re.compile(r"/regions/palestine/$"))
    check_page(page, "region")
    page.get_by_role(
        "link", name="Dozen People Entered Egypt from Gaza on First Day of Rafah Opening"
    ).click()
    page.wait_for_url(re.compile(r"/articles/\d+/dozen-people"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Dozen People")
    assert page.get_by_text("Abed Rahim Khatib/").is_visible()
    check_page(page, "article")


def test_date_archive_by_calendar(site, page):
    page.goto(site + "/archive/")
    check_page(page, "archive")
    page.get_by_role("link", name="2026").click()
    page.get_by_role("link", name="February").click()
    page.wait_for_url(re.compile(r"/archive/2026/2/$"))
    check_page(page, "archive-month")
    page.get_by_role("link", name="2 February 2026: 1 story").click()
    page.wait_for_url(re.compile(r"/archive/2026/2/2/$"))
    assert page.get_by_role("link", name=re.compile("Dozen People")).is_visible()
    check_page(page, "archive-day")
    # The day before with stories: the Morocco story's caption date is its photo's.
    page.get_by_role("link", name=re.compile(r"^← \d{1,2} June 2025$")).click()
    page.wait_for_url(re.compile(r"/archive/2025/6/\d{1,2}/$"))
    page.goto(site + "/archive/undated/")
    assert page.get_by_role("link", name=re.compile("Paris Calls")).is_visible()
    assert page.get_by_role("link", name=re.compile("Morocco Evacuates")).is_visible()
    check_page(page, "archive-undated")


def test_search_as_you_type(site, page):
    page.goto(site + "/search/")
    box = page.get_by_label("Search", exact=True)
    box.press_sequentially("flooding", delay=40)
    page.wait_for_url(re.compile(r"/search/\?.*q=flooding"))
    result = page.locator("#results .story-title")
    result.first.wait_for()
    assert result.all_inner_texts() == [
        "Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain"
    ]
    assert page.locator("#results mark").count() >= 1
    assert page.locator("h1").count() == 1  # the partial replaced the results, not the page
    check_page(page, "search")
    page.get_by_label("Region").select_option("lebanon")
    page.wait_for_url(re.compile(r"region=lebanon"))
    page.get_by_text("No stories match").wait_for()


@pytest.mark.thorough  # half a minute of typing at a typist's pace
def test_a_reader_typing_a_dozen_searches_in_a_row_is_never_refused(site, page, settings):
    from django.core.cache import cache

    cache.clear()  # what earlier tests counted
    settings.NEWSREADER_SEARCH_RATE = "60/60"  # the default outside the tests
    searches = []
    page.on("request", lambda r: searches.append(r.url) if "/search/?" in r.url else None)
    page.goto(site + "/search/")
    box = page.get_by_label("Search", exact=True)
    queries = [
        "flooding", "rafah", "lebanese army", "gaza", "miami", "egypt",
        "morocco", "ceasefire", "hospital", "paris", "witkoff", "hamas",
    ]  # fmt: skip
    for query in queries:
        box.fill("")
        box.press_sequentially(query, delay=350)  # a typist pausing between keys
        # The results always come to say what the box says, and the address follows.
        expect(page.locator("#results .result-count")).to_contain_text(f"“{query}”")
        expect(page).to_have_url(re.compile(r"q=" + query.replace(" ", "(%20|\\+)")))
    assert page.get_by_text("Too many searches").count() == 0
    assert len(searches) <= 3 * len(queries), searches


def test_a_refused_search_says_so_where_the_results_were(site, page, settings):
    from django.core.cache import cache

    cache.clear()  # what earlier tests counted
    settings.NEWSREADER_SEARCH_RATE = "2/d"  # a window no test straddles
    page.watcher.expected_statuses = {429}
    page.goto(site + "/search/?q=gaza")
    page.goto(site + "/search/?q=rafah")
    box = page.get_by_label("Search", exact=True)
    box.fill("")
    box.press_sequentially("flooding", delay=40)
    expect(page.locator("#results [role=alert]")).to_contain_text("Too many searches")
    assert page.locator("#results .story").count() == 0  # no results of another search
    assert whole_page_shown(page)


def test_load_more_appends_in_place(site, page):
    page.goto(site + "/regions/lebanon/")
    stories = page.locator("#results .story")
    assert stories.count() == 20
    url = page.url
    page.get_by_role("link", name="Older stories →").click()
    page.wait_for_function("() => document.querySelectorAll('#results .story').length > 20")
    assert stories.count() == 26
    # The address keeps how far the list was loaded (test_reader covers Back with it).
    page.wait_for_url(re.compile(re.escape(url) + r"\?shown=26(#story-\d+)?$"))
    assert page.get_by_role("link", name="Older stories →").count() == 0


def test_filter_updates_the_list_and_the_url(site, page):
    page.goto(site + "/regions/palestine/")
    page.get_by_label("From").fill("2026-02-01")  # fires input and change, as a picker does
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    page.wait_for_function(
        "() => !document.querySelector('#results').innerText.includes('Miami Talks')"
    )
    assert page.locator("#results .story").count() == 1


def whole_page_shown(page) -> bool:
    """The masthead, the page's one heading, its form and its footer are all there: not
    a fragment where a page should be."""
    return (
        page.locator("header .brand, header a[rel=home], header").count() > 0
        and page.locator("h1").count() == 1
        and page.locator("main form").count() == 1
        and page.locator("footer").count() > 0
    )


def test_back_and_forward_after_a_filter_restore_the_whole_page(site, page):
    page.goto(site + "/regions/palestine/")
    page.get_by_label("From").fill("2026-02-01")
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    expect(page.locator("#results .story")).to_have_count(1)
    page.go_back()
    page.wait_for_url(re.compile(r"/regions/palestine/$"))
    expect(page.locator("#results .story")).to_have_count(2)
    assert whole_page_shown(page)
    page.go_forward()
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    expect(page.locator("#results .story")).to_have_count(1)
    assert whole_page_shown(page)
    # Out to a story and back again.
    page.locator("#results .story a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.go_back()
    page.wait_for_url(re.compile(r"from=2026-02-01"))
    expect(page.locator("#results .story")).to_have_count(1)
    assert whole_page_shown(page)


def test_back_after_searching_as_you_type_restores_the_whole_page(site, page):
    page.goto(site + "/search/")
    box = page.get_by_label("Search", exact=True)
    box.press_sequentially("flooding", delay=40)
    page.wait_for_url(re.compile(r"q=flooding"))
    page.locator("#results .story").first.wait_for()
    # Typing only replaces the address; a submitted search adds an entry to go back to.
    entries = page.evaluate("history.length")
    box.press("Enter")
    page.wait_for_function(f"() => history.length === {entries + 1}")
    box.fill("")
    box.press_sequentially("rafah", delay=40)
    page.wait_for_url(re.compile(r"q=rafah"))
    expect(page.locator("#results .story-title").first).to_contain_text("Rafah")
    page.go_back()
    page.wait_for_url(re.compile(r"q=flooding"))
    expect(page.locator("#results .story-title")).to_have_text(
        ["Morocco Evacuates 50,000 as Flooding Threatens City After Weeks of Heavy Rain"]
    )
    assert whole_page_shown(page)
    expect(page.get_by_label("Search", exact=True)).to_have_value("flooding")


def tab_to(page, condition: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_keyboard_only_navigation(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(site + "/")
    tab_to(page, "document.activeElement.textContent === 'Regions'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/regions/$"))
    check_page(page, "regions")
    page.goto(site + "/search/")
    tab_to(page, "document.activeElement.name === 'q'")
    page.keyboard.type("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=ceasefire"))
    page.locator("#results .story").first.wait_for()


def test_pages_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/regions/lebanon/")
    page.get_by_role("link", name="Older stories →").click()
    page.wait_for_url(re.compile(r"after="))
    assert page.locator(".story").count() == 6
    page.get_by_role("link", name="← Newer stories").click()
    # The click returns once the navigation starts; expect() waits for the new page.
    expect(page.locator(".story")).to_have_count(20)
    page.goto(site + "/search/?q=gaza")
    assert page.locator(".story").count() == 2
    context.close()


def test_sources_and_errors_are_accessible(site, page):
    page.goto(site + "/sources/")
    check_page(page, "sources")
    page.goto(site + "/sources/afp/")
    check_page(page, "source")
    page.watcher.problems.clear()
    page.goto(site + "/no-such-page/")
    check_page(page, "not-found")
    assert f"HTTP 404: {site}/no-such-page/" in page.watcher.problems
    page.watcher.problems.clear()
    print(json.dumps(sorted(p.name for p in SCREENSHOTS.glob("*.png"))))


def test_editor_fixes_a_caption_sets_a_date_publishes_and_readers_see_it(
    reference_data, live_server, page
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    ingest(SEEDS, draft=True)
    editor = get_user_model().objects.create_user(
        "eda", password="a long editor passphrase", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    site = live_server.url

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("eda")
    page.get_by_label("Password").fill("a long editor passphrase")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Articles").first.click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-list-desktop.png", full_page=True)

    page.get_by_role("link", name="Paris Calls on 50 Countries to Support Lebanese Army").click()
    page.locator("textarea[name='captions-0-text']").fill(
        "President Macron welcomes Prime Minister Nawaf Salam at the Élysée, a zanzibar of a day"
    )
    page.locator("input[name='published_on']").fill("2026-01-23")
    page.screenshot(path=SCREENSHOTS / "admin-article-desktop.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()

    page.locator("tr", has_text="Paris Calls on 50 Countries").locator(
        "input.action-select"
    ).check()
    page.locator("select[name='action']").select_option("publish")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    page.get_by_text("Published 1 article.").wait_for()

    reader = page.context.browser.new_context()
    public = reader.new_page()
    public.goto(site + "/search/?q=zanzibar")
    public.get_by_role("link", name="Paris Calls on 50 Countries to Support Lebanese Army").click()
    expect(public.get_by_text("a zanzibar of a day")).to_be_visible()
    expect(public.locator("time[datetime='2026-01-23']")).to_be_visible()
    reader.close()


def test_scraped_markup_runs_nothing_and_calls_no_other_site(
    reference_data, live_server, page, tmp_path, django_user_model
):
    ingest(write_hostile_file(tmp_path))
    site = live_server.url
    dialogs, outside = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(site) else outside.append(r.url))

    page.goto(site + "/regions/lebanon/")
    page.get_by_role("link", name=re.compile("talks stall")).click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    assert page.get_by_role("heading", level=1).inner_text() == HOSTILE_TITLE
    assert page.get_by_text("{% debug %} and {{ request.META }}", exact=False).is_visible()
    page.goto(site + "/search/")
    page.get_by_label("Search", exact=True).press_sequentially("beirut <script>", delay=20)
    page.wait_for_url(re.compile(r"q=beirut"))
    page.get_by_label("Search", exact=True).fill("beirut")
    page.get_by_label("Search", exact=True).dispatch_event("input")
    page.locator("#results .story-title", has_text="talks stall").wait_for()

    django_user_model.objects.create_superuser("chief", "c@example.org", "a long passphrase")
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a long passphrase")
    page.get_by_role("button", name="Log in").click()
    page.goto(site + "/admin/newsreader/article/?q=script")
    page.get_by_role("link", name=re.compile("talks stall")).click()
    page.wait_for_url(re.compile(r"/change/"))
    page.goto(site + "/admin/newsreader/caption/")
    page.wait_for_timeout(300)  # a load-triggered hx-get or onerror would have fired by now
    assert dialogs == []
    assert outside == []


def test_busy_and_unavailable_pages_are_accessible(site, page, settings, monkeypatch):
    from django.core.cache import cache
    from django.db import OperationalError

    settings.NEWSREADER_SEARCH_RATE = "1/d"  # a window no test straddles
    cache.clear()
    page.goto(site + "/search/?q=gaza")
    page.goto(site + "/search/?q=beirut")
    expect(page.get_by_role("heading", name="Too many searches")).to_be_visible()
    check_page(page, "too-many-searches")

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("newsreader.views.newest_per_region", unreachable)
    page.goto(site + "/")
    assert page.get_by_role("heading", name="newsreader is back in a moment").is_visible()
    check_page(page, "unavailable")
    # The two refusals themselves, and nothing else.
    assert f"HTTP 429: {site}/search/?q=beirut" in page.watcher.problems
    assert f"HTTP 503: {site}/" in page.watcher.problems
    assert all(" 429" in p or " 503" in p for p in page.watcher.problems), page.watcher.problems
    page.watcher.problems.clear()
    cache.clear()


def test_keyboard_shortcuts_are_offered_only_where_there_is_a_keyboard(site, page, browser):
    page.goto(site + "/")
    expect(page.get_by_role("button", name="Keyboard shortcuts")).to_be_visible()
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        touch = phone.new_page()
        touch.goto(site + "/")
        expect(touch.get_by_role("button", name="Keyboard shortcuts")).to_be_hidden()
    finally:
        phone.close()
