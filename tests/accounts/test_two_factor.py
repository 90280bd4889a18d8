"""Two factors for staff (and shoppers who want them), through the pages a person uses."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD, UserFactory
from tests.support.two_factor import code_from_secret, code_now, otp_login, totp_device

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/verify/"
RECOVERY = "/accounts/two-factor/recovery-codes/"


def password_login(client: Client, user) -> None:
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302


def secret_on(page: str) -> str:
    match = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', page)
    assert match, "the secret is shown for typing in by hand"
    return match.group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def superuser(db):
    return UserFactory.create(is_staff=True, is_superuser=True)


def test_a_superusers_correct_password_alone_does_not_open_the_admin(client, superuser):
    password_login(client, superuser)
    for url in ["/admin/", reverse("admin:shop_order_changelist"), "/admin/accounts/user/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP), "no device yet: enrolment first"
    assert "Site administration" not in client.get(SETUP).text


def test_staff_enrol_with_a_code_computed_from_the_secret_shown_then_see_the_admin(
    client, superuser
):
    password_login(client, superuser)
    page = client.get(client.get("/admin/")["Location"])
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.text  # the QR code
    secret = secret_on(page.text)
    assert secret_on(client.get(SETUP).text) == secret  # a reload shows the same secret

    refused = client.post(SETUP, {"otp_code": wrong(code_from_secret(secret))})
    assert refused.status_code == 400
    assert client.get("/admin/").status_code == 302

    done = client.post(SETUP, {"otp_code": code_from_secret(secret), "next": "/admin/"})
    assert done.status_code == 200
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(recovery) == 10
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=superuser).confirmed


def test_the_next_log_in_asks_for_the_code_after_the_password(superuser):
    device = totp_device(superuser)
    client = Client()
    password_login(client, superuser)
    response = client.get("/admin/")
    assert response["Location"].startswith(VERIFY)
    # With a device, the enrolment page is no way around the code.
    assert client.get(SETUP)["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"otp_code": wrong(code_now(device))}).status_code == 400
    assert client.get("/admin/").status_code == 302
    response = client.post(VERIFY, {"otp_code": code_now(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_ten_wrong_codes_lock_the_second_step_for_a_while(superuser, caplog):
    device = totp_device(superuser)
    client = Client()
    password_login(client, superuser)
    bad = wrong(code_now(device))
    caplog.set_level(logging.INFO)
    for _ in range(10):
        assert client.post(VERIFY, {"otp_code": bad}).status_code == 400
    locked = client.post(VERIFY, {"otp_code": code_now(device)})
    assert locked.status_code == 429
    assert "Too many wrong codes" in locked.text
    assert client.get("/admin/").status_code == 302
    assert "Second factor locked for user" in caplog.text
    assert bad not in caplog.text and device.key not in caplog.text

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        ok = client.post(VERIFY, {"otp_code": code_now(device), "next": "/admin/"})
        assert ok.status_code == 302
        assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, superuser):
    password_login(client, superuser)
    secret = secret_on(client.get(SETUP).text)
    done = client.post(SETUP, {"otp_code": code_from_secret(secret)})
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)

    second = Client()
    password_login(second, superuser)
    assert second.post(VERIFY, {"otp_code": recovery[0]}).status_code == 302
    assert second.get("/admin/").status_code == 200
    third = Client()
    password_login(third, superuser)
    assert third.post(VERIFY, {"otp_code": recovery[0]}).status_code == 400


def test_a_reset_by_another_admin_is_logged_and_sends_the_staff_member_to_enrol_again(
    staff_client, caplog
):
    member = UserFactory.create(is_staff=True)
    device = totp_device(member)
    caplog.set_level(logging.INFO)
    response = staff_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "two_factor_reset", "_selected_action": [member.pk]},
        follow=True,
    )
    assert "Two-factor log-in reset for 1 account" in response.text
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert f"Two-factor reset for user {member.pk}" in caplog.text
    assert device.key not in caplog.text
    client = Client()
    password_login(client, member)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_a_shopper_may_turn_on_two_factors_and_is_then_asked_at_log_in(client, user):
    client.force_login(user)
    account = client.get("/accounts/")
    assert "Turn on two-factor log-in" in account.text
    secret = secret_on(client.get(SETUP).text)
    assert client.post(SETUP, {"otp_code": code_from_secret(secret)}).status_code == 200
    assert "recovery codes left" in client.get("/accounts/").text

    later = Client()
    logged_in = later.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert logged_in["Location"]
    for url in ["/", "/accounts/", "/accounts/my-data.json"]:
        assert later.get(url)["Location"].startswith(VERIFY), url
    # The code just used to turn it on is spent: the app's next one.
    later.post(VERIFY, {"otp_code": code_from_secret(secret, offset=1)})
    assert later.get("/accounts/").status_code == 200


def test_staff_without_a_second_factor_still_shop_as_anyone(client, superuser):
    password_login(client, superuser)
    assert client.get("/").status_code == 200


def test_otp_login_helper_gives_a_verified_session(staff_client):
    assert staff_client.get("/admin/").status_code == 200


def test_new_recovery_codes_replace_the_old_and_need_a_recent_code(user):
    client = Client()
    otp_login(client, user)
    first = re.findall(r"<li><code>([a-z0-9]+)</code></li>", client.post(RECOVERY).text)
    second = re.findall(r"<li><code>([a-z0-9]+)</code></li>", client.post(RECOVERY).text)
    assert len(second) == 10 and not set(first) & set(second)
    other = Client()
    other.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert other.post(VERIFY, {"otp_code": first[0]}).status_code == 400
    assert other.post(VERIFY, {"otp_code": second[0]}).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert client.post(RECOVERY)["Location"].startswith(VERIFY)


def test_a_shopper_turns_two_factors_off_and_staff_cannot(user, staff_client):
    client = Client()
    otp_login(client, user)
    assert client.post("/accounts/two-factor/off/").status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    staff_client.post("/accounts/two-factor/off/")
    assert TOTPDevice.objects.filter(user__is_staff=True).exists()
