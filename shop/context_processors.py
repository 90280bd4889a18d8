from django.http import HttpRequest

from shop.cart.session import Cart
from shop.payments.providers import demo_payments_on


def cart_summary(request: HttpRequest) -> dict[str, int]:
    # Counted from the session alone: the header costs no database query.
    session = getattr(request, "session", None)
    return {"cart_count": Cart(session).count if session is not None else 0}


def demo_payments(request: HttpRequest) -> dict[str, bool]:
    # The demo gateway takes no money: while it is on, every page says so (base.html).
    return {"demo_payments": demo_payments_on()}
