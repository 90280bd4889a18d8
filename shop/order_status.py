"""What an order's state means to the shopper who placed it, in one place: the order page, "My
orders" and the e-mails all read it from here (through the Order's properties).

The internal status (OrderStatus) is the pipeline staff move orders along; it does not say the
same thing to every shopper. A cash-on-delivery order waits in "pending payment" until the
courier brings the cash, but to its shopper it is confirmed; a pickup order "shipped" by staff
is waiting at our store. So the shopper's label depends on three things: the status, whether
the order is paid online (demo gateway, a card) or in cash, and whether it is delivered or
collected. Staff keep seeing the internal status in the admin.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.models.orders import OrderStatus, PaymentStatus

if TYPE_CHECKING:
    from shop.models import Order

ONLINE, CASH = "online", "cash"
DELIVERY, PICKUP = "delivery", "pickup"
ANY = None


@dataclass(frozen=True)
class ShopperStatus:
    label: str | Promise  # the badge, e.g. "Confirmed — pay on delivery"
    tone: str  # the badge's colour: success, warning, info, danger or neutral
    message: str | Promise  # one or two sentences saying what happens next


S = ShopperStatus
# (status, how it is paid, how it arrives) → what the shopper reads. ANY matches either; the
# most specific row wins (see shopper_status). Every status has a row for (ANY, ANY) or both
# of its variants, checked by tests/shop/test_order_status.py.
STATUS_TABLE: dict[tuple[str, str | None, str | None], ShopperStatus] = {
    (OrderStatus.PENDING_PAYMENT, ONLINE, ANY): S(
        gettext_lazy("Awaiting payment"),
        "warning",
        gettext_lazy("We are holding your items. Complete the payment to confirm the order."),
    ),
    (OrderStatus.PENDING_PAYMENT, CASH, DELIVERY): S(
        gettext_lazy("Confirmed — pay on delivery"),
        "success",
        gettext_lazy(
            "Thank you! Your order is confirmed and we are preparing it. "
            "You pay in cash when it is delivered."
        ),
    ),
    (OrderStatus.PENDING_PAYMENT, CASH, PICKUP): S(
        gettext_lazy("Confirmed — pay at pickup"),
        "success",
        gettext_lazy(
            "Thank you! Your order is confirmed and we are preparing it. "
            "You pay in cash when you collect it at our store."
        ),
    ),
    (OrderStatus.PAID, ANY, DELIVERY): S(
        gettext_lazy("Paid — being prepared"),
        "success",
        gettext_lazy("Thank you! Your payment is received and your order is being prepared."),
    ),
    (OrderStatus.PAID, ANY, PICKUP): S(
        gettext_lazy("Paid — being prepared"),
        "success",
        gettext_lazy(
            "Thank you! Your payment is received and we are preparing your order for pickup."
        ),
    ),
    (OrderStatus.SHIPPED, ANY, DELIVERY): S(
        gettext_lazy("Shipped"), "info", gettext_lazy("Your order is on its way to you.")
    ),
    (OrderStatus.SHIPPED, ANY, PICKUP): S(
        gettext_lazy("Ready for pickup"),
        "info",
        gettext_lazy("Your order is waiting for you at our store."),
    ),
    (OrderStatus.DELIVERED, ANY, DELIVERY): S(
        gettext_lazy("Delivered"), "success", gettext_lazy("Your order was delivered. Enjoy!")
    ),
    (OrderStatus.DELIVERED, ANY, PICKUP): S(
        gettext_lazy("Collected"), "success", gettext_lazy("You collected your order. Enjoy!")
    ),
    (OrderStatus.CANCELLED, ANY, ANY): S(
        gettext_lazy("Cancelled"), "danger", gettext_lazy("This order was cancelled.")
    ),
    (OrderStatus.EXPIRED, ANY, ANY): S(
        gettext_lazy("Cancelled — not paid in time"),
        "danger",
        gettext_lazy(
            "The payment was not completed in time, so we released the items. Nothing was charged."
        ),
    ),
    (OrderStatus.REFUNDED, ANY, ANY): S(
        gettext_lazy("Refunded"),
        "neutral",
        gettext_lazy(
            "This order was refunded: the money goes back to the card or account you paid with."
        ),
    ),
}


def _pays_online(order: "Order") -> bool:
    from shop.payments import PROVIDERS  # the providers import the models

    provider = PROVIDERS.get(order.payment_method)
    return provider.pays_online if provider else True


def shopper_status(order: "Order") -> ShopperStatus:
    """The shopper's view of `order`'s status. No query."""
    paid_by = ONLINE if _pays_online(order) else CASH
    arrives = PICKUP if order.is_pickup else DELIVERY
    for key in (
        (order.status, paid_by, arrives),
        (order.status, paid_by, ANY),
        (order.status, ANY, arrives),
        (order.status, ANY, ANY),
    ):
        if key in STATUS_TABLE:
            return STATUS_TABLE[key]
    # A status added to OrderStatus without a row here: say what staff would.
    return ShopperStatus(order.get_status_display(), "neutral", "")


def payment_method_label(code: str) -> str | Promise:
    """The provider's label ("Cash on delivery"); the code for one no longer offered."""
    from shop.payments import PROVIDERS

    provider = PROVIDERS.get(code)
    return provider.label if provider else code


def payment_summary(order: "Order") -> str:
    """How the order is paid, and how far that got: "Cash on delivery · pay when it arrives".
    Reads `order.payments` (prefetch it, newest first, as the order page's selector does)."""
    method = payment_method_label(order.payment_method)
    if order.paid_at is not None:
        when = date_format(order.paid_at, "DATE_FORMAT")
        state = _("paid on %(date)s") % {"date": when}
    elif order.status != OrderStatus.PENDING_PAYMENT:
        state = _("not paid")
    elif not _pays_online(order):
        state = (
            _("pay in cash when you collect it")
            if order.is_pickup
            else _("pay in cash when it arrives")
        )
    else:
        last = next(iter(order.payments.all()), None)
        if last is not None and last.status == PaymentStatus.PROCESSING:
            state = _("your bank is processing the payment")
        elif last is not None and last.status in (PaymentStatus.DECLINED, PaymentStatus.FAILED):
            state = _("your last attempt did not go through; nothing was charged")
        else:
            state = _("not paid yet")
    return f"{method} · {state}"


def confirmation_note(order: "Order") -> str:
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
