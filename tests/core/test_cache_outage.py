"""Redis down (REDIS_URL set, nothing answering): the shop serves on without its cache, with
one warning in the log, never an error page (core/cache.py)."""

import logging

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from shop.models import Order
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # port 1: refused at once
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def redis_down():
    from core.cache import ForgivingRedisCache

    ForgivingRedisCache._warned_at = 0.0
    ForgivingRedisCache._resting_until.clear()
    with override_settings(CACHES=DOWN):
        yield caches["default"]
    ForgivingRedisCache._resting_until.clear()


def test_shopping_and_checkout_work_with_redis_down(redis_down, category, caplog):
    product = ProductFactory.create(category=category, name="Kettle", stock=5)
    shopper = Client(raise_request_exception=False)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for url in ("/", "/?q=kettle", product.get_absolute_url(), "/cart/"):
            assert shopper.get(url).status_code == 200, url
        cart_add(shopper, product, 2)
        assert "Kettle" in shopper.get("/cart/").text
        assert checkout(shopper).status_code == 302
    assert Order.objects.get().lines.get().quantity == 2
    warnings = [r.getMessage() for r in caplog.records if r.name == "core.cache"]
    assert warnings == ["cache unavailable (ConnectionError): serving without it"]  # once
    assert "127.0.0.1:1" not in caplog.text.split("core.cache")[-1]


def test_log_in_and_its_limits_let_people_through_while_redis_is_down(redis_down):
    user = UserFactory.create()
    client = Client(raise_request_exception=False)
    response = client.post("/accounts/login/", {"username": user.email, "password": "wrong"})
    assert response.status_code == 200  # the form again, with its error
    assert (
        client.post("/orders/find/", {"number": "SS-2026-AAAAAA", "email": "a@b.c"}).status_code
        < 500
    )
    assert redis_down.get("anything", "default") == "default"
    assert redis_down.add("k", 1) is False and redis_down.get_many(["a", "b"]) == {}


def test_a_delete_is_skipped_too_for_nothing_in_the_cache_outranks_the_database(redis_down):
    """Sessions are in the database only (core.E001 refuses one read through this cache), so a
    delete skipped during an outage leaves nothing anyone would read back: a log-out or a
    log-in must not fail because Redis is down (tests/core/test_redis_outage_sessions.py)."""
    assert redis_down.delete("anything") is False
    redis_down.delete_many(["a", "b"])
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_log_in_and_log_out_never_fail_while_redis_is_down(redis_down, product):
    user = UserFactory.create()
    client = Client(raise_request_exception=False)
    cart_add(client, product, 1)
    login = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert login.status_code == 302 and "_auth_user_id" in client.session
    assert client.get("/orders/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    orders = client.get("/orders/")
    assert orders.status_code == 302 and orders["Location"].startswith("/accounts/login/")
