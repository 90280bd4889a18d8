"""The signed link from an order e-mail, opened on another device."""

import pytest
from django.test import Client
from django.urls import reverse

from shop.models import Order
from shop.orders.links import order_link_url
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import ADDRESS, cart_add, checkout

pytestmark = pytest.mark.django_db


def link_path(order: Order) -> str:
    return order_link_url(order=order).removeprefix("http://127.0.0.1:8000")


@pytest.fixture
def account_order(user_client, user, product) -> Order:
    cart_add(user_client, product, 1)
    checkout(user_client, payment="cod", address={**ADDRESS, "email": user.email})
    order = Order.objects.get()
    assert order.user == user
    return order


def test_an_account_orders_link_asks_its_owner_to_log_in_then_shows_it(account_order, user):
    phone = Client()
    response = phone.get(link_path(account_order))
    login = f"{reverse('accounts:login')}?next={account_order.get_absolute_url()}"
    assert response.status_code == 302
    assert response["Location"] == login
    page = phone.get(login)
    assert f"Log in to see your order {account_order.number}" in page.text

    response = phone.post(login, {"username": user.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == account_order.get_absolute_url()
    assert response.status_code == 200
    assert account_order.number in response.text

    # Logged in already (the same phone later): straight to the order.
    response = phone.get(link_path(account_order))
    assert response["Location"] == account_order.get_absolute_url()


def test_an_account_orders_link_is_404_for_anyone_else_logged_in(account_order):
    stranger = Client()
    stranger.force_login(UserFactory.create())
    assert stranger.get(link_path(account_order)).status_code == 404
    assert stranger.get(account_order.get_absolute_url()).status_code == 404
    # Logging in as someone else from the login page the link leads to shows nothing either.
    other = UserFactory.create()
    browser = Client()
    login = browser.get(link_path(account_order))["Location"]
    response = browser.post(login, {"username": other.email, "password": PASSWORD}, follow=True)
    assert response.status_code == 404
