"""Second factors (django-otp): an authenticator app (TOTP) and single-use recovery codes.

Enrolment: `totp_device_start` (an unconfirmed device: its QR code and secret are shown),
`totp_device_confirm` (the first code from the app confirms it and creates recovery codes).
Log-in: `second_factor_verify` checks a code against every confirmed device of the account,
counting wrong codes per account: settings.OTP_FAILURE_LIMIT of them in a row lock the second
step for settings.OTP_COOLOFF_TIME. A verified session carries django-otp's device id and the
time of the last code, which `accounts.sudo.sudo_fresh` reads. Codes are never logged.
"""

import base64
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from monitoring.api import breadcrumb

logger = logging.getLogger("accounts.two_factor")

# Session keys: a second factor is due (the account has one; set at log-in), and when the
# last code was given (a Unix time; the "sudo" window counts from it).
PENDING_KEY = "otp_pending"
VERIFIED_AT_KEY = "otp_verified_at"
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


class SecondFactorLocked(Exception):
    """Too many wrong codes: the account's second step is locked until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__("second factor locked")
        self.until = until


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    secret: str  # base32, in groups of four, for typing into an app by hand
    qr_data_uri: str  # an SVG of the otpauth:// URI


def has_second_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def session_verified(user: object) -> bool:
    """A second factor was given in this session (django-otp's OTPMiddleware adds
    `is_verified` to request.user)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def totp_device_start(*, user: User) -> Enrolment:
    """The account's unconfirmed authenticator-app device, made on the first call and kept
    until confirmed, so reloading the page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return enrolment_of(device)


def enrolment_of(device: TOTPDevice) -> Enrolment:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string()
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    return Enrolment(device=device, secret=grouped, qr_data_uri=uri)


def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str]:
    """Confirm `device` with a code from the app: returns the new recovery codes (shown once),
    or [] when the code is wrong. The session counts as verified from here."""
    user = cast(User, request.user)
    if device.user_id != user.pk or device.confirmed:
        return []
    second_factor_lock_check(user=user)
    if not device.verify_token(_clean(token)):
        _failure(user=user, step="enrol")
        return []
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_codes = recovery_codes_replace(user=user)
    second_factor_accept(request=request, device=device)
    logger.info("Two-factor device added for user %s", user.pk)
    return otp_codes


def recovery_codes_replace(*, user: User) -> list[str]:
    """A new set of single-use recovery codes; the old ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        otp_codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in otp_codes)
    return otp_codes


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code (app or recovery) for the signed-in account; on success the session is
    verified (and its sudo window starts). Raises SecondFactorLocked while locked."""
    user = cast(User, request.user)
    second_factor_lock_check(user=user)
    token = _clean(token)
    for device in devices_for_user(user, confirmed=True):
        if token and device.verify_is_allowed()[0] and device.verify_token(token):
            _counts_reset(user)
            second_factor_accept(request=request, device=device)
            if isinstance(device, StaticDevice):
                logger.info("Recovery code used for user %s", user.pk)
            return True
    _failure(user=user, step="verify")
    return False


def second_factor_accept(*, request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)
    request.session[VERIFIED_AT_KEY] = time.time()


def verified_session_data(device: Device) -> dict:
    """What a session holds once `device` verified it just now (tests and tools sign in so)."""
    return {DEVICE_ID_SESSION_KEY: device.persistent_id, VERIFIED_AT_KEY: time.time()}


def verified_seconds_ago(session: SessionBase) -> float | None:
    at = session.get(VERIFIED_AT_KEY)
    return None if at is None else time.time() - float(at)


def second_factor_lock_check(*, user: User) -> None:
    failures, last = _counts(user)
    if failures < settings.OTP_FAILURE_LIMIT or last is None:
        return
    until = last + settings.OTP_COOLOFF_TIME
    if until > timezone.now():
        raise SecondFactorLocked(until)
    _counts_reset(user)  # the cool-off is over: a fresh start


def second_factor_reset(*, user: User, actor: User | None) -> int:
    """Remove every second factor of `user` (a lost phone): they enrol again at next log-in
    (staff) or may (shoppers). Logged with who did it."""
    with transaction.atomic():
        count = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            count += 1
    logger.warning(
        "Two-factor reset for user %s by user %s (%d devices removed)",
        user.pk,
        actor.pk if actor else "-",
        count,
    )
    return count


def _device_models() -> tuple[type[TOTPDevice], type[StaticDevice]]:
    return TOTPDevice, StaticDevice


def _counts(user: User) -> tuple[int, datetime | None]:
    """Wrong codes in a row, and the last one. Every device of the account counts each wrong
    code once (django-otp), so the highest count is the number of attempts."""
    failures, last = 0, None
    for model in _device_models():
        row = model.objects.filter(user=user).aggregate(
            n=Max("throttling_failure_count"), last=Max("throttling_failure_timestamp")
        )
        failures = max(failures, row["n"] or 0)
        if row["last"] and (last is None or row["last"] > last):
            last = row["last"]
    return failures, last


def _counts_reset(user: User) -> None:
    for model in _device_models():
        model.objects.filter(user=user).update(
            throttling_failure_count=0, throttling_failure_timestamp=None
        )


def _failure(*, user: User, step: str) -> None:
    failures, _ = _counts(user)
    breadcrumb("Second factor refused", user_id=user.pk, step=step, failures=failures)
    if failures == settings.OTP_FAILURE_LIMIT:
        minutes = int(settings.OTP_COOLOFF_TIME.total_seconds() // 60)
        logger.warning(
            "Second factor locked for user %s after %d wrong codes (%d minutes)",
            user.pk,
            failures,
            minutes,
        )


def _clean(token: str) -> str:
    return "".join(token.split())[:16]
