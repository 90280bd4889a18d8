"""What an on-call engineer sees in Sentry, checked on the wire: the real SDK sends to a real
local envelope receiver while a shopper uses the live site."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from shop.payments.demo import DemoGateway
from shop.payments.providers import PROVIDERS, GatewayResponse
from tests.accounts.factories import PASSWORD, UserFactory
from tests.monitoring.conftest import error_reference
from tests.shop.conftest import ADDRESS
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)

API_KEY = "sk-proj-PLANTEDapiKEY1234567890abcdef"
BEARER = "PLANTEDbearerTOKEN0987654321"
QUERY_TOKEN = "PLANTEDqueryTOKEN5555"
CARD_IN_VARIABLE = "4111 1111 1111 1111"
CARD_IN_TEXT = "4242424242424242"


class ExplodingGateway(DemoGateway):
    """A gateway integration with a bug, like the sample alert's ZeroDivisionError."""

    def start(self, payment, **kwargs) -> GatewayResponse:
        card_number = CARD_IN_VARIABLE  # what a careless integration keeps in a local
        memo = f"charging card {CARD_IN_TEXT} for {payment.order.number}"
        quantity = 0
        price_per_item = payment.amount / quantity
        return GatewayResponse.redirect(f"/{card_number}/{memo}/{price_per_item}")


@pytest.fixture
def exploding_gateway():
    original = PROVIDERS["demo"]
    PROVIDERS["demo"] = ExplodingGateway()
    yield
    PROVIDERS["demo"] = original


def walk_to_review(browser, product, email) -> dict[str, str]:
    """Up to the review page; returns its "Place order" form (the checkout token, demo)."""
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 2}).status_code == 302
    assert browser.get("/checkout/").status_code == 200
    assert browser.post("/checkout/", {**ADDRESS, "email": email}).status_code == 302
    assert browser.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    review = browser.get("/checkout/review/").text
    token = re.search(r'name="checkout_token" value="([^"]+)"', review)
    assert token, "the review page has no checkout token"
    reviewed = re.search(r'name="review" value="([^"]+)"', review)
    assert reviewed, "the review page does not carry what it shows"
    return {"checkout_token": token.group(1), "review": reviewed.group(1), "payment_method": "demo"}


def test_a_500_during_checkout_arrives_with_everything_on_call_needs_and_no_secrets(
    sentry, browser, exploding_gateway
):
    user = UserFactory.create(email="shopper@example.com")
    product = ProductFactory.create(name="Burr Grinder", price=Decimal("19.99"), stock=10)
    reset_path = (
        f"/accounts/reset/{urlsafe_base64_encode(force_bytes(user.pk))}/"
        f"{default_token_generator.make_token(user)}/"
    )
    reset_token = reset_path.rstrip("/").rsplit("/", 1)[1]
    assert browser.get(reset_path).status_code == 302
    response = browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    session_cookie = browser.cookie("sessionid")
    form = walk_to_review(browser, product, user.email)

    response = browser.post(
        f"/checkout/review/?token={QUERY_TOKEN}&step=review",
        form,
        headers={"X-Api-Key": API_KEY, "Authorization": f"Bearer {BEARER}"},
    )
    assert response.status_code == 500
    reference = error_reference(response.text)

    events = sentry.wait_for(
        lambda: [e for e in sentry.events() if e.get("level") == "error" and "exception" in e]
    )
    assert len(events) == 1
    event = events[0]
    assert event["event_id"] == reference  # the page's "Error reference" finds the event
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "DivisionByZero" or "ZeroDivision" in exception["type"]
    frames = [f["function"] for f in exception["stacktrace"]["frames"]]
    assert "start" in frames and "checkout_review" in frames
    assert event["release"] == "smartshop-ai@test1234"
    assert event["environment"] == "test"
    assert event["transaction"] == "/checkout/review/"
    assert event["user"]["id"] == str(user.pk)
    assert event["user"]["email"] == "shopper@example.com"
    assert event["user"]["ip_address"] == "127.0.0.1"

    from shop.models import Order

    order = Order.objects.get()
    assert event["tags"]["order_id"] == order.number
    assert event["contexts"]["order"] == {
        "number": order.number,
        "status": "pending_payment",
        "total": "138.98",
        "currency": "UAH",
        "items": 2,
    }
    messages = [c.get("message") for c in event["breadcrumbs"]["values"]]
    journey = [
        "User logged in",
        f"Added product #{product.pk} to cart",
        "Started checkout",
        f"Placed order #{order.number}",
        f"Payment started for order #{order.number}",
    ]
    positions = [messages.index(step) for step in journey]
    assert positions == sorted(positions), messages
    shop_crumbs = [c for c in event["breadcrumbs"]["values"] if c.get("category") == "shop"]
    assert all("@" not in str(c) for c in shop_crumbs)  # ids, never e-mails

    # No tag carries personal data.
    assert "shopper@example.com" not in str(event["tags"])

    sentry_sdk_flush()
    raw = sentry.wait_for(lambda: sentry.transactions() and sentry.raw())
    planted = [
        PASSWORD,
        CARD_IN_VARIABLE,
        CARD_IN_VARIABLE.replace(" ", ""),
        CARD_IN_TEXT,
        API_KEY,
        BEARER,
        QUERY_TOKEN,
        reset_token,
        session_cookie,
    ]
    leaked = [secret for secret in planted if secret.encode() in raw]
    assert leaked == []
    # Scrubbed values keep their keys, so the engineer sees a token was there.
    assert b"token=[Filtered]" in raw
    assert b"/accounts/reset/[Filtered]/[Filtered]/" in raw


def sentry_sdk_flush() -> None:
    import sentry_sdk

    sentry_sdk.flush(timeout=5)


def test_a_declined_payment_arrives_once_as_a_warning_with_order_context(sentry, browser):
    product = ProductFactory.create(price=Decimal("10.00"), stock=5)
    form = walk_to_review(browser, product, "guest@example.com")
    gateway = browser.post("/checkout/review/", form).headers["location"]
    response = browser.post(gateway, {"action": "decline"})
    assert response.status_code == 302  # not a 500: the shopper is sent back to retry

    warnings = sentry.wait_for(lambda: [e for e in sentry.events() if e["level"] == "warning"])
    assert len(warnings) == 1
    event = warnings[0]
    from shop.models import Order

    order = Order.objects.get()
    assert event["tags"]["order_id"] == order.number
    assert event["tags"]["payment_provider"] == "demo"
    assert event["contexts"]["order"]["number"] == order.number
    assert event["contexts"]["order"]["total"] == "119.00"
    assert event["exception"]["values"][-1]["type"] == "PaymentError"
    assert "guest@example.com" not in str(event)
    sentry_sdk_flush()
    assert [e for e in sentry.events() if e["level"] == "error"] == []


def test_checkout_transactions_carry_db_and_payment_spans(sentry, browser):
    product = ProductFactory.create(stock=5)
    form = walk_to_review(browser, product, "guest@example.com")
    browser.post("/checkout/review/", form)
    sentry_sdk_flush()
    placed = sentry.wait_for(
        lambda: [
            t
            for t in sentry.transactions()
            if t["transaction"] == "/checkout/review/" and t["request"]["method"] == "POST"
        ]
    )
    assert placed
    ops = [s["op"] for s in placed[0]["spans"]]
    assert ops.count("db") >= 3
    assert "payment.provider" in ops
    assert placed[0]["tags"]["order_id"]


def test_healthz_makes_no_transaction_and_answers_json(sentry, browser):
    for _ in range(3):
        response = browser.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}
    browser.get("/static/css/site.css")
    browser.get("/")
    sentry_sdk_flush()
    names = sentry.wait_for(lambda: [t["transaction"] for t in sentry.transactions()])
    assert "/" in names
    assert not any("healthz" in n or "static" in n for n in names)


def test_the_staff_error_route_reaches_sentry_and_shows_the_reference(sentry, browser, db):
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    response = browser.get("/_monitoring/sentry-error/")
    assert response.status_code == 500
    reference = error_reference(response.text)
    events = sentry.wait_for(lambda: [e for e in sentry.events() if e["event_id"] == reference])
    assert events[0]["exception"]["values"][-1]["type"] == "ZeroDivisionError"


def test_user_pii_off_sends_the_user_id_only(receiver, sentry_start, browser, db):
    sentry_start(receiver.dsn, send_user_pii=False)
    staff = UserFactory.create(email="private.person@example.com", is_staff=True, is_superuser=True)
    browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    browser.get("/_monitoring/sentry-error/")
    events = receiver.wait_for(receiver.events)
    assert events[0]["user"] == {"id": str(staff.pk)}
    sentry_sdk_flush()
    assert b"private.person@example.com" not in receiver.raw()
    assert (
        b"127.0.0.1"
        not in b"".join(e.raw for e in receiver.envelopes if e.of_type("event")).split(
            b'"user"', 1
        )[1][:200]
    )
