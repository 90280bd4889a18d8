"""Account reads: everything the shop holds about an account, for its owner to download."""

from typing import Any

from django.db.models import Model

from accounts.models import User

# Bookkeeping of the shop's own, not data about the person.
INTERNAL_FIELDS = frozenset(
    {"id", "user", "order", "product", "checkout_token", "confirmation_attempts"}
    | {"confirmation_next_attempt_at", "password", "session_generation"}
)


def _fields(instance: Model) -> dict[str, Any]:
    return {
        field.name: field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in INTERNAL_FIELDS
    }


def account_data(*, user: User) -> dict[str, Any]:
    """The account, its signed-in sessions and its orders (with their addresses and lines),
    as plain data for JSON. Orders are read through the account's `orders` relation."""
    account = {
        "email": user.email,
        "email_verified": user.email_verified,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }
    sessions = [
        {"signed_in": s.created_at, "last_seen": s.last_seen_at, "device": s.device}
        for s in user.signed_in_sessions.all()
    ]
    orders = []
    for order in user.orders.prefetch_related("lines").order_by("created_at"):
        data = _fields(order)
        data["lines"] = [_fields(line) for line in order.lines.all()]
        orders.append(data)
    return {"account": account, "sessions": sessions, "orders": orders}
