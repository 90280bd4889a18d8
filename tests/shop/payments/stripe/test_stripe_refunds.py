"""Refunds of card orders: staff with the refund permission press "Refund" (or cancel the paid
order) in the admin (Stripe's Refund API, once), or refund in Stripe's dashboard
(charge.refunded). Either way the order ends cancelled and refunded once, through the step
table, and its stock returns."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from shop.models import ChargeStatus, Order, OrderStatus, PaymentStatus, Product
from tests.accounts.factories import UserFactory
from tests.shop.payments.stripe.helpers import pay_again, place_card_order, send_event
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/shop/order/"


@pytest.fixture
def paid_order(client, stripe_standin, product):
    """A card order of 3 (stock 10 → 7), paid by Stripe's webhook."""
    order, payment, session = place_card_order(client, stripe_standin, product, 3)
    paid = stripe_standin.pay(session["id"])
    assert send_event(client, stripe_standin, "checkout.session.completed", paid).status_code == 200
    payment.refresh_from_db()
    return order, payment, paid


def staff(*codenames: str) -> Client:
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    otp_login(client, user)
    return client


def refund(client: Client, *orders: Order):
    return client.post(
        CHANGELIST,
        {"action": "refund", "_selected_action": [o.pk for o in orders]},
        follow=True,
    )


def refund_calls(standin) -> list:
    return [r for r in standin.requests if r.path == "/v1/refunds"]


def stock(order: Order) -> int:
    return Product.objects.get(pk=order.lines.get().product_id or 0).stock


def test_staff_refund_a_card_order_through_stripe_once(stripe_standin, paid_order):
    order, payment, session = paid_order
    clerk = staff("view_order", "change_order", "refund_order")
    page = refund(clerk, order)
    assert "1 order(s) refunded." in page.text
    [call] = refund_calls(stripe_standin)
    assert call.params == {
        "payment_intent": session["payment_intent"],
        "metadata": {"order_number": order.number, "payment_reference": payment.reference},
    }
    assert call.idempotency_key == f"smartshop-refund-{payment.reference}"
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, order.charge_status, payment.status, stock(order)) == (
        "cancelled",
        "refunded",
        "refunded",
        10,
    )
    assert order.events.latest("pk").actor is not None

    # Pressing it again refunds nothing more and calls Stripe no more.
    assert "was refunded before" in refund(clerk, order).text
    assert len(refund_calls(stripe_standin)) == 1
    assert stock(order) == 10


def test_refunding_needs_its_own_permission(stripe_standin, paid_order):
    order, _payment, _session = paid_order
    clerk = staff("view_order", "change_order")
    assert 'value="refund"' not in clerk.get(CHANGELIST).text
    refund(clerk, order)
    order.refresh_from_db()
    assert order.charge_status == ChargeStatus.PAID
    assert refund_calls(stripe_standin) == []
    assert 'value="refund"' in staff("view_order", "refund_order").get(CHANGELIST).text


def test_stripe_refusing_a_refund_changes_nothing_and_says_why(stripe_standin, paid_order):
    order, payment, _session = paid_order
    stripe_standin.fail_with = 402
    page = refund(staff("view_order", "refund_order"), order)
    assert "Stripe could not refund the payment (CardError, HTTP 402)" in page.text
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, order.charge_status, payment.status, stock(order)) == (
        "confirmed",
        "paid",
        "approved",
        7,
    )
    stripe_standin.fail_with = None  # the retry is the same refund: same idempotency key
    assert "1 order(s) refunded." in refund(staff("view_order", "refund_order"), order).text
    keys = {c.idempotency_key for c in refund_calls(stripe_standin)}
    assert keys == {f"smartshop-refund-{payment.reference}"}


def test_orders_that_are_not_card_paid_are_not_refunded(stripe_standin, client, product):
    order, _payment, _session = place_card_order(client, stripe_standin, product)
    page = refund(staff("view_order", "refund_order"), order)
    assert f"Order {order.number} has no payment to refund." in page.text
    assert refund_calls(stripe_standin) == []


def test_a_refund_in_stripes_dashboard_refunds_the_order(client, stripe_standin, paid_order):
    order, payment, session = paid_order
    charge = stripe_standin.charge(session["id"])
    response = send_event(client, stripe_standin, "charge.refunded", charge)
    assert response.json()["outcome"] == "refunded"
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, order.charge_status, payment.status, stock(order)) == (
        "cancelled",
        "refunded",
        "refunded",
        10,
    )
    assert "This order was refunded" in client.get(order.get_absolute_url()).text

    # The admin action afterwards is a no-op, and so is the event again.
    assert "was refunded before" in refund(staff("view_order", "refund_order"), order).text
    again = send_event(client, stripe_standin, "charge.refunded", charge)
    assert again.json()["outcome"] == "already refunded"
    assert refund_calls(stripe_standin) == [] and stock(order) == 10


def test_the_event_for_our_own_refund_changes_nothing_more(client, stripe_standin, paid_order):
    order, _payment, session = paid_order
    refund(staff("view_order", "refund_order"), order)
    charge = stripe_standin.charge(session["id"])
    assert send_event(client, stripe_standin, "charge.refunded", charge).json()["outcome"] == (
        "already refunded"
    )
    assert stock(order) == 10
    assert order.events.filter(to_charge="refunded").count() == 1


def test_a_partial_refund_in_the_dashboard_leaves_the_order_to_staff(
    client, stripe_standin, paid_order
):
    order, _payment, session = paid_order
    partial = stripe_standin.charge(session["id"]) | {"refunded": False, "amount_refunded": 500}
    response = send_event(client, stripe_standin, "charge.refunded", partial)
    assert response.json()["outcome"] == "partial refund: no change"
    order.refresh_from_db()
    assert order.charge_status == ChargeStatus.PAID


def test_a_duplicate_payment_is_refunded_without_touching_the_paid_order(
    client, stripe_standin, paid_order
):
    order, first, _session = paid_order
    second, other_session = pay_again_after_paid(client, stripe_standin, order)
    send_event(
        client,
        stripe_standin,
        "checkout.session.completed",
        stripe_standin.pay(other_session["id"]),
    )
    second.refresh_from_db()
    assert second.status == PaymentStatus.REFUND_DUE
    page = refund(staff("view_order", "refund_order"), order)
    assert "the payment due back was refunded; the order stays as it is" in page.text
    [call] = refund_calls(stripe_standin)
    assert call.params["payment_intent"] == other_session["payment_intent"]
    order.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    # The first payment stays: the order is still paid, its goods still sold.
    assert (order.charge_status, first.status, second.status) == ("paid", "approved", "refunded")


def pay_again_after_paid(client, standin, order):
    """A second session for an order that is paid by now (a tab left open before it was)."""
    order.refresh_from_db()
    paid = {"status": order.status, "charge_status": order.charge_status}
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.PENDING_PAYMENT, charge_status=ChargeStatus.UNPAID
    )
    payment, session = pay_again(client, standin, order)
    Order.objects.filter(pk=order.pk).update(**paid)
    return payment, session


def test_cancelling_a_paid_card_order_refunds_it_through_stripe_with_the_permission_only(
    stripe_standin, paid_order
):
    order, payment, _session = paid_order
    clerk = staff("view_order", "change_order")
    page = clerk.post(
        CHANGELIST, {"action": "mark_cancelled", "_selected_action": [order.pk]}, follow=True
    )
    assert "needs the permission to refund orders" in page.text
    order.refresh_from_db()
    assert (order.status, order.charge_status, stock(order)) == ("confirmed", "paid", 7)
    assert refund_calls(stripe_standin) == []

    boss = staff("view_order", "change_order", "refund_order")
    page = boss.post(
        CHANGELIST, {"action": "mark_cancelled", "_selected_action": [order.pk]}, follow=True
    )
    assert f"Order {order.number}: its payment was refunded." in page.text
    [call] = refund_calls(stripe_standin)
    assert call.idempotency_key == f"smartshop-refund-{payment.reference}"
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, order.charge_status, payment.status, stock(order)) == (
        "cancelled",
        "refunded",
        "refunded",
        10,
    )
