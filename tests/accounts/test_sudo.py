"""Fresh sign-in for money: refunds, cancelling a paid order and "record cash received" ask
for the second factor again when the last one is more than ten minutes old (accounts/sudo.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from shop.models import ChargeStatus, Order, OrderStatus
from shop.orders.services import order_transition
from shop.orders.states import OrderAction
from tests.accounts.factories import UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.payments.stripe.helpers import place_card_order, send_event
from tests.support.two_factor import code_now, otp_login

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/shop/order/"


def clerk(*codenames: str):
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    device = otp_login(client, user)
    return client, device


def act(client: Client, action: str, order: Order, **extra):
    data = {"action": action, "_selected_action": [order.pk], **extra}
    return client.post(CHANGELIST, data, follow=True)


@pytest.fixture
def cod_order(client, product):
    """A cash order the courier has delivered: its cash is what staff record next."""
    cart_add(client, product, 1)
    checkout(client, payment="cod")
    order = Order.objects.get()
    for action in (OrderAction.CONFIRM, OrderAction.SHIP, OrderAction.DELIVER):
        order_transition(order=order, action=action)
    return order


def test_recording_cash_within_ten_minutes_of_the_code_needs_no_prompt(cod_order):
    client, _device = clerk("view_order", "change_order", "record_cash_order")
    with time_machine.travel(timezone.now() + timedelta(minutes=9)):
        assert "Cash recorded for 1 order(s)" in act(client, "record_cash", cod_order).text
    cod_order.refresh_from_db()
    assert cod_order.charge_status == ChargeStatus.PAID


def test_recording_cash_later_asks_for_the_code_and_then_runs(cod_order):
    client, device = clerk("view_order", "change_order", "record_cash_order")
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        prompt = act(client, "record_cash", cod_order)
        assert "Confirm it is you" in prompt.text
        assert 'name="otp_code"' in prompt.text
        assert f'name="_selected_action" value="{cod_order.pk}"' in prompt.text
        cod_order.refresh_from_db()
        assert cod_order.charge_status == ChargeStatus.UNPAID

        wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"
        again = act(client, "record_cash", cod_order, otp_code=wrong)
        assert "That code is not right" in again.text
        cod_order.refresh_from_db()
        assert cod_order.charge_status == ChargeStatus.UNPAID

        done = act(client, "record_cash", cod_order, otp_code=code_now(device))
        assert "Cash recorded for 1 order(s)" in done.text
        cod_order.refresh_from_db()
        assert cod_order.charge_status == ChargeStatus.PAID
        # The window starts again: the next money action runs straight away.
        assert "Confirm it is you" not in act(client, "record_cash", cod_order).text


def test_other_status_changes_never_ask(client, product):
    cart_add(client, product, 1)
    checkout(client, payment="cod")
    placed = Order.objects.get()
    staff, _device = clerk("view_order", "change_order")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert "1 order(s) marked confirmed" in act(staff, "mark_confirm", placed).text
        assert "1 order(s) cancelled" in act(staff, "mark_cancelled", placed).text
    placed.refresh_from_db()
    assert placed.status == OrderStatus.CANCELLED


def test_cancelling_a_paid_order_asks_for_the_code_before_its_money_goes_back(
    client, stripe_standin, product
):
    order, _payment, session = place_card_order(client, stripe_standin, product, 1)
    paid = stripe_standin.pay(session["id"])
    assert send_event(client, stripe_standin, "checkout.session.completed", paid).status_code == 200
    staff, device = clerk("view_order", "change_order", "refund_order")
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        prompt = act(staff, "mark_cancelled", order)
        assert "Confirm it is you" in prompt.text
        assert not [r for r in stripe_standin.requests if r.path == "/v1/refunds"]
        done = act(staff, "mark_cancelled", order, otp_code=code_now(device))
        assert "1 order(s) cancelled" in done.text
    assert len([r for r in stripe_standin.requests if r.path == "/v1/refunds"]) == 1


def test_a_refund_later_asks_for_the_code_before_stripe_is_called(client, stripe_standin, product):
    order, _payment, session = place_card_order(client, stripe_standin, product, 1)
    paid = stripe_standin.pay(session["id"])
    assert send_event(client, stripe_standin, "checkout.session.completed", paid).status_code == 200
    staff, device = clerk("view_order", "change_order", "refund_order")
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        prompt = act(staff, "refund", order)
        assert "Confirm it is you" in prompt.text
        assert not [r for r in stripe_standin.requests if r.path == "/v1/refunds"]
        done = act(staff, "refund", order, otp_code=code_now(device))
        assert "1 order(s) refunded." in done.text
    assert len([r for r in stripe_standin.requests if r.path == "/v1/refunds"]) == 1
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.CANCELLED, ChargeStatus.REFUNDED)
