"""When Sentry is down, slow or refusing, the shop still answers at once: no request waits on
Sentry (the SDK sends from a background thread with a bounded queue)."""

import socket
import time

import pytest

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Far above a normal local response, far below any network timeout of the SDK.
PROMPT = 3.0


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shop_under_load(browser) -> list[float]:
    staff = UserFactory(is_staff=True, is_superuser=True)
    browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    timings = []
    for _ in range(5):
        for path, status in [("/", 200), ("/cart/", 200), ("/_monitoring/sentry-error/", 500)]:
            started = time.monotonic()
            response = browser.get(path)
            timings.append(time.monotonic() - started)
            assert response.status_code == status
    return timings


def test_a_closed_port(sentry_start, browser):
    sentry_start(f"http://publickey@127.0.0.1:{closed_port()}/42")
    assert max(shop_under_load(browser)) < PROMPT


def test_a_server_that_accepts_and_never_answers(receiver, sentry_start, browser):
    receiver.mode = "hang"
    sentry_start(receiver.dsn)
    assert max(shop_under_load(browser)) < PROMPT
    assert receiver.wait_for(lambda: receiver.requests >= 1)


@pytest.mark.parametrize("mode", ["error", "rate_limited"])
def test_a_server_that_answers_500_or_429(receiver, sentry_start, browser, mode):
    receiver.mode = mode
    sentry_start(receiver.dsn)
    assert max(shop_under_load(browser)) < PROMPT
    assert receiver.wait_for(lambda: receiver.requests >= 1)
