from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from shop.models import Order
from shop.orders.access import (
    order_find_email_throttle,
    order_find_throttle,
    order_for_viewer_or_404,
    order_grant,
    order_lookup_miss,
)
from shop.orders.forms import OrderFindForm
from shop.orders.links import order_link_number
from shop.orders.notifications import order_link_request
from shop.orders.selectors import order_list_for_user
from shop.payments.providers import awaiting_online_payment


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    orders = order_list_for_user(user=cast(User, request.user))  # signed in: login_required
    return render(request, "shop/order_list.html", {"orders": orders})


@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_viewer_or_404(request, number)
    # Back from a hosted payment page without paying (Stripe's cancel URL).
    cancelled = request.GET.get("payment") == "cancelled" and awaiting_online_payment(order)
    return render(
        request, "shop/order_detail.html", {"order": order, "payment_cancelled": cancelled}
    )


@require_GET
def order_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the confirmation e-mail. A guest order opens in this browser; an
    account's order opens for its owner, after logging in if need be, and for no one else."""
    number = order_link_number(token)
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        raise order_lookup_miss(request, "Invalid or expired order link.")
    if order.user_id is None:
        order_grant(request.session, order)
    elif not request.user.is_authenticated:
        messages.info(request, _("Log in to see your order %(number)s.") % {"number": order.number})
        return redirect_to_login(order.get_absolute_url())
    elif request.user.pk != order.user_id:
        raise Http404("No such order.")
    return redirect(order.get_absolute_url())


@require_http_methods(["GET", "POST"])
def order_find(request: HttpRequest) -> HttpResponse:
    """ "Find my order": the order's signed link, e-mailed again to the address it was placed
    with. The answer is the same whether or not such an order exists."""
    form = OrderFindForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return render(request, "shop/order_find.html", {"form": form})
    order_find_throttle(request)
    if not form.is_valid():
        return render(request, "shop/order_find.html", {"form": form}, status=400)
    order_find_email_throttle(form.cleaned_data["email"])
    order_link_request(number=form.cleaned_data["number"], email=form.cleaned_data["email"])
    return redirect("shop:order_find_sent")


@require_GET
def order_find_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "shop/order_find_sent.html")
