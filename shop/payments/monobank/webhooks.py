"""monobank's callbacks: verify, act on each once and in order, answer so that monobank retries
only what a retry can fix. monobank posts the invoice's whole state (invoiceId, status, amount,
ccy, reference, modifiedDate, …) to the invoice's webHookUrl on every change, signed (X-Sign),
and may deliver a change more than once, or late, after a newer one.

- 400 — not signed by monobank's published key (or no X-Sign), or a body that is not an
  invoice's state. Logged, and reported to Sentry at most once per 10 minutes. A client past
  RATE_LIMITS["monobank_webhook_rejects"] refusals gets 429 for its next bad deliveries only.
- 200 — handled: acted on, a replay (each (invoice, modifiedDate, status) is stored once, as a
  WebhookEvent, in the transaction of what it did), stale news (older than the state we have:
  `Payment.provider_updated_at`), or about an invoice the shop did not create (logged; money
  for it never pays an order: when its reference names one of our attempts, the money is
  recorded as due back). A bug while handling is reported once and answered 200 (see the
  Stripe webhook's notes: a resend after the fix replays it).
- 503 — a transient failure (the database, or monobank's API when the key or a missing amount
  must be fetched): monobank delivers it again.

Money counts only when it is ours and exact (services.payments.payment_received), with the
amount and currency the callback states or, when it leaves them out, the status API's.
"""

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeGuard

from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils.dateparse import parse_datetime

from core.ratelimit import RateLimit
from monitoring.api import order_context, payment_problem_capture
from shop.models import Payment, PaymentStatus, WebhookEvent
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

logger = logging.getLogger(__name__)

REJECTS = RateLimit("monobank_webhook_rejects")
REJECTS_REPORTED_KEY = "monobank-webhook:rejects-reported"
REPORT_WINDOW = 10 * 60


class MonobankUnreachable(Exception):
    """monobank's API could not be asked what the callback needs: it is retried."""


TRANSIENT = (OperationalError, InterfaceError, MonobankUnreachable)


@dataclass(frozen=True)
class WebhookAnswer:
    status: int
    outcome: str


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
        return _rejected(client, refused.reason)
    except ValueError:
        return _rejected(client, "malformed invoice state")
    except PaymentError as error:
        logger.warning("monobank callback: the public key could not be fetched (%s)", error)
        return WebhookAnswer(503, "temporary failure: retry later")
    payment = None
    try:
        payment = _payment_for(news)
        outcome = _news_handle(news, payment)
    except TRANSIENT as error:
        logger.warning("monobank callback %s: transient failure, to retry", news.event_id)
        if cache.add(f"monobank-webhook:transient:{news.event_id}", 1, 24 * 60 * 60):
            _report(news, payment, error, "webhook_transient", "will be retried by monobank")
        return WebhookAnswer(503, "temporary failure: retry later")
    except Exception as error:
        logger.warning("monobank callback %s: handling failed (%s)", news.event_id, error)
        _report(news, payment, error, "webhook_failed", "was not handled")
        return WebhookAnswer(200, "not handled: reported to the shop's staff")
    logger.info("monobank callback %s: %s", news.event_id, outcome)
    return WebhookAnswer(200, outcome)


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


def _rejected(client: str, reason: str) -> WebhookAnswer:
    REJECTS.check(client)
    REJECTS.hit(client)
    logger.warning("monobank callback refused: %s", reason)
    if cache.add(REJECTS_REPORTED_KEY, 1, REPORT_WINDOW):
        payment_problem_capture(
            f"monobank callback refused: {reason}",
            provider=PROVIDER,
            kind="webhook_rejected",
            level="warning",
        )
    return WebhookAnswer(400, f"refused: {reason}")


def _report(
    news: InvoiceNews, payment: Payment | None, error: BaseException, kind: str, what: str
) -> None:
    payment_problem_capture(
        f"monobank callback {news.status} for invoice {news.invoice_id} {what}",
        provider=PROVIDER,
        kind=kind,
        order=payment.order if payment else None,
        error=error,
    )


def _payment_for(news: InvoiceNews) -> Payment | None:
    """OUR attempt the invoice belongs to: by the invoice id we recorded, or by our reference
    for an attempt whose invoice id we did not get to record. Never an attempt that recorded
    another invoice."""
    attempts = Payment.objects.filter(provider=PROVIDER).select_related("order")
    found = attempts.filter(external_id=news.invoice_id).first()
    if found is None and news.reference:
        found = attempts.filter(reference=news.reference, external_id="").first()
    return found


def _money(news: InvoiceNews) -> tuple[Decimal, str]:
    """The invoice's paid amount and currency: the callback's, or the status API's."""
    amount, currency = news.amount, news.currency
    if amount is None or not currency:
        try:
            status = invoice_status(news.invoice_id)
        except PaymentError as error:
            raise MonobankUnreachable(str(error)) from None
        amount = next(
            (status[k] for k in ("finalAmount", "amount") if _is_int(status.get(k))), None
        )
        currency = currency_code(status.get("ccy"))
        if amount is None:
            raise ValueError(f"monobank gives no amount for invoice {news.invoice_id}")
    return from_minor_units(amount), currency


def _news_handle(news: InvoiceNews, payment: Payment | None) -> str:
    money = _money(news) if news.status == "success" else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(
                    provider=PROVIDER, event_id=news.event_id, type=news.status, payment=payment
                )
        except IntegrityError:
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
        record.outcome = outcome[:255]
        record.save(update_fields=["outcome", "payment"])
    return outcome


def _foreign(news: InvoiceNews, money: tuple[Decimal, str] | None) -> str:
    """An invoice the shop did not create (or not for this attempt): never pays an order."""
    named = Payment.objects.filter(provider=PROVIDER, reference=news.reference).first()
    if money is not None and named is not None:
        order_context(named.order)
        return payment_foreign_received(
            order=named.order,
            provider=PROVIDER,
            external_id=news.invoice_id,
            amount=money[0],
            currency=money[1],
            transaction_id=news.invoice_id,
        )
    logger.warning("monobank callback about invoice %s, unknown to the shop", news.invoice_id)
    return "about an invoice the shop does not know"


def _act(news: InvoiceNews, payment: Payment, money: tuple[Decimal, str] | None) -> str:
    if money is not None:
        return payment_received(
            payment=payment, amount=money[0], currency=money[1], transaction_id=news.invoice_id
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
