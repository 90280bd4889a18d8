"""Order pages, "My orders" and order e-mails say what is true for the shopper: how the order
is paid (online or in cash), how it arrives (delivered or collected) and where it is now."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from shop.models import ChargeStatus, Order, OrderStatus, PaymentStatus
from shop.orders.notifications import order_confirmation_message
from shop.orders.presenters import STATUS_TABLE, shopper_status_for
from shop.orders.services import order_cash_record, order_transition, orders_expire
from shop.orders.states import OrderAction, reachable_states
from shop.payments.refunds import order_cancel
from shop.payments.services import payment_approve
from tests.accounts.factories import UserFactory
from tests.shop.conftest import ADDRESS, cart_add, checkout
from tests.shop.factories import OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db

STORE = {"SHOP_STORE_ADDRESS": "7 Podil Square, Kyiv 04070", "SHOP_STORE_HOURS": "Daily 9–21"}
HOME = ADDRESS["address_line1"]


@pytest.fixture
def store(settings):
    for name, value in STORE.items():
        setattr(settings, name, value)


def place(client, product, *, payment: str, shipping: str = "standard", capture=None) -> Order:
    cart_add(client, product, 1)
    if capture is None:
        checkout(client, payment=payment, shipping=shipping)
    else:
        with capture(execute=True):
            checkout(client, payment=payment, shipping=shipping)
    return Order.objects.get()


def text(html: str) -> str:
    """The page's words, without tags: what a shopper reads."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- one table, every combination ------------------------------------------------------


REACHABLE = sorted(reachable_states())


@pytest.mark.parametrize(("status", "charge", "paid_by", "arrives"), REACHABLE)
def test_every_state_the_machine_allows_has_a_shopper_label_in_both_languages(
    status, charge, paid_by, arrives
):
    said = shopper_status_for(status=status, charge=charge, paid_by=paid_by, arrives=arrives)
    assert said is not None
    assert said.tone in {"success", "warning", "info", "danger", "neutral"}
    with translation.override("en"):
        label, message = str(said.label), str(said.message)
    with translation.override("uk"):
        uk_label, uk_message = str(said.label), str(said.message)
    assert label and message
    assert label != "Pending payment"  # staff's word, never the shopper's
    # Translated, not English left in the Ukrainian page.
    assert (uk_label, uk_message) != (label, message) and uk_label != label
    if charge != ChargeStatus.PAID:  # never "paid" before the money is recorded
        assert "Paid" not in label and "payment is received" not in message
    if arrives == "pickup":
        assert "deliver" not in message.lower() and "on its way" not in message


def test_the_table_only_names_real_states():
    for status, charge, paid_by, arrives in STATUS_TABLE:
        assert status in OrderStatus.values
        assert charge in (None, *ChargeStatus.values)
        assert paid_by in (None, "online", "cash") and arrives in (None, "delivery", "pickup")


# --- the order page ------------------------------------------------------------------


def test_a_cash_on_delivery_order_reads_received_pay_on_delivery(client, product):
    """Before: "Pending payment" and "Last payment attempt: Started" under "confirmed"."""
    order = place(client, product, payment="cod")
    page = text(client.get(order.get_absolute_url()).text)
    assert "Received — pay on delivery" in page
    assert "Pending payment" not in page
    assert "Last payment attempt" not in page
    assert "Started" not in page
    assert "Cash on delivery · pay in cash when it arrives" in page
    assert "Pay now" not in page


def test_a_pickup_order_shows_the_store_and_never_the_home_address(client, product, store):
    """Before: the shopper's home address under "Delivery", no store anywhere."""
    order = place(client, product, payment="cod", shipping="pickup")
    html = client.get(order.get_absolute_url()).text
    page = text(html)
    assert "Received — pay at pickup" in page
    assert "Pick up at our store" in page
    assert STORE["SHOP_STORE_ADDRESS"] in page
    assert STORE["SHOP_STORE_HOURS"] in page
    assert HOME not in page
    assert ADDRESS["postcode"] not in page
    assert "Delivery" not in re.findall(r"<h2>([^<]+)</h2>", html)


def test_the_confirmation_page_names_the_email_the_delivery_and_the_payment(
    client, product, django_capture_on_commit_callbacks
):
    order = place(client, product, payment="cod", capture=django_capture_on_commit_callbacks)
    page = text(client.get(order.get_absolute_url()).text)
    assert f"We sent the confirmation to {ADDRESS['email']}." in page
    assert "Standard delivery, 3–5 days" in page
    assert "Cash on delivery" in page


def test_an_order_awaiting_card_payment_says_so_and_when_it_will_email(client, product):
    order = place(client, product, payment="demo")
    page = text(client.get(order.get_absolute_url()).text)
    assert "Awaiting payment" in page
    assert "Pay now" in page
    assert f"We will e-mail the confirmation to {ADDRESS['email']} once the payment" in page
    assert "not paid yet" in page


def test_a_declined_card_payment_is_told_plainly(client, product):
    order = place(client, product, payment="demo")
    order.payments.update(status=PaymentStatus.DECLINED)
    page = text(client.get(order.get_absolute_url()).text)
    assert "your last attempt did not go through; nothing was charged" in page
    assert "Declined" not in page  # no raw payment status


@pytest.mark.parametrize(
    ("shipping", "steps", "expected"),
    [
        ("standard", ["pay", "ship"], "Shipped"),
        ("pickup", ["pay", "ready_for_pickup"], "Ready for pickup"),
        ("standard", ["pay", "ship", "deliver"], "Delivered"),
        ("pickup", ["pay", "ready_for_pickup", "collect"], "Collected"),
        ("express", ["pay"], "Paid — being prepared"),
        ("standard", ["cancel"], "Cancelled"),
        ("standard", ["pay", "cancel"], "Refunded"),
    ],
)
def test_later_states_read_as_shoppers_expect(client, product, shipping, steps, expected):
    order = place(client, product, payment="demo", shipping=shipping)
    staff = UserFactory.create(is_superuser=True)
    for step in steps:
        if step == "pay":
            assert payment_approve(payment=order.payments.get())
        elif step == "cancel":
            order_cancel(order=order, actor=staff)
        else:
            order_transition(order=order, action=OrderAction(step), actor=staff)
    response = client.get(order.get_absolute_url())
    assert re.search(rf'data-testid="order-status">{re.escape(expected)}<', response.text)


def test_a_cash_order_never_reads_paid_before_its_cash_is_recorded(client, product):
    order = place(client, product, payment="cod")
    staff = UserFactory.create(is_superuser=True)
    for action in (OrderAction.CONFIRM, OrderAction.SHIP, OrderAction.DELIVER):
        order_transition(order=order, action=action, actor=staff)
        page = text(client.get(order.get_absolute_url()).text)
        assert "paid on" not in page and "Paid" not in page
    assert "we have not recorded your cash payment yet" in page
    order_cash_record(order=order, actor=staff)
    page = text(client.get(order.get_absolute_url()).text)
    assert "Cash on delivery · paid on" in page


def test_an_expired_order_says_nothing_was_charged(client, product):
    order = place(client, product, payment="demo")
    assert orders_expire(now=timezone.now() + timedelta(days=1)) == [order.number]
    page = text(client.get(order.get_absolute_url()).text)
    assert "Cancelled — not paid in time" in page
    assert "Nothing was charged." in page


def test_my_orders_shows_the_shoppers_label(product):
    user = UserFactory.create()
    client = Client()
    client.force_login(user)
    place(client, product, payment="cod", shipping="pickup")
    page = text(client.get(reverse("shop:order_list")).text)
    assert "Received — pay at pickup" in page
    assert "Pending payment" not in page


# --- checkout ----------------------------------------------------------------------


def test_the_delivery_step_shows_where_and_when_to_pick_up(client, product, store):
    cart_add(client, product, 1)
    client.post(reverse("shop:checkout"), ADDRESS)
    page = text(client.get(reverse("shop:checkout_shipping")).text)
    assert f"{STORE['SHOP_STORE_ADDRESS']} · Opening hours: {STORE['SHOP_STORE_HOURS']}" in page


def test_review_for_pickup_shows_the_store_not_the_home_address(client, product, store):
    cart_add(client, product, 1)
    client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "pickup"})
    page = text(client.get(reverse("shop:checkout_review")).text)
    assert STORE["SHOP_STORE_ADDRESS"] in page
    assert HOME not in page
    assert "Deliver to" not in page


def test_without_settings_the_demo_store_is_shown(client, product, settings):
    settings.SHOP_STORE_ADDRESS = settings.SHOP_STORE_HOURS = ""
    order = place(client, product, payment="cod", shipping="pickup")
    page = text(client.get(order.get_absolute_url()).text)
    assert "22 Khreshchatyk St, Kyiv 01001" in page
    assert "Opening hours: Mon–Fri 10:00–19:00, Sat 10:00–16:00" in page


# --- the e-mails ---------------------------------------------------------------------


def test_a_pickup_confirmation_email_gives_the_store_not_a_delivery_address(store):
    order = OrderFactory.create(cod=True, shipping_method="pickup", shipping_price=0)
    OrderLineFactory.create(order=order)
    message = order_confirmation_message(order=order)
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    for body in (message.body, html):
        assert "Received — pay at pickup" in body
        assert STORE["SHOP_STORE_ADDRESS"] in body
        assert STORE["SHOP_STORE_HOURS"] in body
        assert HOME not in body
        assert "Deliver to" not in body


def test_a_delivery_confirmation_email_says_how_it_is_paid_and_where_it_goes():
    order = OrderFactory.create(cod=True)
    OrderLineFactory.create(order=order)
    message = order_confirmation_message(order=order)
    assert "You pay in cash when it is delivered." in message.body
    assert "Cash on delivery · pay in cash when it arrives" in message.body
    assert "Deliver to (Standard delivery, 3–5 days)" in message.body
    assert HOME in message.body


def test_a_paid_order_email_says_when_it_was_paid():
    order = OrderFactory.create(paid=True)
    OrderLineFactory.create(order=order)
    body = order_confirmation_message(order=order).body
    assert "Thank you! Your payment is received" in body
    assert "Demo card gateway (no real charge) · paid on" in body
    assert mail.outbox == []


def test_an_old_order_paid_through_a_provider_the_shop_no_longer_has_still_opens(client):
    user = UserFactory.create()
    order = OrderFactory.create(
        user=user, payment_method="retiredpay", status=OrderStatus.PENDING_PAYMENT
    )
    client.force_login(user)
    response = client.get(order.get_absolute_url())
    assert response.status_code == 200
    assert "retiredpay" in text(response.text)  # its code, as the label of a gone provider
    assert reverse("shop:order_pay", args=[order.number]) not in response.text
