"""The shop at 320, 375 and 1280 px in both languages (home, product, cart, order, information
pages): nothing scrolls sideways, long product names wrap, "Add to cart" is on a phone's first
screen, and axe finds nothing at all."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from pages.services import legal_pages_seed
from shop.catalogue.demo import demo_catalogue_seed
from shop.models import Product
from shop.orders.links import order_link_url
from tests.e2e.axe import axe_violations
from tests.e2e.conftest import watched_page
from tests.e2e.pages import width_of
from tests.shop.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.production_languages,
]

WIDTHS = {320: 640, 375: 740, 1280: 900}
LONG_NAME = "Надзвичайно довга назва товару: керамічна чашка ручної роботи з подвійними стінками"


@pytest.fixture
def shop():
    demo_catalogue_seed()
    legal_pages_seed()
    first = Product.objects.earliest("pk")
    long = ProductFactory.create(
        category=first.category, name_uk=LONG_NAME, name_en=LONG_NAME, stock=5
    )
    order = OrderFactory.create(paid=True, subtotal=long.price * 3)
    OrderLineFactory.create(order=order, product=long, product_name=LONG_NAME, quantity=3)
    return {"product": long, "order": order}


def open_at(browser, live_server, page_problems, width: int) -> Page:
    page = watched_page(
        browser,
        base_url=live_server.url,
        device="phone" if width < 1000 else "desktop",
        problems=page_problems,
    )
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    return page


def check(page: Page, name: str, found: list[str]) -> None:
    page.wait_for_load_state("load")
    width = width_of(page)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w)
                .slice(-3).map(e => e.tagName + '.' + e.className)""",
            width,
        )
        found.append(f"{name}: {scroll}px wide in a {width}px window: {wide}")
    for violation in axe_violations(page):
        targets = [node["target"] for node in violation["nodes"]]
        found.append(f"{name}: axe {violation['id']} ({violation['impact']}) at {targets}")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_page_fits_the_screen_and_axe_finds_nothing(
    browser, live_server, page_problems, shop, width, prefix
):
    page = open_at(browser, live_server, page_problems, width)
    found: list[str] = []
    try:
        product = shop["product"]
        page.goto(f"{prefix}/")
        check(page, "home", found)
        # The long name wraps inside its card, never clipped or cut.
        card = page.locator(".product-card", has_text=LONG_NAME[:20]).first
        title = card.locator(".card-title a")
        if title.count():
            fits = title.evaluate("a => a.scrollWidth <= a.clientWidth + 1")
            assert fits, "a long product name is clipped"
        page.goto(f"{prefix}{product.get_absolute_url()}")
        check(page, "product", found)
        button = page.locator(".add-to-cart button[type=submit]")
        expect(button).to_be_visible()
        box = button.bounding_box()
        # On a phone: on the first screen, without scrolling.
        if width < 1000:
            assert box and box["y"] + box["height"] <= WIDTHS[width], f"buy button at {box}"
        button.click()
        page.goto(f"{prefix}/cart/")
        check(page, "cart", found)
        page.goto(prefix + urlsplit(order_link_url(order=shop["order"])).path)
        check(page, "order", found)
        for info in ("offer", "returns", "delivery-and-payment", "privacy", "contacts"):
            page.goto(f"{prefix}/info/{info}/")
            check(page, info, found)
    finally:
        page.context.close()
    assert found == [], "\n".join(found)
    assert page_problems.found == [], "\n".join(page_problems.found)
