"""Behind one address (a mobile carrier's NAT), someone guessing order numbers uses up the
misses; the shoppers who own orders still open theirs (shop/orders/access.py)."""

import pytest
from django.test import Client

from shop.models import Order
from shop.orders.links import order_link_url
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import ADDRESS, cart_add, checkout

pytestmark = pytest.mark.django_db

NAT = "100.64.0.1"  # carrier-grade NAT: every phone on the carrier shares it


def guess_until_throttled(address: str = NAT) -> None:
    guesser = Client(REMOTE_ADDR=address)
    statuses = [guesser.get(f"/orders/SS-2026-GUES{n:02d}/").status_code for n in range(21)]
    assert statuses == [404] * 20 + [429]


def test_owners_open_their_orders_after_others_behind_their_address_used_up_the_misses(product):
    guest = Client(REMOTE_ADDR=NAT)
    cart_add(guest, product, 1)
    checkout(guest)
    guest_order = Order.objects.get()

    owner = UserFactory.create()
    member = Client(REMOTE_ADDR=NAT)
    assert member.login(email=owner.email, password=PASSWORD)
    cart_add(member, product, 1)
    checkout(member, address={**ADDRESS, "email": owner.email})
    account_order = Order.objects.get(user=owner)

    guess_until_throttled()

    # The session that placed the order, and the logged-in account, see their own orders.
    assert guest.get(guest_order.get_absolute_url()).status_code == 200
    assert member.get(account_order.get_absolute_url()).status_code == 200
    # A fresh phone behind the NAT opening the e-mailed link gets its order too.
    phone = Client(REMOTE_ADDR=NAT)
    link = order_link_url(order=guest_order).removeprefix("http://127.0.0.1:8000")
    response = phone.get(link, follow=True)
    assert response.status_code == 200 and guest_order.number in response.text

    # What they may not see is refused as the throttle says, existing or not: no oracle.
    assert guest.get(account_order.get_absolute_url()).status_code == 429
    assert member.get(guest_order.get_absolute_url()).status_code == 429
    assert phone.get("/orders/link/not-a-token/").status_code == 429


def test_owners_opening_their_orders_never_use_up_misses(product):
    shopper = Client(REMOTE_ADDR=NAT)
    cart_add(shopper, product, 1)
    checkout(shopper)
    order = Order.objects.get()
    for _ in range(60):
        assert shopper.get(order.get_absolute_url()).status_code == 200
    # The client's misses are all still there.
    statuses = [shopper.get(f"/orders/SS-2026-MISS{n:02d}/").status_code for n in range(21)]
    assert statuses == [404] * 20 + [429]


def test_misses_are_counted_per_client(product):
    guess_until_throttled("198.51.100.1")
    assert Client(REMOTE_ADDR="198.51.100.2").get("/orders/SS-2026-AAAAAA/").status_code == 404
