"""Small helpers the browser journeys share: screenshots, and what "fits a phone" means."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.accounts.factories import PASSWORD
from tests.support.two_factor import code_from_secret

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# What a shopper types at checkout, by field label.
ADDRESS = {
    "Full name": "Olena Petrenko",
    "Phone (for the courier)": "+380 44 123 4567",
    "Address": "1 Khreshchatyk St",
    "City": "Kyiv",
    "Postcode": "01001",
}
# A choice, not typed (Ukraine is chosen already; choosing it again changes nothing).
COUNTRY = ("Country", "UA")


def width_of(page: Page) -> int:
    size = page.viewport_size
    assert size is not None, "the page has no fixed viewport"
    return size["width"]


def device_of(page: Page) -> str:
    return "phone" if width_of(page) <= VIEWPORTS["phone"]["width"] else "desktop"


def screenshot(page: Page, name: str) -> None:
    """Save artifacts/screenshots/<name>-<desktop|phone>.png (the whole page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # From the top, or the sticky header is drawn where the last click had scrolled to.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / f"{name}-{device_of(page)}.png", full_page=True)


def fits_width(page: Page) -> None:
    """Nothing sticks out sideways: a phone shopper never has to scroll left and right."""
    width = width_of(page)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide in a {width}px window"


def within_reach(locator: Locator) -> None:
    """Visible and entirely inside the window's width, so a thumb can press it."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    width = width_of(locator.page)
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (
        f"{locator} is outside the {width}px window: {box}"
    )


def shop_page(page: Page, name: str) -> None:
    """Every shop or blog page a journey reaches: a screenshot, and it fits the window."""
    screenshot(page, name)
    fits_width(page)


def admin_enrol(page: Page, email: str) -> str:
    """A staff member's first visit to /admin/: the password, then enrolment with an
    authenticator app whose code the test computes from the secret shown. Returns the secret
    (the app's next code is `code_from_secret(secret, offset=1)`)."""
    page.goto("/admin/")
    page.get_by_label(re.compile("mail", re.IGNORECASE)).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Set up two-factor log-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.get_by_test_id("otp-secret").inner_text()
    page.get_by_label("Code").fill(code_from_secret(secret))
    page.get_by_role("button", name="Turn on two-factor log-in").click()
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    return secret


def log_in(page: Page, email: str) -> None:
    """Log in through the shop's own form, from the header link, as a shopper would."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label(re.compile("e-?mail", re.IGNORECASE)).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Log out")).to_be_visible()


# What a thumb presses: the header's links, buttons and fields, every button and field of the
# page, the menu, category, pagination, footer and "change" links. (Links inside a sentence are
# exempt, as in WCAG 2.5.5; radio buttons are pressed through their whole `.choice` label.)
TAP_TARGETS = (
    ".site-header a, .site-header button, .site-header input, main .button, main button,"
    " main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select,"
    " .choice, .category-list a, .pagination a, .footer-nav a, .link-quiet, .change-links a,"
    " .tag-list a, .feed-links a"
)
TAP_SIZE = 44


def small_tap_targets(page: Page) -> list[str]:
    """The visible tap targets smaller than 44 × 44 px, described."""
    return page.evaluate(
        """([selector, size]) => [...document.querySelectorAll(selector)]
            .filter((el) => el.getClientRects().length
                && getComputedStyle(el).visibility !== "hidden")
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.width > 1 && (box.height < size || box.width < size))
            .map(([el, box]) => `${el.tagName.toLowerCase()}.${el.className} "${
                (el.textContent || el.value || "").trim().slice(0, 30)}" ${
                Math.round(box.width)}x${Math.round(box.height)}`)""",
        [TAP_TARGETS, TAP_SIZE],
    )


def fill_details(page: Page, email: str | None) -> None:
    """Fill checkout's contact and address step (the e-mail too, unless None: prefilled)."""
    if email is not None:
        page.get_by_label("E-mail").fill(email)
    for label, value in ADDRESS.items():
        field_labelled(page, label).fill(value)
    field_labelled(page, COUNTRY[0]).select_option(COUNTRY[1])


def field_labelled(page: Page, label: str) -> Locator:
    """The field whose label is exactly `label`, with or without the "*" of a required one."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))
