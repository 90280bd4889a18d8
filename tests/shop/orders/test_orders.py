from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shop.models import Order, OrderStatus
from shop.orders.links import order_link_url
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import ADDRESS, cart_add, checkout
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, product):
    cart_add(client, product, 3)
    checkout(client)
    return Order.objects.get()


def test_expire_orders_names_each_order_it_expires(order):
    # Which orders expire, and their stock coming back once, is test_order_steps.py's.
    Order.objects.update(created_at=timezone.now() - timedelta(hours=2))
    out = StringIO()
    call_command("expire_orders", stdout=out)
    assert f"Expired {order.number}" in out.getvalue()
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def test_an_expired_order_cannot_be_paid_afterwards(order, client):
    pay_url = client.post(reverse("shop:order_pay", args=[order.number])).url
    Order.objects.update(created_at=timezone.now() - timedelta(days=1))
    call_command("expire_orders", stdout=StringIO())
    response = client.post(pay_url, {"action": "approve"}, follow=True)
    assert "could not be completed" in response.text
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def test_another_users_order_is_404(user_client, user, product):
    cart_add(user_client, product, 1)
    checkout(user_client, address={**ADDRESS, "email": user.email})
    order = Order.objects.get()
    assert user_client.get(order.get_absolute_url()).status_code == 200

    stranger = Client()
    stranger.force_login(UserFactory.create())
    assert stranger.get(order.get_absolute_url()).status_code == 404
    assert stranger.post(reverse("shop:order_pay", args=[order.number])).status_code == 404
    assert Client().get(order.get_absolute_url()).status_code == 404
    assert user_client.get("/orders/SS-2026-NOSUCH/").status_code == 404


def test_orders_are_matched_to_accounts_by_key_not_by_email(client, user, product):
    # A guest who types a registered user's e-mail does not put the order in their account.
    cart_add(client, product, 1)
    checkout(client, address={**ADDRESS, "email": user.email})
    owner = Client()
    owner.login(email=user.email, password=PASSWORD)
    order = Order.objects.get()
    assert order.user is None
    assert owner.get(order.get_absolute_url()).status_code == 404
    assert list(owner.get(reverse("shop:order_list")).context["orders"]) == []


def test_a_guest_link_opens_only_with_a_valid_signature(order):
    link = order_link_url(order=order).removeprefix("http://127.0.0.1:8000")
    browser = Client()
    assert browser.get(order.get_absolute_url()).status_code == 404
    response = browser.get(link)
    assert response["Location"] == order.get_absolute_url()
    assert browser.get(order.get_absolute_url()).status_code == 200

    other = Client()
    token = link.split("/")[-2]
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "garbage", token.upper()):
        assert other.get(reverse("shop:order_link", args=[bad])).status_code == 404
    assert other.get(order.get_absolute_url()).status_code == 404


def test_the_confirmation_email_is_sent_once_paid_with_the_signed_link(
    order, client, django_capture_on_commit_callbacks
):
    pay_url = client.post(reverse("shop:order_pay", args=[order.number])).url
    assert mail.outbox == []  # nothing is confirmed before the money is
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pay_url, {"action": "approve"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["guest@example.com"]
    assert "₴158.97" in message.body
    # No SITE_URL: the link is on the address the shopper paid at (core/site.py).
    link = message.body.split("http://testserver")[1].split()[0]
    stranger = Client()
    assert stranger.get(link).status_code == 302
    assert stranger.get(order.get_absolute_url()).status_code == 200
    # That later steps send no second confirmation is test_order_steps.py's.


def test_my_orders_lists_only_mine(user_client, user, product):
    for _ in range(2):
        cart_add(user_client, product, 1)
        checkout(user_client, address={**ADDRESS, "email": user.email})
    other = Client()
    cart_add(other, product, 1)
    checkout(other)
    response = user_client.get(reverse("shop:order_list"))
    assert len(response.context["orders"]) == 2
    assert all(o.user == user for o in response.context["orders"])


def test_my_orders_needs_login(client, db):
    response = client.get(reverse("shop:order_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("lines", [1, 25])
def test_order_pages_take_a_fixed_number_of_queries(user_client, user, category, lines):
    def place(n):
        for i in range(n):
            cart_add(user_client, ProductFactory.create(category=category, name=f"P{n}-{i}"), 1)
        checkout(user_client, address={**ADDRESS, "email": user.email})
        return Order.objects.latest("pk")

    small = place(1)
    big = place(lines)
    user_client.get("/")  # flush one-off messages
    assert _queries(user_client, big.get_absolute_url()) == _queries(
        user_client, small.get_absolute_url()
    )
    base = _queries(user_client, reverse("shop:order_list"))
    place(lines)
    user_client.get("/")
    assert _queries(user_client, reverse("shop:order_list")) == base
    assert base <= 4
