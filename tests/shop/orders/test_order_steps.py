"""The order state machine at the service layer: every rule of the step table
(shop/orders/states.py) once, against the real services and database."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from shop.models import ChargeStatus, OrderStatus, PaymentStatus, Product
from shop.orders.services import (
    GOODS_MOVES,
    OrderTransitionError,
    order_cash_record,
    order_pay,
    order_transition,
    orders_expire,
)
from shop.orders.states import STEPS, OrderAction
from shop.payments.refunds import RefundNotAllowed, order_cancel, order_refund
from shop.payments.services import payment_approve, payment_received
from tests.accounts.factories import UserFactory
from tests.shop.factories import OrderFactory, OrderLineFactory, PaymentFactory, ProductFactory

pytestmark = pytest.mark.django_db

LATER = timedelta(days=1)


def order_with(product, quantity, **fields):
    order = OrderFactory.create(**fields)
    OrderLineFactory.create(order=order, product=product, quantity=quantity)
    if not order.payments.exists():
        PaymentFactory.create(order=order)  # the first attempt, as checkout records it
    return order


def staff(*codenames):
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions


def stock(product) -> int:
    return Product.objects.get(pk=product.pk).stock


def state(order):
    order.refresh_from_db()
    return order.status, order.charge_status


def pay(order):
    assert payment_approve(payment=order.payments.get(status=PaymentStatus.STARTED))


# --- the table ------------------------------------------------------------------------------


@pytest.mark.parametrize("action", sorted(GOODS_MOVES))
@pytest.mark.parametrize("status", OrderStatus.values)
@pytest.mark.parametrize("method", ["demo", "cod"])
def test_a_goods_move_the_table_does_not_allow_is_refused_and_changes_nothing(
    action, status, method
):
    order = OrderFactory.create(status=status, payment_method=method)
    allowed = any(
        s.action == action
        and status in s.sources
        and s.paid_by in (None, "online" if method == "demo" else "cash")
        and s.arrives in (None, "delivery")
        and ChargeStatus.UNPAID in s.charges
        for s in STEPS
    )
    if allowed:
        order_transition(order=order, action=action)
        assert order.events.get().action == action
        return
    with pytest.raises(OrderTransitionError):
        order_transition(order=order, action=action)
    assert state(order) == (status, ChargeStatus.UNPAID)
    assert not order.events.exists()


def test_a_step_writes_who_when_what_and_both_statuses():
    clerk = UserFactory.create(is_staff=True)
    order = OrderFactory.create(paid=True)
    order_transition(order=order, action=OrderAction.SHIP, actor=clerk, note="DHL 123")
    event = order.events.get()
    assert (
        event.action,
        event.from_status,
        event.to_status,
        event.from_charge,
        event.to_charge,
        event.actor,
        event.note,
    ) == ("ship", "confirmed", "shipped", "paid", "paid", clerk, "DHL 123")
    assert order.status == OrderStatus.SHIPPED  # the caller's object follows


# --- card orders ----------------------------------------------------------------------------


def test_a_card_order_ships_only_once_paid():
    product = ProductFactory.create(stock=5)
    order = order_with(product, 1, shipping_method="standard")
    with pytest.raises(OrderTransitionError, match="a card order leaves only once paid"):
        order_transition(order=order, action=OrderAction.SHIP)
    assert state(order) == (OrderStatus.PENDING_PAYMENT, ChargeStatus.UNPAID)
    pay(order)
    assert state(order) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    order_transition(order=order, action=OrderAction.SHIP)
    order_transition(order=order, action=OrderAction.DELIVER)
    assert state(order) == (OrderStatus.DELIVERED, ChargeStatus.PAID)


def test_an_order_is_paid_only_by_a_payment_for_its_exact_total():
    order = order_with(ProductFactory.create(), 1)
    short = PaymentFactory.create(order=order, amount=order.total - Decimal("0.01"))
    with pytest.raises(OrderTransitionError, match="not order"):
        order_pay(order=order, payment=short, note="test")
    assert state(order) == (OrderStatus.PENDING_PAYMENT, ChargeStatus.UNPAID)


def test_paying_confirms_once_after_commit(django_capture_on_commit_callbacks):
    order = order_with(ProductFactory.create(), 1)
    with django_capture_on_commit_callbacks(execute=True):
        pay(order)
    order.refresh_from_db()
    assert order.paid_at is not None and order.confirmation_sent_at is not None
    assert [m.to for m in mail.outbox] == [[order.email]]
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, action=OrderAction.SHIP)
        order_transition(order=order, action=OrderAction.DELIVER)
    assert len(mail.outbox) == 1


# --- cash orders ----------------------------------------------------------------------------


def test_a_cash_delivery_day_confirm_ship_deliver_then_record_the_cash():
    product = ProductFactory.create(stock=5)
    order = order_with(product, 2, cod=True)
    clerk = UserFactory.create(is_staff=True)
    for action, expected in [
        (OrderAction.CONFIRM, OrderStatus.CONFIRMED),
        (OrderAction.SHIP, OrderStatus.SHIPPED),
        (OrderAction.DELIVER, OrderStatus.DELIVERED),
    ]:
        order_transition(order=order, action=action, actor=clerk)
        assert state(order) == (expected, ChargeStatus.UNPAID)
        assert order.paid_at is None
    order_cash_record(order=order, actor=clerk)
    assert state(order) == (OrderStatus.DELIVERED, ChargeStatus.PAID)
    [payment] = order.payments.all()
    assert (payment.status, payment.amount) == (PaymentStatus.APPROVED, order.total)
    assert order.events.latest("pk").to_charge == ChargeStatus.PAID
    with pytest.raises(OrderTransitionError):
        order_cash_record(order=order, actor=clerk)  # recorded once
    assert order.payments.filter(status=PaymentStatus.APPROVED).count() == 1
    assert stock(product) == 5  # stock was taken at placing (the factory did not): unchanged


def test_a_cash_pickup_is_confirmed_made_ready_and_collected():
    order = order_with(ProductFactory.create(), 1, cod=True, shipping_method="pickup")
    with pytest.raises(OrderTransitionError, match="collected at our store"):
        order_transition(order=order, action=OrderAction.SHIP)
    for action in (OrderAction.CONFIRM, OrderAction.READY_FOR_PICKUP, OrderAction.COLLECT):
        order_transition(order=order, action=action)
    order_cash_record(order=order)
    assert state(order) == (OrderStatus.COLLECTED, ChargeStatus.PAID)


def test_a_cash_order_cannot_be_recorded_paid_before_staff_confirm_it():
    order = order_with(ProductFactory.create(), 1, cod=True)
    with pytest.raises(OrderTransitionError):
        order_cash_record(order=order)
    assert state(order) == (OrderStatus.PLACED, ChargeStatus.UNPAID)
    card = order_with(ProductFactory.create(), 1)
    with pytest.raises(OrderTransitionError):
        order_cash_record(order=card)  # a card order's money comes from its provider


# --- cancelling -------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["demo", "cod"])
def test_cancelling_an_unpaid_order_returns_its_stock_once(method):
    product = ProductFactory.create(stock=4)
    order = order_with(product, 3, payment_method=method)
    order_cancel(order=order, actor=staff("change_order"))
    assert stock(product) == 7
    assert state(order) == (OrderStatus.CANCELLED, ChargeStatus.UNPAID)
    with pytest.raises(OrderTransitionError):
        order_cancel(order=order, actor=staff("change_order"))
    assert stock(product) == 7


def test_cancelling_a_paid_card_order_refunds_it_with_the_permission_only():
    product = ProductFactory.create(stock=4)
    order = order_with(product, 3)
    pay(order)
    with pytest.raises(RefundNotAllowed):
        order_cancel(order=order, actor=staff("change_order"))
    assert state(order) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    assert stock(product) == 4
    order_cancel(order=order, actor=staff("change_order", "refund_order"))
    assert state(order) == (OrderStatus.CANCELLED, ChargeStatus.REFUNDED)
    assert order.payments.get().status == PaymentStatus.REFUNDED
    assert stock(product) == 7
    event = order.events.latest("pk")
    assert (event.action, event.from_charge, event.to_charge) == ("cancel", "paid", "refunded")


def test_a_shipped_order_is_not_cancelled():
    order = OrderFactory.create(paid=True)
    order_transition(order=order, action=OrderAction.SHIP)
    with pytest.raises(OrderTransitionError):
        order_cancel(order=order, actor=UserFactory.create(is_superuser=True))
    assert state(order) == (OrderStatus.SHIPPED, ChargeStatus.PAID)


def test_cash_received_then_cancelled_is_due_back_until_staff_record_it_returned():
    product = ProductFactory.create(stock=4)
    order = order_with(product, 1, cod=True, shipping_method="pickup")
    order_transition(order=order, action=OrderAction.CONFIRM)
    order_cash_record(order=order)  # paid in advance at our counter
    boss = staff("change_order", "refund_order")
    order_cancel(order=order, actor=boss)
    assert state(order) == (OrderStatus.CANCELLED, ChargeStatus.REFUND_DUE)
    assert order.payments.get().status == PaymentStatus.REFUND_DUE
    assert stock(product) == 5
    assert order_refund(order=order, actor=boss) == "due_back"
    assert state(order) == (OrderStatus.CANCELLED, ChargeStatus.REFUNDED)
    assert order.payments.get().status == PaymentStatus.REFUNDED
    assert order_refund(order=order, actor=boss) == "before"


# --- expiry and late money -------------------------------------------------------------


def test_expiry_takes_only_old_unpaid_card_orders(settings):
    settings.SHOP_ORDER_PAYMENT_MINUTES = 60
    product = ProductFactory.create(stock=0)
    long_ago = timezone.now() - timedelta(hours=2)
    stale = order_with(product, 2, created_at=long_ago)
    cod = order_with(product, 1, cod=True, created_at=long_ago)
    paid = order_with(product, 1, paid=True, created_at=long_ago)
    recent = order_with(product, 1, created_at=timezone.now() - timedelta(minutes=59))

    assert orders_expire() == [stale.number]
    assert orders_expire() == []  # a second run finds nothing left to do
    assert [state(o) for o in (stale, cod, paid, recent)] == [
        (OrderStatus.EXPIRED, ChargeStatus.UNPAID),
        (OrderStatus.PLACED, ChargeStatus.UNPAID),
        (OrderStatus.CONFIRMED, ChargeStatus.PAID),
        (OrderStatus.PENDING_PAYMENT, ChargeStatus.UNPAID),  # a minute short of its time
    ]
    assert stock(product) == 2


def test_money_after_expiry_takes_the_stock_again_or_is_due_back():
    product = ProductFactory.create(stock=1)
    order = order_with(product, 1)
    payment = order.payments.get()
    orders_expire(now=timezone.now() + LATER)
    assert stock(product) == 2
    outcome = payment_received(
        payment=payment, transaction_id="pi_1", amount=payment.amount, currency=payment.currency
    )
    assert outcome == "paid after expiry"
    assert state(order) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    assert stock(product) == 1

    gone = order_with(ProductFactory.create(stock=0), 1)
    orders_expire(now=timezone.now() + LATER)
    Product.objects.filter(pk=gone.lines.get().product_id).update(stock=0)
    late = gone.payments.get()
    outcome = payment_received(
        payment=late, transaction_id="pi_2", amount=late.amount, currency=late.currency
    )
    assert outcome.startswith("refund due")
    assert state(gone) == (OrderStatus.EXPIRED, ChargeStatus.REFUND_DUE)
    assert gone.payments.get().status == PaymentStatus.REFUND_DUE


def test_money_for_a_cancelled_order_is_due_back_and_a_second_payment_leaves_it_paid():
    cancelled = order_with(ProductFactory.create(), 1)
    order_cancel(order=cancelled, actor=staff("change_order"))
    money = cancelled.payments.get()
    outcome = payment_received(payment=money, amount=money.amount, currency=money.currency)
    assert outcome.startswith("refund due")
    assert state(cancelled) == (OrderStatus.CANCELLED, ChargeStatus.REFUND_DUE)

    paid = order_with(ProductFactory.create(), 1)
    first, second = paid.payments.get(), PaymentFactory.create(order=paid)
    assert payment_approve(payment=first)
    outcome = payment_received(payment=second, amount=second.amount, currency=second.currency)
    assert outcome.startswith("refund due")
    assert state(paid) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    assert order_refund(order=paid, actor=staff("refund_order")) == "due_back"
    second.refresh_from_db()
    assert second.status == PaymentStatus.REFUNDED
    assert state(paid) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)


def test_the_documented_step_table_is_the_one_in_the_code():
    def listed(values, every):
        if set(values) == set(every):
            return "any"
        return ", ".join(v for v in every if v in values)

    rows = [
        f"| `{s.action}` | {listed(s.sources, OrderStatus.values)} | {s.target or '(same)'} "
        f"| {s.paid_by or 'any'} | {s.arrives or 'any'} | {listed(s.charges, ChargeStatus.values)} "
        f"| {s.charge_to or '(same)'} |"
        for s in STEPS
    ]
    docs = (Path(django_settings.BASE_DIR) / "docs" / "orders.md").read_text()
    steps = docs.split("## The steps", 1)[1].split("What follows from it", 1)[0]
    assert [line for line in steps.splitlines() if line.startswith("| `")] == rows
