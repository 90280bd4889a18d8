"""Fifty shoppers press "Place order" at the same moment for the last ten units."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from shop.models import Order, OrderLine, Product
from tests.shop.conftest import ADDRESS, cart_add, review_form
from tests.shop.factories import ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 50
STOCK = 10


def test_fifty_parallel_buyers_never_oversell_ten_units():
    product = ProductFactory.create(name="Burr Grinder", stock=STOCK)
    clients = []
    for i in range(BUYERS):
        client = Client()
        cart_add(client, product, 1)
        client.post("/checkout/", {**ADDRESS, "email": f"buyer{i}@example.com"})
        client.post("/checkout/delivery/", {"method": "standard"})
        clients.append((client, review_form(client) | {"payment_method": "demo"}))
    start = threading.Barrier(BUYERS)

    def buy(shopper: tuple[Client, dict]):
        client, form = shopper
        try:
            start.wait(timeout=30)
            response = client.post("/checkout/review/", form)
            return response.status_code, response.content.decode()
        except Exception as error:  # an escaped exception is a test failure, reported below
            return "exception", repr(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=BUYERS) as pool:
        results = list(pool.map(buy, clients))

    escaped = [detail for status, detail in results if status == "exception"]
    assert escaped == []
    placed = [r for r in results if r[0] == 302]
    refused = [r for r in results if r[0] != 302]
    assert len(placed) == STOCK
    assert len(refused) == BUYERS - STOCK
    for status, body in refused:
        assert status == 409
        assert "Burr Grinder is out of stock." in body
    assert Order.objects.count() == STOCK
    assert OrderLine.objects.filter(product=product).count() == STOCK
    assert Product.objects.get(pk=product.pk).stock == 0
