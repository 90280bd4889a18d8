"""Paying by card: "Place order" creates a Stripe Checkout Session from the order and sends the
shopper there; nothing but Stripe's webhook marks the order paid. Against the local stand-in,
over HTTP, with the official library."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.models import Order, OrderStatus, Payment, PaymentStatus
from shop.payments.providers import PaymentError
from shop.payments.stripe.api import minor_units
from shop.payments.stripe.provider import session_expiry
from tests.shop.conftest import cart_add, checkout, review_form
from tests.shop.factories import ProductFactory
from tests.shop.payments.stripe.helpers import pay_again, place_card_order, send_event

pytestmark = pytest.mark.django_db


def test_card_payment_is_offered_only_when_both_stripe_secrets_are_set(client, product, settings):
    settings.PAYMENT_METHODS = ["stripe", "cod", "demo"]
    cart_add(client, product, 1)
    client.post(reverse("shop:checkout"), {**review_address()})
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    for key, secret in [("", ""), ("sk_test_x1234567", ""), ("", "whsec_x1234567")]:
        settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = key, secret
        page = client.get(reverse("shop:checkout_review"))
        assert 'value="stripe"' not in page.text
        refused = client.post(
            reverse("shop:checkout_review"), {**review_form(client), "payment_method": "stripe"}
        )
        assert refused.status_code == 400
    assert not Order.objects.exists()
    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_x1234567", "whsec_x12345"
    assert 'value="stripe"' in client.get(reverse("shop:checkout_review")).text


def review_address():
    from tests.shop.conftest import ADDRESS

    return ADDRESS


def test_placing_a_card_order_creates_a_checkout_session_from_the_order(
    client, stripe_standin, settings
):
    settings.SHOP_ORDER_PAYMENT_MINUTES = 60
    mug = ProductFactory.create(name="Enamel Mug", price=Decimal("12.50"), stock=5)
    kettle = ProductFactory.create(name="Gooseneck Kettle", price=Decimal("49.99"), stock=5)
    cart_add(client, mug, 2)
    cart_add(client, kettle, 1)
    # A forged total or price in the form changes nothing: amounts come from the order.
    response = checkout(client, payment="stripe", shipping="express", extra={"total": "0.01"})
    order = Order.objects.get()
    payment = order.payments.get()

    assert response.status_code == 303
    [request] = stripe_standin.requests
    assert (request.method, request.path) == ("POST", "/v1/checkout/sessions")
    assert request.headers["authorization"] == f"Bearer {stripe_standin.api_key}"
    assert request.idempotency_key == f"smartshop-checkout-{payment.reference}"
    params = request.params
    assert params["mode"] == "payment"
    assert params["line_items"] == [
        line_item("Enamel Mug", 1250, 2),
        line_item("Gooseneck Kettle", 4999, 1),
        line_item("Express delivery, 1–2 days", 24900, 1),
    ]
    assert order.total == Decimal("323.99")  # 25.00 + 49.99 + 249.00: what the lines add up to
    assert params["client_reference_id"] == order.number
    assert params["metadata"] == {
        "order_number": order.number,
        "payment_reference": payment.reference,
    }
    assert params["payment_intent_data"]["metadata"] == params["metadata"]
    assert params["customer_email"] == "guest@example.com"
    assert params["success_url"] == f"http://testserver/orders/{order.number}/paying/"
    assert params["cancel_url"] == f"http://testserver/orders/{order.number}/?payment=cancelled"
    expires = int(params["expires_at"])
    assert abs(expires - (order.created_at + timedelta(minutes=60)).timestamp()) < 2
    # The shopper goes to the session's page; the attempt knows its session; stock is held.
    session = stripe_standin.sessions[payment.external_id]
    assert response.url == session["url"]
    assert payment.status == PaymentStatus.STARTED
    mug.refresh_from_db()
    assert mug.stock == 3
    assert order.status == OrderStatus.PENDING_PAYMENT


def line_item(name: str, unit_amount: int, quantity: int) -> dict:
    return {
        "price_data": {
            "currency": "uah",  # the order's currency (SHOP_CURRENCY: hryvnia by default)
            "unit_amount": str(unit_amount),
            "product_data": {"name": name},
        },
        "quantity": str(quantity),
    }


def test_returning_from_checkout_never_marks_the_order_paid(client, stripe_standin, product):
    order, _payment, session = place_card_order(client, stripe_standin, product)
    stripe_standin.pay(session["id"])  # paid at Stripe, but no webhook has arrived yet
    paying = client.get(session["success_url"])
    assert paying.status_code == 200
    assert "Confirming your payment" in paying.text
    refresh = f'<meta http-equiv="refresh" content="2;url=/orders/{order.number}/paying/?try=1">'
    assert refresh in paying.text
    assert "<script" not in paying.text  # no inline script: the CSP allows none
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT

    send_event(client, stripe_standin, "checkout.session.completed", session | stripe_paid(session))
    done = client.get(session["success_url"], follow=True)
    assert done.redirect_chain[-1][0] == order.get_absolute_url()
    assert "Payment received" in done.text
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def stripe_paid(session: dict) -> dict:
    return {"status": "complete", "payment_status": "paid", "payment_intent": "pi_test_1"}


def test_the_confirming_page_stops_refreshing_after_a_minute_and_says_what_happens(
    client, stripe_standin, product
):
    _order, _payment, session = place_card_order(client, stripe_standin, product)
    page = client.get(session["success_url"] + "?try=30")
    assert 'http-equiv="refresh"' not in page.text
    assert "We have not heard from the payment provider yet" in page.text
    # Nonsense in the counter is the first try, never an error.
    assert client.get(session["success_url"] + "?try=９").status_code == 200
    # Someone else's browser cannot see it.
    assert Client().get(session["success_url"]).status_code == 404


def test_cancelling_on_stripes_page_leaves_the_order_payable(client, stripe_standin, product):
    order, payment, session = place_card_order(client, stripe_standin, product)
    page = client.get(session["cancel_url"])
    assert "You left the payment page before paying. Nothing was charged." in page.text
    assert "Pay now" in page.text
    # Stripe keeps the session open after "back": paying again goes back to it.
    again, same_session = pay_again(client, stripe_standin, order)
    assert again.pk == payment.pk and same_session["id"] == session["id"]
    assert len([r for r in stripe_standin.requests if r.method == "POST"]) == 1
    # Once it has expired, paying again is a new attempt with a session of its own.
    stripe_standin.expire(session["id"])
    retry, new_session = pay_again(client, stripe_standin, order)
    assert retry.pk != payment.pk and new_session["id"] != session["id"]
    assert stripe_standin.requests[-1].idempotency_key == f"smartshop-checkout-{retry.reference}"


@pytest.mark.parametrize(
    ("status", "reason"), [(500, "APIError"), (401, "AuthenticationError"), (402, "CardError")]
)
def test_stripe_refusing_the_session_leaves_the_order_pending_and_payable(
    client, stripe_standin, product, status, reason
):
    stripe_standin.fail_with = status
    cart_add(client, product, 1)
    response = checkout(client, payment="stripe")
    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    page = client.get(response.url)
    assert "Your payment did not go through. Nothing was charged." in page.text
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED
    assert reason in payment.failure_reason and f"HTTP {status}" in payment.failure_reason
    assert order.status == OrderStatus.PENDING_PAYMENT
    # The library retries a 500 once, with the same key: one session at most, ever.
    keys = {r.idempotency_key for r in stripe_standin.requests}
    assert keys == {f"smartshop-checkout-{payment.reference}"}

    stripe_standin.fail_with = None
    retry, _session = pay_again(client, stripe_standin, order)
    assert retry.status == PaymentStatus.STARTED


def test_stripe_unreachable_is_a_failed_attempt_not_an_error_page(client, stripe_standin, product):
    stripe_standin.stop()
    cart_add(client, product, 1)
    response = checkout(client, payment="stripe")
    assert response.status_code == 302
    assert "did not go through" in client.get(response.url).text
    assert "APIConnectionError" in Payment.objects.get().failure_reason


def test_the_demo_gateway_page_cannot_approve_a_card_payment(client, stripe_standin, product):
    order, payment, _session = place_card_order(client, stripe_standin, product)
    page = client.post(f"/pay/demo/{payment.reference}/", {"action": "approve"})
    assert page.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("24.98", "USD", 2498),
        ("24.98", "UAH", 2498),
        ("0.10", "EUR", 10),
        ("500.00", "JPY", 500),
        ("12000", "KRW", 12000),
        ("1.50", "KWD", 1500),
        ("45.00", "ISK", 4500),
        ("99999999.99", "USD", 9999999999),
    ],
)
def test_amounts_go_to_stripe_in_the_currencys_minor_unit_exactly(amount, currency, minor):
    assert minor_units(Decimal(amount), currency) == minor
    assert minor_units(Decimal(amount), currency.lower()) == minor


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("12.50", "JPY"), ("0.5", "KRW"), ("45.50", "ISK"), ("1.001", "USD"), ("1.2345", "KWD")],
)
def test_an_amount_a_currency_cannot_carry_is_refused_never_rounded(amount, currency):
    with pytest.raises(PaymentError, match="cannot be charged exactly"):
        minor_units(Decimal(amount), currency)


def test_a_yen_shop_sends_whole_yen(client, stripe_standin, settings):
    settings.SHOP_CURRENCY = "JPY"
    tea = ProductFactory.create(name="Sencha", price=Decimal("1800.00"), stock=3)
    cart_add(client, tea, 2)
    checkout(client, payment="stripe", shipping="pickup")
    [request] = stripe_standin.requests
    assert request.params["line_items"][0]["price_data"] == {
        "currency": "jpy",
        "unit_amount": "1800",
        "product_data": {"name": "Sencha"},
    }


@pytest.mark.parametrize(
    ("minutes", "placed_ago", "expected"),
    [
        (60, timedelta(0), timedelta(minutes=60)),  # the order's own window
        (10, timedelta(0), timedelta(minutes=31)),  # Stripe's minimum, plus a minute's margin
        (60, timedelta(minutes=50), timedelta(minutes=31)),  # a late "Pay now"
        (3 * 24 * 60, timedelta(0), timedelta(hours=24) - timedelta(minutes=1)),  # the maximum
    ],
)
def test_the_session_ends_with_the_orders_payment_window_within_stripes_limits(
    settings, minutes, placed_ago, expected
):
    settings.SHOP_ORDER_PAYMENT_MINUTES = minutes
    now = timezone.now()
    assert session_expiry(now - placed_ago, now=now) - now == expected
