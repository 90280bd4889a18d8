"""A payment counts only when it is ours and exact: Stripe must confirm OUR attempt (the session
we recorded, or our attempt's reference in its metadata) for exactly the attempt's amount and
currency. Anything else leaves the order unpaid, puts the money in "refund due" where staff
see it, and reaches Sentry once with the order's context — tested against the Stripe stand-in
with the real library, and the Sentry envelope receiver."""

import logging
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from shop.models import ChargeStatus, Order, OrderStatus, Payment, PaymentStatus, WebhookEvent
from shop.payments.services import payment_received
from tests.accounts.factories import UserFactory
from tests.shop.factories import OrderFactory, PaymentFactory
from tests.shop.payments.stripe.helpers import place_card_order, send_event
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

COMPLETED = "checkout.session.completed"


@pytest.fixture
def card_order(client, stripe_standin, product):
    order, payment, session = place_card_order(client, stripe_standin, product, 2)
    return order, payment, stripe_standin.pay(session["id"])


def problems(receiver, kind):
    return [e for e in receiver.events() if e.get("tags", {}).get("payment_problem") == kind]


def staff_client() -> Client:
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_order"))
    client = Client()
    otp_login(client, user)
    return client


def assert_unpaid_and_flagged(order, mailoutbox, *, attempts=1):
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.paid_at is None
    assert not order.events.filter(to_charge=ChargeStatus.PAID).exists()
    assert mailoutbox == []  # no confirmation: nothing ships
    assert order.payments.count() == attempts
    return order.payments.get(status=PaymentStatus.REFUND_DUE)


def deliver_once(client, standin, session, capture, kind=COMPLETED):
    with capture(execute=True):
        return send_event(client, standin, kind, session)


def test_a_lower_amount_leaves_the_order_unpaid_flagged_and_reported_once(
    client, stripe_standin, card_order, mailoutbox, django_capture_on_commit_callbacks, sentry
):
    order, payment, session = card_order
    cheaper = session | {"amount_total": session["amount_total"] - 100}
    response = deliver_once(client, stripe_standin, cheaper, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    came = f"{(session['amount_total'] - 100) / 100:.2f}"
    assert response.json()["outcome"] == (f"refund due: {came} UAH came, not the {order.total} UAH")
    flagged = assert_unpaid_and_flagged(order, mailoutbox)
    assert flagged.pk == payment.pk
    assert flagged.transaction_id == session["payment_intent"]
    assert flagged.failure_reason.startswith(f"Received, but {came} UAH came")
    # The correct amount arriving later (a replay with the total put back) pays nothing.
    send_event(client, stripe_standin, COMPLETED, session)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    [event] = sentry.wait_for(lambda: problems(sentry, "amount_mismatch"))
    assert event["tags"]["order_id"] == order.number
    assert event["contexts"]["order"]["total"] == f"{order.total:.2f}"
    assert len(problems(sentry, "amount_mismatch")) == 1

    # Staff see it: on the dashboard and at the top of the order's page.
    staff = staff_client()
    board = staff.get(reverse("admin:shop_order_dashboard")).text
    module = board.split('data-testid="dashboard-attention"', 1)[1].split("</div>", 1)[0]
    assert "1 payment to review and refund" in module
    assert order.number in module and f"{came} UAH came" in module
    page = staff.get(reverse("admin:shop_order_change", args=[order.pk])).text
    assert "Money to review and refund" in page and f"{came} UAH came" in page


def test_another_currency_is_not_the_attempts_money(
    client, stripe_standin, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    order, _payment, session = card_order
    dollars = session | {"currency": "usd"}  # the same number, in another currency
    response = deliver_once(client, stripe_standin, dollars, django_capture_on_commit_callbacks)
    assert response.json()["outcome"].startswith("refund due:")
    assert "USD came, not the" in response.json()["outcome"]
    assert_unpaid_and_flagged(order, mailoutbox)


def test_an_event_without_the_amount_has_it_read_from_stripe(
    client, stripe_standin, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    order, _payment, session = card_order
    bare = {k: v for k, v in session.items() if k not in ("amount_total", "currency")}
    response = deliver_once(client, stripe_standin, bare, django_capture_on_commit_callbacks)
    assert response.json()["outcome"] == "paid"
    asked = [r for r in stripe_standin.requests if r.method == "GET"]
    assert [r.path for r in asked] == [f"/v1/checkout/sessions/{session['id']}"]
    order.refresh_from_db()
    assert (order.status, order.charge_status) == (OrderStatus.CONFIRMED, ChargeStatus.PAID)
    assert len(mailoutbox) == 1


def test_an_event_without_the_amount_is_checked_against_what_stripe_says(
    client, stripe_standin, card_order, mailoutbox, django_capture_on_commit_callbacks
):
    order, _payment, session = card_order
    stripe_standin.sessions[session["id"]]["amount_total"] = 1  # what was really charged
    bare = {k: v for k, v in session.items() if k != "amount_total"}
    response = deliver_once(client, stripe_standin, bare, django_capture_on_commit_callbacks)
    assert response.json()["outcome"].startswith("refund due: 0.01 UAH came")
    assert_unpaid_and_flagged(order, mailoutbox)


def test_an_event_without_the_amount_while_stripe_is_down_is_retried_not_skipped(
    client, stripe_standin, card_order
):
    _order, _payment, session = card_order
    bare = {k: v for k, v in session.items() if k != "amount_total"}
    stripe_standin.fail_with = 500
    response = send_event(client, stripe_standin, COMPLETED, bare, event_id="evt_bare")
    assert response.status_code == 503
    assert not WebhookEvent.objects.exists()
    stripe_standin.fail_with = None
    retried = send_event(client, stripe_standin, COMPLETED, bare, event_id="evt_bare")
    assert retried.json()["outcome"] == "paid"


def test_a_session_the_shop_never_made_is_not_matched_to_our_attempt(
    client, stripe_standin, product, mailoutbox, django_capture_on_commit_callbacks, sentry
):
    """Someone pays 1 USD through one of our Payment Links, with our order number as its
    client_reference_id: a genuine, signed event — but not our attempt, nor its money."""
    order, payment, _session = place_card_order(client, stripe_standin, product, 2)
    foreign = stripe_standin.payment_link_session(
        client_reference_id=order.number, amount=100, currency="usd"
    )
    response = deliver_once(client, stripe_standin, foreign, django_capture_on_commit_callbacks)
    assert response.json()["outcome"] == (
        "refund due: 1.00 USD came for a payment the shop did not ask for"
    )
    flagged = assert_unpaid_and_flagged(order, mailoutbox, attempts=2)
    assert (flagged.external_id, flagged.amount, flagged.currency) == (foreign["id"], 1, "USD")
    assert flagged.transaction_id == foreign["payment_intent"]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.STARTED  # our own attempt is untouched, payable
    assert WebhookEvent.objects.get().payment == flagged
    # Stripe's other event about the same session finds the same record: one row, one alert.
    again = deliver_once(
        client,
        stripe_standin,
        foreign,
        django_capture_on_commit_callbacks,
        kind="checkout.session.async_payment_succeeded",
    )
    assert again.json()["outcome"] == "already refund_due"
    assert order.payments.count() == 2
    [event] = sentry.wait_for(lambda: problems(sentry, "foreign_payment"))
    assert event["tags"]["order_id"] == order.number
    assert len(problems(sentry, "foreign_payment")) == 1


def test_a_payment_link_for_the_exact_total_still_does_not_pay_the_order(
    client, stripe_standin, product, mailoutbox, django_capture_on_commit_callbacks
):
    order, _payment, session = place_card_order(client, stripe_standin, product, 2)
    link = stripe_standin.payment_link_session(
        client_reference_id=order.number,
        amount=session["amount_total"],
        currency=session["currency"],
    )
    response = deliver_once(client, stripe_standin, link, django_capture_on_commit_callbacks)
    assert "did not ask for" in response.json()["outcome"]
    assert_unpaid_and_flagged(order, mailoutbox, attempts=2)


def test_an_unpaid_foreign_session_or_an_unknown_order_changes_nothing(
    client, stripe_standin, product, caplog
):
    order, _payment, _session = place_card_order(client, stripe_standin, product)
    unpaid = stripe_standin.payment_link_session(
        client_reference_id=order.number, amount=100, currency="usd"
    ) | {"payment_status": "unpaid"}
    assert (
        "does not know" in send_event(client, stripe_standin, COMPLETED, unpaid).json()["outcome"]
    )
    nowhere = stripe_standin.payment_link_session(
        client_reference_id="SS-2026-NOSUCH", amount=100, currency="usd"
    )
    with caplog.at_level(logging.WARNING):
        outcome = send_event(client, stripe_standin, COMPLETED, nowhere).json()["outcome"]
    assert "does not know" in outcome
    assert Payment.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT


@pytest.mark.parametrize(
    ("amount", "currency"), [("23.99", "UAH"), ("24.00", "USD"), ("24.01", "uah")]
)
def test_any_provider_is_held_to_the_attempts_exact_amount(product, amount, currency):
    """The rule lives in the generic service, for every provider (a future acquirer too)."""
    order = OrderFactory.create(subtotal=Decimal("24.00"), shipping_price=Decimal("0.00"))
    payment = PaymentFactory.create(order=order, provider="demo", amount=Decimal("24.00"))
    outcome = payment_received(payment=payment, amount=Decimal(amount), currency=currency)
    assert outcome.startswith("refund due:")
    order.refresh_from_db()
    payment.refresh_from_db()
    assert (order.status, payment.status) == (OrderStatus.PENDING_PAYMENT, "refund_due")
    exact = PaymentFactory.create(order=order, provider="demo", amount=Decimal("24.00"))
    assert payment_received(payment=exact, amount=Decimal("24.000"), currency="uah") == "paid"
