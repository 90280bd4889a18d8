"""`manage.py reconcile_payments`: Stripe's recent Checkout Sessions and Refunds (listed through
the real library, page by page, from the stand-in) against the shop's payments. Each
difference is recorded and reported once; a clean run says so; staff resolve them in the
admin."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse

from shop.models import Payment, PaymentDiscrepancy
from tests.accounts.factories import UserFactory
from tests.shop.payments.stripe.helpers import place_card_order, send_event
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

COMPLETED = "checkout.session.completed"
HOUR = 3600


def paid_card_order(standin, product):
    client = Client()
    order, payment, session = place_card_order(client, standin, product)
    paid = standin.pay(session["id"])
    assert send_event(client, standin, COMPLETED, paid).json()["outcome"] == "paid"
    return order, payment, paid


def age_everything(standin):
    """An hour on: past the grace a webhook in flight gets."""
    standin.age(HOUR)
    Payment.objects.update(created_at=F("created_at") - timedelta(seconds=HOUR))


def reconcile() -> str:
    out = StringIO()
    call_command("reconcile_payments", stdout=out)
    return out.getvalue()


def check_ins(receiver) -> list[dict]:
    return [c for c in receiver.items("check_in") if c["monitor_slug"] == "reconcile-payments"]


def test_a_clean_run_says_so(stripe_standin, product, sentry):
    for _ in range(3):
        paid_card_order(stripe_standin, product)
    # One whose session id the shop never recorded: matched by our reference in the metadata.
    Payment.objects.filter(pk=Payment.objects.earliest("pk").pk).update(external_id="")
    place_card_order(Client(), stripe_standin, product)  # started, unpaid: no difference
    age_everything(stripe_standin)
    stripe_standin.page_size = 2  # two pages of sessions
    assert "0 differences" in reconcile()
    listed = [
        r for r in stripe_standin.requests if (r.method, r.path) == ("GET", "/v1/checkout/sessions")
    ]
    # 4 sessions, 2 a page: the second page is asked for after the first's last, and says
    # has_more false.
    assert [bool(r.params.get("starting_after")) for r in listed] == [False, True]
    assert not PaymentDiscrepancy.objects.exists()
    finished = sentry.wait_for(
        lambda: [c for c in check_ins(sentry) if c["status"] != "in_progress"]
    )
    assert [c["status"] for c in finished] == ["ok"]


def test_each_kind_of_difference_is_found_and_reported_once(stripe_standin, product, sentry):
    # Paid at Stripe, but its webhook never came.
    lost = Client()
    lost_order, _lost_payment, lost_session = place_card_order(lost, stripe_standin, product)
    stripe_standin.pay(lost_session["id"])
    # Approved here, but Stripe has no paid session for it.
    _o, here_only, here_session = paid_card_order(stripe_standin, product)
    stripe_standin.sessions[here_session["id"]]["payment_status"] = "unpaid"
    # Approved here for one amount, paid at Stripe for another.
    _o, mismatched, mismatched_session = paid_card_order(stripe_standin, product)
    stripe_standin.sessions[mismatched_session["id"]]["amount_total"] += 500
    # Refunded in Stripe's dashboard; its charge.refunded never came.
    _o, refunded, refunded_session = paid_card_order(stripe_standin, product)
    refund = stripe_standin.dashboard_refund(refunded_session["payment_intent"])
    # And one that is fine.
    paid_card_order(stripe_standin, product)
    age_everything(stripe_standin)
    stripe_standin.page_size = 2

    first = reconcile()
    found = {(d.kind, d.object_id) for d in PaymentDiscrepancy.objects.all()}
    assert found == {
        ("paid_there_only", lost_session["id"]),
        ("paid_here_only", here_session["id"]),
        ("amount_mismatch", mismatched_session["id"]),
        ("refunded_there_only", refund["id"]),
    }
    assert "4 difference(s), 4 new." in first
    lost_row = PaymentDiscrepancy.objects.get(kind="paid_there_only")
    assert lost_row.order == lost_order
    assert PaymentDiscrepancy.objects.get(kind="paid_here_only").payment == here_only
    assert PaymentDiscrepancy.objects.get(kind="amount_mismatch").payment == mismatched
    assert PaymentDiscrepancy.objects.get(kind="refunded_there_only").payment == refunded

    second = reconcile()
    assert "4 difference(s), 0 new." in second
    assert PaymentDiscrepancy.objects.count() == 4
    events = sentry.wait_for(lambda: len(reported(sentry)) >= 4 and reported(sentry), timeout=10)
    assert sorted(e["tags"]["payment_problem"] for e in events) == [
        "reconcile_amount_mismatch",
        "reconcile_paid_here_only",
        "reconcile_paid_there_only",
        "reconcile_refunded_there_only",
    ]
    statuses = sentry.wait_for(
        lambda: len(finished_check_ins(sentry)) >= 2 and finished_check_ins(sentry)
    )
    assert statuses == ["error", "error"]

    # Staff who may resolve them do; the next run is clean.
    staff = staff_with("view_paymentdiscrepancy", "resolve_paymentdiscrepancy")
    url = reverse("admin:shop_paymentdiscrepancy_changelist")
    listing = staff.get(url)
    assert lost_session["id"] in listing.text and "Payment discrepancies" in listing.text
    ids = list(PaymentDiscrepancy.objects.values_list("pk", flat=True))
    done = staff.post(url, {"action": "resolve", "_selected_action": ids}, follow=True)
    assert "4 discrepancy(ies) resolved." in done.text
    assert "0 differences" in reconcile()
    assert len(reported(sentry)) == 4


def test_resolving_needs_its_own_permission(stripe_standin, product):
    lost = Client()
    _order, _payment, session = place_card_order(lost, stripe_standin, product)
    stripe_standin.pay(session["id"])
    age_everything(stripe_standin)
    reconcile()
    viewer = staff_with("view_paymentdiscrepancy")
    url = reverse("admin:shop_paymentdiscrepancy_changelist")
    page = viewer.get(url)
    assert page.status_code == 200 and session["id"] in page.text
    assert 'value="resolve"' not in page.text
    row = PaymentDiscrepancy.objects.get()
    viewer.post(url, {"action": "resolve", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.resolved_at is None
    assert staff_with().get(url).status_code == 403


def finished_check_ins(receiver) -> list[str]:
    return [c["status"] for c in check_ins(receiver) if c["status"] != "in_progress"]


def reported(receiver) -> list[dict]:
    return [
        e
        for e in receiver.events()
        if e.get("tags", {}).get("payment_problem", "").startswith("reconcile_")
    ]


def staff_with(*codenames: str) -> Client:
    user = UserFactory.create(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    otp_login(client, user)
    return client


def test_without_stripe_configured_there_is_nothing_to_compare(settings, sentry):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    assert "0 differences" in reconcile()
    assert sentry.wait_for(lambda: finished_check_ins(sentry)) == ["ok"]


def test_stripe_unreachable_fails_the_run_and_its_check_in(stripe_standin, sentry):
    stripe_standin.fail_with = 500
    with pytest.raises(CommandError, match="Stripe could not list the checkout sessions"):
        reconcile()
    assert sentry.wait_for(lambda: finished_check_ins(sentry)) == ["error"]
    assert not PaymentDiscrepancy.objects.exists()
