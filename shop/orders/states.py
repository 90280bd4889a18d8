"""The order state machine as data: an order's fulfilment status, its charge (payment) status,
and the one table of steps that may change them (after Saleor's separation of an order's status
from its charge status). A leaf: the models import it; it imports nothing of ours.

Every step names the statuses it starts from, how the order is paid (online or in cash) and
how it arrives (delivery or pickup) where that matters, the charge statuses it accepts, and
what it leaves. The services (`shop.orders.services`, `shop.payments.refunds`) apply a step only
through `step_find`, in one transaction with the Payment rows that justify it, and write
an OrderEvent for it. docs/orders.md prints the table.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    """Where the goods are. Money is ChargeStatus's business."""

    # A card order, holding its stock while the shopper pays; it expires unpaid.
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    # A cash order, in: staff confirm it (stock is held).
    PLACED = "placed", _("Placed")
    # Accepted and being prepared: a card order once paid, a cash order once confirmed.
    CONFIRMED = "confirmed", _("Confirmed")
    SHIPPED = "shipped", _("Shipped")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pickup")
    DELIVERED = "delivered", _("Delivered")
    COLLECTED = "collected", _("Collected")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class ChargeStatus(models.TextChoices):
    """The order's money, as its Payment rows justify it."""

    UNPAID = "unpaid", _("Not paid")
    # An approved Payment for the order's exact total.
    PAID = "paid", _("Paid")
    # Money is held that the order cannot keep (cancelled after it was paid, or paid too
    # late): staff give it back with "Refund".
    REFUND_DUE = "refund_due", _("Refund due")
    REFUNDED = "refunded", _("Refunded")


class OrderAction(models.TextChoices):
    """What may happen to an order: the steps' names."""

    PAY = "pay", _("Paid online")
    PAY_LATE = "pay_late", _("Paid after expiry")
    CONFIRM = "confirm", _("Confirm")
    SHIP = "ship", _("Ship")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pickup")
    DELIVER = "deliver", _("Delivered")
    COLLECT = "collect", _("Collected")
    RECORD_CASH = "record_cash", _("Record cash received")
    CANCEL = "cancel", _("Cancel")
    EXPIRE = "expire", _("Expire")
    MONEY_DUE = "money_due", _("Money to refund")
    REFUND = "refund", _("Refund")
    REFUNDED_AT_PROVIDER = "refunded_at_provider", _("Refunded at the provider")


ONLINE, CASH = "online", "cash"
DELIVERY, PICKUP = "delivery", "pickup"
ANY = None

S, C = OrderStatus, ChargeStatus
# Ended: goods never left (or came back to) the shop, so their stock was returned.
RESTOCKING_STATUSES = frozenset({S.CANCELLED, S.EXPIRED})
# Before the goods leave: a cancel returns the stock.
CANCELLABLE = frozenset({S.PENDING_PAYMENT, S.PLACED, S.CONFIRMED, S.READY_FOR_PICKUP})
# The goods are with the courier or the shopper.
GOODS_OUT = frozenset({S.SHIPPED, S.DELIVERED, S.COLLECTED})
# A cash order's money can be recorded from when it is confirmed until after the handover.
CASH_RECORDABLE = frozenset({S.CONFIRMED, S.SHIPPED, S.READY_FOR_PICKUP, S.DELIVERED, S.COLLECTED})
ALL = frozenset(S)


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[str]
    target: str | None  # None: the status stays
    paid_by: str | None = ANY  # ONLINE, CASH or ANY
    arrives: str | None = ANY  # DELIVERY, PICKUP or ANY
    charges: frozenset[str] = frozenset(C)  # the charge statuses it starts from
    charge_to: str | None = None  # None: the charge status stays


A = OrderAction
# The table's columns, shortened so a step is one line.
UNPAID, PAID, DUE = frozenset({C.UNPAID}), frozenset({C.PAID}), frozenset({C.REFUND_DUE})
EITHER = frozenset({C.UNPAID, C.PAID})
OWED = frozenset({C.UNPAID, C.REFUND_DUE})  # not paid; an earlier try's money maybe due back
NOT_PAID = frozenset({C.UNPAID, C.REFUND_DUE, C.REFUNDED})
PENDING, PLACED = frozenset({S.PENDING_PAYMENT}), frozenset({S.PLACED})
CONFIRMED, SHIPPED = frozenset({S.CONFIRMED}), frozenset({S.SHIPPED})
READY, EXPIRED = frozenset({S.READY_FOR_PICKUP}), frozenset({S.EXPIRED})
ENDED_OR_OUT = RESTOCKING_STATUSES | GOODS_OUT

STEPS: tuple[Step, ...] = (
    # action          from         to                  paid by arrives   charge    → charge
    # Money in. After expiry (a slow payment) only if the stock can be had again.
    # (OWED: a payment that did not match the order may be waiting to go back meanwhile.)
    Step(A.PAY,       PENDING,     S.CONFIRMED,        ONLINE, ANY,      OWED,     C.PAID),
    Step(A.PAY_LATE,  EXPIRED,     S.CONFIRMED,        ONLINE, ANY,      NOT_PAID, C.PAID),
    Step(A.RECORD_CASH, CASH_RECORDABLE, None,         CASH,   ANY,      UNPAID,   C.PAID),
    # Staff move the goods. A card order leaves only once paid.
    Step(A.CONFIRM,   PLACED,      S.CONFIRMED,        CASH,   ANY,      UNPAID),
    Step(A.SHIP,      CONFIRMED,   S.SHIPPED,          ONLINE, DELIVERY, PAID),
    Step(A.SHIP,      CONFIRMED,   S.SHIPPED,          CASH,   DELIVERY, EITHER),
    Step(A.READY_FOR_PICKUP, CONFIRMED, S.READY_FOR_PICKUP, ONLINE, PICKUP, PAID),
    Step(A.READY_FOR_PICKUP, CONFIRMED, S.READY_FOR_PICKUP, CASH, PICKUP,  EITHER),
    Step(A.DELIVER,   SHIPPED,     S.DELIVERED,        ANY,    DELIVERY),
    Step(A.COLLECT,   READY,       S.COLLECTED,        ANY,    PICKUP),
    # Ending. Cancelling a paid order gives the money back: at once online, or (cash) as a
    # refund due that staff hand back. Nothing ends cancelled with the money kept.
    Step(A.CANCEL,    CANCELLABLE, S.CANCELLED,        ANY,    ANY,      UNPAID),
    Step(A.CANCEL,    CANCELLABLE, S.CANCELLED,        ONLINE, ANY,      PAID,     C.REFUNDED),
    Step(A.CANCEL,    CANCELLABLE, S.CANCELLED,        CASH,   ANY,      PAID,     C.REFUND_DUE),
    Step(A.EXPIRE,    PENDING,     S.EXPIRED,          ONLINE, ANY,      OWED),
    # Money the order cannot keep (a second payment, or money after it ended): a paid order
    # stays paid (the extra Payment is marked due back); any other owes it back. (Cash only
    # ever arrives through "Record cash received".)
    Step(A.MONEY_DUE, ALL,         None,               ANY,    ANY,      PAID),
    # Money that does not pay a waiting order (another amount or currency, a session we did
    # not make): the order still waits for its own payment; that money is due back.
    Step(A.MONEY_DUE, PENDING,     None,               ONLINE, ANY,      OWED,     C.REFUND_DUE),
    Step(A.MONEY_DUE, ENDED_OR_OUT, None,              ONLINE, ANY,      NOT_PAID, C.REFUND_DUE),
    # Money going back: what was due back (an extra payment of a paid order leaves it paid),
    # or a card payment refunded in the provider's dashboard.
    Step(A.REFUND,    PENDING,     None,               ONLINE, ANY,      DUE,      C.UNPAID),
    Step(A.REFUND,    ALL,         None,               ANY,    ANY,      DUE,      C.REFUNDED),
    Step(A.REFUND,    ALL,         None,               ANY,    ANY,      PAID),
    Step(A.REFUNDED_AT_PROVIDER, CANCELLABLE, S.CANCELLED, ONLINE, ANY,  PAID,     C.REFUNDED),
    Step(A.REFUNDED_AT_PROVIDER, GOODS_OUT, None,      ONLINE, ANY,      PAID,     C.REFUNDED),
)  # fmt: skip


def step_find(action: str, *, status: str, paid_by: str, arrives: str, charge: str) -> Step | None:
    """The step `action` takes from this state, or None: the machine does not allow it."""
    for step in STEPS:
        if (
            step.action == action
            and status in step.sources
            and step.paid_by in (ANY, paid_by)
            and step.arrives in (ANY, arrives)
            and charge in step.charges
        ):
            return step
    return None


def initial_status(*, pays_online: bool) -> str:
    """Where a new order starts: a card order waits for its payment, a cash order for staff."""
    return S.PENDING_PAYMENT if pays_online else S.PLACED


State = tuple[str, str, str, str]  # (status, charge status, paid by, arrives)


def reachable_states() -> set[State]:
    """Every (status, charge, paid by, arrives) the table can lead to from a new order: what
    the shopper's labels must cover (shop/orders/presenters.py) and docs/orders.md lists."""
    todo: list[State] = [
        (initial_status(pays_online=paid_by == ONLINE), C.UNPAID, paid_by, arrives)
        for paid_by in (ONLINE, CASH)
        for arrives in (DELIVERY, PICKUP)
    ]
    seen: set[State] = set()
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        status, charge, paid_by, arrives = state
        for step in STEPS:
            if (
                step_find(
                    step.action, status=status, paid_by=paid_by, arrives=arrives, charge=charge
                )
                is step
            ):
                todo.append((step.target or status, step.charge_to or charge, paid_by, arrives))
    return seen
