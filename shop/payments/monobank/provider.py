"""monobank acquiring as a PaymentProvider: an invoice per attempt on monobank's hosted page.

`start` creates the invoice from the attempt — its amount in kopiykas and its currency exactly,
our attempt's reference in merchantPaymInfo.reference, a basket from the order's stored lines
that adds up to the same total — and sends the shopper to its pageUrl (cards, Apple Pay and
Google Pay are monobank's to offer there). The money is confirmed only by monobank's signed
callback (services: shop.payments.monobank.webhooks), never by the shopper's return.

One open invoice per attempt: "Pay now" again asks monobank for the invoice's status and sends
the shopper back to its page while it is still open. The invoice lives as long as the order's
payment window (at least 30 minutes, at most a day), like a Stripe Checkout Session.
"""

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, TypeGuard

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from shop.models import Payment
from shop.payments.base import (
    GatewayResponse,
    PaymentError,
    PaymentProvider,
    ProviderPayment,
    ProviderRefund,
)
from shop.payments.monobank.api import (
    CURRENCY_CODES,
    PROVIDER,
    currency_code,
    from_minor_units,
    invoice_cancel,
    invoice_create,
    invoice_status,
    minor_units,
    statement,
)

VALIDITY_MIN = timedelta(minutes=30)
VALIDITY_MAX = timedelta(hours=24)
# Invoice states in which the shopper can still pay on its page.
OPEN = frozenset({"created", "processing"})
# States in which monobank has (or is taking) the money: a new invoice would take it twice.
MONEY_TAKEN = frozenset({"success", "hold"})


def invoice_validity(placed: datetime, *, now: datetime) -> int:
    """Seconds the invoice of an order placed at `placed` stays payable."""
    window_end = placed + timedelta(minutes=settings.SHOP_ORDER_PAYMENT_MINUTES)
    left = min(max(window_end - now, VALIDITY_MIN), VALIDITY_MAX)
    return int(left.total_seconds())


def refund_reference(payment: Payment) -> str:
    return f"refund-{payment.reference}"


def invoice_body(payment: Payment, *, site_url: str, now: datetime) -> dict[str, Any]:
    """The invoice for `payment`, from the order's stored lines and prices."""
    order = payment.order
    total = minor_units(payment.amount, payment.currency)
    basket: list[dict[str, Any]] = [
        {
            "name": line.product_name[:128],
            "qty": line.quantity,
            "sum": minor_units(line.unit_price, payment.currency),
            "code": str(line.product_id or line.pk),
        }
        for line in order.lines.order_by("pk")
    ]
    if order.shipping_price:
        shipping = minor_units(order.shipping_price, payment.currency)
        basket.append({"name": str(_("Shipping")), "qty": 1, "sum": shipping, "code": "shipping"})
    if sum(item["sum"] * item["qty"] for item in basket) != total:
        raise PaymentError(
            f"Invoice lines do not add up to the attempt's {payment.amount}", provider=PROVIDER
        )
    return {
        "amount": total,
        "ccy": CURRENCY_CODES[payment.currency.upper()],
        "merchantPaymInfo": {
            "reference": payment.reference,
            "destination": str(_("Order %(number)s") % {"number": order.number}),
            "basketOrder": basket,
        },
        "redirectUrl": site_url + reverse("shop:order_paying", kwargs={"number": order.number}),
        "webHookUrl": site_url + reverse("shop:monobank_webhook"),
        "validity": invoice_validity(order.created_at, now=now),
        "paymentType": "debit",
    }


class MonobankAcquiring(PaymentProvider):
    code = PROVIDER
    label = _("Card, Apple Pay or Google Pay (monobank)")

    @property
    def available(self) -> bool:
        return bool(settings.MONOBANK_TOKEN)

    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        if not self.available:
            raise PaymentError("monobank payments are not configured", provider=PROVIDER)
        invoice = invoice_create(invoice_body(payment, site_url=site_url, now=timezone.now()))
        invoice_id, page_url = invoice.get("invoiceId"), invoice.get("pageUrl")
        if not isinstance(invoice_id, str) or not invoice_id or not isinstance(page_url, str):
            raise PaymentError("monobank answered without an invoice id or page", provider=PROVIDER)
        payment.page_url = page_url[:500]
        payment.save(update_fields=["page_url", "updated_at"])
        return GatewayResponse.redirect(page_url, external_id=invoice_id)

    def resume(self, payment: Payment) -> GatewayResponse | None:
        """The invoice's page while it is open; our "confirming payment" page once monobank
        has the money; None once it failed or expired (a new attempt gets a new invoice)."""
        if not payment.external_id or not payment.page_url:
            return None
        status = invoice_status(payment.external_id).get("status")
        if status in OPEN:
            return GatewayResponse.redirect(payment.page_url, external_id=payment.external_id)
        if status in MONEY_TAKEN:
            paying = reverse("shop:order_paying", kwargs={"number": payment.order.number})
            return GatewayResponse.redirect(paying, external_id=payment.external_id)
        return None

    def confirm(self, payment: Payment, data: Mapping[str, str]) -> None:
        raise PaymentError("monobank payments are confirmed by its signed callbacks only")

    def refund(self, payment: Payment) -> None:
        """Give the whole invoice back (POST invoice/cancel), once: an invoice already reversed,
        or with our refund already in its cancelList, is not refunded again."""
        if not payment.external_id:
            raise PaymentError("monobank has no invoice for this payment", provider=PROVIDER)
        status = invoice_status(payment.external_id)
        ours = refund_reference(payment)
        cancels = _list(status.get("cancelList"))
        done = any(
            isinstance(c, dict) and c.get("extRef") == ours and c.get("status") != "failure"
            for c in cancels
        )
        if status.get("status") == "reversed" or done:
            return
        answer = invoice_cancel(
            invoice_id=payment.external_id,
            ext_ref=ours,
            amount=minor_units(payment.amount, payment.currency),
        )
        if answer.get("status") not in ("processing", "success"):
            raise PaymentError("monobank refused the refund", provider=PROVIDER)

    def payments_since(self, since: datetime) -> Iterator[ProviderPayment]:
        for row in statement(since=int(since.timestamp())):
            amount = row.get("amount")
            yield ProviderPayment(
                object_id=str(row.get("invoiceId") or ""),
                reference=str(row.get("reference") or ""),
                order_number="",
                paid=row.get("status") == "success",
                amount=from_minor_units(amount) if _is_int(amount) else None,
                currency=currency_code(row.get("ccy")),
                transaction_id=str(row.get("invoiceId") or ""),
                created=_time(row.get("date")),
            )

    def refunds_since(self, since: datetime) -> Iterator[ProviderRefund]:
        """The refunds in the statement's cancelLists. The statement lists invoices by the day
        they were paid: a refund of an invoice paid before `since` is not among them."""
        for row in statement(since=int(since.timestamp())):
            invoice_id = str(row.get("invoiceId") or "")
            for cancel in _list(row.get("cancelList")):
                if not isinstance(cancel, dict) or _time(cancel.get("date")) < since:
                    continue
                amount = cancel.get("amount")
                yield ProviderRefund(
                    object_id=f"{invoice_id}/{cancel.get('date') or ''}",
                    transaction_id=invoice_id,
                    amount=from_minor_units(amount) if _is_int(amount) else from_minor_units(0),
                    currency=currency_code(cancel.get("ccy")),
                    succeeded=True,
                    created=_time(cancel.get("date")),
                )


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _time(value: Any) -> datetime:
    """monobank's ISO 8601 time (2026-12-08T00:52:11Z); the epoch when missing or garbled."""
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        return datetime.fromtimestamp(0, tz=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
