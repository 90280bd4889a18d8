"""Stripe's wire format, for the stand-in and the tests: the Stripe-Signature header as Stripe
computes it, events as Stripe sends them, its nested form encoding and its error replies."""

import hmac
import json
import secrets
import time
from hashlib import sha256
from typing import Any
from urllib.parse import parse_qsl

API_KEY = "sk_test_standin0123456789"
WEBHOOK_SECRET = "whsec_standin0123456789abcdef"
API_VERSION = "2026-10-28.endive"


def stripe_signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send for `payload`, signed with `secret`."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def event_payload(kind: str, obj: dict, *, event_id: str | None = None) -> bytes:
    """An event as Stripe sends it, as bytes."""
    event = {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "type": kind,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "data": {"object": obj},
    }
    return json.dumps(event).encode()


def form_decode(body: str) -> dict[str, Any]:
    """Stripe's nested form encoding back into dicts and lists."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = key.replace("]", "").split("[")
        node: Any = result
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            if following is None:
                node[part] = value
                break
            child_is_list = following.isdigit()
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append([] if child_is_list else {})
                node = node[index]
            else:
                node = node.setdefault(part, [] if child_is_list else {})
    return result


def stripe_error(status: int, message: str, *, kind="invalid_request_error", **extra) -> tuple:
    return status, {"error": {"type": kind, "message": message, **extra}}
