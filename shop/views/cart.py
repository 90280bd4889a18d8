from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.http import safe_next_url
from shop import selectors
from shop.cart import Cart
from shop.forms import QuantityForm
from shop.services.cart import (
    CartError,
    cart_add,
    cart_clear,
    cart_prune,
    cart_remove,
    cart_update,
)
from shop.views.catalogue import render_product


def render_cart(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    cart = Cart(request.session)
    view = selectors.cart_view(cart=cart)
    if view.unavailable:
        cart_prune(cart=cart, product_ids=view.unavailable)
        messages.warning(request, _("Some items are no longer sold and were removed."))
    return render(request, "shop/cart.html", {"cart": view}, status=status)


@require_GET
def cart_detail(request: HttpRequest) -> HttpResponse:
    return render_cart(request)


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
        product = selectors.product_list().filter(pk=product_id).first()
        if product is None:
            return render_cart(request, status=error.status)
        return render_product(request, product, form, status=error.status)
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
        return render_cart(request, status=error.status)
    messages.success(request, _("Updated the quantity of %(name)s.") % {"name": product.name})
    return redirect(safe_next_url(request, default="shop:cart"))


@require_POST
def cart_remove_view(request: HttpRequest, product_id: int) -> HttpResponse:
    try:
        cart_remove(cart=Cart(request.session), product_id=product_id)
    except CartError as error:
        messages.error(request, error.message)
        return render_cart(request, status=error.status)
    messages.success(request, _("Removed the item from your cart."))
    return redirect(safe_next_url(request, default="shop:cart"))


@require_POST
def cart_clear_view(request: HttpRequest) -> HttpResponse:
    cart_clear(cart=Cart(request.session))
    messages.success(request, _("Your cart is empty now."))
    return redirect(safe_next_url(request, default="shop:cart"))
