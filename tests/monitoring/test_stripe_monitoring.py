"""Card payments as Sentry sees them, checked on the wire: the real SDK sends to the local
envelope receiver while the shop talks to the Stripe stand-in over HTTP and receives its
signed events. Every Stripe call is a span; a failed payment and a refused webhook arrive once
each, with the order's context; the keys, the signing secret, Stripe-Signature headers and
the event payload's customer details never arrive at all."""

import re

import pytest
import sentry_sdk

from shop.models import Order, Payment
from shop.payments.stripe import webhooks as stripe_webhooks
from tests.monitoring.conftest import Browser
from tests.shop.conftest import ADDRESS
from tests.shop.factories import ProductFactory
from tests.support.stripe_server import event_payload, stripe_signature

pytestmark = pytest.mark.django_db(transaction=True)

# What the stand-in's hosted page "collects" (StripeStandIn.pay): in every event payload. (The
# e-mail typed at checkout may reach Sentry with PII on, by the project's rules; the one typed
# on Stripe's page never does.)
CUSTOMER = ["Olena Cardholder", "+380 67 765 4321", "9 Stripe Lane", "79000", "card@bank.example"]


def found(value: str, raw: bytes) -> bool:
    """`value` in what was sent; a number only as a whole one (the postcode 79000 is not in
    a timestamp such as 1795879000.41)."""
    return re.search(rb"(?<!\d)" + re.escape(value.encode()) + rb"(?!\d)", raw) is not None


@pytest.fixture(params=[False, True], ids=["pii-off", "pii-on"])
def pii(request, receiver, sentry_start):
    sentry_start(receiver.dsn, send_user_pii=request.param)
    return request.param


@pytest.fixture
def standin(stripe_standin, live_server):
    stripe_standin.webhook_url = f"{live_server.url}/payments/stripe/webhook/"
    return stripe_standin


def place_card_order(browser: Browser, product) -> tuple[Order, Payment]:
    assert browser.post(f"/cart/add/{product.pk}/", {"quantity": 2}).status_code == 302
    assert browser.post("/checkout/", ADDRESS).status_code == 302
    assert browser.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    review = browser.get("/checkout/review/").text
    token = re.search(r'name="checkout_token" value="([^"]+)"', review)
    assert token, "the review page has no checkout token"
    reviewed = re.search(r'name="review" value="([^"]+)"', review)
    assert reviewed, "the review page does not carry what it shows"
    form = {
        "checkout_token": token.group(1),
        "review": reviewed.group(1),
        "payment_method": "stripe",
    }
    response = browser.post("/checkout/review/", form)
    assert response.status_code == 303, response.text
    order = Order.objects.latest("pk")
    return order, order.payments.get()


def delivered(receiver, predicate=None) -> bytes:
    sentry_sdk.flush(timeout=5)
    receiver.wait_for(predicate or receiver.transactions)
    return receiver.raw()


def test_card_payments_reach_sentry_as_spans_and_single_reports_without_secrets(
    pii, receiver, standin, browser
):
    product = ProductFactory.create(name="Moka Pot", stock=10)
    paid_order, paid_attempt = place_card_order(browser, product)
    session = standin.pay(paid_attempt.external_id)
    signatures = []
    payload = event_payload("checkout.session.completed", session)
    signatures.append(stripe_signature(payload, standin.webhook_secret))
    assert standin.deliver(payload, signatures[-1]).json()["outcome"] == "paid"

    failed_order, failed_attempt = place_card_order(Browser(browser.http.base_url), product)
    expired = standin.sessions[failed_attempt.external_id] | {"status": "expired"}
    payload = event_payload("checkout.session.expired", expired)
    signatures.append(stripe_signature(payload, standin.webhook_secret))
    assert standin.deliver(payload, signatures[-1]).json()["outcome"] == "payment failed"
    # A replay of the failure is not a second report.
    assert standin.deliver(payload, signatures[-1]).status_code == 200

    forged = event_payload("checkout.session.completed", session)
    for signature in (
        stripe_signature(forged, "whsec_not_the_shops_secret_0123"),
        stripe_signature(forged, standin.webhook_secret, timestamp=1_700_000_000),
        None,
    ):
        signatures.extend([signature] if signature else [])
        assert standin.deliver(forged, signature).status_code == 400

    raw = delivered(
        receiver, lambda: len(receiver.events()) >= 2 and len(receiver.transactions()) >= 5
    )
    events = receiver.events()
    failures = [e for e in events if (e.get("tags") or {}).get("payment_provider") == "stripe"]
    kinds = sorted(
        e["tags"].get("payment_problem") or e["exception"]["values"][-1]["mechanism"]["type"]
        for e in failures
    )
    assert kinds == ["payment", "webhook_rejected"]  # once each, whatever was replayed
    [failure] = [e for e in failures if "payment_problem" not in e["tags"]]
    assert failure["level"] == "warning"
    assert failure["tags"]["order_id"] == failed_order.number
    assert failure["contexts"]["order"]["number"] == failed_order.number
    [rejected] = [e for e in failures if "payment_problem" in e["tags"]]
    assert rejected["level"] == "warning"
    assert "signature" in rejected["message"]

    transactions = receiver.transactions()
    spans = [s for t in transactions for s in t["spans"]]
    assert any(
        s["op"] == "http.client.stripe" and s["description"] == "POST /v1/checkout/sessions"
        for s in spans
    )
    webhooks = [t for t in transactions if t["transaction"] == "/payments/stripe/webhook/"]
    assert len(webhooks) >= 5  # always traced, whatever the sample rate
    paid = next(t for t in webhooks if (t.get("tags") or {}).get("order_id") == paid_order.number)
    if pii:
        headers = paid["request"]["headers"]
        assert headers["Stripe-Signature"] == "[Filtered]"
    planted = [standin.api_key, standin.webhook_secret, *signatures, *CUSTOMER]
    planted += [s.split("v1=")[1] for s in signatures]
    assert [value for value in planted if found(value, raw)] == []


def test_a_bug_while_handling_an_event_is_reported_once_with_its_stack_and_no_payload(
    receiver, sentry_start, standin, browser, monkeypatch
):
    sentry_start(receiver.dsn, send_user_pii=True)
    order, attempt = place_card_order(browser, ProductFactory.create(stock=5))
    monkeypatch.setattr(stripe_webhooks, "payment_received", lambda **kwargs: 1 / 0)
    session = standin.pay(attempt.external_id)
    response = standin.send("checkout.session.completed", session)
    assert response.status_code == 200
    assert response.json()["outcome"] == "not handled: reported to the shop's staff"

    raw = delivered(receiver, receiver.events)
    [event] = [e for e in receiver.events() if e["level"] == "error"]
    assert event["tags"]["payment_problem"] == "webhook_failed"
    assert event["tags"]["order_id"] == order.number
    [value] = event["exception"]["values"]
    assert value["type"] == "ZeroDivisionError"
    assert value["value"].startswith("Stripe event checkout.session.completed evt_")
    frames = value["stacktrace"]["frames"]
    assert any(f["function"] == "_act" for f in frames)
    assert all("vars" not in f for f in frames)
    assert [v for v in [*CUSTOMER, standin.webhook_secret] if found(v, raw)] == []


def test_no_trace_header_ever_goes_to_stripe(receiver, sentry_start, standin, live_server):
    """The checkout's call to Stripe is traced (a span of the shop's transaction) but carries
    neither `sentry-trace` nor `baggage`: trace headers go to our own origin only (SITE_URL),
    never to a third party. The stand-in records every header it got."""
    config = sentry_start(receiver.dsn, own_origin=live_server.url)
    assert config.own_origin == live_server.url
    browser = Browser(live_server.url)
    place_card_order(browser, ProductFactory.create(price="12.00", stock=5))
    browser.close()
    sentry_sdk.flush(timeout=5)
    calls = [r for r in standin.requests if r.path.startswith("/v1/")]
    assert calls, "the shop never called the Stripe stand-in"
    for call in calls:
        names = {name.lower() for name in call.headers}
        assert not names & {"sentry-trace", "baggage", "traceparent"}, (call.path, names)
    [review] = receiver.wait_for(
        lambda: [
            t
            for t in receiver.transactions()
            if t["transaction"] == "/checkout/review/" and t["request"]["method"] == "POST"
        ]
    )
    assert any(s["op"].startswith("http") for s in review["spans"])  # the call was traced
