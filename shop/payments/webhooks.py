"""What every provider's webhook does alike: refuse what is not genuine (rate-limited per
client, reported at most once per window), record each delivery once with its effect, and
answer so that the provider retries only what a retry can fix.

- 400: not genuine (`delivery_refused`); a client past its refusals gets 429 instead, and a
  genuine delivery is never limited.
- 200: handled, a replay (`delivery_record` finds its id stored), news the shop does not act
  on, or a bug (reported once, without the payload: the same code would fail the same way on
  every retry; once fixed, a resend replays it).
- 503: a transient failure (the database, or the provider's API out of reach: raise
  `ProviderUnreachable`), reported once per delivery and retried by the provider.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, transaction

from core.ratelimit import RateLimit
from monitoring.api import payment_problem_capture
from shop.models import Payment, WebhookEvent

logger = logging.getLogger(__name__)

REPORT_WINDOW = 10 * 60
TRANSIENT_REPORT_SECONDS = 24 * 60 * 60


class ProviderUnreachable(Exception):
    """The provider's API could not be asked what a delivery left out: it is retried."""


TRANSIENT = (OperationalError, InterfaceError, ProviderUnreachable)


@dataclass(frozen=True)
class WebhookAnswer:
    status: int
    outcome: str


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


def delivery_refused(
    *, provider: str, rejects: RateLimit, client: str, reason: str, hint: str = ""
) -> WebhookAnswer:
    """A delivery that is not genuine: counted against `client` (RateLimited past the limit),
    logged, and reported to Sentry at most once per REPORT_WINDOW, so a flood does not flood
    it while a wrong secret still shows at once."""
    rejects.check(client)
    rejects.hit(client)
    logger.warning("%s webhook refused: %s", provider, reason)
    if cache.add(f"{provider}-webhook:rejects-reported", 1, REPORT_WINDOW):
        payment_problem_capture(
            f"{provider} webhook refused: {reason}{hint}",
            provider=provider,
            kind="webhook_rejected",
            level="warning",
        )
    return WebhookAnswer(400, f"refused: {reason}")


def delivery_handle(
    *,
    provider: str,
    subject: str,
    delivery_id: str,
    find: Callable[[], Payment | None],
    handle: Callable[[Payment | None], str],
) -> WebhookAnswer:
    """Act on one genuine delivery — `find` OUR attempt it is about (None: none), then
    `handle` it — and answer: 200 with its outcome, 503 for a transient failure, 200 for a
    bug. `subject` names the delivery in logs and reports ("Stripe event
    checkout.session.completed evt_1"); the attempt gives the report its order."""
    payment = None
    try:
        payment = find()
        outcome = handle(payment)
    except TRANSIENT as error:
        logger.warning("%s: transient failure, to retry", subject)
        if cache.add(f"{provider}-webhook:transient:{delivery_id}", 1, TRANSIENT_REPORT_SECONDS):
            _report(provider, subject, payment, error, "webhook_transient", "will be retried")
        return WebhookAnswer(503, "temporary failure: retry later")
    except Exception as error:
        logger.warning("%s: handling failed (%s)", subject, type(error).__name__)
        what = "was not handled: resend it after the fix"
        _report(provider, subject, payment, error, "webhook_failed", what)
        return WebhookAnswer(200, "not handled: reported to the shop's staff")
    logger.info("%s: %s", subject, outcome)
    return WebhookAnswer(200, outcome)


def delivery_record(
    *, provider: str, delivery_id: str, kind: str, payment: Payment | None
) -> WebhookEvent | None:
    """The delivery's row, written inside the caller's transaction so that it is kept if and
    only if what the delivery did is; None for a replay (handled before)."""
    try:
        with transaction.atomic():
            return WebhookEvent.objects.create(
                provider=provider, event_id=delivery_id, type=kind, payment=payment
            )
    except IntegrityError:
        return None


def delivery_done(record: WebhookEvent, outcome: str) -> str:
    record.outcome = outcome[:255]
    record.save(update_fields=["outcome", "payment"])
    return outcome


def _report(
    provider: str,
    subject: str,
    payment: Payment | None,
    error: BaseException,
    kind: str,
    what: str,
) -> None:
    payment_problem_capture(
        f"{subject} {what}",
        provider=provider,
        kind=kind,
        order=payment.order if payment else None,
        error=error,
    )
