"""The shop on a 375 × 740 phone screen: products in the first screen, every control big enough
for a thumb, "Empty cart" out of the way and asked about, free delivery in sight."""

import re

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from shop.catalogue.demo import demo_catalogue_seed
from tests.e2e.pages import (
    SCREENSHOTS,
    fill_details,
    screenshot,
    shop_page,
    small_tap_targets,
    within_reach,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_SCREEN: ViewportSize = {"width": 375, "height": 740}
SKILLET = "Cast Iron Skillet 26 cm"


@pytest.fixture
def catalogue():
    demo_catalogue_seed()


@pytest.fixture
def device() -> str:
    return "phone"


def first_screen(page: Page) -> None:
    page.set_viewport_size(PHONE_SCREEN)
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("url", ["/", "/category/kitchen/", "/uk/", "/uk/category/kitchen/"])
def test_the_first_product_is_in_the_first_screen(page, catalogue, url):
    """Before: the first product card started 726 px down a 740 px screen. In Ukrainian too
    (longer words, the shop's default language): before, its first price was at 884 px, under a
    header of four rows (the language switch on a row of its own)."""
    first_screen(page)
    page.goto(url)
    card = page.locator(".product-card").first
    # Its picture, name and price are all on the first screen, without scrolling.
    for part in (card.locator("img"), card.locator(".card-title"), card.locator(".price-now")):
        box = part.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE_SCREEN["height"], (url, box)
    expect(page.get_by_test_id("promo-banner")).to_be_in_viewport()
    name = ("uk-" if url.startswith("/uk/") else "") + ("category" if "category" in url else "home")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"first-screen-{name}-phone.png")  # just what fits


def test_every_control_is_big_enough_for_a_thumb(page, catalogue):
    """Before: the menu's links were 24 px tall."""
    small: dict[str, list[str]] = {}

    def check(name: str) -> None:
        page.wait_for_load_state()
        if found := small_tap_targets(page):
            small[name] = found

    page.goto("/")
    assert page.locator(".pagination a").count() >= 1
    check("home")
    page.goto("/category/kitchen/")
    check("category")
    page.get_by_role("heading", name=SKILLET).get_by_role("link").click()
    check("product")
    page.get_by_role("button", name="Add to cart").click()
    check("cart")
    page.get_by_role("link", name="Proceed to checkout").click()
    check("checkout details")
    fill_details(page, "olena@example.com")
    page.get_by_role("button", name="Continue to delivery").click()
    check("checkout delivery")
    page.get_by_role("button", name="Continue to review").click()
    check("checkout review")
    page.goto("/orders/find/")
    check("find my order")
    assert small == {}


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_empty_cart_is_last_quiet_and_asks_first(page, device, catalogue):
    """Before: "Empty cart" was the first button on a phone and emptied the cart at once."""
    page.goto("/products/cast-iron-skillet-26-cm/")
    page.get_by_label("Quantity").fill("1")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")

    if device == "phone":
        first_screen(page)
    checkout = page.get_by_role("link", name="Proceed to checkout")
    empty = page.get_by_role("link", name="Empty cart")
    within_reach(checkout)
    assert empty.bounding_box()["y"] > checkout.bounding_box()["y"]
    assert "button" not in (empty.get_attribute("class") or "")
    expect(page.get_by_test_id("free-delivery")).to_have_text(
        "Add ₴1,351.00 more for free delivery (on orders over ₴3,000.00)."  # 1 649 ₴ skillet
    )
    screenshot(page, "cart-thumbnails")
    thumbnail = page.get_by_test_id("cart-line").locator(".thumb img")
    assert thumbnail.evaluate("i => [i.loading, i.width, i.height]") == ["lazy", 64, 64]

    empty.click()
    expect(page.get_by_role("heading", name="Empty your cart?")).to_be_visible()
    shop_page(page, "cart-clear")
    page.get_by_role("link", name="Keep my cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")

    page.get_by_role("link", name="Empty cart").click()
    page.get_by_role("button", name="Yes, empty my cart").click()
    expect(page.get_by_text("Your cart is empty now.")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_free_delivery_shows_in_the_catalogue_and_the_cart(page, device, catalogue):
    page.goto("/")
    expect(page.get_by_test_id("promo-banner")).to_have_text(
        "Free delivery on orders over ₴3,000.00"
    )
    page.goto("/products/cast-iron-skillet-26-cm/")
    page.get_by_label("Quantity").fill("3")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("free-delivery")).to_have_text("Your order gets free delivery.")
    shop_page(page, "cart-free-delivery")
    page.get_by_role("link", name="Proceed to checkout").click()
    fill_details(page, "olena@example.com")
    page.get_by_role("button", name="Continue to delivery").click()
    standard = page.locator(".choice").filter(has_text="Standard delivery")
    expect(standard.locator(".choice-price")).to_have_text("Free")
    assert re.search(r"Free", standard.inner_text())
