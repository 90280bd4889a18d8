"""The order state machine at work. Every change of an order's status or charge status goes
through `order_step_apply`, whoever asks: the checkout, a payment provider, the expiry job or
staff in the admin. It applies one step of the table in `shop.orders.states`, in the caller's
transaction (with the Payment rows that justify it), writes the OrderEvent, and returns or takes
stock where the goods come back or go out again.

Here: the goods moves staff make (`order_transition`), recording cash (`order_cash_record`),
money in (`order_pay`, `order_money_due`) and expiry (`orders_expire`). Money going back —
cancelling and refunding — is in `shop.payments.refunds`.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from shop.catalogue.services import catalogue_revision_bump
from shop.models import (
    ChargeStatus,
    Order,
    OrderEvent,
    OrderStatus,
    Payment,
    PaymentStatus,
    Product,
)
from shop.orders.notifications import order_confirmation_schedule
from shop.orders.states import (
    CASH,
    DELIVERY,
    ONLINE,
    PICKUP,
    RESTOCKING_STATUSES,
    OrderAction,
    Step,
    step_find,
)
from shop.payments.providers import PROVIDERS

logger = logging.getLogger(__name__)

# Who takes a step, for the event log: a staff member or shopper (request.user; an anonymous
# one is logged as nobody), or None for the shop itself (a webhook, a scheduled job).
Actor = User | AnonymousUser | None

# The steps staff take with the goods; the others move money and have their own services.
GOODS_MOVES = frozenset(
    {
        OrderAction.CONFIRM,
        OrderAction.SHIP,
        OrderAction.READY_FOR_PICKUP,
        OrderAction.DELIVER,
        OrderAction.COLLECT,
    }
)


class OrderTransitionError(Exception):
    """The machine does not allow the step now; the message is for staff."""


class StockGone(OrderTransitionError):
    """An expired order's goods cannot all be taken again: sold, withdrawn or deleted since."""


def order_paid_by(order: Order) -> str:
    """ONLINE (a card, the demo gateway) or CASH, as the step table reads it."""
    provider = PROVIDERS.get(order.payment_method)
    return CASH if provider is not None and not provider.pays_online else ONLINE


def order_arrives(order: Order) -> str:
    return PICKUP if order.is_pickup else DELIVERY


def order_step_find(order: Order, action: str) -> Step:
    """The step `action` takes `order` from its state now, or OrderTransitionError saying why
    not, for staff."""
    step = step_find(
        action,
        status=order.status,
        paid_by=order_paid_by(order),
        arrives=order_arrives(order),
        charge=order.charge_status,
    )
    if step is not None:
        return step
    values = {
        "number": order.number,
        "status": OrderStatus(order.status).label,
        "charge": ChargeStatus(order.charge_status).label,
        "action": OrderAction(action).label,
    }
    if (
        action in (OrderAction.SHIP, OrderAction.READY_FOR_PICKUP)
        and order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CONFIRMED)
        and order.charge_status != ChargeStatus.PAID
        and order_paid_by(order) == ONLINE
    ):
        return _refuse(
            _("Order %(number)s is not paid: a card order leaves only once paid."), values
        )
    if action in (OrderAction.SHIP, OrderAction.DELIVER) and order.is_pickup:
        return _refuse(_("Order %(number)s is collected at our store, not delivered."), values)
    if action in (OrderAction.READY_FOR_PICKUP, OrderAction.COLLECT) and not order.is_pickup:
        return _refuse(_("Order %(number)s is delivered, not collected at our store."), values)
    return _refuse(
        _("Order %(number)s is %(status)s (%(charge)s): “%(action)s” is not possible now."), values
    )


def _refuse(message: str, values: dict) -> Step:
    raise OrderTransitionError(message % values)


def order_step_apply(*, order: Order, action: str, actor: Actor = None, note: str = "") -> Step:
    """Take step `action` on `order`, which the caller has locked (select_for_update) in the
    transaction that also changes its Payment rows. Sets the status, the charge status and
    paid_at, writes the event, returns the stock of an order that ends and takes it again for
    one that comes back (StockGone if it cannot). OrderTransitionError if the table forbids it."""
    step = order_step_find(order, action)
    from_status, from_charge = order.status, order.charge_status
    to_status = step.target or from_status
    to_charge = step.charge_to or from_charge
    if from_status in RESTOCKING_STATUSES and to_status not in RESTOCKING_STATUSES:
        _stock_retake(order)
    order.status, order.charge_status = to_status, to_charge
    if to_charge == ChargeStatus.PAID and from_charge != ChargeStatus.PAID:
        order.paid_at = timezone.now()
    order.save(update_fields=["status", "charge_status", "paid_at", "updated_at"])
    OrderEvent.objects.create(
        order=order,
        action=step.action,
        from_status=from_status,
        to_status=to_status,
        from_charge=from_charge,
        to_charge=to_charge,
        actor=actor if isinstance(actor, User) else None,
        note=note[:255],
    )
    if to_status in RESTOCKING_STATUSES and from_status not in RESTOCKING_STATUSES:
        _restock(order)
    if (
        step.action in (OrderAction.PAY, OrderAction.PAY_LATE)
        and order.confirmation_sent_at is None
    ):
        # Online orders are confirmed to the shopper when paid (cash ones when placed).
        order_confirmation_schedule(order=order)
    logger.info(
        "order %s: %s, %s/%s -> %s/%s",
        order.number,
        step.action,
        from_status,
        from_charge,
        to_status,
        to_charge,
    )
    return step


def order_lock(order: Order) -> Order:
    """`order` as stored now, locked for the caller's transaction: its payments, then the
    order, locked in the order the payment services lock
    them (a payment, then its order), so the two never wait on each other in a cycle."""
    list(Payment.objects.select_for_update().filter(order_id=order.pk).order_by("pk"))
    return Order.objects.select_for_update().get(pk=order.pk)


def order_follow(order: Order, locked: Order) -> None:
    """The caller's object of `order` follows what a service did to its locked copy."""
    order.status, order.charge_status, order.paid_at = (
        locked.status,
        locked.charge_status,
        locked.paid_at,
    )


def order_transition(*, order: Order, action: str, actor: Actor = None, note: str = "") -> Order:
    """Staff move the goods: confirm, ship, ready for pickup, deliver, collect. The caller's
    object follows. OrderTransitionError when the machine does not allow it now."""
    if action not in GOODS_MOVES:
        raise ValueError(f"{action} moves money: use its own service")
    with transaction.atomic():
        locked = order_lock(order)
        order_step_apply(order=locked, action=action, actor=actor, note=note)
    order_follow(order, locked)
    return locked


def order_cash_record(*, order: Order, actor: Actor = None, note: str = "") -> Order:
    """Staff record the cash of a cash order as received (the courier brought it, or the
    shopper paid at our counter): its cash Payment is approved for the order's total and the
    order becomes paid. OrderTransitionError if it is not a cash order awaiting its cash."""
    with transaction.atomic():
        locked = order_lock(order)
        order_step_find(locked, OrderAction.RECORD_CASH)
        payment = (
            locked.payments.filter(provider=locked.payment_method, status=PaymentStatus.STARTED)
            .order_by("-pk")
            .first()
        )
        if payment is None:
            payment = Payment(order=locked, provider=locked.payment_method)
        payment.amount, payment.currency = locked.total, locked.currency
        payment.status, payment.failure_reason = PaymentStatus.APPROVED, ""
        payment.save()
        order_step_apply(
            order=locked,
            action=OrderAction.RECORD_CASH,
            actor=actor,
            note=note or f"Cash received: {locked.total} {locked.currency}",
        )
    order_follow(order, locked)
    return locked


def order_pay(*, order: Order, payment: Payment, note: str) -> Step:
    """The provider has the money of `payment` for `order` (both locked by the caller, which
    approves the payment in the same transaction): the order becomes confirmed and paid — also
    after it expired, if its stock can be taken again (StockGone if not: nothing changes, and
    the caller marks the money due back). OrderTransitionError if the order cannot take it,
    or the payment is not for its exact total."""
    if (payment.order_id, payment.amount, payment.currency) != (
        order.pk,
        order.total,
        order.currency,
    ):
        raise OrderTransitionError(
            f"Payment {payment.pk} is {payment.amount} {payment.currency}, "
            f"not order {order.number}'s {order.total} {order.currency}"
        )
    action = OrderAction.PAY_LATE if order.status == OrderStatus.EXPIRED else OrderAction.PAY
    return order_step_apply(order=order, action=action, note=note)


def order_money_due(*, order: Order, note: str) -> Step:
    """Money arrived that `order` (locked by the caller) cannot keep — paid twice, or after it
    ended: the caller marks the Payment refund due; here the order's charge says so too (a paid
    order stays paid, its extra payment listed as due back)."""
    return order_step_apply(order=order, action=OrderAction.MONEY_DUE, note=note)


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


def _stock_retake(order: Order) -> None:
    """Take an ended order's stock again (its money came late). StockGone if any line cannot
    be had now."""
    wanted: dict[int, int] = {}
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        if product_id is None:
            raise StockGone(f"Order {order.number}: a product was deleted since")
        wanted[product_id] = wanted.get(product_id, 0) + quantity
    # Locked in pk order, like order_place and _restock.
    products = list(Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    short = [p.pk for p in products if p.stock < wanted[p.pk]]
    if short or len(products) != len(wanted):
        raise StockGone(f"Order {order.number}: not enough stock to take again")
    for product in products:
        product.stock -= wanted[product.pk]
    Product.objects.bulk_update(products, ["stock"])
    catalogue_revision_bump()


def orders_expire(*, now: datetime | None = None) -> list[str]:
    """Expire unpaid card orders older than SHOP_ORDER_PAYMENT_MINUTES and return their stock.

    Safe to run from cron at any frequency, even twice at once: each order is locked with
    SKIP LOCKED and re-checked, so no order is expired (or restocked) twice. Only orders
    waiting for an online payment expire: never a cash order, a paid one, or one whose
    payment is processing (a bank debit takes days; its success or failure decides).
    """
    # Unpaid, or holding only money that did not match it (due back, expired or not).
    not_paid_yet = (ChargeStatus.UNPAID, ChargeStatus.REFUND_DUE)
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.SHOP_ORDER_PAYMENT_MINUTES)
    online = [code for code, provider in PROVIDERS.items() if provider.pays_online]
    due = Order.objects.filter(
        status=OrderStatus.PENDING_PAYMENT,
        charge_status__in=not_paid_yet,
        payment_method__in=online,
        created_at__lt=cutoff,
    ).exclude(payments__status=PaymentStatus.PROCESSING)
    expired = []
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            order = (
                Order.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=OrderStatus.PENDING_PAYMENT, charge_status__in=not_paid_yet)
                .first()
            )
            if order is None or order.payments.filter(status=PaymentStatus.PROCESSING).exists():
                continue
            order_step_apply(order=order, action=OrderAction.EXPIRE, note="Unpaid in time")
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
