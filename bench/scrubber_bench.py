"""Micro-benchmark: the scrubber's cost against the SDK's own serialisation of the same event.

    .venv/bin/python bench/scrubber_bench.py

The event is realistic: a real exception captured by the SDK three frames deep with local
variables (sizeable dicts among them), a request with headers, cookies and a form body, 40
breadcrumbs, tags and the order/cart contexts our middleware adds. Target: scrubbing costs at
most as much as serialising (ratio <= 1.0).
"""

import copy
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sentry_sdk.consts import DEFAULT_OPTIONS
from sentry_sdk.serializer import serialize
from sentry_sdk.utils import event_from_exception

from monitoring.scrubbing import scrub_event

ROUNDS = 7
PER_ROUND = 200


def raw_event() -> dict:
    def pay(order: dict, card_number: str):
        quantity = 0
        lines = [{"sku": f"KIT-{i:03}", "qty": i, "price": "19.99"} for i in range(20)]
        return order["total"] / quantity, lines

    def place(cart: dict):
        order = {"number": "SS-2026-7KQ4ZP", "total": 64.96, "email": "jane@example.com"}
        note = "customer paid with 4111 1111 1111 1111 via Bearer abcdefghijklmnop"
        return pay(order, card_number="4111111111111111"), note

    def view(request: dict):
        cart = {str(i): i for i in range(30)}
        return place(cart)

    try:
        view({"path": "/checkout/review/", "user": "jane@example.com"})
    except ZeroDivisionError:
        sdk_event, _hint = event_from_exception(sys.exc_info(), client_options=DEFAULT_OPTIONS)
    event: dict[str, Any] = dict(sdk_event)
    event["request"] = {
        "url": "https://shop.example/checkout/review/?token=abc123&step=3",
        "method": "POST",
        "query_string": "token=abc123&step=3",
        "headers": {
            "Host": "shop.example",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
            "Accept": "text/html,application/xhtml+xml",
            "Cookie": "sessionid=abcdef; csrftoken=xyz",
            "Authorization": "Bearer sk-proj-abcdefghijklmnopqrstuv",
            "Referer": "https://shop.example/checkout/delivery/",
        },
        "cookies": {"sessionid": "abcdef", "csrftoken": "xyz"},
        "data": {"payment_method": "demo", "csrfmiddlewaretoken": "xyz"},
    }
    event["breadcrumbs"] = {
        "values": [
            {
                "category": "shop" if i % 2 else "query",
                "message": f"Added product #{i} to cart"
                if i % 2
                else f'SELECT "shop_product"."id" FROM "shop_product" WHERE id = {i}',
                "data": {"product_id": i, "quantity": 1},
                "timestamp": "2026-11-27T12:30:15Z",
                "level": "info",
            }
            for i in range(40)
        ]
    }
    event["tags"] = {"order_id": "SS-2026-7KQ4ZP", "payment_provider": "demo"}
    event["user"] = {"id": "42", "email": "jane@example.com", "ip_address": "203.0.113.9"}
    event["contexts"] = {
        "order": {
            "number": "SS-2026-7KQ4ZP",
            "status": "pending_payment",
            "total": "64.96",
            "currency": "USD",
            "items": 4,
        },
        "cart": {"items": 4, "total": "59.97"},
    }
    event["release"] = "smartshop-ai@0123456789ab"
    event["environment"] = "production"
    event["transaction"] = "/checkout/review/"
    return event


def timed(func, inputs) -> float:
    started = time.perf_counter()
    for item in inputs:
        func(item)
    return (time.perf_counter() - started) / len(inputs)


def main() -> None:
    raw = raw_event()
    serialized = serialize(copy.deepcopy(raw))
    size = len(json.dumps(serialized))
    serialise_times, serialise_dump_times, scrub_times = [], [], []
    for _ in range(ROUNDS):
        raws = [copy.deepcopy(raw) for _ in range(PER_ROUND)]
        serialise_times.append(timed(serialize, raws))
        raws = [copy.deepcopy(raw) for _ in range(PER_ROUND)]
        serialise_dump_times.append(timed(lambda e: json.dumps(serialize(e)), raws))
        events = [copy.deepcopy(serialized) for _ in range(PER_ROUND)]
        scrub_times.append(timed(lambda e: scrub_event(e, pii=False), events))

    serialise = statistics.median(serialise_times)
    serialise_dump = statistics.median(serialise_dump_times)
    scrub = statistics.median(scrub_times)
    print(f"event: {size:,} bytes of JSON once serialised")
    print(f"SDK serialize():             {serialise * 1e6:8.1f} µs")
    print(f"SDK serialize() + json.dumps: {serialise_dump * 1e6:8.1f} µs")
    print(f"scrub_event():                {scrub * 1e6:8.1f} µs")
    ratio = scrub / serialise
    print(f"ratio scrub / serialize:      {ratio:8.2f}x  (target <= 1.00x)")
    sys.exit(0 if ratio <= 1.0 else 1)


if __name__ == "__main__":
    main()
