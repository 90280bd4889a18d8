"""Sending the shopper to pay: the response checkout and the order page both give after a
payment attempt starts."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shop.models import Order, Payment
from shop.payments.services import payment_start


def payment_redirect(
    request: HttpRequest, order: Order, *, payment: Payment | None = None
) -> HttpResponse:
    """Start a payment attempt (`payment`, or a new one) and send the shopper where the
    provider says."""
    # Back to the host the shopper came through (their session cookie lives there).
    site_url = request.build_absolute_uri("/").rstrip("/")
    response = payment_start(order=order, payment=payment, site_url=site_url)
    if not response.is_success:
        messages.error(request, _("Your payment did not go through. Nothing was charged."))
    elif response.action_required and response.redirect_url:
        sent = redirect(response.redirect_url)
        if urlsplit(response.redirect_url).scheme:
            # Leaving the shop for the provider's page after a POST: 303 See Other, so the
            # browser fetches it with GET, as Stripe asks.
            sent.status_code = 303
        return sent
    return redirect(order.get_absolute_url())
