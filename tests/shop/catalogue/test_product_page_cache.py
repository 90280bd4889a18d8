"""The product page is cached per catalogue revision (shop/catalogue/pages.py): never a stale
price or stock level, never one visitor's token or cart on another's page."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from shop.catalogue.pages import CSRF_PLACEHOLDER
from tests.accounts.factories import UserFactory
from tests.shop.conftest import cart_add, checkout
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def price_and_stock(page: str) -> tuple[str, str]:
    main = page.split('class="related"', 1)[0]
    price = re.search(r'class="product-price">(.*?)</p>', main, re.S)
    stock = re.search(r'class="stock[^"]*"[^>]*>(.*?)<', main, re.S)
    assert price and stock, main
    return re.sub(r"<[^>]+>|\s+", " ", price.group(1)).strip(), stock.group(1).strip()


@pytest.fixture
def kettle(category):
    return ProductFactory.create(category=category, name="Kettle", price=Decimal("20.00"), stock=3)


def test_a_cached_product_page_never_shows_a_stale_price_or_stock(client, kettle):
    url = kettle.get_absolute_url()
    assert price_and_stock(client.get(url).text) == ("₴20.00", "Only 3 left")
    assert "₴20.00" in price_and_stock(client.get(url).text)[0]  # from the cache now

    kettle.price = Decimal("18.50")
    kettle.save()
    assert "₴18.50" in price_and_stock(client.get(url).text)[0]

    # The last units go through checkout (a bulk update, no model save): shown at once.
    shopper = Client()
    cart_add(shopper, kettle, 3)
    assert checkout(shopper).status_code == 302
    page = client.get(url).text
    assert price_and_stock(page)[1] == "Out of stock"
    assert "Add to cart" not in page


def test_a_related_card_shows_the_current_price(client, category, kettle):
    teapot = ProductFactory.create(category=category, name="Teapot", price=Decimal("31.00"))
    url = kettle.get_absolute_url()
    assert "₴31.00" in client.get(url).text.split('class="related"', 1)[1]
    teapot.price = Decimal("29.00")
    teapot.save()
    related = client.get(url).text.split('class="related"', 1)[1]
    assert "₴29.00" in related and "₴31.00" not in related


def test_every_first_time_visitor_gets_a_token_of_their_own_that_works(kettle):
    url = kettle.get_absolute_url()
    tokens = []
    for _ in range(2):  # the second visitor gets the cached page
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(url)
        assert CSRF_PLACEHOLDER not in page.text
        [token] = TOKEN.findall(page.text)
        assert "csrftoken" in page.cookies  # the cookie the token belongs to
        added = visitor.post(
            f"/cart/add/{kettle.pk}/", {"quantity": 1, "csrfmiddlewaretoken": token}
        )
        assert added.status_code == 302, added.text
        tokens.append(page.cookies["csrftoken"].value)
    assert tokens[0] != tokens[1]


def test_a_shopper_with_a_cart_or_an_account_never_gets_the_visitors_page(client, kettle):
    url = kettle.get_absolute_url()
    assert Client().get(url).status_code == 200  # cached for first-time visitors
    cart_add(client, kettle, 2)
    page = client.get(url).text
    assert 'data-testid="cart-count" aria-label="2 items in cart">2<' in page
    assert "Added Kettle to your cart." in page
    assert CSRF_PLACEHOLDER not in page

    member = Client()
    member.force_login(UserFactory.create())
    page = member.get(url).text
    assert "Log out" in page and "Log in" not in page
    assert CSRF_PLACEHOLDER not in page


def test_a_query_string_gets_the_page_uncached_and_whole(client, kettle):
    page = client.get(kettle.get_absolute_url(), {"utm_source": "newsletter"}).text
    assert "₴20.00" in price_and_stock(page)[0]
    assert CSRF_PLACEHOLDER not in page and TOKEN.search(page)
    assert client.get("/products/no-such-thing/").status_code == 404
    assert client.get("/products/no-such-thing/", {"x": "1"}).status_code == 404


def test_a_failed_add_to_cart_shows_the_page_with_the_error_and_a_real_token(client, kettle):
    response = client.post(f"/cart/add/{kettle.pk}/", {"quantity": 99})
    assert response.status_code == 400
    assert CSRF_PLACEHOLDER not in response.text and TOKEN.search(response.text)
    assert "message-error" in response.text


def test_the_cart_and_checkout_show_current_prices_and_drop_what_is_no_longer_sold(
    client, category, kettle
):
    """They read products through the same revision-keyed cache (shop/catalogue/selectors.py)."""
    teapot = ProductFactory.create(category=category, name="Teapot", price=Decimal("31.00"))
    cart_add(client, kettle, 1)
    cart_add(client, teapot, 1)
    assert 'data-testid="cart-subtotal">₴51.00<' in client.get("/cart/").text
    assert 'data-testid="cart-subtotal">₴51.00<' in client.get("/cart/").text  # cached now
    kettle.price = Decimal("25.00")
    kettle.save()
    assert 'data-testid="cart-subtotal">₴56.00<' in client.get("/cart/").text
    teapot.is_active = False
    teapot.save()
    page = client.get("/cart/").text
    assert "Some items are no longer sold and were removed." in page
    assert 'data-testid="cart-subtotal">₴25.00<' in page


def test_the_placeholder_becomes_a_token_only_in_the_form(client, kettle):
    """Text the page echoes (a query string, a typed quantity) or a description never turns
    into the visitor's token."""
    kettle.short_description = f"Say {CSRF_PLACEHOLDER} to the kettle"
    kettle.save()
    page = client.get(kettle.get_absolute_url(), {"utm": CSRF_PLACEHOLDER}).text
    [token] = TOKEN.findall(page)
    assert token != CSRF_PLACEHOLDER and page.count(token) == 1
    assert f"Say {CSRF_PLACEHOLDER} to the kettle" in page
    refused = client.post(f"/cart/add/{kettle.pk}/", {"quantity": CSRF_PLACEHOLDER}).text
    [token] = TOKEN.findall(refused)
    assert page.count(token) <= 1 and refused.count(token) == 1


@pytest.mark.parametrize("url", ["/products/kettle/?&&&", "/?&&&", "/?utm_source=mail"])
def test_a_query_string_never_reaches_other_visitors_pages(kettle, url):
    """The language switch repeats the page's query string: a page cached whole for
    first-time visitors is kept per query string, so another visitor never gets someone else's."""
    kettle.slug = "kettle"
    kettle.save()
    assert Client().get(url).status_code == 200
    plain = url.split("?", 1)[0]
    page = Client().get(plain).text
    assert "&amp;&amp;" not in page and "utm_source" not in page
