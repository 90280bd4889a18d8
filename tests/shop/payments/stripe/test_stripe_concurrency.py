"""Stripe's "paid" event and the expiry job reach the same order at the same moment.

Whichever takes the order's row lock first, the end is the same: the order is paid, its stock
taken exactly once, and nothing fails. (Webhook first: the job skips the locked order, then
finds it paid. Job first: the order expires and its stock returns; the webhook then finds it
expired and takes the stock again.)"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from shop.models import Order, OrderStatus, PaymentStatus, Product
from shop.orders.services import orders_expire
from tests.shop.factories import OrderFactory, OrderLineFactory, PaymentFactory, ProductFactory
from tests.shop.payments.stripe.helpers import send_event
from tests.support.stripe_server import StripeStandIn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 12


@pytest.fixture
def stripe_on(settings):
    standin = StripeStandIn()  # not started: only its secret, to sign events
    settings.STRIPE_SECRET_KEY = standin.api_key
    settings.STRIPE_WEBHOOK_SECRET = standin.webhook_secret
    return standin


def overdue_card_order(product, quantity: int):
    order = OrderFactory.create(
        payment_method="stripe",
        created_at=timezone.now() - timedelta(hours=3),
        subtotal=product.price * quantity,
        shipping_price=Decimal("0.00"),
    )
    OrderLineFactory.create(order=order, product=product, quantity=quantity)
    Product.objects.filter(pk=product.pk).update(stock=product.stock - quantity)
    payment = PaymentFactory.create(order=order, external_id=f"cs_test_race_{order.pk}")
    session = {
        "id": payment.external_id,
        "object": "checkout.session",
        "payment_status": "paid",
        "payment_intent": f"pi_race_{order.pk}",
        "amount_total": int(order.total * 100),
        "currency": order.currency.lower(),
    }
    return order, session


def test_a_paid_event_racing_the_expiry_job_ends_paid_with_stock_taken_once(stripe_on):
    winners = {"webhook": 0, "expiry": 0}
    for round_ in range(ROUNDS):
        product = ProductFactory.create(stock=5)
        order, session = overdue_card_order(product, 2)
        start = threading.Barrier(2)

        def webhook(order=order, session=session, start=start):
            try:
                start.wait(timeout=10)
                return send_event(Client(), stripe_on, "checkout.session.completed", session)
            finally:
                connection.close()

        def expiry(start=start, pause=(round_ % 3) * 0.02):
            try:
                start.wait(timeout=10)
                time.sleep(pause)  # some rounds give the webhook a head start
                return orders_expire()
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            answer = pool.submit(webhook)
            expired = pool.submit(expiry)
            response, expired_numbers = answer.result(timeout=30), expired.result(timeout=30)

        assert response.status_code == 200, response.content
        order.refresh_from_db()
        payment = order.payments.get()
        assert (order.status, payment.status) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)
        assert Product.objects.get(pk=product.pk).stock == 3
        moves = list(order.events.values_list("to_status", flat=True))
        if order.number in expired_numbers:
            winners["expiry"] += 1
            assert moves == ["expired", "confirmed"]
            assert response.json()["outcome"] == "paid after expiry"
        else:
            winners["webhook"] += 1
            assert moves == ["confirmed"]
            assert response.json()["outcome"] == "paid"
        assert Order.objects.filter(pk=order.pk, status=OrderStatus.CONFIRMED).count() == 1
    assert sum(winners.values()) == ROUNDS
    print(f"first to the lock: {winners}")
