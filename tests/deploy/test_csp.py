"""Content-Security-Policy: strict on every page, shop and admin alike, and violations reported
to Sentry's security endpoint for the project in the DSN."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from monitoring.csp import csp_report_uri
from tests.accounts.factories import UserFactory
from tests.blog.factories import PostFactory
from tests.deploy.support import inline_code, production, settings_probe
from tests.shop.conftest import cart_add
from tests.shop.factories import ProductFactory
from tests.support.sentry import sentry_config
from tests.support.two_factor import otp_login


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# --- the report URI, from the DSN --------------------------------------------------------


def test_the_report_uri_is_sentrys_security_endpoint_for_the_dsn_project():
    config = sentry_config(
        "https://abc123@o42.ingest.sentry.io/4507123",
        environment="production",
        release="smartshop-ai@0123456789ab",
    )
    assert csp_report_uri(config) == (
        "https://o42.ingest.sentry.io/api/4507123/security/?sentry_key=abc123"
        "&sentry_environment=production&sentry_release=smartshop-ai%400123456789ab"
    )


def test_a_port_and_a_path_prefix_in_the_dsn_are_kept():
    config = sentry_config("http://key:oldsecret@sentry.internal:9000/sub/7", environment="staging")
    report_uri = csp_report_uri(config)
    assert report_uri is not None
    uri = urlsplit(report_uri)
    assert (uri.scheme, uri.netloc, uri.path) == (
        "http",
        "sentry.internal:9000",
        "/sub/api/7/security/",
    )
    assert parse_qs(uri.query)["sentry_key"] == ["key"]  # the public key only, never the secret
    assert "oldsecret" not in report_uri


def test_without_a_dsn_there_is_no_report_uri():
    assert csp_report_uri(sentry_config(None)) is None


def test_settings_put_the_report_uri_in_the_policy_when_a_dsn_is_set():
    policy = settings_probe(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-uri']",
        # On loopback: the SDK starts in the probe, and nothing may leave this machine.
        **production(SENTRY_DSN="http://abc@127.0.0.1:9/99", RENDER_GIT_COMMIT="f" * 40),
    )
    assert policy == (
        "http://127.0.0.1:9/api/99/security/?sentry_key=abc"
        "&sentry_environment=development&sentry_release=smartshop-ai%40ffffffffffff"
    )
    assert settings_probe("settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-uri']") is None


@pytest.mark.django_db
def test_a_browsers_violation_report_reaches_sentry(settings, receiver, client):
    """What a browser does with the header: POST the report to report-uri. Our local Sentry
    receiver stands in for Sentry and gets it on the project's security endpoint."""
    config = sentry_config(receiver.dsn)
    policy = settings.CONTENT_SECURITY_POLICY | {
        "DIRECTIVES": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        | {"report-uri": csp_report_uri(config)}
    }
    settings.CONTENT_SECURITY_POLICY = policy
    header = client.get(reverse("shop:catalogue"))["Content-Security-Policy"]
    [report_uri] = directives(header)["report-uri"]
    assert urlsplit(report_uri).path == "/api/42/security/"

    report = {
        "csp-report": {
            "document-uri": "https://shop.example.com/",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js",
            "original-policy": header,
            "disposition": "enforce",
            "status-code": 200,
        }
    }
    answer = httpx.post(
        report_uri, json=report, headers={"Content-Type": "application/csp-report"}, timeout=5
    )
    assert answer.status_code == 200
    assert receiver.wait_for(lambda: receiver.security_reports) == [report]


# --- the policy on real pages ------------------------------------------------------------


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


@pytest.fixture
def pages(db):
    product = ProductFactory.create(slug="kettle")
    post = PostFactory.create(slug="brewing-guide", body_markdown="# Brew\n\nSome **advice**.")
    return [
        reverse("shop:catalogue"),
        reverse("shop:category", args=[product.category.slug]),
        reverse("shop:product", args=[product.slug]),
        reverse("shop:cart"),
        reverse("blog:post_list"),
        post.get_absolute_url(),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
        reverse("shop:order_find"),
        reverse("shop:order_find_sent"),
    ]


def assert_strict(header: str) -> None:
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert all(v == "'self'" or v.startswith("'nonce-") for v in policy["script-src"])
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_shop_pages_send_a_strict_policy_and_break_none_of_it(production_like, client, pages):
    cart_add(client, ProductFactory.create(), 1)  # the cart with a line, and "Empty your cart?"
    pages = [*pages, reverse("shop:cart"), reverse("shop:cart_clear")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response["Content-Security-Policy"])
        assert inline_code(response.content.decode()) == [], url


def test_the_error_pages_are_covered_too(production_like, db):
    staff = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    otp_login(client, staff)
    for url, status in [("/no-such-page/", 404), (reverse("sentry_debug"), 500)]:
        response = client.get(url)
        assert response.status_code == status
        assert_strict(response["Content-Security-Policy"])
        assert inline_code(response.content.decode()) == [], url


def admin_urls() -> list[str]:
    urls = [
        reverse("admin:index"),
        reverse("admin:blog_post_write_with_ai"),
        reverse("admin:shop_order_dashboard"),
    ]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[instance.pk]))
    return urls


def test_the_admin_needs_no_exception_from_the_policy(production_like, client, pages):
    """Django's admin uses only script files (no inline scripts or styles), so it runs under
    the same policy as the shop: every registered model's list, add and change pages."""
    otp_login(client, UserFactory.create(is_staff=True, is_superuser=True))
    for url in admin_urls():
        response = client.get(url)
        if response.status_code == 403:
            continue  # no "add" for this model, by design (jobs, orders)
        assert response.status_code == 200, url
        assert_strict(response["Content-Security-Policy"])
        assert inline_code(response.content.decode()) == [], url


def test_an_inline_script_would_need_the_requests_nonce(production_like, rf):
    """The nonce is there for the day a page needs an inline script: using it puts the same
    nonce in the header."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    assert isinstance(response, HttpResponse)
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]
