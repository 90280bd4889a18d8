"""Checkout: cart → contact and address → delivery → review → place order → pay.

Steps keep what the shopper typed in the session under "checkout"; nothing there is trusted
for money: prices, shipping and totals are computed from the database and the shipping table.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from monitoring.api import breadcrumb
from shop import selectors
from shop.cart import Cart
from shop.forms import CheckoutDetailsForm, PaymentChoiceForm, ShippingForm
from shop.payments import provider_choices
from shop.services.checkout import CheckoutDetails, CheckoutError, order_place
from shop.shipping import DEFAULT_SHIPPING, SHIPPING_METHODS, shipping_get
from shop.views.orders import order_grant, order_pay_redirect

SESSION_KEY = "checkout"


def _state(request: HttpRequest) -> dict:
    state = request.session.get(SESSION_KEY)
    return state if isinstance(state, dict) else {}


def _save_state(request: HttpRequest, **changes) -> None:
    request.session[SESSION_KEY] = _state(request) | changes


def _cart_or_none(request: HttpRequest):
    view = selectors.cart_view(cart=Cart(request.session))
    return view if view.lines and not view.unavailable else None


def _details(state: dict) -> CheckoutDetails | None:
    try:
        return CheckoutDetails(**state["details"])
    except (KeyError, TypeError):
        return None


def _to_cart(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Your cart is empty. Add something before checking out."))
    return redirect("shop:cart")


@require_http_methods(["GET", "POST"])
def checkout_details(request: HttpRequest) -> HttpResponse:
    if _cart_or_none(request) is None:
        return _to_cart(request)
    if request.method == "GET":
        breadcrumb("Started checkout")
    initial = _state(request).get("details") or _details_for_user(request.user)
    form = CheckoutDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            _save_state(request, details=form.cleaned_data)
            return redirect("shop:checkout_shipping")
        return render(request, "shop/checkout_details.html", {"form": form}, status=400)
    return render(request, "shop/checkout_details.html", {"form": form})


def _details_for_user(user) -> dict:
    if not user.is_authenticated:
        return {}
    name = user.get_full_name()
    return {"email": user.email, **({"full_name": name} if name else {})} | (
        selectors.order_last_details(user=user)
    )


@require_http_methods(["GET", "POST"])
def checkout_shipping(request: HttpRequest) -> HttpResponse:
    cart = _cart_or_none(request)
    if cart is None:
        return _to_cart(request)
    state = _state(request)
    if _details(state) is None:
        return redirect("shop:checkout")
    methods = [(m, m.price_for(cart.subtotal)) for m in SHIPPING_METHODS.values()]
    form = ShippingForm(
        request.POST if request.method == "POST" else None,
        methods=SHIPPING_METHODS.values(),
        initial={"method": state.get("shipping", DEFAULT_SHIPPING)},
    )
    if request.method == "POST":
        if form.is_valid():
            _save_state(request, shipping=form.cleaned_data["method"])
            return redirect("shop:checkout_review")
        status = 400
    else:
        status = 200
    context = {"form": form, "methods": methods, "cart": cart}
    return render(request, "shop/checkout_shipping.html", context, status=status)


@require_http_methods(["GET", "POST"])
def checkout_review(request: HttpRequest) -> HttpResponse:
    cart = _cart_or_none(request)
    if cart is None:
        return _to_cart(request)
    state = _state(request)
    details = _details(state)
    shipping = shipping_get(state.get("shipping", ""))
    if details is None:
        return redirect("shop:checkout")
    if shipping is None:
        return redirect("shop:checkout_shipping")
    form = PaymentChoiceForm(
        request.POST if request.method == "POST" else None, choices=provider_choices()
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                order = order_place(
                    cart=Cart(request.session),
                    details=details,
                    shipping=shipping,
                    payment_method=form.cleaned_data["payment_method"],
                    user=request.user,
                )
            except CheckoutError as error:
                for problem in error.problems:
                    messages.error(request, problem)
                status = 409
            else:
                request.session.pop(SESSION_KEY, None)
                order_grant(request, order)
                return order_pay_redirect(request, order)
        else:
            status = 400
    shipping_price, total = shipping.quote(cart.subtotal)
    context = {
        "cart": cart,
        "details": details,
        "shipping": shipping,
        "shipping_price": shipping_price,
        "total": total,
        "form": form,
    }
    return render(request, "shop/checkout_review.html", context, status=status)
