"""What a shopper who met the 500 page tells us, sent to Sentry as user feedback linked to that
page's event (its "Error reference").

sentry-sdk 2.75 has no user-feedback API (the old `capture_user_feedback` and user reports are
gone from the Python SDK), so this sends what the browser SDKs send: an envelope with one
`feedback` item, an event whose `contexts.feedback` holds the message, the optional contact
e-mail and `associated_event_id`. Scrubbed like every event (`monitoring.scrubbing`): card
numbers, secrets and tokens always; the e-mail address (typed, or in the text) only with
SENTRY_SEND_USER_PII off.
"""

import uuid
from collections.abc import Collection
from datetime import UTC, datetime

import sentry_sdk
from sentry_sdk.envelope import Envelope, Item, PayloadRef

from monitoring import registry
from monitoring.config import SentryConfig
from monitoring.scrubbing import scrub_event

MESSAGE_MAX_LENGTH = 1000


def feedback_event(
    *,
    event_id: str,
    message: str,
    email: str,
    config: SentryConfig,
    secrets: Collection[str] = (),
    personal: Collection[str] = (),
) -> dict:
    """The feedback item's payload, scrubbed."""
    feedback = {"message": message, "associated_event_id": event_id, "source": "error-page"}
    if email:
        feedback["contact_email"] = email
    event = {
        "event_id": uuid.uuid4().hex,
        "type": "feedback",
        "level": "info",
        "platform": "python",
        "timestamp": datetime.now(UTC).isoformat(),
        "release": config.release,
        "environment": config.environment,
        "contexts": {"feedback": feedback},
    }
    registry.ensure_resolved()
    scrubbed = scrub_event(event, pii=config.send_user_pii, secrets=secrets, personal=personal)
    # The id it answers is the page's own reference: an id, never scrubbed.
    scrubbed["contexts"]["feedback"]["associated_event_id"] = event_id
    return scrubbed


def feedback_send(
    *,
    event_id: str,
    message: str,
    email: str,
    config: SentryConfig,
    secrets: Collection[str] = (),
    personal: Collection[str] = (),
) -> str | None:
    """Send the feedback on `event_id`; returns the feedback's own id, or None with Sentry off."""
    client = sentry_sdk.get_client()
    if not client.is_active() or client.transport is None:
        return None
    event = feedback_event(
        event_id=event_id,
        message=message[:MESSAGE_MAX_LENGTH],
        email=email,
        config=config,
        secrets=secrets,
        personal=personal,
    )
    envelope = Envelope(
        headers={"event_id": event["event_id"], "sent_at": datetime.now(UTC).isoformat()}
    )
    envelope.add_item(Item(payload=PayloadRef(json=event), type="feedback"))
    client.transport.capture_envelope(envelope)
    return event["event_id"]
