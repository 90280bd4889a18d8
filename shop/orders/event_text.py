"""Order event notes and payment messages in the reader's language, at display time.

Services write a note as a short English sentence with its data ("Paid via demo", "Payment
3f9a1c2e…: the order was already paid"); it is a record, kept as written. The admin and the
order history show it through `event_text`, which recognises each sentence the services write
and says it in the active language, data kept ("Оплачено через демо-шлюз"). A sentence it
does not know (an old one, a provider's own message) is shown as written."""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from shop.orders.presenters import payment_method_label

Render = Callable[[re.Match[str]], str]


def _provider(match: re.Match[str]) -> str:
    return str(payment_method_label(match["provider"]))


# (pattern, how to say it): the first that matches the whole note wins.
SENTENCES: list[tuple[re.Pattern[str], Render]] = [
    (re.compile(r"Placed"), lambda m: _("Placed")),
    (re.compile(r"Admin( action)?"), lambda m: _("Admin action")),
    (re.compile(r"Unpaid in time"), lambda m: _("Unpaid in time")),
    (re.compile(r"Declined at the demo gateway"), lambda m: _("Declined at the demo gateway")),
    (
        re.compile(r"Another payment is still due back"),
        lambda m: _("Another payment is still due back"),
    ),
    (
        re.compile(r"Paid via (?P<provider>\w+), after expiry: stock taken again"),
        lambda m: (
            _("Paid via %(provider)s after the order expired: stock taken again")
            % {"provider": _provider(m)}
        ),
    ),
    (
        re.compile(r"Paid via (?P<provider>\w+)"),
        lambda m: _("Paid via %(provider)s") % {"provider": _provider(m)},
    ),
    (
        re.compile(r"Refunded via (?P<provider>\w+)"),
        lambda m: _("Refunded via %(provider)s") % {"provider": _provider(m)},
    ),
    (
        re.compile(r"Payment due back refunded via (?P<provider>\w+)"),
        lambda m: _("Payment due back refunded via %(provider)s") % {"provider": _provider(m)},
    ),
    (
        re.compile(r"Refunded in (?P<provider>\w+)'s dashboard"),
        lambda m: _("Refunded in the %(provider)s dashboard") % {"provider": _provider(m)},
    ),
    (
        re.compile(r"Cash received: (?P<amount>[\d.]+ [A-Z]{3})"),
        lambda m: _("Cash received: %(amount)s") % {"amount": m["amount"]},
    ),
    (
        re.compile(r"Payment (?P<reference>\S+…): (?P<reason>.+)"),
        lambda m: (
            _("Payment %(reference)s: %(reason)s")
            % {"reference": m["reference"], "reason": event_text(m["reason"])}
        ),
    ),
    (
        re.compile(r"Received, but (?P<reason>.+): refund it"),
        lambda m: _("Received, but %(reason)s: refund it") % {"reason": event_text(m["reason"])},
    ),
    (re.compile(r"the order was already paid"), lambda m: _("the order was already paid")),
    (
        re.compile(r"The Stripe Checkout session expired unpaid"),
        lambda m: _("The Stripe Checkout session expired unpaid"),
    ),
    (
        re.compile(r"The delayed payment failed at Stripe"),
        lambda m: _("The delayed payment failed at Stripe"),
    ),
]


def event_text(note: str) -> str:
    """`note` (an OrderEvent's note or a Payment's failure reason) in the active language."""
    for pattern, render in SENTENCES:
        match = pattern.fullmatch(note)
        if match:
            return render(match)
    return note
