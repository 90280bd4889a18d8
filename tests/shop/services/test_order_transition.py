from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from shop.models import OrderStatus, Product
from shop.models.orders import TRANSITIONS
from shop.services.orders import OrderTransitionError, order_transition, orders_expire
from tests.accounts.factories import UserFactory
from tests.shop.factories import OrderFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db


def order_with(product, quantity, **fields):
    order = OrderFactory(**fields)
    OrderLineFactory(order=order, product=product, quantity=quantity)
    return order


def test_every_move_outside_the_pipeline_is_refused_and_changes_nothing():
    for start, allowed in TRANSITIONS.items():
        for to in set(OrderStatus.values) - allowed:
            order = OrderFactory(status=start)
            with pytest.raises(OrderTransitionError, match="cannot become"):
                order_transition(order=order, to=to)
            order.refresh_from_db()
            assert order.status == start
            assert not order.events.exists()


def test_a_move_writes_who_when_from_and_to():
    staff = UserFactory(is_staff=True)
    order = OrderFactory(paid=True)
    order_transition(order=order, to=OrderStatus.SHIPPED, actor=staff, note="DHL 123")
    event = order.events.get()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "paid",
        "shipped",
        staff,
        "DHL 123",
    )
    assert order.status == OrderStatus.SHIPPED  # the caller's object follows


@pytest.mark.parametrize("to", [OrderStatus.CANCELLED, OrderStatus.EXPIRED])
def test_ending_an_unpaid_order_returns_its_stock_once(to):
    product = ProductFactory(stock=4)
    order = order_with(product, 3)
    order_transition(order=order, to=to)
    assert Product.objects.get(pk=product.pk).stock == 7
    with pytest.raises(OrderTransitionError):
        order_transition(order=order, to=OrderStatus.CANCELLED)
    assert Product.objects.get(pk=product.pk).stock == 7


def test_shipping_does_not_return_stock():
    product = ProductFactory(stock=4)
    order = order_with(product, 3, paid=True)
    order_transition(order=order, to=OrderStatus.SHIPPED)
    assert Product.objects.get(pk=product.pk).stock == 4


def test_a_line_whose_product_was_deleted_is_skipped_when_restocking():
    product = ProductFactory(stock=1)
    order = order_with(product, 2)
    OrderLineFactory(
        order=order, product=None, product_name="Gone", sku="GONE-1", unit_price=Decimal("5")
    )
    order_transition(order=order, to=OrderStatus.CANCELLED)
    assert Product.objects.get(pk=product.pk).stock == 3


def test_paying_confirms_once_after_commit(django_capture_on_commit_callbacks):
    order = OrderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to=OrderStatus.PAID)
    order.refresh_from_db()
    assert order.paid_at is not None
    assert order.confirmation_sent_at is not None
    assert [m.to for m in mail.outbox] == [[order.email]]
    with django_capture_on_commit_callbacks(execute=True):
        order_transition(order=order, to=OrderStatus.SHIPPED)
        order_transition(order=order, to=OrderStatus.DELIVERED)
    assert len(mail.outbox) == 1


def test_a_cash_on_delivery_order_confirmed_at_placing_is_not_confirmed_again_when_paid(
    django_capture_on_commit_callbacks,
):
    order = OrderFactory(cod=True, confirmation_sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order_transition(order=order, to=OrderStatus.PAID)
    assert callbacks == []
    assert mail.outbox == []


def test_expiry_takes_only_old_unpaid_online_orders(settings):
    settings.SHOP_ORDER_PAYMENT_MINUTES = 60
    product = ProductFactory(stock=0)
    long_ago = timezone.now() - timedelta(hours=2)
    stale = order_with(product, 2, created_at=long_ago)
    cod = order_with(product, 1, cod=True, created_at=long_ago)
    paid = order_with(product, 1, paid=True, created_at=long_ago)
    recent = order_with(product, 1)

    assert orders_expire() == [stale.number]
    assert orders_expire() == []  # a second run finds nothing left to do
    for order in (stale, cod, paid, recent):
        order.refresh_from_db()
    statuses = {o.number: o.status for o in (stale, cod, paid, recent)}
    assert statuses == {
        stale.number: OrderStatus.EXPIRED,
        cod.number: OrderStatus.PENDING_PAYMENT,
        paid.number: OrderStatus.PAID,
        recent.number: OrderStatus.PENDING_PAYMENT,
    }
    assert Product.objects.get(pk=product.pk).stock == 2
