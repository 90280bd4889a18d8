import pytest
from django.contrib.sessions.backends.db import SessionStore

from shop.cart import Cart


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
