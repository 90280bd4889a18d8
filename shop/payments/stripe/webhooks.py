"""Stripe's webhook events, on the shared webhook contract (`shop.payments.webhooks`: 400
refused, 200 handled or a replay or a bug, 503 retried). Stripe delivers at least once, in any
order, and retries for up to three days.

Genuine means `construct_event` accepts the Stripe-Signature (5 minutes' tolerance). An event
is matched to OUR attempt by the session id we recorded, the PaymentIntent, or the attempt's
reference in the metadata — never by the order number alone: a paid session naming one of our
orders that we did not create is money to refund (`payment_foreign_received`). An event
without the session's amount or currency has them read from Stripe's API; money counts only
through `payment_received`, which holds it to the attempt's exact amount and currency.
"""

import logging

from django.conf import settings
from django.db import transaction

from core.ratelimit import RateLimit
from monitoring.api import order_context
from shop.models import Order, Payment, PaymentStatus
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

PROVIDER = "stripe"
REJECTS = RateLimit("stripe_webhook_rejects")
REFUSED_HINT = (
    " (is STRIPE_WEBHOOK_SECRET the endpoint's signing secret, and the server's clock right?)"
)


def stripe_webhook_receive(*, payload: bytes, signature: str | None, client: str) -> WebhookAnswer:
    """Verify and act on one delivery; the answer for Stripe. Never raises, but RateLimited
    (only for a refused delivery: a genuine event is never limited)."""
    try:
        event = event_verify(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except WebhookRejected as rejected:
        return delivery_refused(
            provider=PROVIDER,
            rejects=REJECTS,
            client=client,
            reason=rejected.reason,
            hint=REFUSED_HINT,
        )

    def handle(payment: Payment | None) -> str:
        acts = payment is not None or _order_named(event) is not None
        money = _money_of(event) if acts and _money_arrived(event) else None
        return _event_handle(event, payment, money)

    return delivery_handle(
        provider=PROVIDER,
        subject=f"Stripe event {event.type} {event.id}",
        delivery_id=event.id,
        find=lambda: _payment_for(event) if event.type in HANDLED_EVENTS else None,
        handle=handle,
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
            raise ProviderUnreachable(str(error)) from None
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
        record = delivery_record(
            provider=PROVIDER, delivery_id=event.id, kind=event.type, payment=payment
        )
        if record is None:
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
        return delivery_done(record, outcome)


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
