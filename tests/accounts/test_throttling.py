"""Guessing is throttled: passwords (shop and admin log-in, per account and per client),
password-reset requests and order numbers or links."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


def log_in(client: Client, email: str, password: str, url: str = LOGIN):
    return client.post(url, {"username": email, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client: Client, email: str, url: str = LOGIN) -> None:
    """The failures it takes (AXES_FAILURE_LIMIT) to lock the account and the client."""
    for n in range(10):
        log_in(client, email, f"guess-{n}", url)


def test_two_hundred_wrong_passwords_then_the_right_one_does_not_log_in(client, user):
    statuses = [log_in(client, user.email, f"guess-{n}").status_code for n in range(200)]
    assert statuses[:9] == [200] * 9  # "Please enter a correct e-mail address and password"
    assert set(statuses[9:]) == {429}
    response = log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.text
    assert "try again in 15 minutes" in response.text
    assert not logged_in(client)


def test_the_lock_is_per_account_from_any_client_and_however_the_address_is_typed(user):
    for n in range(10):
        attacker = Client(REMOTE_ADDR=f"198.51.100.{n}")  # a new address each time
        email = user.email.upper() if n % 2 else f"  {user.email}"
        log_in(attacker, email, f"guess-{n}")
    owner = Client(REMOTE_ADDR="203.0.113.9")
    assert log_in(owner, user.email, PASSWORD).status_code == 429
    assert not logged_in(owner)
    # Other accounts are not affected.
    other = UserFactory.create()
    assert log_in(owner, other.email, PASSWORD).status_code == 302


def test_the_lock_is_per_client_across_accounts(db):
    accounts = [UserFactory.create() for _ in range(11)]
    sprayer = Client(REMOTE_ADDR="198.51.100.7")
    for account in accounts[:10]:
        log_in(sprayer, account.email, "Password1!")
    response = log_in(sprayer, accounts[10].email, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(sprayer)
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert log_in(elsewhere, accounts[10].email, PASSWORD).status_code == 302


def test_the_admin_log_in_is_throttled_too(staff_user):
    client = Client()
    lock_out(client, staff_user.email, ADMIN_LOGIN)
    response = log_in(client, staff_user.email, PASSWORD, ADMIN_LOGIN)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not in


def test_the_lock_lifts_15_minutes_after_the_last_failure(user):
    start = timezone.now()
    client = Client()
    lock_out(client, user.email)
    with time_machine.travel(start + timedelta(minutes=16)):
        assert log_in(client, user.email, PASSWORD).status_code == 302
        assert logged_in(client)


def test_trying_during_the_lock_extends_it(user):
    start = timezone.now()
    client = Client()
    lock_out(client, user.email)
    with time_machine.travel(start + timedelta(minutes=14)):
        assert log_in(client, user.email, "one-more-guess").status_code == 429
    with time_machine.travel(start + timedelta(minutes=16)):
        # Each try during the lock starts the 15 minutes again.
        assert log_in(client, user.email, PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=32)):
        assert log_in(client, user.email, PASSWORD).status_code == 302


def test_password_reset_is_throttled_per_address_and_per_client(user):
    url = reverse("accounts:password_reset")
    client = Client(REMOTE_ADDR="198.51.100.1")
    statuses = [client.post(url, {"email": user.email.upper()}).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5
    # The same address from elsewhere is limited too: the limit is on the account.
    assert Client(REMOTE_ADDR="203.0.113.2").post(url, {"email": user.email}).status_code == 429
    # An address with no account is counted the same way, so the answer reveals nothing.
    ghost = [client.post(url, {"email": "ghost@example.com"}).status_code for _ in range(5)]
    assert ghost == [302] * 5
    page = client.post(url, {"email": "ghost@example.com"})
    assert page.status_code == 429
    assert "Please wait" in page.text and page["Retry-After"].isdigit()

    # Per client: one address typing many different e-mails.
    sprayer = Client(REMOTE_ADDR="198.51.100.99")
    statuses = [sprayer.post(url, {"email": f"a{n}@example.com"}).status_code for n in range(21)]
    assert statuses == [302] * 20 + [429]
    assert len(mail.outbox) == 5


@pytest.fixture
def guest_order(product):
    from shop.models import Order

    shopper = Client()
    cart_add(shopper, product, 1)
    checkout(shopper)
    return shopper, Order.objects.get()


def test_order_number_guessing_is_throttled(guest_order):
    shopper, order = guest_order
    assert shopper.get(order.get_absolute_url()).status_code == 200
    statuses = [shopper.get(f"/orders/SS-2026-GUES{n:02d}/").status_code for n in range(21)]
    assert statuses == [404] * 20 + [429]
    # Once over the limit, no lookup of an order this client may not see answers, whether it
    # exists or not: no yes/no oracle (another shopper's order is refused like a made-up one).
    _other_shopper, others = _another_guest_order(order)
    assert shopper.get(others.get_absolute_url()).status_code == 429
    assert shopper.get("/orders/SS-2026-NOSUCH/").status_code == 429
    # The order's owner is never throttled on their own order (item: a carrier's NAT puts
    # many shoppers behind the guesser's address).
    assert shopper.get(order.get_absolute_url()).status_code == 200
    assert shopper.post(reverse("shop:order_pay", args=[order.number])).status_code != 429
    # Another client is not affected.
    assert Client(REMOTE_ADDR="203.0.113.5").get("/orders/SS-2026-ZZZZZZ/").status_code == 404


def _another_guest_order(first):
    from shop.models import Order

    shopper = Client(REMOTE_ADDR="203.0.113.77")
    cart_add(shopper, first.lines.get().product, 1)
    checkout(shopper)
    return shopper, Order.objects.exclude(pk=first.pk).get()


def test_bad_order_links_are_throttled(guest_order):
    shopper, _order = guest_order
    statuses = [shopper.get(f"/orders/link/bad-token-{n}/").status_code for n in range(21)]
    assert statuses == [404] * 20 + [429]


def test_a_spoofed_forwarded_for_does_not_get_round_the_limit(guest_order, settings):
    """Behind Render's two proxies, the client cannot choose the address it is counted under
    by sending its own X-Forwarded-For: only the entry the proxies wrote counts."""
    settings.TRUSTED_PROXY_COUNT = 2
    client = Client(REMOTE_ADDR="10.0.0.2")
    statuses = []
    for n in range(21):
        # What Render's app sees: <client's made-up value>, <client>, <Cloudflare edge>
        forwarded = f"192.0.2.{n}, 198.51.100.23, 104.16.0.1"
        response = client.get(f"/orders/SS-2026-SP{n:04d}/", HTTP_X_FORWARDED_FOR=forwarded)
        statuses.append(response.status_code)
    assert statuses == [404] * 20 + [429]
    # Another real client behind the same proxies is counted apart.
    other = "198.51.100.24, 104.16.0.1"
    response = client.get("/orders/SS-2026-OTHER1/", HTTP_X_FORWARDED_FOR=other)
    assert response.status_code == 404


def test_staff_see_lock_outs_and_lift_one_by_deleting_it(client, user, staff_user):
    from axes.models import AccessAttempt

    for n in range(10):
        form = {"username": user.email, "password": f"guess-{n}", "csrfmiddlewaretoken": "tok-1x"}
        client.post(LOGIN, form)
    staff = Client()
    otp_login(staff, staff_user)
    page = staff.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200 and user.email in page.text
    attempt = AccessAttempt.objects.get()
    # What it stores of the failed forms: no password, no CSRF token.
    assert "guess-" not in attempt.post_data and "tok-1x" not in attempt.post_data
    staff.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert log_in(client, user.email, PASSWORD).status_code == 302
