"""One shopper presses "Place order" several times at once (double click, two tabs): one
order, stock taken once, one payment attempt, every answer a redirect to that order — on
PostgreSQL, and on an SQLite file served as `make run` serves it."""

import copy
import re
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.db import connection
from django.test import Client

from shop.models import Order, OrderLine, Payment, Product
from tests.monitoring.conftest import Browser
from tests.shop.checkout.test_exactly_once import walk_to_review
from tests.shop.conftest import ADDRESS
from tests.shop.factories import ProductFactory
from tests.support.process import ROOT, clean_env, free_port, python

SUBMITS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("payment", ["demo", "cod"])
def test_simultaneous_submits_from_one_session_make_one_order(payment):
    product = ProductFactory.create(name="Burr Grinder", stock=5)
    shopper = Client()
    form = walk_to_review(shopper, product, quantity=2) | {"payment_method": payment}
    start = threading.Barrier(SUBMITS)

    def submit(_n: int):
        tab = Client(raise_request_exception=False)
        tab.cookies = copy.deepcopy(shopper.cookies)  # the same browser session in every tab
        try:
            start.wait(timeout=30)
            response = tab.post("/checkout/review/", form)
            return response.status_code, response.get("Location", "")
        except Exception as error:  # an escaped exception is a test failure, reported below
            return "exception", repr(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SUBMITS) as pool:
        results = list(pool.map(submit, range(SUBMITS)))

    assert [r for r in results if r[0] == "exception"] == []
    order = Order.objects.get()
    assert OrderLine.objects.filter(order=order).count() == 1
    assert Product.objects.get(pk=product.pk).stock == 3  # taken once
    assert Payment.objects.count() == 1
    assert not [status for status, _ in results if status >= 500]
    for status, location in results:
        assert status == 302, results
        assert location == order.get_absolute_url() or location.startswith("/pay/demo/")
    # Exactly one response started the payment; the others went to the order.
    assert len([r for r in results if r[1] != order.get_absolute_url()]) == (
        1 if payment == "demo" else 0
    )
    assert shopper.get(order.get_absolute_url()).status_code == 200


@pytest.fixture
def sqlite_server(tmp_path):
    """`manage.py runserver` (threaded) on a fresh SQLite file with one product in stock."""
    database = tmp_path / "shop.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "LOG_LEVEL": "WARNING"}
    migrate = python("manage.py", "migrate", "--noinput", **env)
    assert migrate.returncode == 0, migrate.stderr
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO shop_category (name, slug, description, position, is_active)"
            " VALUES ('Kitchen', 'kitchen', '', 0, 1)"
        )
        db.execute(
            "INSERT INTO shop_product (category_id, name, slug, sku, price, stock, is_active,"
            " short_description, description, image, created_at, updated_at)"
            " VALUES (1, 'Burr Grinder', 'grinder', 'SKU-1', '19.99', 5, 1, '', '', '',"
            " datetime('now'), datetime('now'))"
        )
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=clean_env(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("runserver did not start: " + (tmp_path / "server.log").read_text())
        yield base, database
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.mark.parametrize("payment", ["demo", "cod"])
def test_simultaneous_submits_on_an_sqlite_file_make_one_order_and_no_500(sqlite_server, payment):
    """Without IMMEDIATE transactions, SQLite answers most of these with "database is locked"."""
    base, database = sqlite_server
    shopper = Browser(base)
    assert shopper.post("/cart/add/1/", {"quantity": 2}).status_code == 302
    assert shopper.post("/checkout/", ADDRESS).status_code == 302
    assert shopper.post("/checkout/delivery/", {"method": "standard"}).status_code == 302
    review = shopper.get("/checkout/review/").text
    [token] = re.findall(r'name="checkout_token" value="([^"]+)"', review)
    [reviewed] = re.findall(r'name="review" value="([^"]+)"', review)
    form = {"checkout_token": token, "review": reviewed, "payment_method": payment}
    start = threading.Barrier(SUBMITS)

    def submit(_n: int) -> tuple[int, str]:
        tab = Browser(base)
        tab.http.cookies = shopper.http.cookies  # the same browser session in every tab
        start.wait(timeout=30)
        response = tab.post("/checkout/review/", form)
        tab.close()
        return response.status_code, response.headers.get("location", "")

    with ThreadPoolExecutor(max_workers=SUBMITS) as pool:
        results = list(pool.map(submit, range(SUBMITS)))

    with sqlite3.connect(database) as db:
        [(number,)] = db.execute("SELECT number FROM shop_order").fetchall()
        [(stock,)] = db.execute("SELECT stock FROM shop_product").fetchall()
        [(payments,)] = db.execute("SELECT count(*) FROM shop_payment").fetchall()
    assert stock == 3 and payments == 1
    assert all(status == 302 for status, _ in results), results
    at_order = [location for _, location in results if location == f"/orders/{number}/"]
    assert len(at_order) == SUBMITS - (1 if payment == "demo" else 0)
    assert shopper.get(f"/orders/{number}/").status_code == 200
    shopper.close()
