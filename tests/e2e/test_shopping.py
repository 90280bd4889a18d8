"""A shopper's journeys in real Chromium, at desktop and phone width: find, buy, pay, follow
the order. Each page is screenshotted to artifacts/screenshots/ and, like every page in the e2e
suite, must raise no console error or CSP violation (see conftest.py)."""

import re

import pytest
from playwright.sync_api import Page, expect

from shop.catalogue.demo import demo_catalogue_seed
from shop.models import Order, OrderStatus
from tests.accounts.factories import UserFactory
from tests.e2e.pages import ADDRESS, fill_details, log_in, shop_page, within_reach

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEVICES = pytest.mark.parametrize("device", ["desktop", "phone"])
SKILLET = "Cast Iron Skillet 26 cm"  # ₴1,649.00 in the demo catalogue


@pytest.fixture
def catalogue():
    demo_catalogue_seed()


def to_product(page: Page, name: str) -> None:
    page.get_by_role("heading", name=name).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def checkout_to_gateway(page: Page, *, email: str | None) -> str:
    """From the cart, through the three steps, to the demo gateway. Returns the order number."""
    proceed = page.get_by_role("link", name="Proceed to checkout")
    within_reach(proceed)
    proceed.click()
    expect(page.get_by_role("listitem").filter(has_text="Contact & address")).to_have_attribute(
        "aria-current", "step"
    )
    fill_details(page, email)
    shop_page(page, "checkout-details")
    within_reach(page.get_by_role("button", name="Continue to delivery"))
    page.get_by_role("button", name="Continue to delivery").click()

    expect(page.get_by_role("group", name="How should we deliver?")).to_be_visible()
    page.get_by_label("Standard delivery, 3–5 days").check()
    shop_page(page, "checkout-delivery")
    page.get_by_role("button", name="Continue to review").click()

    expect(page.get_by_role("heading", name="Your order")).to_be_visible()
    expect(page.get_by_text(ADDRESS["Address"])).to_be_visible()
    page.get_by_label("Demo card gateway").check()
    shop_page(page, "checkout-review")
    place = page.get_by_role("button", name=re.compile(r"^Place order"))
    within_reach(place)
    place.click()

    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    number = Order.objects.get().number
    expect(page.get_by_text(f"Order {number}")).to_be_visible()
    return number


@DEVICES
def test_a_guest_finds_a_product_buys_it_pays_and_opens_the_order_from_the_email(
    page, new_page, device, catalogue, mailoutbox, settings, live_server
):
    # No SITE_URL, as in a local run: the e-mail's link must be on the live server's own
    # address and random port (before, it was http://127.0.0.1:8000 whatever the port).
    settings.SITE_URL = ""
    page.goto("/")
    expect(page.get_by_role("heading", name="Good things, chosen with care")).to_be_visible()
    shop_page(page, "home")

    page.get_by_role("searchbox", name="Search products").fill("skillet")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Results for “skillet”")).to_be_visible()
    expect(page.get_by_test_id("result-count")).to_have_text("1 product")
    shop_page(page, "search")

    page.get_by_role("complementary", name="Categories").get_by_role("link", name="Kitchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen")
    expect(page.get_by_role("heading", name=SKILLET)).to_be_visible()
    shop_page(page, "category")

    to_product(page, SKILLET)
    expect(page.locator(".product-info").get_by_text("In stock")).to_be_visible()
    shop_page(page, "product")
    add = page.get_by_role("button", name="Add to cart")
    within_reach(add)
    page.get_by_label("Quantity").fill("2")
    add.click()

    expect(page.get_by_text(f"Added {SKILLET} to your cart.")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("2")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("₴3,298.00")
    page.get_by_label(f"Quantity of {SKILLET}").fill("3")
    page.get_by_role("button", name="Update").click()
    expect(page.get_by_text(f"Updated the quantity of {SKILLET}.")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("3")
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("₴4,947.00")
    shop_page(page, "cart")

    number = checkout_to_gateway(page, email="olena@example.com")
    expect(page.get_by_test_id("gateway-amount")).to_have_text("₴4,947.00")  # free shipping
    shop_page(page, "gateway")
    approve = page.get_by_role("button", name="Approve payment")
    within_reach(approve)
    approve.click()

    expect(page.get_by_role("heading", name=f"Order {number}")).to_be_visible()
    expect(page.get_by_test_id("order-status")).to_have_text("Paid — being prepared")
    expect(page.get_by_text("Payment received. Thank you!")).to_be_visible()
    expect(page.get_by_test_id("order-email")).to_have_text(
        "We sent the confirmation to olena@example.com."
    )
    expect(page.get_by_test_id("order-total")).to_have_text("₴4,947.00")
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    shop_page(page, "confirmation")

    # The confirmation e-mail's signed link opens the order in a browser that never saw it.
    assert [m.to for m in mailoutbox] == [["olena@example.com"]]
    link = re.search(r"https?://\S+/orders/link/\S+/", mailoutbox[0].body)
    assert link and link.group(0).startswith(live_server.url + "/orders/link/")
    elsewhere = new_page(device)
    elsewhere.goto(link.group(0))
    expect(elsewhere.get_by_role("heading", name=f"Order {number}")).to_be_visible()
    expect(elsewhere.get_by_test_id("order-status")).to_have_text("Paid — being prepared")
    expect(elsewhere.get_by_test_id("order-line")).to_contain_text([SKILLET])
    # ...while a third browser, without the link, gets a plain "not found".
    stranger = new_page(device).context.request
    assert stranger.get(f"/orders/{number}/").status == 404


@DEVICES
def test_a_customer_logs_in_is_declined_retries_pays_and_finds_the_order_in_my_orders(
    page, device, catalogue
):
    customer = UserFactory.create(email="returning@example.com")
    page.goto("/")
    log_in(page, customer.email)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="My orders")).to_be_visible()

    page.get_by_role("link", name="Coffee & Tea").click()
    to_product(page, "Pour-Over Dripper")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("cart-subtotal")).to_have_text("₴899.00")

    number = checkout_to_gateway(page, email=None)  # the e-mail is prefilled from the account
    assert Order.objects.get().email == customer.email
    expect(page.get_by_test_id("gateway-amount")).to_have_text("₴998.00")  # ₴99.00 shipping
    page.get_by_role("button", name="Decline").click()

    expect(page.get_by_text("Your payment was declined.")).to_be_visible()
    expect(page.get_by_test_id("order-status")).to_have_text("Awaiting payment")
    expect(page.get_by_test_id("order-payment")).to_contain_text("did not go through")
    shop_page(page, "order-declined")
    pay_now = page.get_by_role("button", name="Pay now")
    within_reach(pay_now)
    pay_now.click()
    expect(page.get_by_test_id("gateway-amount")).to_have_text("₴998.00")
    page.get_by_role("button", name="Approve payment").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Paid — being prepared")
    assert Order.objects.get().status == OrderStatus.CONFIRMED

    within_reach(nav.get_by_role("link", name="My orders"))
    nav.get_by_role("link", name="My orders").click()
    expect(page.get_by_role("heading", name="My orders")).to_be_visible()
    row = page.get_by_test_id("order-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(number)
    expect(row).to_contain_text("Paid — being prepared")
    expect(row).to_contain_text("₴998.00")
    shop_page(page, "my-orders")
    row.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Order {number}")).to_be_visible()
