"""Reads for the staff dashboard in the admin (`shop.admin.orders`): today's orders and their
value, what staff must do next (orders to confirm, to send, cash to record, money to give
back) and products running out. Each part is read only for staff allowed to see it (orders:
view_order; stock: view_product or change_product), in a fixed number of queries however many
orders or products there are."""

import operator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from functools import reduce

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from shop.models import (
    ChargeStatus,
    Order,
    OrderStatus,
    Payment,
    PaymentDiscrepancy,
    PaymentStatus,
    Product,
)
from shop.models.catalogue import LOW_STOCK_THRESHOLD
from shop.orders.states import GOODS_OUT, RESTOCKING_STATUSES
from shop.payments.providers import PROVIDERS

LIST_SIZE = 10
# Payments staff must look at: money held that has to go back.
ATTENTION_PAYMENTS = (PaymentStatus.REFUND_DUE,)


@dataclass(frozen=True)
class DayTotal:
    currency: str
    orders: int
    value: Decimal  # orders that still stand: not cancelled or expired


@dataclass(frozen=True)
class OrderList:
    """One to-do of the dashboard: how many orders, the newest LIST_SIZE of them, and the
    admin's changelist filter that shows them all."""

    count: int
    orders: list[Order]
    query: str


@dataclass(frozen=True)
class OrdersPart:
    since: datetime  # the start of today, in the shop's time zone
    today: list[DayTotal]  # one per currency (usually one)
    # Card orders waiting for the shopper's payment (they expire if it does not come).
    awaiting_payment: OrderList
    # Cash orders placed, for staff to confirm.
    to_confirm: OrderList
    # Confirmed, card ones paid: to send or to get ready for pickup.
    to_send: OrderList
    # Cash orders handed over, whose cash is not recorded yet.
    cash_to_record: OrderList
    # Payments whose money must go back (or be looked at), newest first.
    attention: list[Payment] = field(default_factory=list)
    attention_count: int = 0
    # Differences between the provider's records and ours, found by reconcile_payments.
    discrepancies_count: int = 0

    @property
    def orders_today(self) -> int:
        return sum(day.orders for day in self.today)


@dataclass(frozen=True)
class StockPart:
    low_stock: list[Product]  # fewest first, at most LIST_SIZE
    low_stock_count: int


@dataclass(frozen=True)
class Dashboard:
    orders: OrdersPart | None  # None: not for this member of staff
    stock: StockPart | None


def _cash_methods() -> list[str]:
    return [code for code, provider in PROVIDERS.items() if not provider.pays_online]


def todo_filters() -> dict[str, Q]:
    """What staff must do next, as filters on orders: card orders waiting for the shopper's
    payment, cash orders to confirm, orders to send (or get ready for pickup), cash orders
    handed over whose cash is not recorded."""
    return {
        "awaiting_payment": Q(
            status=OrderStatus.PENDING_PAYMENT, charge_status=ChargeStatus.UNPAID
        ),
        "to_confirm": Q(status=OrderStatus.PLACED),
        "to_send": Q(status=OrderStatus.CONFIRMED),
        "cash_to_record": Q(
            status__in=GOODS_OUT,
            charge_status=ChargeStatus.UNPAID,
            payment_method__in=_cash_methods(),
        ),
    }


def payments_needing_attention() -> QuerySet[Payment]:
    return Payment.objects.filter(status__in=ATTENTION_PAYMENTS)


def low_stock_products() -> QuerySet[Product]:
    """Products on sale with few units left, or none."""
    return Product.objects.filter(is_active=True, stock__lte=LOW_STOCK_THRESHOLD)


def _listed(queryset: QuerySet[Order], count: int, query: str) -> OrderList:
    newest = list(queryset.order_by("-created_at", "-pk")[:LIST_SIZE])
    return OrderList(count=count, orders=newest, query=query)


def dashboard_get(*, orders: bool, stock: bool, now: datetime | None = None) -> Dashboard:
    """The parts staff may see: `orders` (eight queries), `stock` (two)."""
    return Dashboard(
        orders=_orders_part(now) if orders else None,
        stock=_stock_part() if stock else None,
    )


def _orders_part(now: datetime | None) -> OrdersPart:
    now = timezone.localtime(now)
    since = timezone.make_aware(datetime.combine(now.date(), time.min), now.tzinfo)
    standing = ~Q(status__in=RESTOCKING_STATUSES)
    today = (
        Order.objects.filter(created_at__gte=since, created_at__lt=since + timedelta(days=1))
        .values("currency")
        .annotate(orders=Count("pk"), value=Sum("total", filter=standing))
        .order_by("currency")
    )
    attention = payments_needing_attention()
    filters = todo_filters()
    lists = {name: Order.objects.filter(q) for name, q in filters.items()}
    # The four counts in one query, reading only the orders to do (through the status and
    # partial indexes), not every order ever placed.
    counts = Order.objects.filter(reduce(operator.or_, filters.values())).aggregate(
        **{name: Count("pk", filter=q) for name, q in filters.items()}
    )
    return OrdersPart(
        since=since,
        today=[
            DayTotal(row["currency"], row["orders"], row["value"] or Decimal("0.00"))
            for row in today
        ],
        awaiting_payment=_listed(
            lists["awaiting_payment"], counts["awaiting_payment"], "status__exact=pending_payment"
        ),
        to_confirm=_listed(lists["to_confirm"], counts["to_confirm"], "status__exact=placed"),
        to_send=_listed(lists["to_send"], counts["to_send"], "status__exact=confirmed"),
        cash_to_record=_listed(
            lists["cash_to_record"],
            counts["cash_to_record"],
            "status__in=shipped,delivered,collected&charge_status__exact=unpaid&payment_method=cod",
        ),
        attention=list(attention.select_related("order").order_by("-updated_at")[:LIST_SIZE]),
        attention_count=attention.count(),
        discrepancies_count=PaymentDiscrepancy.objects.filter(resolved_at=None).count(),
    )


def _stock_part() -> StockPart:
    low = low_stock_products()
    return StockPart(
        low_stock=list(low.select_related("category").order_by("stock", "name")[:LIST_SIZE]),
        low_stock_count=low.count(),
    )
