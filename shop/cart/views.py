from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import safe_next_url
from shop.cart.forms import QuantityForm
from shop.cart.selectors import cart_priced
from shop.cart.services import (
    CartError,
    cart_add,
    cart_clear,
    cart_prune,
    cart_remove,
    cart_update,
)
from shop.cart.session import Cart
from shop.catalogue import selectors
from shop.catalogue.pages import product_page_response
from shop.delivery.shipping import free_delivery_for


@require_GET
def cart_detail(request: HttpRequest) -> HttpResponse:
    return _cart_page(request)


@require_POST
def cart_add_view(request: HttpRequest, product_id: int) -> HttpResponse:
    cart = Cart(request.session)
    form = QuantityForm(request.POST)
    try:
        if not form.is_valid():
            raise CartError(form.error_message())
        product = cart_add(cart=cart, product_id=product_id, quantity=form.cleaned_data["quantity"])
    except CartError as error:
        messages.error(request, error.message)
        shown = selectors.product_list().filter(pk=product_id).first()
        if shown is None:
            return _cart_page(request, status=error.status)
        return product_page_response(request, shown, form, status=error.status)
    messages.success(request, _("Added %(name)s to your cart.") % {"name": product.name})
    return redirect(safe_next_url(request, default="shop:cart"))


@require_POST
def cart_update_view(request: HttpRequest, product_id: int) -> HttpResponse:
    form = QuantityForm(request.POST)
    try:
        if not form.is_valid():
            raise CartError(form.error_message())
        product = cart_update(
            cart=Cart(request.session),
            product_id=product_id,
            quantity=form.cleaned_data["quantity"],
        )
    except CartError as error:
        messages.error(request, error.message)
        return _cart_page(request, status=error.status)
    messages.success(request, _("Updated the quantity of %(name)s.") % {"name": product.name})
    return redirect(safe_next_url(request, default="shop:cart"))


@require_POST
def cart_remove_view(request: HttpRequest, product_id: int) -> HttpResponse:
    try:
        cart_remove(cart=Cart(request.session), product_id=product_id)
    except CartError as error:
        messages.error(request, error.message)
        return _cart_page(request, status=error.status)
    messages.success(request, _("Removed the item from your cart."))
    return redirect(safe_next_url(request, default="shop:cart"))


@require_http_methods(["GET", "POST"])
def cart_clear_view(request: HttpRequest) -> HttpResponse:
    """GET asks "Empty your cart?" (a page, so it works without JavaScript); POST empties it."""
    cart = Cart(request.session)
    if request.method == "GET":
        if not cart:
            return redirect("shop:cart")
        return render(request, "shop/cart_clear.html", {"count": cart.count})
    cart_clear(cart=cart)
    messages.success(request, _("Your cart is empty now."))
    return redirect(safe_next_url(request, default="shop:cart"))


def _cart_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """The cart page. Products no longer sold are dropped from the cart, and the shopper told."""
    cart = Cart(request.session)
    priced_cart = cart_priced(cart=cart)
    if priced_cart.unavailable:
        cart_prune(cart=cart, product_ids=priced_cart.unavailable)
        messages.warning(request, _("Some items are no longer sold and were removed."))
    context = {"cart": priced_cart, "free_delivery": free_delivery_for(priced_cart.subtotal)}
    return render(request, "shop/cart.html", context, status=status)
