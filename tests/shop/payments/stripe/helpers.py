"""Helpers for the Stripe tests: place a card order through the shop against the stand-in,
and deliver signed events to the shop's webhook with Django's test client."""

import json

from django.test import Client
from django.urls import reverse

from shop.models import Order, Payment
from tests.shop.conftest import cart_add, checkout
from tests.support.stripe_server import StripeStandIn, event_payload, stripe_signature

WEBHOOK = "/payments/stripe/webhook/"


def place_card_order(client: Client, standin: StripeStandIn, product, quantity: int = 1):
    """Walk the checkout paying by card; returns (order, payment, session at the stand-in)."""
    cart_add(client, product, quantity)
    response = checkout(client, payment="stripe")
    assert response.status_code == 303, response.content
    order = Order.objects.latest("pk")
    payment = order.payments.latest("pk")
    session = standin.sessions[payment.external_id]
    assert response.url == session["url"]
    return order, payment, session


def pay_again(client: Client, standin: StripeStandIn, order: Order) -> tuple[Payment, dict]:
    """ "Pay now" on the order page: a new attempt with its own session."""
    response = client.post(reverse("shop:order_pay", args=[order.number]))
    assert response.status_code == 303, response.content
    payment = order.payments.latest("pk")
    return payment, standin.sessions[payment.external_id]


def deliver(client: Client, payload: bytes, signature: str | None):
    headers = {} if signature is None else {"Stripe-Signature": signature}
    return client.post(WEBHOOK, data=payload, content_type="application/json", headers=headers)


def send_event(
    client: Client,
    standin: StripeStandIn,
    kind: str,
    obj: dict,
    *,
    event_id: str | None = None,
    secret: str | None = None,
    timestamp: int | None = None,
):
    """Deliver `kind` about `obj`, signed as Stripe signs it; returns the shop's answer."""
    payload = event_payload(kind, obj, event_id=event_id)
    signature = stripe_signature(payload, secret or standin.webhook_secret, timestamp)
    return deliver(client, payload, signature)


def event_id_of(payload: bytes) -> str:
    return json.loads(payload)["id"]
