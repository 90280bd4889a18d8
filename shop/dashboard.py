"""Reads for the staff dashboard in the admin (shop/admin/orders.py): today's orders and their
value, orders waiting for payment, products running out, money to review and refund, and the
unresolved payment discrepancies. A fixed number of queries, however many orders or products
there are."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from shop.models import Order, OrderStatus, Payment, PaymentDiscrepancy, PaymentStatus, Product
from shop.models.catalogue import LOW_STOCK_THRESHOLD
from shop.models.orders import RESTOCKING_STATUSES

LIST_SIZE = 10


@dataclass(frozen=True)
class DayTotal:
    currency: str
    orders: int
    value: Decimal  # orders that still stand: not cancelled, expired or refunded


@dataclass(frozen=True)
class Dashboard:
    since: datetime  # the start of today, in the shop's time zone
    today: list[DayTotal]  # one per currency (usually one)
    pending: list[Order]  # newest first, at most LIST_SIZE
    pending_count: int
    low_stock: list[Product]  # fewest first, at most LIST_SIZE
    low_stock_count: int
    # Money that came but does not pay an order (wrong amount, not ours, order paid already).
    refund_due: list[Payment]  # newest first, at most LIST_SIZE
    refund_due_count: int
    discrepancies_count: int  # unresolved

    @property
    def orders_today(self) -> int:
        return sum(day.orders for day in self.today)


def pending_orders() -> QuerySet[Order]:
    return Order.objects.filter(status=OrderStatus.PENDING_PAYMENT)


def low_stock_products() -> QuerySet[Product]:
    """Products on sale with few units left, or none."""
    return Product.objects.filter(is_active=True, stock__lte=LOW_STOCK_THRESHOLD)


def refund_due_payments() -> QuerySet[Payment]:
    return Payment.objects.filter(status=PaymentStatus.REFUND_DUE)


def dashboard_get(*, now: datetime | None = None) -> Dashboard:
    """Eight queries."""
    now = timezone.localtime(now)
    since = timezone.make_aware(datetime.combine(now.date(), time.min), now.tzinfo)
    standing = ~Q(status__in=RESTOCKING_STATUSES)
    today = (
        Order.objects.filter(created_at__gte=since, created_at__lt=since + timedelta(days=1))
        .values("currency")
        .annotate(orders=Count("pk"), value=Sum("total", filter=standing))
        .order_by("currency")
    )
    pending = pending_orders()
    low = low_stock_products()
    due = refund_due_payments()
    return Dashboard(
        since=since,
        today=[
            DayTotal(row["currency"], row["orders"], row["value"] or Decimal("0.00"))
            for row in today
        ],
        pending=list(pending.order_by("-created_at", "-pk")[:LIST_SIZE]),
        pending_count=pending.count(),
        low_stock=list(low.select_related("category").order_by("stock", "name")[:LIST_SIZE]),
        low_stock_count=low.count(),
        refund_due=list(due.select_related("order").order_by("-updated_at", "-pk")[:LIST_SIZE]),
        refund_due_count=due.count(),
        discrepancies_count=PaymentDiscrepancy.objects.filter(resolved_at=None).count(),
    )
