"""One open Stripe Checkout session per payment attempt: "Pay now" again goes back to the open
session, or — once it expired — starts a new attempt; two tabs clicking at once get one."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from shop.models import Order, Payment, PaymentStatus
from tests.shop.payments.stripe.helpers import place_card_order, send_event

pytestmark = pytest.mark.django_db


def session_creations(standin) -> int:
    return len(
        [r for r in standin.requests if (r.method, r.path) == ("POST", "/v1/checkout/sessions")]
    )


def test_paying_again_while_the_session_is_open_goes_back_to_it(client, stripe_standin, product):
    order, payment, session = place_card_order(client, stripe_standin, product)
    again = client.post(reverse("shop:order_pay", args=[order.number]))
    assert again.status_code == 303 and again.url == session["url"]
    assert session_creations(stripe_standin) == 1
    assert list(order.payments.values_list("pk", flat=True)) == [payment.pk]


def test_paying_again_after_paying_waits_for_stripe_instead_of_a_second_charge(
    client, stripe_standin, product
):
    order, _payment, session = place_card_order(client, stripe_standin, product)
    stripe_standin.pay(session["id"])  # paid on Stripe's page; the webhook is not here yet
    again = client.post(reverse("shop:order_pay", args=[order.number]))
    assert again.status_code == 303
    assert again.url == session["success_url"]  # "confirming your payment"
    assert session_creations(stripe_standin) == 1


def test_stripe_unreachable_makes_no_second_session(client, stripe_standin, product):
    order, _payment, _session = place_card_order(client, stripe_standin, product)
    stripe_standin.fail_with = 500
    page = client.post(reverse("shop:order_pay", args=[order.number]), follow=True)
    assert "Your payment did not go through. Nothing was charged." in page.text
    assert session_creations(stripe_standin) == 1
    assert order.payments.get().status == PaymentStatus.STARTED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_clicking_pay_at_once_get_one_open_session(stripe_standin, product):
    shopper = Client()
    order, first, session = place_card_order(shopper, stripe_standin, product)
    send_event(
        shopper, stripe_standin, "checkout.session.expired", stripe_standin.expire(session["id"])
    )
    stripe_standin.create_delay = 0.5  # the race window: both clicks arrive while one creates
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.cookies = shopper.cookies
    answers: list = []
    barrier = threading.Barrier(2)

    def click(tab: Client) -> None:
        barrier.wait()
        try:
            answers.append(tab.post(reverse("shop:order_pay", args=[order.number])))
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [a.status_code for a in answers] == [303, 303]
    assert answers[0].url == answers[1].url
    assert session_creations(stripe_standin) == 2  # the expired one, and one new
    open_sessions = [s for s in stripe_standin.sessions.values() if s["status"] == "open"]
    assert len(open_sessions) == 1 and open_sessions[0]["url"] == answers[0].url
    started = Payment.objects.filter(order=order, status=PaymentStatus.STARTED)
    assert [p.external_id for p in started] == [open_sessions[0]["id"]]
    assert Order.objects.get().payments.exclude(pk=first.pk).count() == 1
