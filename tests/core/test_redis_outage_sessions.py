"""A Redis outage staged with a real TCP proxy in front of the real Redis (tests/support/
tcp_proxy.py): log-in and log-out work through it, and a session changed or ended during it
never comes back when Redis answers again (sessions live in PostgreSQL: core/cache.py)."""

import os
import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

from core import cache as forgiving
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import cart_add
from tests.support.tcp_proxy import TcpProxy

# This run's Redis (the suite flushes its database), reached through the proxy.
REDIS = urlsplit(os.environ.get("REDIS_URL", ""))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS.hostname, reason="needs REDIS_URL (a Redis server to cut off)"),
]
COOKIE = settings.SESSION_COOKIE_NAME


@pytest.fixture
def proxy(monkeypatch):
    """Production's cache (REDIS_URL) reached through the proxy, and production's sessions."""
    assert REDIS.hostname  # the tests are skipped without REDIS_URL
    proxy = TcpProxy((REDIS.hostname, REDIS.port or 6379)).start()
    # Retry Redis at once after a failure, so the moment the outage ends is the moment the
    # cache is used again (the rest after a failure has its own test below).
    monkeypatch.setattr(forgiving, "RETRY_EVERY", 0.0)
    forgiving.ForgivingRedisCache._resting_until.clear()
    config = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}{REDIS.path or '/0'}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=config):
        caches["default"].clear()
        yield proxy
    proxy.stop()
    forgiving.ForgivingRedisCache._resting_until.clear()


def cart_count(client: Client) -> int:
    page = client.get("/cart/")
    assert page.status_code == 200
    badge = re.search(r'data-testid="cart-count"[^>]*>(\d+)<', page.text)
    assert badge, "no cart count in the header"
    return int(badge.group(1))


def logged_in_as(client: Client) -> str | None:
    page = client.get("/cart/")
    return client.session.get("_auth_user_id") if page.wsgi_request.user.is_authenticated else None


def browser_with(session_key: str) -> Client:
    """Another tab or device still holding the cookie from before the outage."""
    client = Client()
    client.cookies[COOKIE] = session_key
    return client


def test_a_log_out_during_the_outage_stays_a_log_out(proxy, product):
    user = UserFactory.create()
    browser = Client()
    assert (
        browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD}).status_code
        == 302
    )
    cart_add(browser, product, 2)
    old_key = browser.cookies[COOKIE].value
    assert cart_count(browser) == 2  # the catalogue and cart pages used Redis meanwhile
    assert proxy.accepted > 0

    proxy.outage()
    logout = browser.post("/accounts/logout/")
    assert logout.status_code == 302  # not a 500
    assert cart_count(browser) == 0 and logged_in_as(browser) is None
    proxy.resume()
    cart_count(browser)  # Redis answers again

    returning = browser_with(old_key)
    assert logged_in_as(returning) is None
    assert cart_count(returning) == 0
    # "My orders" asks them to log in: never a 400 from a session that was ended.
    orders = returning.get("/orders/")
    assert orders.status_code == 302 and orders["Location"].startswith("/accounts/login/")


def test_a_cart_emptied_during_the_outage_stays_empty(proxy, product):
    shopper = Client()
    cart_add(shopper, product, 3)
    assert cart_count(shopper) == 3
    proxy.outage()
    assert shopper.post("/cart/clear/").status_code == 302
    assert cart_count(shopper) == 0
    proxy.resume()
    assert cart_count(shopper) == 0


def test_someone_else_logging_in_during_the_outage_stays_logged_in(proxy):
    first, second = UserFactory.create(), UserFactory.create()
    browser = Client()
    browser.post("/accounts/login/", {"username": first.email, "password": PASSWORD})
    old_key = browser.cookies[COOKIE].value
    assert logged_in_as(browser) == str(first.pk)
    proxy.outage()
    assert browser.post("/accounts/logout/").status_code == 302
    response = browser.post("/accounts/login/", {"username": second.email, "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_as(browser) == str(second.pk)
    proxy.resume()
    assert logged_in_as(browser) == str(second.pk)
    assert logged_in_as(browser_with(old_key)) is None  # the first session was ended


def test_log_in_and_log_out_work_while_redis_hangs_and_cost_one_timeout(proxy, product):
    """A Redis that accepts connections and never answers: every cache call would wait out the
    1 s socket timeout (two per page for the catalogue, cart and product pages: over 6 s for
    this walk). After the first, the cache rests and answers at once."""
    user = UserFactory.create()
    browser = Client()
    cart_add(browser, product, 1)
    forgiving.RETRY_EVERY = 30.0  # restored by the fixture's monkeypatch
    proxy.outage(hang=True)
    started = time.monotonic()
    login = browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert login.status_code == 302
    for url in ("/", "/cart/", product.get_absolute_url(), "/orders/"):
        assert browser.get(url).status_code == 200
    assert browser.post("/accounts/logout/").status_code == 302
    assert browser.get("/orders/").status_code == 302
    assert time.monotonic() - started < 3  # one timeout, not one per cache call
    proxy.resume()


def test_the_cache_is_tried_again_after_its_rest(proxy, monkeypatch):
    monkeypatch.setattr(forgiving, "RETRY_EVERY", 0.3)
    cache = caches["default"]
    cache.set("k", "before")
    proxy.outage()
    assert cache.get("k") is None  # the failure starts the rest
    proxy.resume()
    assert cache.get("k") is None  # resting: not even tried
    time.sleep(0.35)
    assert cache.get("k") == "before"


def test_the_stale_session_would_come_back_if_sessions_were_read_through_redis(proxy, product):
    """Why sessions are in the database only: with `cached_db` over a cache that skips writes
    during an outage, the emptied cart comes back from Redis. The check refuses that set-up."""
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        shopper = Client()
        cart_add(shopper, product, 3)
        proxy.outage()
        shopper.post("/cart/clear/")
        assert cart_count(shopper) == 0
        proxy.resume()
        assert cart_count(shopper) == 3  # back from Redis: the bug the database set-up avoids
        with pytest.raises(SystemCheckError, match=r"core\.E001"):
            call_command("check")
    call_command("check")  # production's set-up passes
