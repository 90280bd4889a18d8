"""Production without EMAIL_URL: nothing is sent, and no message (reset link, signed order link)
reaches the server log; one line per recipient says mail is not configured."""

import logging
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.models import Order
from tests.deploy.support import production, settings_probe
from tests.shop.conftest import cart_add, checkout
from tests.support.process import settings_code

NOT_SENT = "not sent: EMAIL_URL unset"
LINKS = re.compile(r"/accounts/reset/|/orders/link/|token", re.I)


def test_production_without_email_url_logs_one_line_and_never_the_message():
    send = (
        "from django.core.mail import send_mail; "
        "send_mail('Reset your password', "
        "'Open https://shop.example.com/accounts/reset/MQ/c9x2ab-0f4e1d2c3b4a/ "
        "or https://shop.example.com/orders/link/SS-2026-ABCDEF:sig/', "
        "None, ['olena@example.com'])"
    )
    result = settings_code(send, **production())
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert NOT_SENT in output
    assert "e-mail to " in output
    assert not LINKS.search(output), output
    assert "Reset your password" not in output
    assert len([line for line in output.splitlines() if NOT_SENT in line]) == 1


def test_the_backends_production_and_local_runs_get():
    expression = "settings.EMAIL_BACKEND"
    assert settings_probe(expression, **production()) == "core.mail.UnsentEmailBackend"
    assert settings_probe(expression) == "django.core.mail.backends.console.EmailBackend"
    smtp = settings_probe(expression, **production(EMAIL_URL="smtp+tls://u:p@mail.example:587"))
    assert smtp == "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def production_mail(settings):
    """This process sends mail with the backend production settings choose without EMAIL_URL."""
    settings.EMAIL_BACKEND = settings_probe("settings.EMAIL_BACKEND", **production())


@pytest.mark.django_db
def test_reset_and_order_emails_leave_no_link_in_the_log(
    production_mail, user, product, caplog, capsys, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    client = Client()
    assert client.post(reverse("accounts:password_reset"), {"email": user.email}).status_code == 302
    cart_add(client, product, 1)
    with django_capture_on_commit_callbacks(execute=True):
        checkout(client, payment="cod")
    assert Order.objects.exists()

    assert mail.outbox == []
    captured = capsys.readouterr()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for text in (captured.out, captured.err, logged):
        assert not LINKS.search(text), text
        assert "Subject:" not in text
    assert logged.count(NOT_SENT) == 2  # the reset e-mail and the order confirmation
