"""Stripe's webhook events, verified and read into what the shop acts on.

`event_verify` checks the Stripe-Signature header with the library's construct_event (HMAC
with STRIPE_WEBHOOK_SECRET, the default 5-minute tolerance against replays) and returns a
StripeEvent: ids, states and amounts only. The payload itself — the shopper's e-mail, name,
address and card details — goes no further than this module, so it can never sit in a frame
variable, a log line or a Sentry event further on.
"""

from dataclasses import dataclass
from typing import Any

import stripe

# The events the endpoint should be subscribed to in Stripe's dashboard.
SESSION_EVENTS = (
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
)
CHARGE_EVENTS = ("charge.refunded",)
HANDLED_EVENTS = SESSION_EVENTS + CHARGE_EVENTS


class WebhookRejected(Exception):
    """The request is not a genuine, fresh Stripe event; `reason` says why, in a few words
    (no header value, no payload)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StripeEvent:
    id: str
    type: str
    # The object the event is about: a Checkout Session (cs_…) or a Charge (ch_…).
    object_id: str
    # Our payment attempt and order, as we told Stripe (metadata, client_reference_id).
    payment_reference: str = ""
    order_number: str = ""
    payment_status: str = ""  # a session's: "paid", "unpaid", "no_payment_required"
    payment_intent: str = ""
    amount: int | None = None  # a session's amount_total, in minor units
    currency: str = ""
    refunded: bool = False  # a charge refunded in full

    @property
    def is_session(self) -> bool:
        return self.type in SESSION_EVENTS


# construct_event's messages, to the few words that are logged and reported.
_REASONS = (
    ("No Stripe-Signature header", "no Stripe-Signature header"),
    ("Timestamp outside the tolerance zone", "stale timestamp (older than 5 minutes)"),
    ("No signatures found matching", "signature does not match"),
    ("No signatures found with expected scheme", "no v1 signature"),
    ("Unable to extract timestamp", "malformed Stripe-Signature header"),
)


def event_verify(payload: bytes, signature: str | None, secret: str) -> StripeEvent:
    """The event in `payload`, if `signature` proves Stripe sent it within the tolerance;
    WebhookRejected otherwise (also for a body that is not a Stripe event)."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except stripe.SignatureVerificationError as error:
        message = str(error)
        reason = next((r for m, r in _REASONS if message.startswith(m)), "signature refused")
        raise WebhookRejected(reason) from None
    except (ValueError, AttributeError, TypeError):
        # Not UTF-8, not JSON, not a (v1) event — or JSON that is not an object at all, on
        # which the library itself trips (AttributeError).
        raise WebhookRejected("malformed event body") from None
    try:
        return _read(event.to_dict())
    except (AttributeError, KeyError, TypeError, ValueError):
        raise WebhookRejected("event without the fields of a Stripe event") from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _id(value: Any) -> str:
    """An id that Stripe may send as "pi_…" or, expanded, as the object itself."""
    if isinstance(value, dict):
        return _text(value.get("id"))
    return _text(value)


def _read(event: dict[str, Any]) -> StripeEvent:
    event_id, kind = event["id"], event["type"]
    data = event["data"]["object"]
    if not isinstance(event_id, str) or not event_id or not isinstance(kind, str):
        raise ValueError("event id or type missing")
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        metadata = {}
    amount = data.get("amount_total") if kind in SESSION_EVENTS else data.get("amount")
    return StripeEvent(
        id=event_id,
        type=kind,
        object_id=_text(data.get("id")),
        payment_reference=_text(metadata.get("payment_reference")),
        order_number=_text(metadata.get("order_number") or data.get("client_reference_id")),
        payment_status=_text(data.get("payment_status")),
        payment_intent=_id(data.get("payment_intent")),
        amount=amount if isinstance(amount, int) and not isinstance(amount, bool) else None,
        currency=_text(data.get("currency")).upper(),
        refunded=data.get("refunded") is True,
    )
