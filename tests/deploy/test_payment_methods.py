"""Which payment methods a deployment offers is chosen (PAYMENT_METHODS), checked at start-up
in a fresh interpreter as Render starts it: a list the shop cannot serve as it says stops the
process with one line, and the demo gateway, which takes no money, never runs in production
unless the deployment says it is a demo."""

import pytest

from shop.payments.config import KNOWN
from shop.payments.providers import PROVIDERS
from tests.deploy.support import blueprint, production, settings_probe
from tests.support.process import settings_code

KEY = "sk_test_51Hxyz0123456789abcdefABCDEF"
LIVE_KEY = "sk_live_51Hxyz0123456789abcdefABCDEF"
WEBHOOK_SECRET = "whsec_0123456789abcdefABCDEF0123456789"
METHODS = "[settings.PAYMENT_METHODS, settings.DEMO_PAYMENTS]"


def refused(**env: str) -> str:
    """Start the settings with `env`; the one line start-up stopped with."""
    result = settings_code("print('started')", **env)
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Configuration error: PAYMENT_METHODS") or "DEMO_PAYMENTS" in line
    return line


def test_the_configuration_knows_every_provider_the_shop_has():
    assert set(KNOWN) == set(PROVIDERS)


def test_production_offers_only_cash_on_delivery_unless_told_otherwise():
    assert settings_probe(METHODS, **production()) == [["cod"], False]


def test_local_development_offers_what_works_without_keys():
    # `make run`: DEBUG on, no keys. The demo gateway lets a developer "pay" without Stripe.
    assert settings_probe(METHODS) == [["cod", "demo"], False]


def test_production_offers_the_methods_listed_in_that_order():
    config = settings_probe(
        METHODS,
        **production(
            PAYMENT_METHODS=" Stripe , cod,stripe",
            STRIPE_SECRET_KEY=KEY,
            STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        ),
    )
    assert config == [["stripe", "cod"], False]


def test_an_unknown_method_stops_start_up_naming_it():
    line = refused(**production(PAYMENT_METHODS="cod,paypal"))
    assert "'paypal'" in line and "stripe, monobank, cod, demo" in line
    assert "names no payment method" in refused(**production(PAYMENT_METHODS=" , "))


@pytest.mark.parametrize(
    ("secrets", "missing"),
    [
        ({}, "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are not set"),
        ({"STRIPE_SECRET_KEY": KEY}, "STRIPE_WEBHOOK_SECRET is not set"),
        ({"STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET}, "STRIPE_SECRET_KEY is not set"),
    ],
)
def test_stripe_listed_without_its_secrets_stops_production_start_up(secrets, missing):
    line = refused(**production(PAYMENT_METHODS="stripe,cod", **secrets))
    assert missing in line
    for value in secrets.values():
        assert value not in line  # never the operator's secret


def test_stripe_listed_without_secrets_is_only_not_offered_locally():
    assert settings_probe(METHODS, PAYMENT_METHODS="stripe,cod") == [["stripe", "cod"], False]


def test_the_demo_gateway_is_refused_in_production_unless_the_deployment_is_a_demo():
    line = refused(**production(PAYMENT_METHODS="cod,demo"))
    assert "DEMO_PAYMENTS=true" in line
    refused(**production(PAYMENT_METHODS="demo", DEMO_PAYMENTS="false"))
    # A demo deployment: it says so, and gets the demo gateway by default.
    assert settings_probe(METHODS, **production(DEMO_PAYMENTS="true")) == [["cod", "demo"], True]
    assert settings_probe(METHODS, **production(DEMO_PAYMENTS="true", PAYMENT_METHODS="demo")) == [
        ["demo"],
        True,
    ]


def test_pages_cached_with_the_demo_banner_are_never_served_without_it():
    # The page caches' keys start with settings.BUILD (it outlives a restart in Redis).
    plain = settings_probe("settings.BUILD", **production())
    demo = settings_probe("settings.BUILD", **production(DEMO_PAYMENTS="true"))
    assert plain != demo


def test_a_demo_deployment_cannot_take_real_money_through_stripe():
    env = production(PAYMENT_METHODS="stripe,demo", DEMO_PAYMENTS="true")
    line = refused(**env, STRIPE_SECRET_KEY=LIVE_KEY, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET)
    assert "live key" in line and LIVE_KEY not in line
    test_keys = {"STRIPE_SECRET_KEY": KEY, "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET}
    assert settings_probe(METHODS, **env, **test_keys) == [["stripe", "demo"], True]


def test_the_blueprint_chooses_card_payments_and_cash_on_delivery():
    [group] = blueprint()["envVarGroups"]
    entries = {e["key"]: e for e in group["envVars"]}
    assert entries["PAYMENT_METHODS"]["value"] == "stripe,cod"
    assert "DEMO_PAYMENTS" not in entries  # a real shop: never the demo gateway


def test_monobank_listed_without_its_token_stops_production_start_up():
    line = refused(**production(PAYMENT_METHODS="monobank,cod"))
    assert "PAYMENT_METHODS lists monobank but MONOBANK_TOKEN is not set" in line
    config = settings_probe(
        METHODS, **production(PAYMENT_METHODS="monobank,cod", MONOBANK_TOKEN="uTestToken123")
    )
    assert config[0] == ["monobank", "cod"]
