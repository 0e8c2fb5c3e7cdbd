"""What the browser tests share: the system Chromium, a page that fails its test on a
console error, a failed request or a CSP violation, axe-core, and screenshots.

Registered as a plugin in conftest.py, so every test module gets these fixtures.
"""

from __future__ import annotations

import datetime
import os
from importlib.resources import files
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, ingest
from tests.factories import make_articles

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text()
AXE_AS_EXPRESSION = f"(() => {{ {AXE}\n}})()"
WIDTHS = {"phone": (360, 740), "desktop": (1280, 900)}


@pytest.fixture(scope="session")
def browser(require_service_session):
    if not Path(CHROMIUM).exists():
        require_service_session("Chromium (/usr/bin/chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# Reports every Content-Security-Policy violation, on every document the page loads.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
  );
});
"""


class Watcher:
    """Collects what must not happen on a page: console errors, failed requests, CSP
    violations (counted apart, as the policy is the subject of its own checks)."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        self.csp_violations: list[str] = []
        self.expected_statuses: set[int] = set()  # what a test provokes on purpose
        self.in_flight: set = set()
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))
        page.expose_function("reportCspViolation", self._csp_violation)
        page.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def settle(self, page, seconds: float = 10) -> None:
        """Waits until the browser has no request in flight: a late htmx request (typing,
        a second change event) must not reach the live server while the test's database
        is flushed, where SQLite would refuse with "database table is locked"."""
        for _ in range(int(seconds * 50)):
            if not self.in_flight:
                return
            page.wait_for_timeout(20)
        raise AssertionError(f"requests still in flight: {sorted(r.url for r in self.in_flight)}")

    def _csp_violation(self, description: str) -> None:
        self.csp_violations.append(description)

    def _failed(self, request) -> None:
        # A navigation cancels the requests of the page it leaves; that is not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _console(self, message) -> None:
        expected = any(f"status of {status} " in message.text for status in self.expected_statuses)
        if message.type == "error" and not expected:
            self.problems.append(f"console: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.status not in self.expected_statuses:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def site(reference_data, live_server):
    ingest(SEEDS)
    make_articles(25, region="lebanon", places=("beirut",), start=datetime.date(2025, 6, 1))
    return live_server.url


@pytest.fixture
def page(browser):
    # The site's Content-Security-Policy is enforced, as it is for readers.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.watcher = Watcher(page)
    yield page
    page.watcher.settle(page)
    context.close()
    assert page.watcher.problems == []
    assert page.watcher.csp_violations == []


def axe_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, which the page's CSP does not govern (a
    # <script> tag with axe inline would, rightly, be refused).
    page.evaluate(AXE_AS_EXPRESSION)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def settled(page) -> None:
    """Wait for the colours to finish changing: the admin's links fade between schemes
    (a 0.15 s transition), and axe would judge their contrast halfway."""
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')"
    )


def check_page(page, name: str) -> None:
    """axe-core finds nothing in light or dark mode; screenshots for a person to look at."""
    settled(page)
    assert axe_violations(page) == [], name
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme="dark")
    settled(page)
    assert axe_violations(page) == [], f"{name} (dark)"
    page.screenshot(path=SCREENSHOTS / f"{name}-dark.png", full_page=True)
    page.emulate_media(color_scheme="light")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(original)
