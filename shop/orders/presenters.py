"""What an order's state means to the shopper who placed it, in one place: the order page, "My
orders" and the e-mails all read it from here (through the `order_text` template filters).

The machine's statuses (`shop.orders.states`) are where staff move orders along; they do not
say the same thing to every shopper. A cash order shipped but not paid is "pay on delivery"; a
pickup order is collected, not delivered; a cancelled order's label says what became of the
money. So the shopper's label depends on four things: the status, the charge status, whether
the order is paid online (demo gateway, a card) or in cash, and whether it is delivered or
collected. Nothing here says "paid" before the money is recorded. Staff keep seeing the
machine's statuses in the admin.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.models.orders import Order, Payment, PaymentStatus
from shop.orders.states import ANY, CASH, DELIVERY, ONLINE, PICKUP, ChargeStatus, OrderStatus
from shop.payments.providers import PROVIDERS


@dataclass(frozen=True)
class ShopperStatus:
    label: str | Promise  # the badge, e.g. "Confirmed — pay on delivery"
    tone: str  # the badge's colour: success, warning, info, danger or neutral
    message: str | Promise  # one or two sentences saying what happens next


S, St, C = ShopperStatus, OrderStatus, ChargeStatus
# (status, charge status, how it is paid, how it arrives) → what the shopper reads. ANY
# matches any; the most specific row wins (see shopper_status). Every combination the step
# table allows has a row, checked by `tests.shop.orders.test_order_pages`.
STATUS_TABLE: dict[tuple[str, str | None, str | None, str | None], ShopperStatus] = {
    (St.PENDING_PAYMENT, ANY, ONLINE, ANY): S(
        gettext_lazy("Awaiting payment"),
        "warning",
        gettext_lazy("We are holding your items. Complete the payment to confirm the order."),
    ),
    (St.PLACED, ANY, CASH, DELIVERY): S(
        gettext_lazy("Received — pay on delivery"),
        "success",
        gettext_lazy(
            "Thank you! We have your order and will confirm it shortly. "
            "You pay in cash when it is delivered."
        ),
    ),
    (St.PLACED, ANY, CASH, PICKUP): S(
        gettext_lazy("Received — pay at pickup"),
        "success",
        gettext_lazy(
            "Thank you! We have your order and will confirm it shortly. "
            "You pay in cash when you collect it at our store."
        ),
    ),
    (St.CONFIRMED, C.UNPAID, CASH, DELIVERY): S(
        gettext_lazy("Confirmed — pay on delivery"),
        "success",
        gettext_lazy(
            "Thank you! Your order is confirmed and we are preparing it. "
            "You pay in cash when it is delivered."
        ),
    ),
    (St.CONFIRMED, C.UNPAID, CASH, PICKUP): S(
        gettext_lazy("Confirmed — pay at pickup"),
        "success",
        gettext_lazy(
            "Thank you! Your order is confirmed and we are preparing it. "
            "You pay in cash when you collect it at our store."
        ),
    ),
    (St.CONFIRMED, C.PAID, ANY, DELIVERY): S(
        gettext_lazy("Paid — being prepared"),
        "success",
        gettext_lazy("Thank you! Your payment is received and your order is being prepared."),
    ),
    (St.CONFIRMED, C.PAID, ANY, PICKUP): S(
        gettext_lazy("Paid — being prepared"),
        "success",
        gettext_lazy(
            "Thank you! Your payment is received and we are preparing your order for pickup."
        ),
    ),
    (St.SHIPPED, C.UNPAID, CASH, DELIVERY): S(
        gettext_lazy("Shipped — pay on delivery"),
        "info",
        gettext_lazy("Your order is on its way to you. You pay in cash when it is delivered."),
    ),
    (St.SHIPPED, ANY, ANY, DELIVERY): S(
        gettext_lazy("Shipped"), "info", gettext_lazy("Your order is on its way to you.")
    ),
    (St.READY_FOR_PICKUP, C.UNPAID, CASH, PICKUP): S(
        gettext_lazy("Ready for pickup — pay at pickup"),
        "info",
        gettext_lazy(
            "Your order is waiting for you at our store. You pay in cash when you collect it."
        ),
    ),
    (St.READY_FOR_PICKUP, ANY, ANY, PICKUP): S(
        gettext_lazy("Ready for pickup"),
        "info",
        gettext_lazy("Your order is waiting for you at our store."),
    ),
    (St.DELIVERED, ANY, ANY, DELIVERY): S(
        gettext_lazy("Delivered"), "success", gettext_lazy("Your order was delivered. Enjoy!")
    ),
    (St.COLLECTED, ANY, ANY, PICKUP): S(
        gettext_lazy("Collected"), "success", gettext_lazy("You collected your order. Enjoy!")
    ),
    (St.CANCELLED, ANY, ANY, ANY): S(
        gettext_lazy("Cancelled"), "danger", gettext_lazy("This order was cancelled.")
    ),
    (St.CANCELLED, C.REFUND_DUE, ONLINE, ANY): S(
        gettext_lazy("Cancelled — refund on its way"),
        "neutral",
        gettext_lazy(
            "This order was cancelled. We are refunding your payment in full to the card or "
            "account you paid with."
        ),
    ),
    (St.CANCELLED, C.REFUND_DUE, CASH, ANY): S(
        gettext_lazy("Cancelled — cash to give back"),
        "neutral",
        gettext_lazy("This order was cancelled. We will give you back the cash you paid."),
    ),
    (St.CANCELLED, C.REFUNDED, ONLINE, ANY): S(
        gettext_lazy("Refunded"),
        "neutral",
        gettext_lazy(
            "This order was refunded: the money goes back to the card or account you paid with."
        ),
    ),
    (St.CANCELLED, C.REFUNDED, CASH, ANY): S(
        gettext_lazy("Cancelled — cash given back"),
        "neutral",
        gettext_lazy("This order was cancelled and we gave you back the cash you paid."),
    ),
    (St.EXPIRED, ANY, ANY, ANY): S(
        gettext_lazy("Cancelled — not paid in time"),
        "danger",
        gettext_lazy(
            "The payment was not completed in time, so we released the items. Nothing was charged."
        ),
    ),
    (St.EXPIRED, C.REFUND_DUE, ANY, ANY): S(
        gettext_lazy("Cancelled — refund on its way"),
        "neutral",
        gettext_lazy(
            "Your payment came after we had released the items, so we are refunding it in full."
        ),
    ),
    (St.EXPIRED, C.REFUNDED, ANY, ANY): S(
        gettext_lazy("Refunded"),
        "neutral",
        gettext_lazy(
            "Your payment came after we had released the items; it went back to the card or "
            "account you paid with."
        ),
    ),
}


def _lookup_keys(
    status: str, charge: str, paid_by: str, arrives: str
) -> Iterator[tuple[str, str | None, str | None, str | None]]:
    """From the most specific key to the least: the charge first, then how it is paid, then
    how it arrives."""
    for c in (charge, ANY):
        for p in (paid_by, ANY):
            for a in (arrives, ANY):
                yield (status, c, p, a)


def shopper_status_for(
    *, status: str, charge: str, paid_by: str, arrives: str
) -> ShopperStatus | None:
    """The row of STATUS_TABLE for this state, or None if there is none."""
    for key in _lookup_keys(status, charge, paid_by, arrives):
        if key in STATUS_TABLE:
            return STATUS_TABLE[key]
    return None


def _pays_online(order: Order) -> bool:
    provider = PROVIDERS.get(order.payment_method)
    return provider.pays_online if provider else True


def shopper_status(order: Order) -> ShopperStatus:
    """The shopper's view of `order`'s state. No query."""
    found = shopper_status_for(
        status=order.status,
        charge=order.charge_status,
        paid_by=ONLINE if _pays_online(order) else CASH,
        arrives=PICKUP if order.is_pickup else DELIVERY,
    )
    # A state without a row here: say what staff would.
    return found or ShopperStatus(order.get_status_display(), "neutral", "")


def payment_method_label(code: str) -> str | Promise:
    """The provider's label ("Cash on delivery"); the code for one no longer offered."""
    provider = PROVIDERS.get(code)
    return provider.label if provider else code


def payment_summary(order: Order) -> str:
    """How the order is paid, and how far that got: "Cash on delivery · pay when it arrives".
    Says paid only once the money is recorded (its charge status). Reads `order.payments`
    (prefetch it, newest first, as the order page's selector does) for a card order's last
    attempt."""
    method = payment_method_label(order.payment_method)
    online = _pays_online(order)
    charge = order.charge_status
    if charge == ChargeStatus.PAID and order.paid_at is not None:
        # The shop's day (TIME_ZONE), as the order page's «Оформлено …»: not UTC's.
        when = date_format(localtime(order.paid_at), "DATE_FORMAT")
        state = _("paid on %(date)s") % {"date": when}
    elif charge == ChargeStatus.REFUND_DUE:
        state = (
            _("we are refunding your payment in full")
            if online
            else _("we will give you back the cash you paid")
        )
    elif charge == ChargeStatus.REFUNDED:
        state = _("refunded") if online else _("cash given back")
    elif order.status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
        state = _("not paid")
    elif not online:
        if order.status in (OrderStatus.DELIVERED, OrderStatus.COLLECTED):
            state = _("we have not recorded your cash payment yet")
        elif order.is_pickup:
            state = _("pay in cash when you collect it")
        else:
            state = _("pay in cash when it arrives")
    else:
        last = next(iter(order.payments.all()), None)
        if last is not None and last.status == PaymentStatus.PROCESSING:
            state = _("your bank is processing the payment")
        elif last is not None and last.status in (PaymentStatus.DECLINED, PaymentStatus.FAILED):
            state = _("your last attempt did not go through; nothing was charged")
        else:
            state = _("not paid yet")
    return f"{method} · {state}"


def confirmation_note(order: Order) -> str:
    """Where the order's e-mail went, or will go: the confirmation page names the address."""
    values = {"email": order.email}
    if order.confirmation_sent_at is not None:
        return _("We sent the confirmation to %(email)s.") % values
    if order.confirmation_next_attempt_at is not None:
        return _("Your confirmation is on its way to %(email)s.") % values
    if order.status == OrderStatus.PENDING_PAYMENT:
        return _("We will e-mail the confirmation to %(email)s once the payment is received.") % (
            values
        )
    return _("E-mails about this order go to %(email)s.") % values


def payment_line(payment: Payment) -> str:
    """One payment as staff read it: "Stripe · 12.50 UAH · Approved"."""
    label = payment_method_label(payment.provider)
    return f"{label} · {payment.amount} {payment.currency} · {payment.get_status_display()}"
