"""Signed order links: the link in the confirmation e-mail that opens an order without an
account (`shop.orders.views.order_link`). Signed with SECRET_KEY; valid for 180 days."""

from django.core import signing
from django.urls import reverse

from core.site import site_url
from shop.models import Order

ORDER_LINK_SALT = "shop.order-link"
ORDER_LINK_MAX_AGE = 60 * 60 * 24 * 180


def order_link_url(*, order: Order, base: str = "") -> str:
    """The absolute signed link to `order`, for an e-mail: on `base` (captured by whoever
    queued the e-mail, core/site.py), else on this site's address."""
    token = signing.dumps(order.number, salt=ORDER_LINK_SALT)
    return (base or site_url()) + reverse("shop:order_link", kwargs={"token": token})


def order_link_number(token: str) -> str | None:
    """The order number a link's token was signed for; None if forged, altered or expired."""
    try:
        number = signing.loads(token, salt=ORDER_LINK_SALT, max_age=ORDER_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return number if isinstance(number, str) else None
