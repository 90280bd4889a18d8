"""Context, breadcrumbs, logging and pages, through the Django test client with the SDK on."""

import json
import logging

import pytest
import sentry_sdk
from django.db import connection
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from monitoring.logging import JsonFormatter
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def crash(client: Client) -> HttpResponseBase:
    """Open the superuser error route and return its response (the 500 page)."""
    response = client.get("/_monitoring/sentry-error/")
    assert response.status_code == 500
    return response


def last_error(receiver) -> dict:
    sentry_sdk.flush(timeout=5)
    events = receiver.wait_for(lambda: [e for e in receiver.events() if e["level"] == "error"])
    return events[-1]


@pytest.fixture
def superuser():
    return UserFactory.create(is_staff=True, is_superuser=True, email="boss@example.com")


def test_account_and_cart_steps_leave_a_breadcrumb_trail(sentry, superuser, category):
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "new@example.com",
            "password1": "a-Long-passphrase-1",
            "password2": "a-Long-passphrase-1",
        },
    )
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": superuser.email, "password": PASSWORD})
    product = ProductFactory.create(category=category, stock=5)
    cart_add(client, product, 1)
    client.post(reverse("shop:cart_update", args=[product.pk]), {"quantity": 3})
    client.post(reverse("shop:cart_remove", args=[product.pk]))
    cart_add(client, product, 2)
    crash(client)
    event = last_error(sentry)
    messages = [c["message"] for c in event["breadcrumbs"]["values"] if c["category"] == "shop"]
    journey = [
        "User logged in",
        f"Added product #{product.pk} to cart",
        f"Changed quantity of product #{product.pk}",
        f"Removed product #{product.pk} from cart",
        f"Added product #{product.pk} to cart",
    ]
    assert messages[-len(journey) :] == journey
    assert event["contexts"]["cart"] == {"items": 2, "total": "39.98"}
    assert event["user"] == {
        "id": str(superuser.pk),
        "email": "boss@example.com",
        "ip_address": "127.0.0.1",
    }


def test_signing_up_and_logging_out_are_breadcrumbs(sentry):
    client = Client()
    client.post(
        reverse("accounts:signup"),
        {"email": "n@example.com", "password1": "a-Long-pass-77", "password2": "a-Long-pass-77"},
    )
    sentry_sdk.capture_message("probe")
    sentry_sdk.flush(timeout=5)
    [event] = sentry.wait_for(lambda: [e for e in sentry.events() if e.get("message") == "probe"])
    messages = [c.get("message") for c in event["breadcrumbs"]["values"]]
    assert "User signed up" in messages and "User logged in" in messages
    client.post(reverse("accounts:logout"))
    sentry_sdk.capture_message("probe2")
    sentry_sdk.flush(timeout=5)
    [event] = sentry.wait_for(lambda: [e for e in sentry.events() if e.get("message") == "probe2"])
    assert "User logged out" in [c.get("message") for c in event["breadcrumbs"]["values"]]


def test_payment_approval_is_a_breadcrumb_and_order_pages_tag_the_order(sentry, product):
    client = Client(raise_request_exception=False)
    cart_add(client, product, 1)
    gateway = checkout(client).url
    client.post(gateway, {"action": "approve"})
    from shop.models import Order

    order = Order.objects.get()
    sentry_sdk.capture_message("after approval")
    sentry_sdk.flush(timeout=5)
    [event] = sentry.wait_for(
        lambda: [e for e in sentry.events() if e.get("message") == "after approval"]
    )
    messages = [c.get("message") for c in event["breadcrumbs"]["values"]]
    assert f"Payment approved for order #{order.number}" in messages


def test_info_logs_are_breadcrumbs_and_errors_are_events(sentry):
    logger = logging.getLogger("shop.test")
    logger.info("stock check for order SS-2026-ABCDEF")
    logger.error("courier API refused order SS-2026-ABCDEF token=abc123secret")
    event = last_error(sentry)
    assert event["logentry"]["message"].startswith("courier API refused")
    assert "abc123secret" not in json.dumps(event)
    crumbs = [c.get("message") for c in event["breadcrumbs"]["values"]]
    assert "stock check for order SS-2026-ABCDEF" in crumbs


def test_envelopes_are_compressed_and_the_receiver_reads_gzip_and_brotli(receiver, sentry_start):
    sentry_start(receiver.dsn)
    sentry_sdk.capture_message("brotli please")
    sentry_sdk.flush(timeout=5)
    sentry_start(receiver.dsn, sdk_options={"_experiments": {"transport_compression_algo": "gzip"}})
    sentry_sdk.capture_message("gzip please")
    sentry_sdk.flush(timeout=5)
    receiver.wait_for(lambda: len(receiver.events()) >= 2)
    assert {"br", "gzip"} <= set(receiver.encodings)
    assert {e["message"] for e in receiver.events()} >= {"brotli please", "gzip please"}


def test_json_log_lines_carry_no_emails_or_secrets():
    record = logging.LogRecord(
        "shop", logging.WARNING, __file__, 1, "signup failed for %s with %s", None, None
    )
    record.args = ("jane@example.com", "sk-proj-abcdefghijklmnopqrstu")
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "shop"
    assert "jane@example.com" not in line["message"]
    assert "sk-proj" not in line["message"]


def test_the_404_page_stays_plain(client, db):
    response = client.get("/products/nope/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Error reference" not in response.text


@pytest.mark.parametrize("who", ["anonymous", "shopper", "staff"])
def test_the_error_route_is_404_for_all_but_superusers(client, who):
    if who != "anonymous":
        client.force_login(UserFactory.create(is_staff=(who == "staff")))
    assert client.get("/_monitoring/sentry-error/").status_code == 404


def test_healthz_needs_no_auth_and_says_when_the_database_is_down(client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}

    from django.db.utils import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_middleware_runs_unwrapped_with_sentry_on(sentry):
    """The Django integration wraps each middleware for middleware spans, which are off: the
    wrappers only cost every request (docs/performance.md), so the handler loads Django's own."""
    from django.core.handlers.wsgi import WSGIHandler

    # Django's private attribute (load_middleware() sets it); the stubs leave it out.
    layer, classes = WSGIHandler()._middleware_chain, []  # type: ignore[attr-defined]
    while layer is not None:  # each layer: convert_exception_to_response(middleware instance)
        middleware = getattr(layer, "__wrapped__", layer)
        classes.append(type(middleware))
        layer = getattr(middleware, "get_response", None)
    assert "monitoring.middleware" in {c.__module__ for c in classes}
    # The SDK's wrapper takes the wrapped class's name and module; its bases are its own.
    wrapped = [c for c in classes if any(b.__module__.startswith("sentry_sdk") for b in c.__mro__)]
    assert wrapped == []


def test_a_reloaded_checkout_page_is_one_step_and_writes_no_session(sentry, category):
    """The journey kept in the session (monitoring/journey.py): a page opened again straight
    after is not a new step, and costs no session write."""
    from django.test.utils import CaptureQueriesContext

    from monitoring.journey import SESSION_KEY

    client = Client()
    product = ProductFactory.create(category=category, stock=5)
    cart_add(client, product, 1)
    client.get(reverse("shop:checkout"))
    with CaptureQueriesContext(connection) as reload:
        assert client.get(reverse("shop:checkout")).status_code == 200
    writes = [
        q["sql"] for q in reload.captured_queries if q["sql"].startswith(("UPDATE", "INSERT"))
    ]
    assert writes == []
    cart_add(client, product, 1)  # the same action twice is two steps
    cart_add(client, product, 1)
    client.get(reverse("shop:checkout"))  # after another step: a step again
    added = f"Added product #{product.pk} to cart"
    journey = [step["message"] for step in client.session[SESSION_KEY]]
    assert journey == [added, "Started checkout", added, added, "Started checkout"]
