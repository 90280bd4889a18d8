"""Second factors and account links on the wire: the real SDK sends to the local envelope
receiver, and no enrolment secret, code, recovery code or verification link may arrive, with
user PII off and on. A refused code is a breadcrumb of the error report that follows."""

import base64
import json
import re

import pytest
import sentry_sdk
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD, UserFactory
from tests.support.text import match_in
from tests.support.two_factor import code_from_secret

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=[False, True], ids=["pii-off", "pii-on"])
def pii(request, receiver, sentry_start):
    sentry_start(receiver.dsn, send_user_pii=request.param)
    return request.param


def delivered(receiver) -> bytes:
    sentry_sdk.flush(timeout=5)
    receiver.wait_for(receiver.transactions)
    return receiver.raw()


def leaked(raw: bytes, planted) -> list[str]:
    return [value for value in planted if value and value.encode() in raw]


def test_enrolment_secret_codes_and_recovery_codes_never_reach_sentry(pii, receiver, browser):
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    assert browser.post("/accounts/login/", {"username": staff.email, "password": PASSWORD})
    assert browser.get("/admin/").headers["location"].startswith("/accounts/two-factor/setup/")
    page = browser.get("/accounts/two-factor/setup/").text
    secret = match_in(r'data-testid="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    right = code_from_secret(secret)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = browser.post("/accounts/two-factor/setup/", {"otp_code": wrong})
    assert refused.status_code == 400
    done = browser.post("/accounts/two-factor/setup/", {"otp_code": right})
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(recovery) == 10
    # An error after it all: its report carries the journey, the refused code included.
    assert browser.get("/_monitoring/sentry-error/").status_code == 500

    raw = delivered(receiver)
    [error] = receiver.wait_for(lambda: [e for e in receiver.events() if e.get("level") == "error"])
    crumbs = [c["message"] for c in error["breadcrumbs"]["values"] if c.get("message")]
    assert "Second factor refused" in crumbs
    key = TOTPDevice.objects.get(user=staff).key
    compact = secret.replace(" ", "")
    planted = [
        secret,
        compact,
        key,
        right,
        wrong,
        *recovery,
        base64.b32encode(bytes.fromhex(key)).decode(),
    ]
    assert leaked(raw, planted) == []
    assert "/accounts/two-factor/setup/" in json.dumps(
        [t["transaction"] for t in receiver.transactions()]
    )


def test_verification_and_email_change_links_never_reach_sentry(pii, receiver, browser):
    form = {
        "email": "nova@example.com",
        "password1": "a-Long-passphrase-77",
        "password2": "a-Long-passphrase-77",
    }
    assert browser.post("/accounts/signup/", form).status_code == 302
    verify = match_in(r"https?://\S+", mail.outbox[0].body).group(0)
    assert browser.get(verify.split("//", 1)[1].split("/", 1)[1].join(["/", ""])).status_code == 302
    change = {"email": "nova.new@example.com", "password": "a-Long-passphrase-77"}
    assert browser.post("/accounts/email/", change).status_code == 302
    confirm = match_in(r"https?://\S+", mail.outbox[1].body).group(0)
    token = confirm.rstrip("/").rsplit("/", 1)[-1]
    assert browser.get("/" + confirm.split("//", 1)[1].split("/", 1)[1]).status_code == 302
    assert browser.get("/_monitoring/sentry-error/").status_code == 404

    raw = delivered(receiver)
    verify_token = verify.rstrip("/").rsplit("/", 1)[-1]
    assert leaked(raw, [verify_token, token]) == []
    names = [t["transaction"] for t in receiver.transactions()]
    assert "send_email_link" in names
