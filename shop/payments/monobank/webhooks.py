"""monobank's callbacks, on the shared webhook contract (`shop.payments.webhooks`). monobank
posts the invoice's whole state (invoiceId, status, amount, ccy, reference, modifiedDate) on
every change, signed (X-Sign, checked by `callback_verify`), and may deliver a change more
than once, or late.

Each (invoice, modifiedDate, status) is recorded once; news older than the state we have
(`Payment.provider_updated_at`) is stale and changes nothing. An invoice we did not create
never pays an order: when its reference names one of our attempts, its money is recorded as
due back. Money counts only through `payment_received`, with the callback's amount and
currency or, when it leaves them out, the status API's.
"""

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeGuard

from django.db import transaction
from django.utils.dateparse import parse_datetime

from core.ratelimit import RateLimit
from monitoring.api import order_context
from shop.models import Payment, PaymentStatus
from shop.payments.base import PaymentError
from shop.payments.monobank.api import PROVIDER, currency_code, from_minor_units, invoice_status
from shop.payments.monobank.signature import SignatureRefused, callback_verify
from shop.payments.refunds import payment_refunded
from shop.payments.services import (
    payment_fail,
    payment_foreign_received,
    payment_processing,
    payment_received,
)
from shop.payments.webhooks import (
    Money,
    ProviderUnreachable,
    WebhookAnswer,
    delivery_done,
    delivery_handle,
    delivery_record,
    delivery_refused,
)

logger = logging.getLogger(__name__)

REJECTS = RateLimit("monobank_webhook_rejects")


@dataclass(frozen=True)
class InvoiceNews:
    """What a callback says: ids, state, time and money only (no card or payer details)."""

    invoice_id: str
    status: str
    modified: datetime
    reference: str
    amount: int | None  # minor units: finalAmount, else amount
    currency: str  # "UAH"; "" when left out or unknown

    @property
    def event_id(self) -> str:
        return f"{self.invoice_id}/{self.modified.isoformat()}/{self.status}"[:255]


def monobank_webhook_receive(
    *, payload: bytes, signature: str | None, client: str
) -> WebhookAnswer:
    """Verify and act on one delivery; the answer for monobank. Never raises, but RateLimited
    (only for a refused delivery)."""
    try:
        callback_verify(payload, signature)
        news = news_read(payload)
    except SignatureRefused as refused:
        return _refused(client, refused.reason)
    except ValueError:
        return _refused(client, "malformed invoice state")
    except PaymentError as error:
        logger.warning("monobank callback: the public key could not be fetched (%s)", error)
        return WebhookAnswer(503, "temporary failure: retry later")
    return delivery_handle(
        provider=PROVIDER,
        subject=f"monobank callback {news.status} for invoice {news.invoice_id}",
        delivery_id=news.event_id,
        find=lambda: _payment_for(news),
        handle=lambda payment: _news_handle(news, payment),
    )


def _refused(client: str, reason: str) -> WebhookAnswer:
    return delivery_refused(provider=PROVIDER, rejects=REJECTS, client=client, reason=reason)


def news_read(payload: bytes) -> InvoiceNews:
    """The invoice state in a (verified) body; ValueError when it is not one."""
    data = json.loads(payload)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    invoice_id, status = data.get("invoiceId"), data.get("status")
    modified = (
        parse_datetime(data["modifiedDate"]) if isinstance(data.get("modifiedDate"), str) else None
    )
    if not isinstance(invoice_id, str) or not invoice_id or not isinstance(status, str):
        raise ValueError("no invoiceId or status")
    if modified is None or modified.tzinfo is None:
        raise ValueError("no modifiedDate with a time zone")
    amount = next((data[k] for k in ("finalAmount", "amount") if _is_int(data.get(k))), None)
    reference = data.get("reference")
    return InvoiceNews(
        invoice_id=invoice_id,
        status=status,
        modified=modified,
        reference=reference if isinstance(reference, str) else "",
        amount=amount,
        currency=currency_code(data.get("ccy")),
    )


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _payment_for(news: InvoiceNews) -> Payment | None:
    """OUR attempt the invoice belongs to: by the invoice id we recorded, or by our reference
    for an attempt whose invoice id we did not get to record. Never an attempt that recorded
    another invoice."""
    attempts = Payment.objects.filter(provider=PROVIDER).select_related("order")
    found = attempts.filter(external_id=news.invoice_id).first()
    if found is None and news.reference:
        found = attempts.filter(reference=news.reference, external_id="").first()
    return found


def _money(news: InvoiceNews) -> Money:
    """The invoice's paid amount and currency: the callback's, or the status API's."""
    amount, currency = news.amount, news.currency
    if amount is None or not currency:
        try:
            status = invoice_status(news.invoice_id)
        except PaymentError as error:
            raise ProviderUnreachable(str(error)) from None
        amount = next(
            (status[k] for k in ("finalAmount", "amount") if _is_int(status.get(k))), None
        )
        currency = currency_code(status.get("ccy"))
        if amount is None:
            raise ValueError(f"monobank gives no amount for invoice {news.invoice_id}")
    return Money(from_minor_units(amount), currency)


def _news_handle(news: InvoiceNews, payment: Payment | None) -> str:
    money = _money(news) if news.status == "success" else None
    with transaction.atomic():
        record = delivery_record(
            provider=PROVIDER, delivery_id=news.event_id, kind=news.status, payment=payment
        )
        if record is None:
            return "replay: handled before"
        if payment is None:
            outcome = _foreign(news, money)
            record.payment = Payment.objects.filter(
                provider=PROVIDER, external_id=news.invoice_id
            ).first()
        else:
            order_context(payment.order)
            payment = Payment.objects.select_for_update().get(pk=payment.pk)
            if payment.provider_updated_at and news.modified < payment.provider_updated_at:
                outcome = "stale: older than the state the shop has"
            else:
                payment.provider_updated_at = news.modified
                payment.external_id = payment.external_id or news.invoice_id
                payment.save(update_fields=["provider_updated_at", "external_id", "updated_at"])
                outcome = _act(news, payment, money)
        return delivery_done(record, outcome)


def _foreign(news: InvoiceNews, money: Money | None) -> str:
    """An invoice the shop did not create (or not for this attempt): never pays an order."""
    named = Payment.objects.filter(provider=PROVIDER, reference=news.reference).first()
    if money is not None and named is not None:
        order_context(named.order)
        return payment_foreign_received(
            order=named.order,
            provider=PROVIDER,
            external_id=news.invoice_id,
            amount=money.amount,
            currency=money.currency,
            transaction_id=news.invoice_id,
        )
    logger.warning("monobank callback about invoice %s, unknown to the shop", news.invoice_id)
    return "about an invoice the shop does not know"


def _act(news: InvoiceNews, payment: Payment, money: Money | None) -> str:
    if money is not None:
        return payment_received(
            payment=payment,
            amount=money.amount,
            currency=money.currency,
            transaction_id=news.invoice_id,
        )
    if news.status == "processing":
        return "processing" if payment_processing(payment=payment) else "no change"
    if news.status == "failure":
        reason = "Declined at monobank"
        failed = payment_fail(payment=payment, reason=reason, status=PaymentStatus.DECLINED)
        return "payment failed" if failed else "no change"
    if news.status == "expired":
        reason = "The monobank invoice expired unpaid"
        return "payment failed" if payment_fail(payment=payment, reason=reason) else "no change"
    if news.status == "reversed":
        return payment_refunded(payment=payment)
    return f"no change ({news.status})"
