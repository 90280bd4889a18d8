"""Signals on-call needs, checked on the wire: what a declined payment, a failing order page, a
session that cannot be saved and a scanner's bad Host header each send — or do not send."""

import logging
from decimal import Decimal

import pytest
import sentry_sdk
from django.contrib.sessions.models import Session
from django.db import DatabaseError, OperationalError, connection, connections
from django.test import Client

from shop.models import Order, Payment
from tests.monitoring.test_sentry_e2e import walk_to_review
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)


def flushed(receiver) -> None:
    sentry_sdk.flush(timeout=5)


def test_a_declined_payment_warning_shows_where_the_decline_came_from(sentry, browser):
    product = ProductFactory.create(price=Decimal("10.00"), stock=5)
    form = walk_to_review(browser, product, "guest@example.com")
    gateway = browser.post("/checkout/review/", form).headers["location"]
    assert browser.post(gateway, {"action": "decline"}).status_code == 302

    [warning] = sentry.wait_for(lambda: [e for e in sentry.events() if e["level"] == "warning"])
    exception = warning["exception"]["values"][-1]
    assert exception["type"] == "PaymentError"
    functions = [frame["function"] for frame in exception["stacktrace"]["frames"]]
    # The view, the service and the one place a payment fails; not monitoring's own frame.
    positions = [functions.index(f) for f in ("demo_gateway", "payment_decline", "_payment_failed")]
    assert positions == sorted(positions), functions
    assert "payment_failure_capture" not in functions
    assert exception["mechanism"] == {"type": "payment", "handled": True}
    # The frames' variables hold the payment page's reference (the view's kwargs): a
    # capability, so it goes, as it does from the URL.
    sentry_sdk.flush(timeout=5)
    assert Payment.objects.get().reference.encode() not in sentry.raw()


def test_transaction_names_keep_route_placeholders_and_lose_the_values(sentry, browser):
    product = ProductFactory.create(price=Decimal("10.00"), stock=5)
    form = walk_to_review(browser, product, "guest@example.com")
    gateway = browser.post("/checkout/review/", form).headers["location"]
    assert browser.get(gateway).status_code == 200
    reference = Payment.objects.get().reference
    flushed(sentry)

    [page] = sentry.wait_for(
        lambda: [t for t in sentry.transactions() if t["transaction"].startswith("/pay/demo/")]
    )
    assert page["transaction"] == "/pay/demo/{reference}/"
    assert page["request"]["url"].endswith("/pay/demo/[Filtered]/")
    assert reference.encode() not in sentry.raw()


def test_an_order_page_failing_with_the_database_still_says_which_order(sentry, monkeypatch):
    """The shop pushes the order context when it loads the order, so an error after that (the
    database going away while the page renders) carries it without reading it again."""
    client = Client(raise_request_exception=False)
    cart_add(client, ProductFactory.create(stock=5, price=Decimal("12.50")), 2)
    checkout(client)
    order = Order.objects.get()

    from shop.orders import views as orders

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    def render_while_the_database_dies(*args, **kwargs):
        # From now on every query fails (a monkeypatch, undone in the `finally` below).
        connection.cursor = database_gone  # type: ignore[method-assign]
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(orders, "render", render_while_the_database_dies)
    try:
        assert client.get(f"/orders/{order.number}/").status_code == 500
    finally:
        if "cursor" in vars(connections["default"]):
            del connection.cursor
    flushed(sentry)
    [event] = sentry.wait_for(lambda: [e for e in sentry.events() if e["level"] == "error"])
    assert event["exception"]["values"][-1]["type"] == "OperationalError"
    assert event["tags"]["order_id"] == order.number
    assert event["contexts"]["order"] == {
        "number": order.number,
        "status": "pending_payment",
        "total": str(order.total),
        "currency": "UAH",
        "items": 2,
    }


def test_a_bad_host_header_is_a_warning_line_not_a_sentry_error(sentry, browser, caplog):
    caplog.set_level(logging.INFO)
    response = browser.get("/", headers={"Host": "scanner.example"})
    assert response.status_code == 400
    assert browser.get("/").status_code == 200
    flushed(sentry)
    sentry.wait_for(sentry.transactions)

    assert [e for e in sentry.events() if e["level"] in ("error", "fatal")] == []
    assert b"scanner.example" not in b"".join(
        e.raw for e in sentry.envelopes if e.of_type("event") or e.of_type("log")
    )
    [line] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert line.levelname == "WARNING"


def test_a_session_that_cannot_be_saved_reaches_sentry(sentry, browser, monkeypatch):
    """The database fails while saving the session: the shopper gets Django's 400, and Sentry
    gets the database error, tagged, instead of nothing."""
    product = ProductFactory.create(stock=5)
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 1}).status_code == 302

    def database_down(self, *args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(Session, "save", database_down)
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 1}).status_code == 400
    flushed(sentry)
    [event] = sentry.wait_for(lambda: [e for e in sentry.events() if e["level"] == "error"])
    assert event["exception"]["values"][-1]["type"] == "OperationalError"
    assert event["tags"]["session_save"] == "failed"
    assert event["transaction"] == "/cart/add/{product_id}/"


def test_a_session_deleted_by_a_concurrent_log_out_is_not_an_error(sentry, browser, monkeypatch):
    product = ProductFactory.create(stock=5)
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 1}).status_code == 302

    def row_gone(self, *args, **kwargs):
        raise DatabaseError("Forced update did not affect any rows.")

    monkeypatch.setattr(Session, "save", row_gone)
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 1}).status_code == 400
    flushed(sentry)
    sentry.wait_for(sentry.transactions)
    assert [e for e in sentry.events() if e["level"] == "error"] == []
