"""Existing orders move into the state machine: the migration maps the old single status to
status + payment, and leaves no ended order holding money unseen."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db

# The suite runs without migrations (--no-migrations): the data migration's function runs
# here on rows written with the old statuses (plain strings to the database).
mapping = importlib.import_module("shop.migrations.0013_order_charge_data")


def test_old_orders_are_mapped_to_status_and_payment():
    Order = apps.get_model("shop", "Order")
    Payment = apps.get_model("shop", "Payment")

    def order(number, status, method="demo", shipping="standard", paid=False):
        made = Order.objects.create(
            number=number,
            email="a@example.com",
            full_name="A",
            address_line1="1",
            city="Kyiv",
            postcode="01001",
            country="UA",
            shipping_method=shipping,
            shipping_price=Decimal("0.00"),
            subtotal=Decimal("10.00"),
            total=Decimal("10.00"),
            currency="UAH",
            status=status,
            payment_method=method,
            paid_at="2026-01-01T10:00:00Z" if paid else None,
        )
        Payment.objects.create(
            order=made,
            provider=method,
            reference=f"ref-{number}",
            amount=made.total,
            currency="UAH",
            status="approved" if paid and method != "cod" else "started",
        )
        return made

    order("CARD-PENDING", "pending_payment")
    order("CASH-PENDING", "pending_payment", method="cod")
    order("CARD-PAID", "paid", paid=True)
    order("CASH-PAID", "paid", method="cod", paid=True)
    order("PICKUP-SHIPPED", "shipped", shipping="pickup", paid=True)
    order("PICKUP-DELIVERED", "delivered", shipping="pickup", paid=True)
    order("REFUNDED", "refunded", paid=True)
    Payment.objects.filter(order__number="REFUNDED").update(status="refunded")
    order("CANCELLED-KEPT", "cancelled", paid=True)  # the bug: cancelled, money kept
    order("CANCELLED", "cancelled")

    mapping.forward(apps, None)
    got = {o.number: (o.status, o.charge_status) for o in Order.objects.all()}
    assert got == {
        "CARD-PENDING": ("pending_payment", "unpaid"),
        "CASH-PENDING": ("confirmed", "unpaid"),
        "CARD-PAID": ("confirmed", "paid"),
        "CASH-PAID": ("confirmed", "paid"),
        "PICKUP-SHIPPED": ("ready_for_pickup", "paid"),
        "PICKUP-DELIVERED": ("collected", "paid"),
        "REFUNDED": ("cancelled", "refunded"),
        "CANCELLED-KEPT": ("cancelled", "refund_due"),
        "CANCELLED": ("cancelled", "unpaid"),
    }
    # Paid means an approved payment of the total, cash too; kept money is due back.
    cash = Payment.objects.get(order__number="CASH-PAID")
    assert (cash.status, cash.amount) == ("approved", Decimal("10.00"))
    assert Payment.objects.get(order__number="CANCELLED-KEPT").status == "refund_due"
