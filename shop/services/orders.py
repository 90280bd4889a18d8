"""Order status changes. Every change goes through `order_transition`, whoever asks: the
checkout, a payment provider, the expiry job or staff in the admin."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.models import Order, OrderEvent, OrderStatus, PaymentStatus, Product
from shop.models.orders import RESTOCKING_STATUSES, TRANSITIONS
from shop.payments import PROVIDERS
from shop.services.catalogue import catalogue_revision_bump
from shop.services.notifications import order_confirmation_schedule

logger = logging.getLogger(__name__)


class OrderTransitionError(Exception):
    pass


class StockGone(OrderTransitionError):
    """An expired order's goods cannot all be taken again: sold, withdrawn or deleted since."""


def order_transition(*, order: Order, to: str, actor=None, note: str = "") -> Order:
    """Move `order` to status `to`, if the pipeline allows it; write the event row; return
    stock for end states where goods never left. Raises OrderTransitionError otherwise."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        from_status = locked.status
        if to not in TRANSITIONS[from_status]:
            raise OrderTransitionError(
                _("Order %(number)s is %(from)s and cannot become %(to)s.")
                % {
                    "number": locked.number,
                    "from": OrderStatus(from_status).label,
                    "to": OrderStatus(to).label if to in OrderStatus.values else to,
                }
            )
        locked.status = to
        if to == OrderStatus.PAID:
            locked.paid_at = timezone.now()
        locked.save(update_fields=["status", "paid_at", "updated_at"])
        OrderEvent.objects.create(
            order=locked,
            from_status=from_status,
            to_status=to,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            note=note[:255],
        )
        if to in RESTOCKING_STATUSES:
            _restock(locked)
        if to == OrderStatus.PAID and locked.confirmation_sent_at is None:
            order_confirmation_schedule(order=locked)
    logger.info("order %s: %s -> %s", locked.number, from_status, to)
    order.status, order.paid_at = locked.status, locked.paid_at
    return locked


def _restock(order: Order) -> None:
    returned = dict(
        order.lines.exclude(product=None)
        .values_list("product_id")
        .annotate(quantity=Sum("quantity"))
    )
    # Locked in pk order, like order_place, so two writers never wait on each other in a
    # cycle; a fixed number of queries however many lines the order has.
    products = list(Product.objects.select_for_update().filter(pk__in=returned).order_by("pk"))
    for product in products:
        product.stock += returned[product.pk]
    Product.objects.bulk_update(products, ["stock"])
    catalogue_revision_bump()


def order_paid_late(*, order: Order, note: str) -> Order:
    """Money arrived for `order` after it expired (a slow card payment, a webhook that came
    after the expiry job): take its stock again and make it paid, as if it had been paid in
    time. StockGone if any line cannot be had now — then nothing changes, and the caller
    arranges the refund. Not a pipeline move staff can make: an expired order stays expired
    unless its money arrives."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != OrderStatus.EXPIRED:
            raise OrderTransitionError(f"Order {locked.number} is {locked.status}, not expired")
        wanted: dict[int, int] = {}
        for product_id, quantity in locked.lines.values_list("product_id", "quantity"):
            if product_id is None:
                raise StockGone(f"Order {locked.number}: a product was deleted since")
            wanted[product_id] = wanted.get(product_id, 0) + quantity
        # Locked in pk order, like order_place and _restock.
        products = list(Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
        short = [p.pk for p in products if p.stock < wanted[p.pk]]
        if short or len(products) != len(wanted):
            raise StockGone(f"Order {locked.number}: not enough stock to take again")
        for product in products:
            product.stock -= wanted[product.pk]
        Product.objects.bulk_update(products, ["stock"])
        catalogue_revision_bump()
        locked.status, locked.paid_at = OrderStatus.PAID, timezone.now()
        locked.save(update_fields=["status", "paid_at", "updated_at"])
        OrderEvent.objects.create(
            order=locked, from_status=OrderStatus.EXPIRED, to_status=OrderStatus.PAID, note=note
        )
        if locked.confirmation_sent_at is None:
            order_confirmation_schedule(order=locked)
    logger.info("order %s: expired -> paid (late payment, stock taken again)", locked.number)
    order.status, order.paid_at = locked.status, locked.paid_at
    return locked


def orders_expire(*, now: datetime | None = None) -> list[str]:
    """Expire unpaid online orders older than SHOP_ORDER_PAYMENT_MINUTES and return their stock.

    Safe to run from cron at any frequency, even twice at once: each order is locked with
    SKIP LOCKED and re-checked, so no order is expired (or restocked) twice. Cash-on-delivery
    orders are paid on delivery and never expire here, nor do orders whose payment is
    processing (a bank debit takes days; its success or failure decides).
    """
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.SHOP_ORDER_PAYMENT_MINUTES)
    online = [code for code, provider in PROVIDERS.items() if provider.pays_online]
    due = Order.objects.filter(
        status=OrderStatus.PENDING_PAYMENT, payment_method__in=online, created_at__lt=cutoff
    ).exclude(payments__status=PaymentStatus.PROCESSING)
    expired = []
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            order = (
                Order.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OrderStatus.PENDING_PAYMENT)
                .first()
            )
            if order is None or order.payments.filter(status=PaymentStatus.PROCESSING).exists():
                continue
            order_transition(order=order, to=OrderStatus.EXPIRED, note="Unpaid in time")
            expired.append(order.number)
    return expired


# What an order keeps of its buyer once their account is deleted: the order stays for the
# accounts (what was sold, when, for how much, to which country), the person does not.
ANONYMISED_DETAILS = {
    "full_name": "Deleted customer",
    "email": "deleted@invalid.invalid",
    "phone": "",
    "address_line1": "—",
    "address_line2": "",
    "city": "—",
    "postcode": "",
}


def orders_anonymise(*, user_id: int) -> int:
    """Replace the personal details of every order of the account `user_id` and unlink them.
    Called when an account is deleted, whoever deletes it (the shopper, staff in the admin)."""
    count = Order.objects.filter(user_id=user_id).update(user=None, **ANONYMISED_DETAILS)
    if count:
        logger.info("Anonymised %d orders of deleted account %s", count, user_id)
    return count
