import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from shop.cart.session import Cart
from shop.checkout.review import Review, review_of
from shop.models import Product
from shop.payments.providers import providers_offered


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
