"""Paying by card in real Chromium: the review page sends the shopper to the Stripe stand-in's
hosted page, they press Pay, the stand-in sends its signed event to the shop, and the shop's
"confirming payment" page turns into the paid order by itself (a <meta> refresh: no script,
no CSP violation). Cancelling there brings the shopper back to an order they can still pay."""

import re

import pytest
from playwright.sync_api import Page, expect

from shop.models import Order, OrderStatus, PaymentStatus, Product
from tests.e2e.pages import fill_details, shop_page
from tests.shop.factories import ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def standin(stripe_standin, live_server):
    stripe_standin.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
    return stripe_standin


# What a shopper reads on a paid order (shop/orders/presenters.py).
PAID = "Paid — being prepared"


def to_stripe(page: Page, product) -> str:
    """Product → cart → details → delivery → review → "Place order" paying by card. Returns
    the order's number."""
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    page.goto("/checkout/")
    fill_details(page, "cardholder@example.com")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_label("Standard delivery, 3–5 days").check()
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_label("Card (Stripe)").check()
    shop_page(page, "checkout-review-card")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Pay \d+\.\d\d UAH$"))).to_be_visible()
    return Order.objects.get().number


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_shopper_pays_by_card_on_stripes_page_and_sees_the_order_paid(page, standin):
    kettle = ProductFactory.create(name="Pour-over Kettle", stock=4)
    standin.event_delay = 1.5  # the event comes a moment after the shopper is back
    number = to_stripe(page, kettle)
    assert page.url.startswith(standin.url)

    page.get_by_role("button", name="Pay", exact=True).click()
    expect(page.get_by_test_id("payment-state")).to_have_text("Confirming your payment…")
    shop_page(page, "order-paying")
    expect(page.get_by_test_id("order-status")).to_have_text(PAID, timeout=15_000)
    expect(page.get_by_text("Payment received. Thank you!")).to_be_visible()
    shop_page(page, "order-paid-card")

    order = Order.objects.get(number=number)
    assert order.status == OrderStatus.CONFIRMED
    assert order.payments.get().status == PaymentStatus.APPROVED
    assert Product.objects.get(name="Pour-over Kettle").stock == 3
    assert standin.events == [("checkout.session.completed", 200)]


def test_cancelling_on_stripes_page_comes_back_to_an_order_still_payable(page, standin):
    number = to_stripe(page, ProductFactory.create(name="Milk Frother", stock=2))
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_test_id("payment-cancelled")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Order {number}")).to_be_visible()

    page.get_by_role("button", name="Pay now").click()  # back to the session, still open
    page.get_by_role("button", name="Pay", exact=True).click()
    expect(page.get_by_test_id("order-status")).to_have_text(PAID, timeout=15_000)
    assert len(standin.sessions) == 1  # one open session per attempt, never two
