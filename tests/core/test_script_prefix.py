"""One process, two script prefixes (a proxy that mounts the shop under /shop-a/ and one under
/shop-b/, passed on as SCRIPT_NAME, which gunicorn accepts from a trusted peer): every shared
page cache keys on the prefix, so a page cached for one is never served with another's links
(the catalogue and product pages, whole or in parts, and the `{% chrome %}` layout)."""

import re

import pytest
from django.core.handlers.wsgi import get_script_name
from django.test import Client
from django.test.client import ClientHandler
from django.urls import set_script_prefix

from tests.accounts.factories import UserFactory
from tests.shop.conftest import cart_add
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'(?:href|action|src)="((?:http://testserver)?/[^"]*)"')


class WsgiServerHandler(ClientHandler):
    """The test client's handler, plus what Django's WSGIHandler does first with every request
    a WSGI server (gunicorn) hands it: the script prefix from SCRIPT_NAME / FORCE_SCRIPT_NAME."""

    def __call__(self, environ):
        set_script_prefix(get_script_name(environ))
        try:
            return super().__call__(environ)
        finally:
            set_script_prefix("/")


def browser(prefix: str) -> Client:
    client = Client(SCRIPT_NAME=prefix)
    client.handler = WsgiServerHandler(enforce_csrf_checks=False)
    return client


def links(html: str) -> list[str]:
    """The page's links on this site, static files apart (STATIC_URL is absolute: the same
    under every prefix)."""
    found = [m.removeprefix("http://testserver") for m in LINK.findall(html)]
    return [link for link in found if not link.startswith(("/static/", "/media/"))]


def assert_links_under(html: str, prefix: str, others: tuple[str, ...]) -> None:
    found = links(html)
    assert len(found) > 5, found
    wrong = [link for link in found if not link.startswith(prefix + "/")]
    assert wrong == [], f"links outside {prefix}: {wrong[:5]}"
    for other in others:
        assert other + "/" not in html


@pytest.fixture
def pages(category):
    kettle = ProductFactory.create(category=category, name="Kettle", slug="kettle", stock=4)
    ProductFactory.create(category=category, name="Teapot", slug="teapot", stock=4)
    return ["/", "/?q=kettle", "/category/kitchen/", "/products/kettle/", "/blog/"], kettle


PREFIXES = ("/shop-a", "/shop-b")


def test_first_time_visitors_get_each_prefixs_own_links(pages):
    urls, _kettle = pages
    for url in urls:
        for _round in range(2):  # the second round is served from the caches
            for prefix in PREFIXES:
                response = browser(prefix).get(url)
                assert response.status_code == 200, (url, prefix)
                others = tuple(p for p in PREFIXES if p != prefix)
                assert_links_under(response.text, prefix, others)
        # And at the site's root again, after both.
        root = browser("").get(url).text
        assert not any(p + "/" in root for p in PREFIXES), url


def test_shoppers_and_members_get_each_prefixs_own_links(pages):
    urls, kettle = pages
    member = UserFactory.create()
    for prefix in (*PREFIXES, *PREFIXES):
        others = tuple(p for p in PREFIXES if p != prefix)
        shopper = browser(prefix)
        cart_add(shopper, kettle, 1)  # a session: the page is built from cached parts
        logged_in = browser(prefix)
        logged_in.force_login(member)  # the account's chrome variant
        for client in (shopper, logged_in):
            for url in [*urls, "/cart/"]:
                response = client.get(url)
                assert response.status_code == 200, (url, prefix)
                assert_links_under(response.text, prefix, others)


def test_force_script_name_is_keyed_too(pages, settings):
    urls, _kettle = pages
    for url in urls:
        browser("").get(url)  # cached at the root
    settings.FORCE_SCRIPT_NAME = "/forced"
    for url in urls:
        assert_links_under(browser("").get(url).text, "/forced", PREFIXES)
