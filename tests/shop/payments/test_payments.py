import logging

import pytest
from django.urls import reverse

from shop.models import Order, OrderStatus, Payment, PaymentStatus
from tests.shop.conftest import cart_add, checkout

pytestmark = pytest.mark.django_db


def test_demo_gateway_approve_marks_the_order_paid(client, product):
    cart_add(client, product, 1)
    gateway = checkout(client).url
    page = client.get(gateway)
    assert "Approve payment" in page.text and "Decline" in page.text
    assert "₴118.99" in page.text
    assert "card number" not in page.text.lower()  # a hosted page of ours takes no card data

    response = client.post(gateway, {"action": "approve"}, follow=True)
    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == order.get_absolute_url()
    assert order.status == OrderStatus.CONFIRMED
    assert "Payment received" in response.text
    assert Payment.objects.get().status == PaymentStatus.APPROVED
    # Approving twice does not pay twice or fail.
    assert client.post(gateway, {"action": "approve"}).status_code == 302
    assert order.events.filter(to_charge="paid").count() == 1


def test_a_declined_payment_leaves_the_order_pending_and_retry_succeeds(client, product, caplog):
    cart_add(client, product, 2)
    gateway = checkout(client).url
    with caplog.at_level(logging.WARNING, logger="shop.payments.services"):
        response = client.post(gateway, {"action": "decline"}, follow=True)
    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert "Your payment was declined" in response.text
    assert "Pay now" in response.text  # the retry button
    # Logged once, with the order number, without personal data.
    [record] = [r for r in caplog.records if r.name == "shop.payments.services"]
    assert order.number in record.getMessage()
    for personal in ("guest@example.com", "Olena", "Khreshchatyk", "+380"):
        assert personal not in record.getMessage()

    retry = client.post(reverse("shop:order_pay", args=[order.number]))
    assert retry.status_code == 302
    assert retry.url != gateway  # a fresh attempt
    client.post(retry.url, {"action": "approve"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert list(order.payments.order_by("pk").values_list("status", flat=True)) == [
        "declined",
        "approved",
    ]
    # The declined page cannot be replayed into an approval.
    client.post(gateway, {"action": "approve"})
    assert Payment.objects.filter(status="approved").count() == 1


def test_the_gateway_refuses_nonsense(client, product):
    cart_add(client, product, 1)
    gateway = checkout(client).url
    assert client.post(gateway, {"action": "steal"}).status_code == 400
    assert client.get("/pay/demo/not-a-real-reference/").status_code == 404
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT


def test_a_paid_order_offers_no_payment(client, product):
    cart_add(client, product, 1)
    client.post(checkout(client).url, {"action": "approve"})
    order = Order.objects.get()
    response = client.post(reverse("shop:order_pay", args=[order.number]), follow=True)
    assert "does not need paying" in response.text
    assert order.payments.count() == 1


def test_a_provider_that_fails_to_start_is_handled_in_one_place(client, product, caplog):
    """A gateway outage at start: no 500, the order stays pending, the shopper can retry."""
    from shop.payments.demo import DemoGateway
    from shop.payments.providers import PROVIDERS, PaymentError

    class BrokenGateway(DemoGateway):
        def start(self, payment, **kwargs):
            raise PaymentError("Gateway unavailable")

    original = PROVIDERS["demo"]
    PROVIDERS["demo"] = BrokenGateway()
    try:
        cart_add(client, product, 1)
        response = checkout(client)
        order = Order.objects.get()
        assert response.url == order.get_absolute_url()
        page = client.get(response.url)
        assert "did not go through" in page.text
        assert Payment.objects.get().status == PaymentStatus.FAILED
        assert order.status == OrderStatus.PENDING_PAYMENT
    finally:
        PROVIDERS["demo"] = original


def test_a_provider_that_answers_failed_is_handled_like_one_that_raises(client, product, caplog):
    """Failure as a typed answer (GatewayResponse.failed) instead of an exception: the same
    shopper message, a failed attempt with the reason for staff, the order still payable."""
    from shop.payments.demo import DemoGateway
    from shop.payments.providers import PROVIDERS, GatewayResponse

    class RefusingGateway(DemoGateway):
        def start(self, payment, **kwargs):
            return GatewayResponse.failed("Card network unavailable")

    original = PROVIDERS["demo"]
    PROVIDERS["demo"] = RefusingGateway()
    try:
        cart_add(client, product, 1)
        with caplog.at_level(logging.WARNING, logger="shop.payments.services"):
            response = checkout(client)
        order = Order.objects.get()
        assert response.url == order.get_absolute_url()
        page = client.get(response.url)
        assert "did not go through" in page.text
        assert "Pay now" in page.text
        payment = Payment.objects.get()
        assert payment.status == PaymentStatus.FAILED
        assert payment.failure_reason == "Card network unavailable"
        assert order.status == OrderStatus.PENDING_PAYMENT
        assert any(order.number in r.getMessage() for r in caplog.records)
    finally:
        PROVIDERS["demo"] = original
