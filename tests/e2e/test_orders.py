"""Orders that tell the truth, in real Chromium at desktop and phone width: a pickup order paid
in cash reads "Received — pay at pickup" with the store's address and hours, and a guest who
lost the e-mail gets the link again from "Find my order"."""

import re

import pytest
from playwright.sync_api import expect

from shop.catalogue.demo import demo_catalogue_seed
from shop.models import Order
from tests.e2e.pages import ADDRESS, fill_details, shop_page, within_reach
from tests.support.text import match_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEVICES = pytest.mark.parametrize("device", ["desktop", "phone"])
STORE = "7 Podil Square, Kyiv 04070"
HOURS = "Daily 9:00–21:00"


@pytest.fixture
def catalogue(settings):
    settings.SITE_URL = ""  # links on the live server's own address (core/site.py)
    settings.SHOP_STORE_ADDRESS, settings.SHOP_STORE_HOURS = STORE, HOURS
    demo_catalogue_seed()


@DEVICES
def test_a_pickup_order_paid_in_cash_says_where_when_and_how(page, device, catalogue, mailoutbox):
    page.goto("/products/pour-over-dripper/")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Proceed to checkout").click()
    fill_details(page, "taras@example.com")
    page.get_by_role("button", name="Continue to delivery").click()
    expect(page.get_by_test_id("pickup-store")).to_have_text(f"{STORE} · Opening hours: {HOURS}")
    page.get_by_label("Pick up at our store").check()
    page.get_by_role("button", name="Continue to review").click()
    expect(page.get_by_role("heading", name="Pick up at our store")).to_be_visible()
    expect(page.get_by_text(ADDRESS["Address"])).to_have_count(0)
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name=re.compile(r"^Place order")).click()

    number = Order.objects.get().number
    expect(page.get_by_role("heading", name=f"Order {number}")).to_be_visible()
    expect(page.get_by_test_id("order-status")).to_have_text("Received — pay at pickup")
    expect(page.get_by_text("Pending payment")).to_have_count(0)
    expect(page.get_by_text("Last payment attempt")).to_have_count(0)
    delivery = page.get_by_test_id("order-delivery")
    expect(delivery).to_contain_text(STORE)
    expect(delivery).to_contain_text(HOURS)
    expect(page.get_by_text(ADDRESS["Address"])).to_have_count(0)
    expect(page.get_by_test_id("order-payment")).to_have_text(
        "Cash on delivery · pay in cash when you collect it"
    )
    expect(page.get_by_test_id("order-email")).to_have_text(
        "We sent the confirmation to taras@example.com."
    )
    shop_page(page, "confirmation-pickup")
    [message] = mailoutbox
    assert STORE in message.body and HOURS in message.body
    assert ADDRESS["Address"] not in message.body


@DEVICES
def test_a_guest_who_lost_the_email_finds_the_order_again(
    page, new_page, device, catalogue, mailoutbox, live_server
):
    page.goto("/products/pour-over-dripper/")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Proceed to checkout").click()
    fill_details(page, "olena@example.com")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_label("Cash on delivery").check()
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    number = Order.objects.get().number
    mailoutbox.clear()  # the confirmation: lost

    # Another browser, days later: from the footer of any page.
    other = new_page(device)
    other.goto("/")
    footer_link = other.get_by_role("contentinfo").get_by_role("link", name="Find my order")
    within_reach(footer_link)
    footer_link.click()
    expect(other.get_by_role("heading", name="Find my order")).to_be_visible()
    other.get_by_label("Order number").fill(number.lower())
    other.get_by_label("E-mail").fill("Olena@Example.com")
    shop_page(other, "order-find")
    other.get_by_role("button", name="E-mail me the link").click()
    answer = other.get_by_test_id("order-find-answer")
    expect(answer).to_contain_text("If an order with that number was placed with that e-mail")
    answered = answer.inner_text()
    shop_page(other, "order-find-sent")

    [message] = mailoutbox
    assert message.to == ["olena@example.com"]
    link = match_in(r"https?://\S+/orders/link/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)
    other.goto(link)
    expect(other.get_by_role("heading", name=f"Order {number}")).to_be_visible()
    expect(other.get_by_test_id("order-status")).to_have_text("Received — pay on delivery")

    # A wrong guess reads the same and sends nothing.
    stranger = new_page(device)
    stranger.goto("/orders/find/")
    stranger.get_by_label("Order number").fill(number)
    stranger.get_by_label("E-mail").fill("someone@example.com")
    stranger.get_by_role("button", name="E-mail me the link").click()
    expect(stranger.get_by_test_id("order-find-answer")).to_have_text(answered)
    assert len(mailoutbox) == 1
