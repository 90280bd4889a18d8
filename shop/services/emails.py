from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from shop.models import Order

ORDER_LINK_SALT = "shop.order-link"
ORDER_LINK_MAX_AGE = 60 * 60 * 24 * 180


def order_link_url(*, order: Order) -> str:
    """A signed link that opens the order without an account (for guests, from the e-mail)."""
    token = signing.dumps(order.number, salt=ORDER_LINK_SALT)
    return settings.SITE_URL + reverse("shop:order_link", kwargs={"token": token})


def order_link_number(token: str) -> str | None:
    try:
        return signing.loads(token, salt=ORDER_LINK_SALT, max_age=ORDER_LINK_MAX_AGE)
    except signing.BadSignature:
        return None


def order_confirmation_message(*, order: Order) -> EmailMultiAlternatives:
    """The confirmation e-mail of `order` (lines prefetched), text and HTML, with its link."""
    context = {"order": order, "order_url": order_link_url(order=order)}
    message = EmailMultiAlternatives(
        subject=_("Your SmartShop AI order %(number)s") % {"number": order.number},
        body=render_to_string("shop/email/order_confirmation.txt", context),
        to=[order.email],
    )
    message.attach_alternative(
        render_to_string("shop/email/order_confirmation.html", context), "text/html"
    )
    return message
