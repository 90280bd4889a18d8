"""Stripe's webhook: only genuine, fresh events count; each is acted on once, in any order; the
answers make Stripe retry only what a retry can fix."""

import logging
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from shop.models import Order, OrderStatus, PaymentStatus, Product, WebhookEvent
from tests.shop.conftest import cart_add, checkout
from tests.shop.payments.stripe.helpers import (
    WEBHOOK,
    deliver,
    pay_again,
    place_card_order,
    send_event,
)
from tests.support.stripe_server import event_payload, stripe_signature

pytestmark = pytest.mark.django_db


def problem_events(receiver, kind):
    return [e for e in receiver.events() if e.get("tags", {}).get("payment_problem") == kind]


COMPLETED = "checkout.session.completed"


@pytest.fixture
def card_order(client, stripe_standin, product):
    """A card order of 3 skillets (stock 10 → 7), its attempt, and its session paid at Stripe."""
    order, payment, session = place_card_order(client, stripe_standin, product, 3)
    return order, payment, stripe_standin.pay(session["id"])


def state(order):
    order.refresh_from_db()
    payment = order.payments.latest("pk")
    return order.status, payment.status, Product.objects.get(pk=order.lines.get().product_id).stock


def test_a_paid_session_event_pays_the_order_once(
    client, stripe_standin, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    order, payment, session = card_order
    with django_capture_on_commit_callbacks(execute=True):
        response = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_paid_1")
    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "paid"}
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)
    payment.refresh_from_db()
    assert payment.transaction_id == session["payment_intent"]
    assert [m.to for m in mailoutbox] == [["guest@example.com"]]

    # The same event again (Stripe retries, or an attacker replays a captured delivery).
    with django_capture_on_commit_callbacks(execute=True):
        replay = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_paid_1")
    assert replay.status_code == 200
    assert replay.json()["outcome"] == "replay: handled before"
    # Another event saying the same thing: acted on by state, not twice either.
    again = send_event(client, stripe_standin, "checkout.session.async_payment_succeeded", session)
    assert again.json()["outcome"] == "already approved"
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)
    assert order.events.filter(to_charge="paid").count() == 1
    assert len(mailoutbox) == 1
    assert WebhookEvent.objects.filter(event_id="evt_paid_1").get().outcome == "paid"


def test_signature_failures_are_refused_and_change_nothing(client, stripe_standin, card_order):
    order, _payment, session = card_order
    payload = event_payload(COMPLETED, session)
    good = stripe_signature(payload, stripe_standin.webhook_secret)
    stale = stripe_signature(payload, stripe_standin.webhook_secret, int(time.time()) - 301)
    cases = {
        "no Stripe-Signature header": None,
        "signature does not match": stripe_signature(payload, "whsec_someone_elses_secret"),
        "stale timestamp (older than 5 minutes)": stale,
        "malformed Stripe-Signature header": "garbage",
        "no v1 signature": good.replace("v1=", "v0="),
    }
    for reason, signature in cases.items():
        response = deliver(client, payload, signature)
        assert response.status_code == 400, reason
        assert response.json() == {"received": False, "outcome": f"refused: {reason}"}
    # The body must be exactly what was signed: one byte changed is a forgery.
    tampered = payload.replace(b'"paid"', b'"PAID"')
    assert deliver(client, tampered, good).status_code == 400
    assert state(order) == (OrderStatus.PENDING_PAYMENT, PaymentStatus.STARTED, 7)
    assert not WebhookEvent.objects.exists()
    # The genuine delivery still works afterwards.
    assert deliver(client, payload, good).json()["outcome"] == "paid"


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe\x00garbage", b"[]", b'{"id": "evt_1"}', b'{"object": "event"}'],
)
def test_a_signed_body_that_is_not_a_stripe_event_is_a_400(client, stripe_standin, body):
    response = deliver(client, body, stripe_signature(body, stripe_standin.webhook_secret))
    assert response.status_code == 400
    assert response.json()["received"] is False


def test_the_webhook_takes_only_post_and_needs_no_csrf_token(client, stripe_standin, card_order):
    csrf_client = Client(enforce_csrf_checks=True)
    _order, _payment, session = card_order
    assert send_event(csrf_client, stripe_standin, COMPLETED, session).status_code == 200
    assert client.get(WEBHOOK).status_code == 405
    assert client.put(WEBHOOK).status_code == 405


def test_without_stripe_configured_the_webhook_is_not_there(client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    payload = event_payload(COMPLETED, {"id": "cs_1"})
    assert deliver(client, payload, stripe_signature(payload, "whsec_x")).status_code == 404


def test_a_flood_of_bad_signatures_is_throttled_per_client(client, stripe_standin, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"stripe_webhook_rejects": (3, 600)}
    payload = event_payload(COMPLETED, {"id": "cs_x"})
    statuses = [deliver(client, payload, "t=1,v1=00").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 429, 429]
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert deliver(other_client, payload, "t=1,v1=00").status_code == 400


def test_forgeries_from_stripes_address_never_stop_a_genuine_delivery(
    client, stripe_standin, card_order, settings
):
    """A forger sharing Stripe's address (or spoofing it) floods the endpoint: its bad
    deliveries are cut off, Stripe's signed one still gets through and pays the order."""
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"stripe_webhook_rejects": (3, 600)}
    order, _payment, session = card_order
    forged = event_payload(COMPLETED, session)
    statuses = [deliver(client, forged, "t=1,v1=00").status_code for _ in range(6)]
    assert statuses == [400, 400, 400, 429, 429, 429]
    genuine = send_event(client, stripe_standin, COMPLETED, session)
    assert genuine.status_code == 200
    assert genuine.json()["outcome"] == "paid"
    assert state(order)[:2] == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)
    # Genuine deliveries do not count towards the limit either.
    stripe = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        event = send_event(stripe, stripe_standin, "customer.created", {"id": "cus_1"})
        assert event.status_code == 200
    assert deliver(stripe, forged, "t=1,v1=00").status_code == 400


def test_an_event_about_a_session_the_shop_does_not_know_is_acknowledged_and_logged(
    client, stripe_standin, caplog
):
    stranger = {"id": "cs_test_not_ours", "object": "checkout.session", "payment_status": "paid"}
    with caplog.at_level(logging.WARNING, logger="shop.payments.stripe.webhooks"):
        response = send_event(client, stripe_standin, COMPLETED, stranger)
    assert response.status_code == 200
    assert "does not know" in response.json()["outcome"]
    assert any("cs_test_not_ours" in r.getMessage() for r in caplog.records)
    # Events the shop does not act on are acknowledged too, and not stored.
    other = send_event(client, stripe_standin, "customer.created", {"id": "cus_1"})
    assert other.status_code == 200
    assert WebhookEvent.objects.count() == 1


def test_expiry_at_stripe_fails_the_attempt_and_a_retry_gets_a_new_session(
    client, stripe_standin, product
):
    order, payment, session = place_card_order(client, stripe_standin, product, 2)
    expired = send_event(
        client, stripe_standin, "checkout.session.expired", session | {"status": "expired"}
    )
    assert expired.json()["outcome"] == "payment failed"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert "expired" in payment.failure_reason
    page = client.get(order.get_absolute_url())
    assert "Pay now" in page.text  # still payable: the order itself has not expired

    _retry, new_session = pay_again(client, stripe_standin, order)
    assert new_session["id"] != session["id"]
    paid = stripe_standin.pay(new_session["id"])
    assert send_event(client, stripe_standin, COMPLETED, paid).json()["outcome"] == "paid"
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 8)
    assert list(order.payments.order_by("pk").values_list("status", flat=True)) == [
        "failed",
        "approved",
    ]


def test_events_out_of_order_end_in_the_same_state(client, stripe_standin, card_order):
    order, _payment, session = card_order
    # A delayed payment: succeeded arrives before "completed (unpaid)" does.
    unpaid = session | {"payment_status": "unpaid"}
    send_event(client, stripe_standin, "checkout.session.async_payment_succeeded", session)
    late = send_event(client, stripe_standin, COMPLETED, unpaid)
    assert late.json()["outcome"] == "no change"
    failed = send_event(client, stripe_standin, "checkout.session.async_payment_failed", session)
    assert failed.json()["outcome"] == "no change"
    expired = send_event(client, stripe_standin, "checkout.session.expired", session)
    assert expired.json()["outcome"] == "no change"
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)


def test_a_delayed_payment_holds_the_order_until_the_bank_answers(
    client, stripe_standin, card_order
):
    order, _payment, session = card_order
    unpaid = session | {"payment_status": "unpaid"}
    assert send_event(client, stripe_standin, COMPLETED, unpaid).json()["outcome"] == "processing"
    page = client.get(order.get_absolute_url())
    assert "Your bank is processing the payment" in page.text
    assert "Pay now" not in page.text
    # Processing orders do not expire, however old.
    Order.objects.update(created_at=timezone.now() - timedelta(days=2))
    call_command("expire_orders", stdout=StringIO())
    assert state(order) == (OrderStatus.PENDING_PAYMENT, PaymentStatus.PROCESSING, 7)

    send_event(client, stripe_standin, "checkout.session.async_payment_succeeded", session)
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)


def test_a_failed_delayed_payment_leaves_the_order_payable_until_it_expires(
    client, stripe_standin, card_order
):
    order, _payment, session = card_order
    send_event(client, stripe_standin, COMPLETED, session | {"payment_status": "unpaid"})
    failed = send_event(client, stripe_standin, "checkout.session.async_payment_failed", session)
    assert failed.json()["outcome"] == "payment failed"
    assert state(order) == (OrderStatus.PENDING_PAYMENT, PaymentStatus.DECLINED, 7)
    assert "Pay now" in client.get(order.get_absolute_url()).text
    Order.objects.update(created_at=timezone.now() - timedelta(days=2))
    call_command("expire_orders", stdout=StringIO())
    assert state(order) == (OrderStatus.EXPIRED, PaymentStatus.DECLINED, 10)


def test_money_after_expiry_revives_the_order_when_its_stock_is_still_there(
    client, stripe_standin, card_order
):
    order, _payment, session = card_order
    Order.objects.update(created_at=timezone.now() - timedelta(days=1))
    call_command("expire_orders", stdout=StringIO())
    assert state(order) == (OrderStatus.EXPIRED, PaymentStatus.STARTED, 10)

    response = send_event(client, stripe_standin, COMPLETED, session)
    assert response.json()["outcome"] == "paid after expiry"
    assert state(order) == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED, 7)
    assert list(order.events.values_list("from_status", "to_status")) == [
        ("", "pending_payment"),
        ("pending_payment", "expired"),
        ("expired", "confirmed"),
    ]


def test_money_after_expiry_for_goods_sold_since_is_flagged_for_refund(
    client, stripe_standin, card_order, product
):
    order, _payment, session = card_order
    Order.objects.update(created_at=timezone.now() - timedelta(days=1))
    call_command("expire_orders", stdout=StringIO())
    other = Client()
    cart_add(other, product, 9)  # another shopper buys what the expiry returned
    checkout(other, payment="cod")

    response = send_event(client, stripe_standin, COMPLETED, session)
    assert response.status_code == 200
    assert response.json()["outcome"] == "refund due: paid after expiry, and the stock is gone"
    assert state(order) == (OrderStatus.EXPIRED, PaymentStatus.REFUND_DUE, 1)
    page = client.get(order.get_absolute_url())
    assert "We will refund it in full" in page.text


def test_a_second_payment_for_a_paid_order_is_refunded_once_automatically(
    client, stripe_standin, product, django_capture_on_commit_callbacks, sentry
):
    """Money on two attempts (the first session's page still took the card as it lapsed):
    the order is paid once, the second payment goes back through Stripe by itself, once."""
    order, first, session = place_card_order(client, stripe_standin, product)
    stripe_standin.expire(session["id"])
    second, other_session = pay_again(client, stripe_standin, order)
    send_event(client, stripe_standin, COMPLETED, stripe_standin.pay(session["id"]))
    paid_twice = stripe_standin.pay(other_session["id"])
    with django_capture_on_commit_callbacks(execute=True):
        response = send_event(client, stripe_standin, COMPLETED, paid_twice, event_id="evt_2nd")
    assert response.json()["outcome"] == "refund due: the order was already paid"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PaymentStatus.APPROVED, PaymentStatus.REFUNDED)
    [refund] = [r for r in stripe_standin.requests if r.path == "/v1/refunds"]
    assert refund.params["payment_intent"] == other_session["payment_intent"]
    assert refund.idempotency_key == f"smartshop-refund-{second.reference}"
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    # Stripe retrying the event, and its charge.refunded, change nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        send_event(client, stripe_standin, COMPLETED, paid_twice, event_id="evt_2nd")
        back = send_event(
            client, stripe_standin, "charge.refunded", stripe_standin.charge(other_session["id"])
        )
    assert back.json()["outcome"] == "already refunded"
    assert len([r for r in stripe_standin.requests if r.path == "/v1/refunds"]) == 1
    problems = sentry.wait_for(lambda: problem_events(sentry, "refund_due"))
    assert len(problems) == 1 and problems[0]["tags"]["order_id"] == order.number


def test_a_second_payment_stays_refund_due_and_reported_when_stripe_refuses_the_refund(
    client, stripe_standin, product, django_capture_on_commit_callbacks, sentry
):
    order, _first, session = place_card_order(client, stripe_standin, product)
    stripe_standin.expire(session["id"])
    second, other_session = pay_again(client, stripe_standin, order)
    send_event(client, stripe_standin, COMPLETED, stripe_standin.pay(session["id"]))
    paid_twice = stripe_standin.pay(other_session["id"])
    stripe_standin.fail_with = 500
    with django_capture_on_commit_callbacks(execute=True):
        send_event(client, stripe_standin, COMPLETED, paid_twice)
    second.refresh_from_db()
    assert second.status == PaymentStatus.REFUND_DUE
    failed = sentry.wait_for(lambda: problem_events(sentry, "refund_failed"))
    assert "Refund action" in failed[0]["message"] or "Refund action" in str(failed[0])


def test_a_database_hiccup_answers_503_so_stripe_retries(
    client, stripe_standin, card_order, monkeypatch
):
    order, _payment, session = card_order
    from shop.payments.stripe import webhooks as stripe_webhooks

    def down(**kwargs):
        raise OperationalError("could not obtain lock on row in relation shop_payment")

    monkeypatch.setattr(stripe_webhooks, "payment_received", down)
    response = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_retry")
    assert response.status_code == 503
    assert not WebhookEvent.objects.exists()  # not recorded: the retry is handled afresh
    monkeypatch.undo()
    retried = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_retry")
    assert retried.json()["outcome"] == "paid"
    assert state(order)[0] == OrderStatus.CONFIRMED


def test_a_bug_while_handling_answers_200_and_keeps_nothing(
    client, stripe_standin, card_order, monkeypatch
):
    _order, _payment, session = card_order
    from shop.payments.stripe import webhooks as stripe_webhooks

    monkeypatch.setattr(stripe_webhooks, "payment_received", lambda **kw: 1 / 0)
    response = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_bug")
    assert response.status_code == 200
    assert response.json() == {
        "received": True,
        "outcome": "not handled: reported to the shop's staff",
    }
    assert not WebhookEvent.objects.exists()
    monkeypatch.undo()  # the fix is deployed; staff press "Resend" in Stripe's dashboard
    resent = send_event(client, stripe_standin, COMPLETED, session, event_id="evt_bug")
    assert resent.json()["outcome"] == "paid"


def test_an_event_is_matched_to_its_attempt_by_metadata_when_the_id_is_new(
    client, stripe_standin, product
):
    """Sessions are found by id; failing that, by the attempt's reference in the metadata (a
    session the shop made but did not get to record)."""
    order, payment, session = place_card_order(client, stripe_standin, product)
    by_reference = {
        "id": "cs_test_other",
        "payment_status": "paid",
        "amount_total": session["amount_total"],
        "currency": session["currency"],
        "metadata": {"payment_reference": payment.reference},
    }
    assert send_event(client, stripe_standin, COMPLETED, by_reference).json()["outcome"] == "paid"
    assert state(order)[:2] == (OrderStatus.CONFIRMED, PaymentStatus.APPROVED)


def test_the_tests_sign_events_exactly_as_stripe_does():
    """The stand-in's signature is computed independently of the library (HMAC-SHA256 of
    "t.payload"); it must be byte for byte what Stripe's own code produces."""
    import stripe

    payload = event_payload(COMPLETED, {"id": "cs_test_1", "metadata": {"ü": "ß"}})
    for stamp in (1_700_000_000, int(time.time())):
        expected = stripe.WebhookSignature.generate_signature_header(
            payload.decode(), "whsec_abc", stamp
        )
        assert stripe_signature(payload, "whsec_abc", stamp) == expected
