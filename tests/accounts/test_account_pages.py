"""A shopper's account: a verified address, e-mail change, sessions, their data."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.models import SignedInSession
from shop.models import Order
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.conftest import cart_add, checkout

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-Long-and-unusual-passphrase-7"
LINK = re.compile(r"https?://\S+")


def link_in(message) -> str:
    [url] = LINK.findall(message.body)
    return url.split("testserver", 1)[1] if "testserver" in url else url


def signup(client, email: str, capture) -> None:
    with capture(execute=True):
        data = {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        assert client.post("/accounts/signup/", data).status_code == 302


def test_sign_up_sends_a_verification_link_that_verifies_the_address(
    client, django_capture_on_commit_callbacks
):
    signup(client, "new@example.com", django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == ["new@example.com"]
    assert "confirm" in message.subject.lower()
    assert "not verified yet" in client.get("/accounts/").text
    user = get_user_model().objects.get()
    assert not user.email_verified

    response = client.get(link_in(message))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified
    assert "not verified yet" not in client.get("/accounts/").text


def test_a_tampered_or_expired_link_verifies_nothing(client, django_capture_on_commit_callbacks):
    signup(client, "new@example.com", django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0])
    assert client.get(url[:-3] + "abc/").status_code == 400
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert client.get(url).status_code == 400
    assert not get_user_model().objects.get().email_verified


def test_password_reset_goes_only_to_a_verified_address_and_the_page_says_the_same(client):
    verified = UserFactory.create(email_verified=True)
    unverified = UserFactory.create(email_verified=False)
    pages = []
    for user in (verified, unverified):
        response = client.post("/accounts/password-reset/", {"email": user.email}, follow=True)
        pages.append(response.text)
    assert [m.to for m in mail.outbox] == [[verified.email]]
    assert pages[0] == pages[1]


def test_an_email_change_is_confirmed_on_the_new_address(
    client, user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    old = user.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/email/", {"email": "Moved@Example.com", "password": PASSWORD}, follow=True
        )
    assert "open the link we sent to moved@example.com" in response.text
    [message] = mail.outbox
    assert message.to == ["moved@example.com"]
    user.refresh_from_db()
    assert user.email == old  # nothing changes until the link is opened

    client.get(link_in(message))
    user.refresh_from_db()
    assert (user.email, user.email_verified) == ("moved@example.com", True)


def test_an_email_change_needs_the_password(client, user):
    client.force_login(user)
    response = client.post("/accounts/email/", {"email": "x@example.com", "password": "nope"})
    assert response.status_code == 400
    assert "not your current password" in response.text
    assert mail.outbox == []


def log_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def test_the_account_lists_its_sessions_and_logs_out_everywhere(user):
    laptop = log_in(user, FIREFOX)
    phone = log_in(user, SAFARI)
    page = laptop.get("/accounts/").text
    assert "Firefox · Windows" in page and "Safari · iPhone" in page
    assert "127.0.0.x" in page and "127.0.0.1" not in page
    assert SignedInSession.objects.filter(user=user).count() == 2

    response = laptop.post("/accounts/sessions/end-all/")
    assert response.status_code == 302
    for client in (laptop, phone):
        assert client.get("/accounts/").status_code == 302  # to the log-in page
    assert not SignedInSession.objects.filter(user=user).exists()


def test_a_session_the_list_never_knew_ends_too(user):
    laptop = log_in(user, FIREFOX)
    phone = log_in(user, SAFARI)
    SignedInSession.objects.filter(user=user).exclude(
        session_key=phone.session.session_key
    ).delete()
    phone.post("/accounts/sessions/end-all/")
    assert laptop.get("/accounts/").status_code == 302  # the session auth hash moved on


def test_ending_one_session_leaves_the_others(user):
    laptop = log_in(user, FIREFOX)
    phone = log_in(user, SAFARI)
    row = SignedInSession.objects.get(session_key=phone.session.session_key)
    laptop.post(f"/accounts/sessions/{row.pk}/end/")
    assert phone.get("/accounts/").status_code == 302
    assert laptop.get("/accounts/").status_code == 200
    # Someone else's session is not theirs to end.
    other = log_in(UserFactory.create(), FIREFOX)
    theirs = SignedInSession.objects.get(session_key=other.session.session_key)
    laptop.post(f"/accounts/sessions/{theirs.pk}/end/")
    assert other.get("/accounts/").status_code == 200


def test_logging_out_removes_the_session_from_the_list(user):
    laptop = log_in(user, FIREFOX)
    laptop.post("/accounts/logout/")
    assert not SignedInSession.objects.filter(user=user).exists()


@pytest.fixture
def shopper_with_order(client, user, product):
    client.force_login(user)
    cart_add(client, product, 2)
    checkout(client, payment="cod")
    order = Order.objects.get()
    assert order.user == user
    return order


def test_a_shopper_downloads_their_data_as_json(client, user, shopper_with_order):
    response = client.get("/accounts/my-data.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    [order] = data["orders"]
    assert order["number"] == shopper_with_order.number
    assert order["full_name"] == shopper_with_order.full_name
    assert order["address_line1"] == shopper_with_order.address_line1
    assert order["total"] == str(shopper_with_order.total)
    assert order["lines"][0]["quantity"] == 2
    assert "checkout_token" not in order and "password" not in data["account"]


def test_the_data_download_is_for_the_signed_in_owner_only(client, shopper_with_order):
    assert Client().get("/accounts/my-data.json").status_code == 302


def test_deleting_an_account_keeps_its_orders_without_the_person(client, user, shopper_with_order):
    page = client.get("/accounts/delete/")
    assert "What we keep" in page.text
    refused = client.post("/accounts/delete/", {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 400
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 400
    assert get_user_model().objects.filter(pk=user.pk).exists()

    response = client.post("/accounts/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    order = Order.objects.get(pk=shopper_with_order.pk)
    assert order.user is None
    assert (order.full_name, order.email, order.phone) == (
        "Deleted customer",
        "deleted@invalid.invalid",
        "",
    )
    assert shopper_with_order.address_line1 not in (order.address_line1, order.city)
    assert (order.total, order.number) == (shopper_with_order.total, shopper_with_order.number)
    assert client.get("/accounts/").status_code == 302


def test_verification_links_asked_for_again_are_limited(client, django_capture_on_commit_callbacks):
    user = UserFactory.create(email_verified=False)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/accounts/verify/resend/").status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_an_expired_session_leaves_the_list(user):
    laptop = log_in(user, FIREFOX)
    phone = log_in(user, SAFARI)
    Session.objects.filter(session_key=phone.session.session_key).delete()
    cache.clear()  # cached_db sessions: the cached copy goes too, as at expiry
    page = laptop.get("/accounts/").text
    assert "Firefox · Windows" in page and "Safari · iPhone" not in page
    assert SignedInSession.objects.filter(user=user).count() == 1
