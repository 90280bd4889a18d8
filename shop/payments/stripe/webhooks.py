"""Stripe's webhook: verify the event, act on it once, answer so that Stripe retries only
what a retry can fix. Stripe delivers at least once, in any order, and retries any answer
other than 2xx for up to three days.

- 400 — not a genuine, fresh event: missing, malformed, wrong or stale Stripe-Signature (the
  library's construct_event, 5 minutes' tolerance), or a body that is not an event. Logged,
  and reported to Sentry at most once per 10 minutes (a wrong STRIPE_WEBHOOK_SECRET shows up
  at once; a flood does not flood Sentry). The signature is checked first: a client past
  RATE_LIMITS["stripe_webhook_rejects"] refusals in 10 minutes gets 429 for its next bad
  deliveries only, so forgeries from Stripe's address never stop Stripe's genuine events.
- 200 — handled: acted on, a replay (its id is stored: nothing happens twice), an event we
  do not act on, an event about a session the shop does not know (logged), or an event that
  hit a bug while being handled. A bug is reported to Sentry once, with its stack trace but
  no payload, and answered 200: the same code would fail the same way for three days of
  retries. Nothing of it is kept, so once fixed, "Resend" in Stripe's dashboard replays it.
- 503 — a transient failure (the database down, a lock timeout): reported once per event
  and answered 503, so Stripe delivers the event again later, when it can succeed.

The event's row (WebhookEvent) is written in the same transaction as what the event did: an
event is recorded if and only if its effect is.

Money counts only when it is ours and exact (services.payments.payment_received): an event is
matched to OUR attempt by the session id we recorded or by the attempt's reference we put in
the metadata — never by the order number alone. A paid session that names one of our orders
but that we did not create (a payment link with our order number as client_reference_id) is
recorded as money to refund (payment_foreign_received). An event without the session's amount
or currency has them read from Stripe's API; Stripe out of reach is a 503 (retried).
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, transaction

from core.ratelimit import RateLimit
from monitoring.api import order_context, payment_problem_capture
from shop.models import Order, Payment, PaymentStatus, WebhookEvent
from shop.payments.providers import PaymentError
from shop.payments.refunds import payment_refunded
from shop.payments.services import (
    payment_fail,
    payment_foreign_received,
    payment_processing,
    payment_received,
)
from shop.payments.stripe.api import checkout_session_retrieve, from_minor_units
from shop.payments.stripe.events import HANDLED_EVENTS, StripeEvent, WebhookRejected, event_verify

logger = logging.getLogger(__name__)

PROVIDER = "stripe"
REJECTS = RateLimit("stripe_webhook_rejects")
REJECTS_REPORTED_KEY = "stripe-webhook:rejects-reported"
REPORT_WINDOW = 10 * 60


class StripeUnreachable(Exception):
    """Stripe's API could not be asked what the event left out: the event is retried."""


TRANSIENT = (OperationalError, InterfaceError, StripeUnreachable)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class WebhookAnswer:
    status: int
    outcome: str


def stripe_webhook_receive(*, payload: bytes, signature: str | None, client: str) -> WebhookAnswer:
    """Verify and act on one delivery; the answer for Stripe. Never raises, but RateLimited
    (only for a refused delivery: a genuine event is never limited)."""
    try:
        event = event_verify(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except WebhookRejected as rejected:
        REJECTS.check(client)
        REJECTS.hit(client)
        _rejected(rejected.reason)
        return WebhookAnswer(400, f"refused: {rejected.reason}")
    payment = None
    try:
        payment = _payment_for(event) if event.type in HANDLED_EVENTS else None
        acts = payment is not None or _order_named(event) is not None
        money = _money_of(event) if acts and _money_arrived(event) else None
        outcome = _event_handle(event, payment, money)
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
    """OUR attempt the event is about: by session id (sessions), by PaymentIntent (charges),
    else by the attempt's reference we put in the metadata (a session we created but did not
    get to record). Never by the order number alone: anyone can name an order."""
    attempts = Payment.objects.filter(provider=PROVIDER).select_related("order")
    found = None
    if event.is_session and event.object_id:
        found = attempts.filter(external_id=event.object_id).first()
    elif event.payment_intent:
        found = attempts.filter(transaction_id=event.payment_intent).first()
    if found is None and event.payment_reference:
        found = attempts.filter(reference=event.payment_reference).first()
    return found


def _order_named(event: StripeEvent) -> Order | None:
    """The order a session names (client_reference_id or metadata): no proof it is ours."""
    if not event.is_session or not event.order_number:
        return None
    return Order.objects.filter(number=event.order_number).first()


def _money_arrived(event: StripeEvent) -> bool:
    return event.type == "checkout.session.async_payment_succeeded" or (
        event.type == "checkout.session.completed" and event.payment_status == "paid"
    )


def _money_of(event: StripeEvent) -> Money:
    """The session's total as Stripe confirms it: from the event, or — when the event leaves
    it out — from Stripe's API (never skipped)."""
    amount, currency = event.amount, event.currency
    if amount is None or not currency:
        if not event.object_id:
            raise ValueError("a session event without the session's id")
        try:
            session = checkout_session_retrieve(event.object_id).to_dict()
        except PaymentError as error:
            raise StripeUnreachable(str(error)) from None
        total = session.get("amount_total")
        amount = total if isinstance(total, int) and not isinstance(total, bool) else None
        currency = str(session.get("currency") or "").upper()
        if amount is None or not currency:
            raise ValueError(f"Stripe gives no total for session {event.object_id}")
    return Money(from_minor_units(amount, currency), currency)


def _event_handle(event: StripeEvent, payment: Payment | None, money: Money | None) -> str:
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
        order = _order_named(event) if payment is None else None
        if payment is None and money is not None and order is not None:
            order_context(order)
            outcome = payment_foreign_received(
                order=order,
                provider=PROVIDER,
                external_id=event.object_id,
                amount=money.amount,
                currency=money.currency,
                transaction_id=event.payment_intent,
            )
            record.payment = order.payments.filter(external_id=event.object_id).first()
        elif payment is None:
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
            outcome = _act(event, payment, money)
        record.outcome = outcome[:255]
        record.save(update_fields=["outcome", "payment"])
    return outcome


def _act(event: StripeEvent, payment: Payment, money: Money | None) -> str:
    if event.type == "charge.refunded":
        return payment_refunded(payment=payment) if event.refunded else "partial refund: no change"
    if event.type == "checkout.session.expired":
        reason = "The Stripe Checkout session expired unpaid"
        return "payment failed" if payment_fail(payment=payment, reason=reason) else "no change"
    if event.type == "checkout.session.async_payment_failed":
        reason = "The delayed payment failed at Stripe"
        failed = payment_fail(payment=payment, reason=reason, status=PaymentStatus.DECLINED)
        return "payment failed" if failed else "no change"
    if money is not None:
        return payment_received(
            payment=payment,
            amount=money.amount,
            currency=money.currency,
            transaction_id=event.payment_intent,
        )
    if event.payment_status == "unpaid":  # completed with a delayed method: money on its way
        return "processing" if payment_processing(payment=payment) else "no change"
    return f"no change (payment_status {event.payment_status or 'missing'})"
