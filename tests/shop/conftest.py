import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from shop.cart.session import Cart
from shop.checkout.review import Review, review_of
from shop.models import Product
from shop.payments.providers import providers_offered

ADDRESS = {
    "email": "guest@example.com",
    "full_name": "Olena Petrenko",
    "phone": "+380 44 123 4567",
    "address_line1": "1 Khreshchatyk St",
    "address_line2": "",
    "city": "Kyiv",
    "postcode": "01001",
    "country": "UA",
}


def cart_add(client, product, quantity=1):
    response = client.post(reverse("shop:cart_add", args=[product.pk]), {"quantity": quantity})
    assert response.status_code == 302, response.content


def review_form(client) -> dict[str, str]:
    """The review page's hidden fields (the checkout token), as the browser sends them back."""
    page = client.get(reverse("shop:checkout_review"))
    assert page.status_code == 200, page.content
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)
    return {name: value for name, value in hidden if name != "csrfmiddlewaretoken"}


def checkout(client, *, shipping="standard", payment="demo", address=None, extra=None):
    """Walk the checkout as a shopper; return the response to "Place order"."""
    response = client.post(reverse("shop:checkout"), address or ADDRESS)
    assert response.status_code == 302, response.content
    response = client.post(reverse("shop:checkout_shipping"), {"method": shipping, **(extra or {})})
    assert response.status_code == 302, response.content
    return client.post(
        reverse("shop:checkout_review"),
        {**review_form(client), "payment_method": payment, **(extra or {})},
    )


@pytest.fixture
def place_order():
    return checkout


@pytest.fixture
def session(db) -> SessionStore:
    """A shopper's server-side session, stored in the database like a browser's."""
    store = SessionStore()
    store.create()
    return store


def stored(session: SessionStore) -> SessionStore:
    """The session as the database holds it now (what the shopper's next request loads)."""
    return SessionStore(session_key=session.session_key)


@pytest.fixture
def cart(session) -> Cart:
    return Cart(session)


def review_now(cart: Cart, *, details, shipping) -> Review:
    """What the review page would show for `cart` now (at the products' current prices)."""
    products = Product.objects.in_bulk(list(cart.quantities))
    return review_of(
        lines=[(products[pid], qty) for pid, qty in cart.quantities.items() if pid in products],
        shipping=shipping,
        details=details.as_dict(),
        payment_methods=[p.code for p in providers_offered()],
        currency=settings.SHOP_CURRENCY,
    )
