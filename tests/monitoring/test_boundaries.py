"""Monitoring is a leaf: it never imports the apps it watches nor hard-codes their URLs. They
register what it needs by URL name; a name that does not resolve stops start-up loudly, and a
path that moves keeps being matched. Event processors hold the request weakly."""

import ast
import gc
import re
import weakref
from pathlib import Path

import pytest
import sentry_sdk
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from monitoring import registry
from monitoring.api import urls_register
from monitoring.middleware import SentryContextMiddleware
from tests.support.process import python

MONITORING = Path(__file__).resolve().parents[2] / "monitoring"
WATCHED_APPS = ("shop", "blog", "accounts")


def sources() -> list[Path]:
    return [p for p in MONITORING.rglob("*.py") if "migrations" not in p.parts]


def test_monitoring_imports_none_of_the_apps_it_watches():
    imports = []
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imports += [(path.name, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                imports.append((path.name, node.module))
    assert [(f, m) for f, m in imports if m.split(".")[0] in WATCHED_APPS] == []


def test_monitoring_hard_codes_none_of_their_urls():
    pattern = re.compile(r"""["'](/(?:checkout|pay|orders|cart|accounts|blog|admin)\b[^"']*)""")
    found = [(p.name, m) for p in sources() for m in pattern.findall(p.read_text())]
    assert found == []


def test_a_registered_url_name_that_does_not_resolve_fails_loudly():
    with pytest.raises(ImproperlyConfigured, match="shop:checkout_reveiw"):
        urls_register(private_forms=["shop:checkout_reveiw"])
    registry.REGISTRY.urls[registry.PRIVATE_FORMS].discard("shop:checkout_reveiw")
    registry.urls_resolve()


def test_start_up_stops_when_an_app_registered_a_name_that_does_not_resolve():
    settings = {"DJANGO_SETTINGS_MODULE": "tests.monitoring.misregistered_settings"}
    check = python("manage.py", "check", **settings)
    assert check.returncode == 1
    assert "monitoring.E001" in check.stderr and "shop:checkout_reveiw" in check.stderr
    # The web server does not start either: its first step, loading the middleware, fails.
    wsgi = python(
        "-c",
        "from django.core.wsgi import get_wsgi_application; get_wsgi_application()",
        **settings,
    )
    assert wsgi.returncode == 1
    assert "ImproperlyConfigured" in wsgi.stderr and "shop:checkout_reveiw" in wsgi.stderr


def test_a_moved_path_keeps_its_name_and_stays_private(settings):
    settings.ROOT_URLCONF = "tests.monitoring.moved_urls"
    assert registry.is_private_path("/kasse/checkout/review/")
    assert registry.is_traced_path("/kasse/pay/demo/abc/")
    assert not registry.is_private_path("/kasse/cart/")


def test_event_processors_hold_the_request_weakly(sentry, db):
    request = RequestFactory().get("/cart/")
    request.user = AnonymousUser()
    request.session = SessionBase()
    seen = weakref.ref(request)
    middleware = SentryContextMiddleware(lambda r: HttpResponse("ok"))
    with sentry_sdk.start_transaction(name="weak"):  # the SDK's request scope, as under WSGI
        middleware(request)
        del request
        gc.collect()
        assert seen() is None  # the scope's processor did not keep it alive
        sentry_sdk.capture_message("after the request is gone")
    sentry_sdk.flush(timeout=5)
    assert sentry.wait_for(
        lambda: [e for e in sentry.events() if e.get("message") == "after the request is gone"]
    )
