"""With no SENTRY_DSN, monitoring is off and silent."""

from io import StringIO

import pytest
import sentry_sdk
from django.core.management import CommandError, call_command
from django.test import Client

from monitoring.sentry import sentry_enabled
from tests.accounts.factories import UserFactory
from tests.support.process import python, settings_code
from tests.support.two_factor import otp_login

pytestmark = pytest.mark.django_db


def test_no_dsn_means_no_client_at_start_up():
    result = settings_code(
        "import sentry_sdk; print(sentry_sdk.get_client().is_active(), sentry_sdk.get_client().dsn)"
    )
    assert result.stdout.split() == ["False", "None"], result.stderr
    assert result.stderr == ""


def test_nothing_is_sent_when_off(receiver):
    assert not sentry_enabled()
    client = Client(raise_request_exception=False)
    otp_login(client, UserFactory.create(is_superuser=True, is_staff=True))
    assert client.get("/_monitoring/sentry-error/").status_code == 500
    response = client.get("/")
    assert response.status_code == 200
    sentry_sdk.flush(timeout=1)
    assert receiver.requests == 0
    assert not sentry_enabled()


def test_the_500_page_without_sentry_has_no_reference(client):
    client.raise_request_exception = False
    otp_login(client, UserFactory.create(is_superuser=True, is_staff=True))
    response = client.get("/_monitoring/sentry-error/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Error reference" not in response.text


def test_sentry_test_without_a_dsn_explains_in_one_line():
    with pytest.raises(CommandError) as excinfo:
        call_command("sentry_test", stdout=StringIO())
    message = str(excinfo.value)
    assert "\n" not in message
    assert "SENTRY_DSN" in message


def test_sentry_test_exits_1_from_the_shell():
    result = python("manage.py", "sentry_test")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "SENTRY_DSN" in result.stderr
