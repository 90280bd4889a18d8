"""The order state machine, walked by hypothesis: card and cash orders, delivered or collected,
placed and then pushed through every step and every payment event in any order — paid,
declined, shipped, made ready, delivered, collected, cash recorded, cancelled (by staff with
and without the refund permission), expired, refunded (by staff or in the provider's
dashboard), money after the end, a second payment — against the real services and database.

After every step, for every order, the invariants a shopper or an accountant would check:
- no cancelled or expired order keeps money: no approved payment, and any money held is
  recorded as due back, visibly (the order's charge status says "refund due");
- no order is paid without an approved Payment for its exact total;
- no card order left the shop unpaid, and no cash order is paid without its cash recorded;
- stock comes back exactly once for each order that ended, and only for those;
- every change is in the event log, and the state is one the step table can reach.
"""

from contextlib import suppress
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from shop.cart.session import Cart
from shop.checkout.services import CheckoutDetails, CheckoutError, order_place
from shop.delivery.shipping import SHIPPING_METHODS
from shop.models import ChargeStatus, Order, PaymentStatus, Product
from shop.orders.presenters import payment_summary, shopper_status
from shop.orders.services import (
    GOODS_MOVES,
    OrderTransitionError,
    order_arrives,
    order_cash_record,
    order_paid_by,
    order_transition,
    orders_expire,
)
from shop.orders.states import (
    CASH,
    GOODS_OUT,
    ONLINE,
    RESTOCKING_STATUSES,
    OrderAction,
    reachable_states,
)
from shop.payments.refunds import order_cancel, order_refund, payment_refunded
from shop.payments.services import payment_approve, payment_decline, payment_received
from tests.accounts.factories import UserFactory
from tests.shop.conftest import review_now
from tests.shop.factories import PaymentFactory, ProductFactory

pytestmark = pytest.mark.django_db

STOCK = 12
DETAILS = CheckoutDetails(
    email="guest@example.com",
    full_name="Olena Petrenko",
    address_line1="1 Khreshchatyk St",
    city="Kyiv",
    postcode="01001",
    country="Ukraine",
)
REACHABLE = reachable_states()
FAR_FUTURE = timezone.now() + timedelta(days=365)


def staff(*codenames: str):
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions


class OrderMachine(RuleBasedStateMachine):
    orders = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        # Each run starts from the same database: a savepoint, rolled back in teardown.
        self.savepoint = transaction.savepoint()
        self.product = ProductFactory.create(stock=STOCK, price=Decimal("10.00"))
        self.clerk = staff("view_order", "change_order", "record_cash_order")
        self.boss = staff("view_order", "change_order", "record_cash_order", "refund_order")
        self.placed = 0

    def teardown(self) -> None:
        transaction.savepoint_rollback(self.savepoint)

    # --- placing ---------------------------------------------------------------------------

    @rule(
        target=orders,
        method=st.sampled_from(["demo", "cod"]),
        shipping=st.sampled_from(["standard", "pickup"]),
        quantity=st.integers(1, 3),
    )
    def place(self, method, shipping, quantity):
        session = SessionStore()
        session.create()
        cart = Cart(session)
        cart.save({self.product.pk: quantity})
        self.placed += 1
        try:
            placement = order_place(
                cart=cart,
                details=DETAILS,
                shipping=SHIPPING_METHODS[shipping],
                payment_method=method,
                checkout_token=f"attempt-{self.placed}",
                reviewed=review_now(cart, details=DETAILS, shipping=SHIPPING_METHODS[shipping]),
            )
        except CheckoutError:
            return None  # sold out: no order
        return placement.order.pk

    # --- money in --------------------------------------------------------------------------

    def _order(self, pk) -> Order | None:
        return Order.objects.filter(pk=pk).first() if pk else None

    @rule(pk=orders)
    def pay_at_the_gateway(self, pk):
        order = self._order(pk)
        started = order and order.payments.filter(status=PaymentStatus.STARTED).first()
        if order and started and order_paid_by(order) == ONLINE:
            payment_approve(payment=started)

    @rule(pk=orders)
    def decline(self, pk):
        order = self._order(pk)
        started = order and order.payments.filter(status=PaymentStatus.STARTED).first()
        if order and started and order_paid_by(order) == ONLINE:
            payment_decline(payment=started, reason="Declined")

    @rule(pk=orders, new_attempt=st.booleans(), off_by=st.sampled_from(["0", "-0.01", "1"]))
    def money_arrives(self, pk, new_attempt, off_by):
        """The provider has money for an attempt: in time, late, or a second payment (a tab
        left open); for an attempt of the order's or a new one; for its amount, or not."""
        order = self._order(pk)
        if order is None or order_paid_by(order) != ONLINE:
            return
        payment = (
            None if new_attempt else order.payments.filter(status=PaymentStatus.STARTED).first()
        )
        if payment is None:
            payment = PaymentFactory.create(order=order)
        payment_received(
            payment=payment,
            transaction_id=f"pi_{payment.pk}",
            amount=payment.amount + Decimal(off_by),
            currency=payment.currency,
        )

    @rule(pk=orders)
    def record_cash(self, pk):
        order = self._order(pk)
        if order:
            self._try(order_cash_record, order=order, actor=self.clerk)

    # --- goods -----------------------------------------------------------------------------

    @rule(pk=orders, action=st.sampled_from(sorted(GOODS_MOVES)))
    def move_goods(self, pk, action):
        order = self._order(pk)
        if order:
            self._try(order_transition, order=order, action=action, actor=self.clerk)

    @rule()
    def expire(self):
        orders_expire(now=FAR_FUTURE)

    # --- money out -------------------------------------------------------------------------

    @rule(pk=orders, may_refund=st.booleans())
    def cancel(self, pk, may_refund):
        order = self._order(pk)
        if order:
            actor = self.boss if may_refund else self.clerk
            self._try(order_cancel, order=order, actor=actor)

    @rule(pk=orders)
    def refund(self, pk):
        order = self._order(pk)
        if order:
            self._try(order_refund, order=order, actor=self.boss)

    @rule(pk=orders)
    def refunded_in_the_providers_dashboard(self, pk):
        order = self._order(pk)
        if order is None or order_paid_by(order) != ONLINE:
            return
        held = order.payments.filter(
            status__in=[PaymentStatus.APPROVED, PaymentStatus.REFUND_DUE]
        ).first()
        if held:
            payment_refunded(payment=held)

    def _try(self, service, **kwargs):
        # Refused or not, the invariants check that nothing changed wrongly.
        with suppress(OrderTransitionError):
            service(**kwargs)

    # --- what must always hold -------------------------------------------------------------

    @invariant()
    def every_order_is_consistent_with_its_money(self):
        for order in Order.objects.prefetch_related("payments", "events"):
            payments = list(order.payments.all())
            approved = [p for p in payments if p.status == PaymentStatus.APPROVED]
            due = [p for p in payments if p.status == PaymentStatus.REFUND_DUE]
            ended = order.status in RESTOCKING_STATUSES
            paid_by = order_paid_by(order)
            state = (order.status, order.charge_status, paid_by, order_arrives(order))
            assert state in REACHABLE, state

            # Paid: exactly one approved payment, for the exact total; approved money means paid.
            if order.charge_status == ChargeStatus.PAID:
                assert [p.amount for p in approved] == [order.total]
                assert all(p.currency == order.currency for p in approved)
                assert order.paid_at is not None
            else:
                assert approved == []
            # No ended order keeps money; money held is due back, and says so.
            if ended:
                assert order.charge_status != ChargeStatus.PAID
            if due:
                assert order.charge_status == ChargeStatus.REFUND_DUE or (
                    order.charge_status == ChargeStatus.PAID and not ended
                )
            if order.charge_status == ChargeStatus.REFUND_DUE:
                assert due

            events = list(order.events.all())
            # Every change is logged, in a chain from placing to now.
            assert (events[-1].to_status, events[-1].to_charge) == (
                order.status,
                order.charge_status,
            )
            for before, after in pairwise(events):
                assert (after.from_status, after.from_charge) == (
                    before.to_status,
                    before.to_charge,
                )
            # A card order leaves only once paid; cash is paid only when staff record it.
            for event in events:
                if event.action in (OrderAction.SHIP, OrderAction.READY_FOR_PICKUP):
                    assert paid_by == CASH or event.from_charge == ChargeStatus.PAID
            if paid_by == CASH and order.charge_status in (
                ChargeStatus.PAID,
                ChargeStatus.REFUND_DUE,
            ):
                assert any(e.action == OrderAction.RECORD_CASH for e in events)
            if paid_by == ONLINE and order.status in GOODS_OUT:
                assert order.charge_status != ChargeStatus.UNPAID

            # The shopper never reads "paid" before the money is recorded.
            said = shopper_status(order)
            assert said.message
            if order.charge_status != ChargeStatus.PAID:
                assert "paid on" not in payment_summary(order)
                assert "Paid" not in str(said.label)

    @invariant()
    def stock_comes_back_exactly_once(self):
        held = (
            Order.objects.exclude(status__in=RESTOCKING_STATUSES).aggregate(
                n=Sum("lines__quantity")
            )["n"]
            or 0
        )
        assert Product.objects.get(pk=self.product.pk).stock == STOCK - held


def test_no_walk_through_the_machine_breaks_its_invariants(db):
    run_state_machine_as_test(
        OrderMachine,
        settings=settings(
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
