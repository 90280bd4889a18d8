"""The small API shop and blog code use to talk to monitoring. Each call is a cheap no-op
when Sentry is off (no DSN), so callers never check."""

from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import sentry_sdk

from monitoring.journey import journey_crumb, journey_record
from monitoring.sentry import sentry_enabled


def breadcrumb(message: str, **data: Any) -> None:
    """A step of the shopper's journey ("Added product #12 to cart"). Ids, not personal data."""
    if not sentry_enabled():
        return
    crumb = journey_crumb(message, data)
    sentry_sdk.add_breadcrumb(crumb)
    journey_record(crumb)


def span(*, op: str, name: str) -> AbstractContextManager:
    """Time a piece of work inside the current transaction (a payment call, say)."""
    return sentry_sdk.start_span(op=op, name=name)


def order_context(order) -> None:
    """Tag what happens next in this request with the order: the `order_id` tag and the
    `order` context. Only the number, status and money: no names or addresses."""
    if not sentry_enabled():
        return
    order_tag(order.number)
    sentry_sdk.get_current_scope().set_context("order", order_summary(order))


def order_tag(number: str) -> None:
    """The `order_id` tag on this request's errors and on its performance transaction."""
    scope = sentry_sdk.get_current_scope()
    scope.set_tag("order_id", number)
    if scope.transaction is not None:
        scope.transaction.set_tag("order_id", number)


def order_summary(order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "total": _money(order.total),
        "currency": order.currency,
        "items": _item_count(order),
    }


def _item_count(order) -> int:
    cache = getattr(order, "_prefetched_objects_cache", {})
    lines = cache["lines"] if "lines" in cache else order.lines.all()
    return sum(line.quantity for line in lines)


def _money(value: Decimal) -> str:
    # A string keeps the exact amount; JSON floats would not.
    return f"{value:.2f}"


def payment_failure_capture(error: Exception, order) -> None:
    """Report a failed payment once, as a warning with the order's context. Not a 500."""
    if not sentry_enabled():
        return
    provider = getattr(error, "provider", "") or "unknown"
    with sentry_sdk.new_scope() as scope:
        scope.set_level("warning")
        scope.set_tag("order_id", order.number)
        scope.set_tag("payment_provider", provider)
        scope.set_context("order", order_summary(order))
        scope.fingerprint = ["payment-failure", provider]
        sentry_sdk.capture_exception(error)
