import os
from importlib import import_module

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from monitoring.sentry import sentry_init
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.factories import CategoryFactory, ProductFactory
from tests.support.monobank_server import MonobankStandIn
from tests.support.sentry import sentry_config, sentry_reset
from tests.support.sentry_receiver import SentryReceiver
from tests.support.stripe_server import StripeStandIn
from tests.support.two_factor import otp_login

# Property tests (hypothesis): about 50 examples each for quick local runs, 300 in CI, where
# .ci/run sets HYPOTHESIS_PROFILE=ci. A test's own @settings may add a deadline, never a count.
hypothesis_settings.register_profile("dev", max_examples=50)
hypothesis_settings.register_profile("ci", max_examples=300)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config):
    """In production the SDK starts in MonitoringConfig.ready(), so its Django integration
    patches `django.shortcuts.render` (template spans) before any view is imported. Tests start
    the SDK per test; set its integrations up once here, before collection imports views."""
    sentry_init(sentry_config("http://setup@127.0.0.1:9/1"))
    sentry_reset()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests build their tables from the models (--no-migrations). On PostgreSQL the search
    also needs what migration shop 0008 adds outside them: pg_trgm and the stored document."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            search = import_module("shop.migrations.0009_search")
            with connection.schema_editor() as editor:
                editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                search.search_document_add(None, editor)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Test transactions roll back, so catalogue revisions repeat between tests: a cache kept
    # across tests would serve one test's pages in the next.
    from django.core.cache import cache

    cache.clear()


# --- Languages: how the suite runs -----------------------------------------------------------
# Production serves Ukrainian (LANGUAGE_CODE "uk") at the unprefixed URLs and English under
# /en/ (smartshop/urls.py, core/locale.py). Most of the suite is about behaviour that is the
# same in every language (stock, checkout, exactly-once, throttling, Sentry, deploy) and
# asserts English text at unprefixed URLs, as written before the translations. It keeps doing
# so: English is the default language here, so unprefixed URLs are English as they were and
# Ukrainian lives under /uk/. Nothing else changes: the same middleware, URLconf, catalogues
# and modeltranslation set-up (its default language, read at start-up, stays Ukrainian, as in
# production, so the admin and code outside a request behave as in production).
#
# What depends on the language itself runs with the production setting, Ukrainian by default:
# mark it `production_languages` (tests/i18n/: first visits by Accept-Language, the switcher
# and the remembered choice, hreflang, money and dates per language, Ukrainian pages free of
# English interface text, e-mails in the order's language, the message catalogue). The browser
# journeys (tests/e2e) run both languages with the production setting too.
@pytest.fixture(autouse=True)
def _language_default(request, settings):
    from django.urls import clear_url_caches
    from django.utils import translation

    if request.node.get_closest_marker("production_languages") is None:
        settings.LANGUAGE_CODE = "en"
    # The URL resolver keeps its reverse() tables per language, built with the default
    # language of the moment (which has no prefix): built afresh for this test's default.
    clear_url_caches()
    # Each test starts in the default language: a request leaves its language active in the
    # thread, and the next test's reverse() would otherwise build that language's URLs.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing cost is not under test; MD5 keeps the suite fast. Validators still run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def receiver():
    """A real HTTP server on 127.0.0.1 that receives Sentry envelopes."""
    server = SentryReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def sentry_start(settings):
    """Start the real SDK with our configuration (traces at 1.0) pointed at `dsn`;
    reset to "no DSN" afterwards. Extra SDK options go in `sdk_options`."""

    def start(dsn: str, **changes):
        sdk_options = changes.pop("sdk_options", {})
        config = sentry_config(dsn, **changes)
        settings.SENTRY = config
        sentry_reset()
        sentry_init(config, **sdk_options)
        return config

    yield start
    sentry_reset()


@pytest.fixture
def sentry(receiver, sentry_start):
    """Sentry on, sending to `receiver`; returns the receiver."""
    sentry_start(receiver.dsn)
    return receiver


@pytest.fixture
def stripe_standin(settings):
    """A local Stripe stand-in, with the shop configured for it (card payments on)."""
    from shop.payments.stripe.config import stripe_form_targets

    standin = StripeStandIn().start()
    settings.STRIPE_SECRET_KEY = standin.api_key
    settings.STRIPE_WEBHOOK_SECRET = standin.webhook_secret
    settings.STRIPE_API_BASE = standin.url
    settings.PAYMENT_METHODS = ["stripe", *settings.PAYMENT_METHODS]
    policy = settings.CONTENT_SECURITY_POLICY
    directives = policy["DIRECTIVES"] | {
        "form-action": ["'self'", *stripe_form_targets(enabled=True, api_base=standin.url)]
    }
    settings.CONTENT_SECURITY_POLICY = policy | {"DIRECTIVES": directives}
    yield standin
    standin.stop()


@pytest.fixture
def monobank_standin(settings):
    """A local monobank acquiring stand-in, with the shop configured for it (monobank on)."""
    standin = MonobankStandIn().start()
    settings.MONOBANK_TOKEN = standin.token
    settings.MONOBANK_API_BASE = standin.url
    settings.PAYMENT_METHODS = ["monobank", *settings.PAYMENT_METHODS]
    policy = settings.CONTENT_SECURITY_POLICY
    directives = policy["DIRECTIVES"] | {
        "form-action": [*policy["DIRECTIVES"]["form-action"], standin.url]
    }
    settings.CONTENT_SECURITY_POLICY = policy | {"DIRECTIVES": directives}
    yield standin
    standin.stop()


@pytest.fixture
def category(db):
    return CategoryFactory.create(name="Kitchen", slug="kitchen")


@pytest.fixture
def product(category):
    return ProductFactory.create(
        category=category, name="Cast Iron Skillet", slug="skillet", stock=10
    )


@pytest.fixture
def user(db):
    return UserFactory.create()


@pytest.fixture
def staff_user(db):
    return UserFactory.create(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(staff_user) -> Client:
    """Staff signed in with both factors (tests/support/two_factor.py)."""
    client = Client()
    otp_login(client, staff_user)
    return client


@pytest.fixture
def user_client(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: SQLite has no row locks (SELECT ... FOR UPDATE), full-text "
        "or trigram search. "
        "Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/smartshop; .ci/run does."
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
