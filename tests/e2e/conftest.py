"""Real Chromium, driven by Playwright (sync API), against pytest-django's live server.

Fixtures: `browser` (one Chromium for the e2e package), `device` ("desktop" 1280x900 or
"phone" 375x812; parametrize it to run a journey at both widths), `page` (a fresh context at
that width) and `new_page(device)` (one more fresh context: another shopper, no cookies).

Every page of every context is watched: a console error, an uncaught script error or a
Content-Security-Policy violation fails the test at teardown, whichever journey it was.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, sync_playwright

from tests.e2e.pages import VIEWPORTS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

# Runs in every document before its own scripts. Injected by the automation protocol, so it
# is not subject to the page's CSP and the site itself needs no script for it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__e2eCspViolations = (window.__e2eCspViolations || 0) + 1;
  window.__e2eCspViolation(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`
  );
});
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Install it with `apt-get install chromium` (Debian/Ubuntu); .ci/run does."
        )
        if _in_ci():
            pytest.fail(message)  # CI must run them: a missing browser is a broken CI image.
        pytest.skip(message)
    # Playwright's sync API keeps an asyncio loop running in this thread while it is started,
    # so Django's guard would refuse the ORM in the test (and in the database teardown) with
    # SynchronousOnlyOperation. Nothing here is async: the tests call the ORM between browser
    # steps, in the same thread, never concurrently. Allowed only while Playwright runs, so
    # the rest of the suite keeps the guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """What a shopper's browser complained about, collected from every watched page."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.expected: list[re.Pattern] = []

    def expect(self, pattern: str) -> None:
        """A console error this test causes on purpose (e.g. loading a 500 page)."""
        self.expected.append(re.compile(pattern))

    def console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        page_url = message.page.url if message.page else "?"
        text = f"console error on {page_url}: {message.text}" + (f" [{url}]" if url else "")
        if "/favicon.ico" in url and "404" in message.text:
            # Pages without <link rel=icon> (Django's admin) make Chromium ask for
            # /favicon.ico, which the shop does not serve. Not something a shopper sees.
            return
        if any(p.search(message.text) for p in self.expected):
            return
        # Chromium also logs a CSP violation as a console error ("Refused to load ..." or
        # "Executing inline script violates the following Content Security Policy ...").
        self.found.append(text)

    def page_error(self, page: Page, error: Exception) -> None:
        self.found.append(f"script error on {page.url}: {error}")

    def watch(self, page: Page) -> None:
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.page_error(page, error))


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def device() -> str:
    return "desktop"


def watched_page(
    browser, *, base_url: str, device: str, problems: PageProblems, locale: str = "en-US"
) -> Page:
    """A page in a fresh context (its own cookies) at a device's width, its browser language
    `locale` (Accept-Language), reporting to `problems`. Close it with page.context.close()."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS[device], locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    context.expose_function(
        "__e2eCspViolation", lambda text: problems.found.append(f"CSP violation: {text}")
    )
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    problems.watch(page)
    return page


@pytest.fixture
def new_page(browser, live_server, page_problems):
    """Open one more page in a fresh context: another shopper, another browser."""
    pages = []

    def open_page(device: str = "desktop") -> Page:
        pages.append(
            watched_page(browser, base_url=live_server.url, device=device, problems=page_problems)
        )
        return pages[-1]

    yield open_page
    for page in pages:
        page.context.close()
    assert page_problems.found == [], "the browser reported problems:\n" + "\n".join(
        page_problems.found
    )


@pytest.fixture
def page(new_page, device) -> Page:
    return new_page(device)
