"""Checkout: cart → contact and address → shipping → review → place order → pay.

What the shopper chose so far, the checkout attempt's token and each step's preconditions live in
the checkout session (`shop.checkout.session.CheckoutSession`); these views ask it, then render.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from monitoring.api import page_breadcrumb
from shop.checkout.forms import CheckoutDetailsForm, PaymentChoiceForm, ShippingForm
from shop.checkout.services import CheckoutError, ReviewOutdated, StockProblem, order_place
from shop.checkout.session import DETAILS, REVIEW, SHIPPING, CheckoutSession, PreconditionFailed
from shop.delivery.selectors import shipping_methods_offered
from shop.delivery.shipping import DEFAULT_SHIPPING
from shop.models import Order, Payment
from shop.orders.access import order_grant
from shop.orders.selectors import order_last_details
from shop.payments.providers import provider_choices
from shop.payments.redirect import payment_redirect

StepView = Callable[[HttpRequest, CheckoutSession], HttpResponse]


def checkout_step(step: str) -> Callable[[StepView], Callable[[HttpRequest], HttpResponse]]:
    """Run the view with the shopper's checkout session once `step`'s preconditions hold;
    otherwise send the shopper back to where it can be put right. A form posted again by an
    attempt that already placed its order goes to that order first, as Oscar's skip
    conditions do: the current attempt's (a double click, a second tab, a retry after an
    error) ends the attempt as placing it did; an earlier attempt's (an old review page)
    leads to its order, if this visitor may see it, and touches nothing else: the cart and
    details of the checkout under way stay as they are."""

    def decorate(view: StepView) -> Callable[[HttpRequest], HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest) -> HttpResponse:
            checkout = CheckoutSession(request.session)
            if request.method == "POST":
                token = request.POST.get("checkout_token", "")
                order = checkout.attempt_order(token)
                if order is not None:
                    return _order_placed(request, checkout, order, placed_before=True)
                order = checkout.earlier_order(token, user=request.user)
                if order is not None:
                    return _already_placed(request, order)
            try:
                checkout.check(step)
            except PreconditionFailed as failed:
                if failed.message:
                    messages.info(request, failed.message)
                return redirect(failed.url_name)
            return view(request, checkout)

        return wrapped

    return decorate


@require_http_methods(["GET", "POST"])
@checkout_step(DETAILS)
def checkout_details(request: HttpRequest, checkout: CheckoutSession) -> HttpResponse:
    if request.method == "GET":
        page_breadcrumb("Started checkout")
    initial = checkout.details_entered or _details_for_user(request.user)
    form = CheckoutDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            checkout.details_save(form.cleaned_data)
            return redirect("shop:checkout_shipping")
        return render(request, "shop/checkout_details.html", {"form": form}, status=400)
    return render(request, "shop/checkout_details.html", {"form": form})


def _details_for_user(user: User | AnonymousUser) -> dict[str, str]:
    if not user.is_authenticated:
        return {}
    name = user.get_full_name()
    return {"email": user.email, **({"full_name": name} if name else {})} | (
        order_last_details(user=user)
    )


@require_http_methods(["GET", "POST"])
@checkout_step(SHIPPING)
def checkout_shipping(request: HttpRequest, checkout: CheckoutSession) -> HttpResponse:
    priced_cart = checkout.priced_cart
    offered = shipping_methods_offered()
    methods = [(m, m.price_for(priced_cart.subtotal)) for m in offered]
    chosen = checkout.shipping
    form = ShippingForm(
        request.POST if request.method == "POST" else None,
        methods=offered,
        initial={"method": chosen.code if chosen else DEFAULT_SHIPPING},
    )
    if request.method == "POST":
        if form.is_valid():
            checkout.shipping_save(form.cleaned_data["method"])
            if checkout.shipping_required().needs_point:
                return redirect("shop:checkout_np")
            return redirect("shop:checkout_review")
        status = 400
    else:
        status = 200
    context = {"form": form, "methods": methods, "cart": priced_cart}
    return render(request, "shop/checkout_shipping.html", context, status=status)


@require_http_methods(["GET", "POST"])
@checkout_step(REVIEW)
def checkout_review(request: HttpRequest, checkout: CheckoutSession) -> HttpResponse:
    form = PaymentChoiceForm(
        request.POST if request.method == "POST" else None,
        choices=provider_choices(),
        token=checkout.token,
    )
    status = 200
    changes = None
    if request.method == "POST":
        if form.is_valid():
            try:
                placement = order_place(
                    cart=checkout.cart,
                    details=checkout.details_required(),
                    shipping=checkout.shipping_required(),
                    payment_method=form.cleaned_data["payment_method"],
                    checkout_token=checkout.token,
                    reviewed=form.cleaned_data["review"],
                    user=request.user,
                    point=checkout.point_required(),
                )
            except ReviewOutdated as outdated:
                # Nothing placed: the page again, as the order is now, saying what changed.
                changes = outdated.changes
                checkout.priced_cart_refresh()
                status = 409
            except CheckoutError as error:
                for message in checkout_error_messages(error):
                    messages.error(request, message)
                status = 409
            else:
                return _order_placed(
                    request,
                    checkout,
                    placement.order,
                    placed_before=not placement.created,
                    payment=placement.payment,
                )
        else:
            status = 400
    review = checkout.review()
    context = {
        "cart": checkout.priced_cart,
        "details": checkout.details_required(),
        "shipping": checkout.shipping_required(),
        "point": checkout.point_required(),
        "shipping_price": review.shipping_price,
        "total": review.total,
        "form": form,
        "checkout_token": checkout.token,
        "review": review.signed(),
        "changes": changes,
    }
    return render(request, "shop/checkout_review.html", context, status=status)


def _order_placed(
    request: HttpRequest,
    checkout: CheckoutSession,
    order: Order,
    *,
    placed_before: bool,
    payment: Payment | None = None,
) -> HttpResponse:
    """The attempt is over: this browser may see the order; a new order goes on to payment,
    one placed before goes to its page (its payment, if any, was started then)."""
    checkout.placed()
    order_grant(request.session, order)
    if placed_before:
        return _already_placed(request, order)
    return payment_redirect(request, order, payment=payment)


def _already_placed(request: HttpRequest, order: Order) -> HttpResponse:
    messages.info(request, _("Order %(number)s was already placed.") % {"number": order.number})
    return redirect(order.get_absolute_url())


def checkout_error_messages(error: CheckoutError) -> list[str]:
    """What the shopper reads when "Place order" is refused: one sentence per problem."""
    if error.empty_cart:
        return [_("Your cart is empty.")]
    return [_stock_problem_message(problem) for problem in error.problems]


def _stock_problem_message(problem: StockProblem) -> str:
    if not problem.sold:
        name = problem.name or _("An item in your cart")
        return _("%(name)s is no longer available.") % {"name": name}
    if problem.available == 0:
        return _("%(name)s is out of stock.") % {"name": problem.name}
    return _("Only %(left)d of %(name)s left; you asked for %(asked)d.") % {
        "left": problem.available,
        "name": problem.name,
        "asked": problem.requested,
    }
