"""The site's 403 pages, styled and in the shopper's language: a request refused
(handler403) and a form whose CSRF token is stale (CSRF_FAILURE_VIEW).

A stale token is what a shopper gets from a page left open while they logged in or out in
another tab: Django rotates the token on log-in (so a token planted before log-in is useless
after it), and the open page still carries the old one. For "Add to cart" the action is not
lost: the page asks to confirm the same product and quantity with a fresh token, one click.
That is safe where keeping the old token valid across log-in, or exempting the form, would
not be: nothing is added until the shopper presses our button on our page (which no other
site can frame: X-Frame-Options DENY), so a forged cross-site POST adds nothing either."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

from shop.cart.forms import QuantityForm
from shop.catalogue import selectors as shop_selectors

ADD_TO_CART = "shop:cart_add"


def _back_url(request: HttpRequest) -> str | None:
    """The page the form was on (Referer), if it is ours: never an open redirect."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: a styled page instead of Django's bare «403 Forbidden»."""
    return render(request, "403.html", {"back_url": _back_url(request)}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: always 403; the reason is Django's, for logs, never shown."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name == ADD_TO_CART and request.method == "POST":
        product = shop_selectors.product_list().filter(pk=match.kwargs["product_id"]).first()
        form = QuantityForm(request.POST)
        if product is not None and product.stock:
            quantity = form.cleaned_data["quantity"] if form.is_valid() else 1
            context = {"product": product, "quantity": min(quantity, product.max_orderable)}
            return render(request, "pages/cart_add_confirm.html", context, status=403)
    return render(request, "pages/csrf_failure.html", {"back_url": _back_url(request)}, status=403)
