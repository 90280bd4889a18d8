"""Stripe's configuration, checked at start-up in a fresh interpreter as an operator sees it:
a malformed value stops the process with one line naming the variable (never its value)."""

import json

import pytest

from tests.support.process import python, settings_code

PROBE = (
    "print(json.dumps({'base': settings.STRIPE_API_BASE, "
    "'form': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'], "
    "'secrets': [s for s in settings.MONITORING_SECRETS if 'sk_' in s or 'whsec_' in s]}))"
)
KEY = "sk_test_51Hxyz0123456789abcdefABCDEF"
WEBHOOK_SECRET = "whsec_0123456789abcdefABCDEF0123456789"


@pytest.mark.parametrize(
    ("env", "variable", "secret"),
    [
        ({"STRIPE_SECRET_KEY": "pk_test_51Hxyz0123456789"}, "STRIPE_SECRET_KEY", "pk_test_"),
        ({"STRIPE_SECRET_KEY": "sk_test_ has a space"}, "STRIPE_SECRET_KEY", "has a space"),
        ({"STRIPE_WEBHOOK_SECRET": "sk_test_0123456789"}, "STRIPE_WEBHOOK_SECRET", "sk_test_"),
        ({"STRIPE_API_BASE": "ftp://stripe.example.com"}, "STRIPE_API_BASE", None),
        ({"STRIPE_API_BASE": "https://user:pw@api.example.com"}, "STRIPE_API_BASE", "pw@"),
        ({"STRIPE_API_BASE": "http://127.0.0.1:99999"}, "STRIPE_API_BASE", None),
        (
            {
                "STRIPE_SECRET_KEY": KEY,
                "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
                "SHOP_CURRENCY": "US Dollar",
            },
            "SHOP_CURRENCY",
            None,
        ),
    ],
)
def test_a_malformed_stripe_setting_stops_start_up_with_one_line(env, variable, secret):
    result = settings_code("print('started')", **env)
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Configuration error: ") and variable in line
    assert "Traceback" not in result.stderr
    if secret:
        assert secret not in result.stderr  # the operator's secret is never echoed


def test_stripe_is_on_with_both_secrets_and_its_secrets_are_scrubbed():
    result = settings_code(
        PROBE,
        STRIPE_SECRET_KEY=KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        STRIPE_API_BASE="http://127.0.0.1:12111/",
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["base"] == "http://127.0.0.1:12111"
    # "Place order" answers with a redirect to Checkout: the CSP must allow that form target.
    assert config["form"] == ["'self'", "https://checkout.stripe.com", "http://127.0.0.1:12111"]
    assert sorted(config["secrets"]) == sorted([KEY, WEBHOOK_SECRET])


def test_without_stripe_forms_go_only_to_the_shop():
    result = settings_code(PROBE)
    assert json.loads(result.stdout)["form"] == ["'self'"]


def test_one_secret_alone_leaves_card_payments_off_and_check_says_which_is_missing():
    result = python("manage.py", "check", STRIPE_SECRET_KEY=KEY)
    assert result.returncode == 0, result.stderr
    assert "shop.W001" in result.stderr
    assert "STRIPE_WEBHOOK_SECRET is not set" in result.stderr
    assert KEY not in result.stderr + result.stdout


def test_check_says_when_payment_methods_and_the_stripe_secrets_disagree():
    listed = python("manage.py", "check", PAYMENT_METHODS="stripe,cod")
    assert listed.returncode == 0, listed.stderr
    assert "shop.W002" in listed.stderr and "not offered" in listed.stderr
    unlisted = python(
        "manage.py", "check", STRIPE_SECRET_KEY=KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET
    )
    assert "shop.W003" in unlisted.stderr
    assert KEY not in unlisted.stderr + unlisted.stdout
    chosen = python(
        "manage.py",
        "check",
        PAYMENT_METHODS="stripe,cod",
        STRIPE_SECRET_KEY=KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )
    assert "shop.W00" not in chosen.stderr, chosen.stderr
