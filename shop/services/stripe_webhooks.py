"""Stripe's webhook: verify the event, act on it once, answer so that Stripe retries only
what a retry can fix. Stripe delivers at least once, in any order, and retries any answer
other than 2xx for up to three days.

- 400 — not a genuine, fresh event: missing, malformed, wrong or stale Stripe-Signature (the
  library's construct_event, 5 minutes' tolerance), or a body that is not an event. Logged,
  and reported to Sentry at most once per 10 minutes (a wrong STRIPE_WEBHOOK_SECRET shows up
  at once; a flood does not flood Sentry). A client past RATE_LIMITS["stripe_webhook_rejects"]
  refusals in 10 minutes gets 429 without any work being done.
- 200 — handled: acted on, a replay (its id is stored: nothing happens twice), an event we
  do not act on, an event about a session the shop does not know (logged), or an event that
  hit a bug while being handled. A bug is reported to Sentry once, with its stack trace but
  no payload, and answered 200: the same code would fail the same way for three days of
  retries. Nothing of it is kept, so once fixed, "Resend" in Stripe's dashboard replays it.
- 503 — a transient failure (the database down, a lock timeout): reported once per event
  and answered 503, so Stripe delivers the event again later, when it can succeed.

The event's row (WebhookEvent) is written in the same transaction as what the event did: an
event is recorded if and only if its effect is.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, transaction

from core.ratelimit import RateLimit
from monitoring.api import order_context, payment_problem_capture
from shop.models import Payment, PaymentStatus, WebhookEvent
from shop.payments import PaymentError
from shop.payments.stripe_api import minor_units
from shop.payments.stripe_events import HANDLED_EVENTS, StripeEvent, WebhookRejected, event_verify
from shop.services.payments import payment_fail, payment_processing, payment_received
from shop.services.refunds import payment_refunded

logger = logging.getLogger(__name__)

PROVIDER = "stripe"
REJECTS = RateLimit("stripe_webhook_rejects")
REJECTS_REPORTED_KEY = "stripe-webhook:rejects-reported"
REPORT_WINDOW = 10 * 60
TRANSIENT = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class WebhookAnswer:
    status: int
    outcome: str


def stripe_webhook_receive(*, payload: bytes, signature: str | None, client: str) -> WebhookAnswer:
    """Verify and act on one delivery; the answer for Stripe. Never raises, but RateLimited."""
    REJECTS.check(client)
    try:
        event = event_verify(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except WebhookRejected as rejected:
        REJECTS.hit(client)
        _rejected(rejected.reason)
        return WebhookAnswer(400, f"refused: {rejected.reason}")
    payment = None
    try:
        payment = _payment_for(event) if event.type in HANDLED_EVENTS else None
        outcome = _event_handle(event, payment)
    except TRANSIENT as error:
        logger.warning("stripe event %s %s: transient failure, to retry", event.type, event.id)
        if cache.add(f"stripe-webhook:transient:{event.id}", 1, 24 * 60 * 60):
            _report(event, payment, error, "webhook_transient", "will be retried by Stripe")
        return WebhookAnswer(503, "temporary failure: retry later")
    except Exception as error:
        name = type(error).__name__
        logger.warning("stripe event %s %s: handling failed (%s)", event.type, event.id, name)
        _report(event, payment, error, "webhook_failed", "was not handled: resend it after the fix")
        return WebhookAnswer(200, "not handled: reported to the shop's staff")
    logger.info("stripe event %s %s: %s", event.type, event.id, outcome)
    return WebhookAnswer(200, outcome)


def _rejected(reason: str) -> None:
    logger.warning("stripe webhook refused: %s", reason)
    if cache.add(REJECTS_REPORTED_KEY, 1, REPORT_WINDOW):
        payment_problem_capture(
            f"Stripe webhook refused: {reason} (is STRIPE_WEBHOOK_SECRET the endpoint's "
            "signing secret, and the server's clock right?)",
            provider=PROVIDER,
            kind="webhook_rejected",
            level="warning",
        )


def _report(
    event: StripeEvent, payment: Payment | None, error: BaseException, kind: str, what: str
) -> None:
    payment_problem_capture(
        f"Stripe event {event.type} {event.id} {what}",
        provider=PROVIDER,
        kind=kind,
        order=payment.order if payment else None,
        error=error,
    )


def _payment_for(event: StripeEvent) -> Payment | None:
    """Our attempt the event is about: by session id (sessions), by PaymentIntent (charges),
    else by the attempt's reference we put in the metadata, else — a session that names one of
    our orders (client_reference_id) but that we did not record — the order's latest card
    attempt."""
    attempts = Payment.objects.filter(provider=PROVIDER).select_related("order")
    found = None
    if event.is_session and event.object_id:
        found = attempts.filter(external_id=event.object_id).first()
    elif event.payment_intent:
        found = attempts.filter(transaction_id=event.payment_intent).first()
    if found is None and event.payment_reference:
        found = attempts.filter(reference=event.payment_reference).first()
    if found is None and event.is_session and event.order_number:
        found = attempts.filter(order__number=event.order_number).order_by("-pk").first()
    return found


def _event_handle(event: StripeEvent, payment: Payment | None) -> str:
    if event.type not in HANDLED_EVENTS:
        return "not an event the shop acts on"
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(
                    provider=PROVIDER, event_id=event.id, type=event.type, payment=payment
                )
        except IntegrityError:
            return "replay: handled before"
        if payment is None:
            outcome = "about a session or charge the shop does not know"
            logger.warning(
                "stripe event %s %s is about %s, unknown to the shop (order %s)",
                event.type,
                event.id,
                event.object_id or "nothing",
                event.order_number or "not given",
            )
        else:
            order_context(payment.order)
            outcome = _act(event, payment)
        record.outcome = outcome[:255]
        record.save(update_fields=["outcome"])
    return outcome


def _act(event: StripeEvent, payment: Payment) -> str:
    if event.is_session:
        _amount_check(event, payment)
    if event.type == "charge.refunded":
        return payment_refunded(payment=payment) if event.refunded else "partial refund: no change"
    if event.type == "checkout.session.expired":
        reason = "The Stripe Checkout session expired unpaid"
        return "payment failed" if payment_fail(payment=payment, reason=reason) else "no change"
    if event.type == "checkout.session.async_payment_failed":
        reason = "The delayed payment failed at Stripe"
        failed = payment_fail(payment=payment, reason=reason, status=PaymentStatus.DECLINED)
        return "payment failed" if failed else "no change"
    if event.type == "checkout.session.async_payment_succeeded" or event.payment_status == "paid":
        return payment_received(payment=payment, transaction_id=event.payment_intent)
    if event.payment_status == "unpaid":  # completed with a delayed method: money on its way
        return "processing" if payment_processing(payment=payment) else "no change"
    return f"no change (payment_status {event.payment_status or 'missing'})"


def _amount_check(event: StripeEvent, payment: Payment) -> None:
    """Sessions are made by us from the order, so Stripe's total must be the attempt's. If it
    is not, something is badly wrong: staff are alerted (the money is still taken in)."""
    if event.amount is None:
        return
    try:
        expected = minor_units(payment.amount, payment.currency)
    except PaymentError:
        expected = None
    currency_ok = not event.currency or event.currency == payment.currency.upper()
    if event.amount != expected or not currency_ok:
        message = (
            f"Stripe event {event.id}: session total {event.amount} {event.currency or '?'} "
            f"is not the attempt's {payment.amount} {payment.currency}"
        )
        logger.warning("%s", message)
        order = payment.order
        transaction.on_commit(
            lambda: payment_problem_capture(
                message, provider=PROVIDER, kind="amount_mismatch", order=order
            )
        )
