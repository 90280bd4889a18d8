"""Monitoring in both languages: the English pages (/en/…) are the same pages to Sentry as the
Ukrainian ones: private forms stay private, checkout is always traced, and a transaction is
named after its route, not after the language prefix or the raw path."""

import re
from decimal import Decimal

import pytest
import sentry_sdk
from django.utils import translation

from monitoring import registry
from monitoring.middleware import route_name
from tests.shop.conftest import ADDRESS
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.production_languages

PRIVATE = ["/checkout/", "/checkout/delivery/", "/checkout/review/"]  # traced: POSTs only
PRIVATE_AND_TRACED = ["/orders/SS-2026-ABCDEF/pay/", "/pay/demo/Zm9vYmFyYmF6/"]


@pytest.mark.parametrize("active", ["uk", "en"])
@pytest.mark.parametrize("path", PRIVATE + PRIVATE_AND_TRACED)
def test_english_checkout_pages_are_private_and_always_traced_in_any_thread_language(path, active):
    """The sampler runs before the request's language is chosen, in whatever language the
    worker's thread served last."""
    with translation.override(active):
        for page in (path, f"/en{path}"):
            assert registry.is_private_path(page), page
            assert registry.is_traced_path(page) == (path in PRIVATE_AND_TRACED), page
            assert registry.is_traced_path(page, "POST") == (
                path != "/checkout/" and "delivery" not in path
            )
        assert not registry.is_private_path("/en/cart/")
        assert not registry.is_traced_path("/en/products/x/")


def test_token_urls_are_scrubbed_with_their_language_prefix():
    registry.ensure_resolved()
    from monitoring.scrubbing import scrub_text

    assert scrub_text("GET /en/orders/link/abc.def:ghi/ 200", pii=True) == (
        "GET /en/orders/link/[Filtered]/ 200"
    )
    assert scrub_text("/en/accounts/reset/MTI/abc-123/", pii=True) == (
        "/en/accounts/reset/[Filtered]/[Filtered]/"
    )


def test_route_names_leave_the_language_prefix_out():
    assert route_name("en/pay/demo/<str:reference>/", "/en/pay/demo/x/") == (
        "/pay/demo/{reference}/"
    )
    assert route_name("cart/add/<int:product_id>/", "/cart/add/3/") == "/cart/add/{product_id}/"
    assert route_name("", "/") == "/"


@pytest.mark.django_db(transaction=True)
def test_an_english_checkout_is_traced_by_route_and_sends_no_address(
    receiver, sentry_start, browser
):
    sentry_start(receiver.dsn, traces_sample_rate=1.0)
    product = ProductFactory.create(price=Decimal("10.00"), stock=5)
    assert browser.post(f"/en/cart/add/{product.pk}/", {"quantity": 1}).status_code == 302
    assert browser.get("/en/checkout/").status_code == 200
    assert browser.post("/en/checkout/", ADDRESS).status_code == 302
    assert browser.post("/en/checkout/delivery/", {"method": "standard"}).status_code == 302
    review = browser.get("/en/checkout/review/")
    assert review.status_code == 200 and "Place order" in review.text
    sentry_sdk.flush(timeout=5)
    expected = {"/checkout/", "/checkout/delivery/", "/checkout/review/"}
    receiver.wait_for(lambda: expected <= {t["transaction"] for t in receiver.transactions()})
    transactions = [t for t in receiver.transactions() if t["transaction"] in expected]
    assert all(re.search(r"/en/checkout/", t["request"]["url"]) for t in transactions)
    # The address form's body is a private form's: never sent, whatever the language.
    [posted] = [
        t
        for t in transactions
        if t["request"]["method"] == "POST" and t["transaction"] == "/checkout/"
    ]
    assert posted["request"].get("data") in (None, "[Filtered]")
    assert b"address_line1=" not in receiver.raw()


@pytest.mark.parametrize(
    ("method", "path", "traced"),
    [
        ("POST", "/checkout/review/", 1.0),  # placing the order
        ("GET", "/checkout/review/", 0.0),  # showing the step: the rate
        ("HEAD", "/en/checkout/review/", 0.0),
        ("POST", "/checkout/", 0.0),  # contact details into the session: the rate
        ("POST", "/cart/add/1/", 0.0),
        ("GET", "/en/pay/demo/Zm9vYmFyYmF6/", 1.0),  # the gateway's page and answer
        ("POST", "/en/pay/demo/Zm9vYmFyYmF6/", 1.0),
        ("POST", "/orders/SS-2026-ABCDEF/pay/", 1.0),
        ("GET", "/orders/SS-2026-ABCDEF/paying/", 1.0),  # back from Stripe: "confirming…"
        ("POST", "/payments/stripe/webhook/", 1.0),
    ],
)
def test_what_moves_money_is_always_traced_and_showing_it_follows_the_rate(method, path, traced):
    from monitoring.sentry import traces_sampler

    context = {"wsgi_environ": {"REQUEST_METHOD": method, "PATH_INFO": path}}
    assert traces_sampler(context, rate=0.0) == traced
    assert traces_sampler(context, rate=0.25) == (traced or 0.25)
