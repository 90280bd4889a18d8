"""axe-core (tests/e2e/axe.py) finds no serious or critical accessibility problem on the pages
a shopper walks through, at desktop and phone width: home, a category, a product, the cart,
each checkout step (also with a form's errors showing), the order page, "Find my order", and
the blog's list and a post. Plus what axe cannot see: a skip link that lands on the content,
landmarks, the page language and a visible focus."""

import pytest
from playwright.sync_api import Page, expect

from blog.demo import demo_posts_seed
from blog.models import Post
from shop.catalogue.demo import demo_catalogue_seed
from tests.e2e.axe import axe_violations, serious_violations
from tests.e2e.pages import fill_details

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEVICES = pytest.mark.parametrize("device", ["desktop", "phone"])


@pytest.fixture
def shop_with_blog(settings):
    settings.OPENAI_API_KEY = ""
    demo_catalogue_seed()
    demo_posts_seed()


def loaded(page: Page) -> None:
    page.wait_for_load_state()  # its stylesheet applied: contrast is measured on the real page


@DEVICES
def test_no_serious_accessibility_problems_from_home_to_order_and_on_the_blog(
    page, device, shop_with_blog, page_problems
):
    page_problems.expect(r"status of 400")  # the details form sent empty, on purpose
    found: list[str] = []
    checked: list[str] = []

    def check(name: str) -> None:
        loaded(page)
        checked.append(name)
        found.extend(serious_violations(page))

    page.goto("/")
    check("home")
    page.get_by_role("complementary", name="Categories").get_by_role("link", name="Kitchen").click()
    check("category")
    page.get_by_role("heading", name="Cast Iron Skillet 26 cm").get_by_role("link").click()
    check("product")
    page.get_by_role("button", name="Add to cart").click()
    check("cart")
    page.get_by_role("link", name="Empty cart").click()
    check("empty cart?")
    page.get_by_role("link", name="Keep my cart").click()
    page.get_by_role("link", name="Proceed to checkout").click()
    page.get_by_role("button", name="Continue to delivery").click()  # nothing filled in
    expect(page.locator(".field-error").first).to_be_visible()
    check("checkout details, with errors")
    fill_details(page, "olena@example.com")
    check("checkout details")
    page.get_by_role("button", name="Continue to delivery").click()
    check("checkout delivery")
    page.get_by_label("Pick up at our store").check()
    page.get_by_role("button", name="Continue to review").click()
    check("checkout review")
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Received — pay at pickup")
    check("order page")
    page.get_by_role("link", name="Find my order").click()
    check("find my order")
    page.goto("/blog/")
    check("blog list")
    page.goto(Post.objects.latest("publish_at").get_absolute_url())
    check("blog post")

    assert len(checked) == 13
    assert found == [], f"axe found serious problems at {device} width:\n" + "\n".join(found)


def test_axe_really_looks(page, live_server):
    """The check above means something only if axe runs in the page and reports problems:
    a page with an unlabelled field and grey-on-white text fails it."""
    page.route(
        "**/axe-probe/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<!doctype html><html lang="en"><title>probe</title><main>'
            '<input type="text"><p><font color="#bbbbbb">faint</font></p></main></html>',
        ),
    )
    page.goto("/axe-probe/")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "color-contrast"} <= ids


@DEVICES
def test_landmarks_language_skip_link_and_focus_are_there(page, device, shop_with_blog):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    for role, name in [("banner", None), ("main", None), ("contentinfo", None)]:
        expect(page.get_by_role(role, name=name)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("search")).to_be_visible()

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"  # focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # The next Tab starts inside the content, not at the header again.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")

    page.goto("/products/cast-iron-skillet-26-cm/")
    images = page.locator("main img:not([aria-hidden]), main [aria-hidden] img")
    alts = images.evaluate_all("imgs => imgs.map(i => i.getAttribute('alt'))")
    assert None not in alts  # every picture says what it is, or that it is decoration ("")
    assert "Cast Iron Skillet 26 cm" in alts
