"""The shopper's journey: shop breadcrumbs kept in the session across requests, so an error
report shows "logged in → added product #12 → started checkout → error" even when each step
was a different request. Only ids and numbers are kept; only while Sentry is on."""

from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase
    from sentry_sdk.types import Event

SESSION_KEY = "_sentry_journey"
MAX_STEPS = 20

current_request: ContextVar = ContextVar("monitoring_current_request", default=None)


def journey_record(crumb: dict, *, repeats: bool = True) -> None:
    """Add `crumb` to the session's journey; with repeats=False, not when it is the last step
    already (a page opened again: a reload, a second tab)."""
    request = current_request.get()
    session = getattr(request, "session", None)
    if session is None:
        return
    steps = session.get(SESSION_KEY)
    steps = steps if isinstance(steps, list) else []
    last = steps[-1] if steps and isinstance(steps[-1], dict) else {}
    if not repeats and (last.get("message"), last.get("data")) == (crumb["message"], crumb["data"]):
        return  # nothing new to tell, and writing the session costs a database write
    session[SESSION_KEY] = [*steps, crumb][-MAX_STEPS:]


def journey_crumb(message: str, data: dict | None) -> dict:
    return {
        "timestamp": datetime.now(UTC).isoformat(),
        "category": "shop",
        "type": "default",
        "level": "info",
        "message": message,
        "data": data or {},
    }


def journey_merge(event: "Event", session: "SessionBase | None") -> "Event":
    """Put earlier requests' steps in front of this request's breadcrumbs."""
    steps = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(steps, list) or not steps:
        return event
    container = event.get("breadcrumbs")
    if isinstance(container, dict):
        values = container.setdefault("values", [])
    else:
        values = []
        event["breadcrumbs"] = {"values": values}
    seen = {(c.get("message"), c.get("timestamp")) for c in values if isinstance(c, dict)}
    earlier = [s for s in steps if (s.get("message"), s.get("timestamp")) not in seen]
    values[:0] = earlier
    return event
