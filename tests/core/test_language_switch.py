"""The language switch takes no CSRF token; the browser's own headers say where a POST came
from: Sec-Fetch-Site, else Origin, else Referer (core.http.request_site, core.views)."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"
FIELDS = {"language": "uk", "next": "/cart/"}
COOKIE = settings.LANGUAGE_COOKIE_NAME


def switched(response) -> bool:
    return response.status_code == 302 and response.cookies[COOKIE].value == "uk"


def refused(response) -> bool:
    return (
        response.status_code == 403
        and COOKIE not in response.cookies
        and "Language not changed" in response.text
        and 'class="empty-state"' in response.text  # the shop's own page, not a bare line
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "none"},
        {"HTTP_ORIGIN": "http://testserver"},
        # An older browser that sends Referer only (our Referrer-Policy keeps it on our site).
        {"HTTP_REFERER": "http://testserver/products/skillet/?ref=ad"},
        {"HTTP_REFERER": "HTTP://TestServer/cart/"},
        # Sec-Fetch-Site decides when present, whatever the others say.
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "https://evil.example"},
        # Origin before Referer.
        {"HTTP_ORIGIN": "http://testserver", "HTTP_REFERER": "https://evil.example/"},
    ],
)
def test_a_switch_from_our_own_pages_changes_the_language(headers):
    assert switched(Client().post(SWITCH, FIELDS, **headers))


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a subdomain is another site here
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},  # a page that hides where it is
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "http://testserver/"},
        # Only a Referer, from another site (Sec-Fetch-Site and Origin absent).
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_REFERER": "http://testserver.evil.example/"},
        {"HTTP_REFERER": "https://testserver/"},  # another scheme is another origin
        {"HTTP_REFERER": "not a url"},
        # None of the three: every browser in use sends Origin on a POST, so this is a script
        # or a browser too old to tell; refused rather than trusted.
        {},
    ],
)
def test_a_switch_posted_from_elsewhere_is_refused_with_a_page_saying_so(headers):
    assert refused(Client().post(SWITCH, FIELDS, **headers))


def test_an_origin_trusted_for_csrf_may_switch(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]
    assert switched(Client().post(SWITCH, FIELDS, HTTP_REFERER="https://shop.example.com/en/"))
    assert switched(Client().post(SWITCH, FIELDS, HTTP_ORIGIN="https://shop.example.com"))


def test_the_refusal_is_in_the_shoppers_language():
    ukrainian = Client()
    ukrainian.cookies[COOKIE] = "uk"
    page = ukrainian.post(SWITCH, FIELDS, HTTP_ORIGIN="https://evil.example")
    assert page.status_code == 403
    assert "Мову не змінено" in page.text and "Повернутися до магазину" in page.text
