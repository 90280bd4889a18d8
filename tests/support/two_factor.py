"""Signing staff in with a second factor, for tests that are about something else.

`otp_login(client, user)` logs `user` in on the test client with a confirmed authenticator-app
device whose code was "just given": the session is OTP-verified (django-otp) and inside the sudo
window, as after a real log-in with password and code. Tests of the second factor itself go
through the pages (tests/accounts/test_two_factor.py).
"""

import base64

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import PENDING_KEY, verified_session_data


def totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def otp_login(client: Client, user) -> TOTPDevice:
    device = totp_device(user)
    client.force_login(user)
    session = client.session
    session.update(verified_session_data(device))
    session.pop(PENDING_KEY, None)
    session.save()
    return device


def code_now(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code the app shows now (offset in steps: -1 the previous one)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:0{device.digits}d}"


def code_from_secret(secret: str, *, offset: int = 0) -> str:
    """The code an authenticator app computes from the secret shown at enrolment (offset in
    steps: 1 is the next one, accepted now too; a code is accepted once only)."""
    compact = secret.replace(" ", "")
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return f"{totp(key, drift=offset):06d}"


def sign_in_with_code(browser, user, password: str) -> TOTPDevice:
    """Staff log in through the pages of a live server (a tests.monitoring Browser): the
    password, then a code from their authenticator app."""
    device = totp_device(user)
    browser.post("/accounts/login/", {"username": user.email, "password": password})
    answer = browser.post("/accounts/two-factor/verify/", {"otp_code": code_now(device)})
    assert answer.status_code == 302, answer.status_code
    return device
