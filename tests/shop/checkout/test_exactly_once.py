"""One checkout attempt, one order: double clicks, two tabs, retries and a mail outage never
make a second order, take stock twice or show a 500 for an order that was placed."""

import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from shop.models import Order, OrderStatus, Payment, Product
from shop.orders.notifications import SWEEP_GRACE
from tests.shop.conftest import ADDRESS, cart_add, review_form
from tests.shop.factories import ProductFactory
from tests.support.mail import mail_back, smtp_down


def walk_to_review(client: Client, product, quantity: int = 2) -> dict[str, str]:
    cart_add(client, product, quantity)
    assert client.post(reverse("shop:checkout"), ADDRESS).status_code == 302
    assert client.post(reverse("shop:checkout_shipping"), {"method": "standard"}).status_code == 302
    return review_form(client)


def session_snapshot(client: Client) -> dict:
    return dict(client.session.items())


def session_restore(client: Client, data: dict) -> None:
    """Put the session back as it was: what a request that loaded it before the first
    "Place order" finished still holds (a double click, a second tab)."""
    session = client.session
    session.clear()
    session.update(data)
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("payment", ["demo", "cod"])
def test_a_second_simultaneous_submit_lands_on_the_same_order(client, product, payment):
    form = walk_to_review(client, product) | {"payment_method": payment}
    before = session_snapshot(client)

    first = client.post(reverse("shop:checkout_review"), form)
    assert first.status_code == 302
    order = Order.objects.get()
    session_restore(client, before)  # the second click's request saw the session before
    second = client.post(reverse("shop:checkout_review"), form)

    assert Order.objects.count() == 1
    assert second.status_code == 302
    assert second.url == order.get_absolute_url()
    # Stock taken once for one attempt is the service's (test_order_place.py); cash on
    # delivery's single payment record is checked here, the service test places by card.
    assert Payment.objects.count() == 1
    assert client.get(second.url).status_code == 200  # this browser still sees its order
    assert client.session["cart"] == {}


@pytest.mark.django_db
def test_submitting_again_after_the_order_was_placed_lands_on_it(client, product):
    form = walk_to_review(client, product) | {"payment_method": "cod"}
    first = client.post(reverse("shop:checkout_review"), form)
    again = client.post(reverse("shop:checkout_review"), form, follow=True)
    order = Order.objects.get()
    assert first.url == order.get_absolute_url()
    assert again.redirect_chain[-1][0] == order.get_absolute_url()
    assert "already placed" in again.text


@pytest.mark.django_db
def test_a_page_from_another_attempt_or_without_a_token_places_nothing(client, product):
    form = walk_to_review(client, product) | {"payment_method": "demo"}
    for stale in ({**form, "checkout_token": "from-an-old-page"}, {"payment_method": "demo"}):
        response = client.post(reverse("shop:checkout_review"), stale)
        assert response.status_code == 400
        assert "This page was out of date" in response.text
    assert not Order.objects.exists()
    # The page it answers with carries the current attempt: pressing again works.
    assert client.post(reverse("shop:checkout_review"), form).status_code == 302
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_another_browser_posting_a_placed_token_does_not_reach_that_order(client, product):
    form = walk_to_review(client, product) | {"payment_method": "cod"}
    order_url = client.post(reverse("shop:checkout_review"), form).url
    stranger = Client()
    walk_to_review(stranger, product)
    response = stranger.post(reverse("shop:checkout_review"), form)  # someone else's token
    assert response.status_code == 400
    assert stranger.get(order_url).status_code == 404
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_an_old_review_form_posted_again_leads_to_its_order_and_leaves_the_new_checkout(
    client, product
):
    """The shopper placed an order, started another (a new item, another address and
    delivery), then re-sent the first review page (the back button, a stale tab)."""
    old_form = walk_to_review(client, product, quantity=1) | {"payment_method": "cod"}
    first = client.post(reverse("shop:checkout_review"), old_form)
    order = Order.objects.get()
    mug = ProductFactory.create(name="Mug", stock=5)
    cart_add(client, mug, 2)
    assert client.post(reverse("shop:checkout"), ADDRESS | {"city": "Lviv"}).status_code == 302
    assert client.post(reverse("shop:checkout_shipping"), {"method": "express"}).status_code == 302
    new_form = review_form(client) | {"payment_method": "cod"}
    checkout_before = client.session["checkout"]

    again = client.post(reverse("shop:checkout_review"), old_form, follow=True)

    assert again.redirect_chain == [(first.url, 302)]
    assert "already placed" in again.text
    assert client.session["cart"] == {str(mug.pk): 2}  # the new cart, untouched
    assert client.session["checkout"] == checkout_before  # its details, delivery and token
    assert client.session["checkout"]["details"]["city"] == "Lviv"
    assert Order.objects.count() == 1 and Product.objects.get(pk=product.pk).stock == 9
    # The new checkout goes on from where it was.
    placed = client.post(reverse("shop:checkout_review"), new_form)
    assert placed.status_code == 302 and placed.url != order.get_absolute_url()
    second = Order.objects.exclude(pk=order.pk).get()
    assert (second.city, second.shipping_method) == ("Lviv", "express")
    assert list(second.lines.values_list("product_name", "quantity")) == [("Mug", 2)]


@pytest.mark.django_db
def test_an_old_review_form_of_an_order_this_visitor_may_not_see_changes_nothing(client, product):
    form = walk_to_review(client, product, quantity=1) | {"payment_method": "cod"}
    client.post(reverse("shop:checkout_review"), form)
    # The same browser after its session ended (logged out, cleared): a new one, a new cart.
    client.cookies.clear()
    walk_to_review(client, product, quantity=3)
    before = session_snapshot(client)

    response = client.post(reverse("shop:checkout_review"), form)

    assert response.status_code == 400  # an out-of-date page, not a way into the order
    assert "This page was out of date" in response.text
    assert session_snapshot(client)["cart"] == before["cart"]
    assert session_snapshot(client)["checkout"] == before["checkout"]
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_an_account_reposting_its_old_review_form_from_another_browser_reaches_its_order(
    user, product
):
    first_browser, second_browser = Client(), Client()
    for browser in (first_browser, second_browser):
        browser.force_login(user)
    form = walk_to_review(first_browser, product, quantity=1) | {"payment_method": "cod"}
    order_url = first_browser.post(reverse("shop:checkout_review"), form)["Location"]
    walk_to_review(second_browser, product, quantity=2)

    again = second_browser.post(reverse("shop:checkout_review"), form)

    assert again.status_code == 302 and again["Location"] == order_url
    assert second_browser.session["cart"] == {str(product.pk): 2}
    assert Order.objects.count() == 1


@pytest.fixture
def mail_down(settings):
    smtp_down(settings)
    return settings


# Transactional: on_commit callbacks run inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_cash_on_delivery_with_mail_down_places_one_order_and_confirms_once_mail_is_back(
    mail_down, product, caplog, time_machine
):
    browser = Client(raise_request_exception=False)
    form = walk_to_review(browser, product) | {"payment_method": "cod"}
    with caplog.at_level(logging.INFO):
        response = browser.post(reverse("shop:checkout_review"), form)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    assert browser.get(response["Location"]).status_code == 200
    assert browser.session["cart"] == {}
    # The shopper presses again (the page looked stuck): still one order, stock taken once.
    again = browser.post(reverse("shop:checkout_review"), form)
    assert again.status_code == 302 and again["Location"] == order.get_absolute_url()
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=product.pk).stock == 8

    # Reported once, without personal data.
    reported = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(reported) == 1, [r.getMessage() for r in reported]
    assert order.number in reported[0].getMessage()
    assert reported[0].exc_info is None
    for personal in ("guest@example.com", "Olena", "Khreshchatyk", "+380"):
        assert personal not in reported[0].getMessage()
    order.refresh_from_db()
    assert order.confirmation_sent_at is None

    # Mail comes back; the scheduled sweep sends the confirmation once its retry is due.
    mail_back(mail_down)
    call_command("send_order_confirmations", stdout=StringIO())
    assert mail.outbox == []  # the backoff holds: no retry storm
    assert order.confirmation_next_attempt_at is not None  # a retry is scheduled
    time_machine.move_to(order.confirmation_next_attempt_at + SWEEP_GRACE, tick=False)
    for _run in range(3):
        call_command("send_order_confirmations", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert order.number in mail.outbox[0].subject
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_approving_a_payment_with_mail_down_is_not_a_500(mail_down, product, caplog):
    browser = Client(raise_request_exception=False)
    form = walk_to_review(browser, product) | {"payment_method": "demo"}
    gateway = browser.post(reverse("shop:checkout_review"), form)["Location"]
    with caplog.at_level(logging.INFO):
        response = browser.post(gateway, {"action": "approve"}, follow=True)
    order = Order.objects.get()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert "Payment received" in response.text
    assert order.status == OrderStatus.CONFIRMED
    assert order.confirmation_sent_at is None
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_mail_outage_reaches_sentry_once_without_the_shoppers_data(sentry, settings, product):
    settings.EMAIL_BACKEND = "tests.support.mail.FailingEmailBackend"  # quotes the recipient
    browser = Client()
    form = walk_to_review(browser, product) | {"payment_method": "cod"}
    assert browser.post(reverse("shop:checkout_review"), form).status_code == 302
    order = Order.objects.get()

    import sentry_sdk

    sentry_sdk.flush(timeout=5)
    events = sentry.wait_for(lambda: [e for e in sentry.events() if e.get("level") == "error"])
    assert len(events) == 1
    message = events[0]["logentry"]["formatted"] if "logentry" in events[0] else str(events[0])
    assert order.number in message and "SMTPServerDisconnected" in message
    raw = sentry.raw()
    for personal in (b"guest@example.com", b"Olena", b"Khreshchatyk", b"+380"):
        assert personal not in raw
