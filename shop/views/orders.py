from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import client_ip
from core.ratelimit import RateLimit
from monitoring.api import order_context, order_tag
from shop import selectors
from shop.models import Order, Payment, PaymentStatus
from shop.services.emails import order_link_number
from shop.services.payments import payment_approve, payment_decline, payment_start

GRANTS_KEY = "orders"
MAX_GRANTS = 20
# Order numbers and links that do not open count against the client; past the limit every
# order lookup from it answers 429 until the window ends, so numbers cannot be guessed.
LOOKUP_MISSES = RateLimit("order_lookup_client")


def order_grant(request: HttpRequest, order: Order) -> None:
    """Let this browser session see `order` (it placed it, or opened its signed link)."""
    granted = [n for n in request.session.get(GRANTS_KEY, []) if n != order.number]
    request.session[GRANTS_KEY] = [*granted, order.number][-MAX_GRANTS:]


def _lookup_miss(request: HttpRequest, message: str) -> Http404:
    LOOKUP_MISSES.hit(client_ip(request))
    return Http404(message)


def _order_or_404(request: HttpRequest, number: str) -> Order:
    order_tag(number)  # for Sentry, before anything can fail; the context once it is loaded
    LOOKUP_MISSES.check(client_ip(request))
    order = selectors.order_get_for_viewer(
        number=number, user=request.user, granted_numbers=request.session.get(GRANTS_KEY, [])
    )
    if order is None:
        raise _lookup_miss(request, "No such order.")
    order_context(order)
    return order


def order_pay_redirect(
    request: HttpRequest, order: Order, *, payment: Payment | None = None
) -> HttpResponse:
    """Start a payment attempt (`payment`, or a new one) and send the shopper where the
    provider says."""
    start = payment_start(order=order, payment=payment)
    if start is None:
        messages.error(request, _("Your payment did not go through. Nothing was charged."))
    elif start.redirect_url:
        return redirect(start.redirect_url)
    return redirect(order.get_absolute_url())


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    orders = selectors.order_list_for_user(user=request.user)
    return render(request, "shop/order_list.html", {"orders": orders})


@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_or_404(request, number)
    return render(request, "shop/order_detail.html", {"order": order})


@require_POST
def order_pay(request: HttpRequest, number: str) -> HttpResponse:
    order = _order_or_404(request, number)
    if not order.is_awaiting_online_payment:
        messages.info(request, _("This order does not need paying now."))
        return redirect(order.get_absolute_url())
    return order_pay_redirect(request, order)


@require_GET
def order_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the confirmation e-mail. A guest order opens in this browser; an
    account's order opens for its owner, after logging in if need be, and for no one else."""
    LOOKUP_MISSES.check(client_ip(request))
    number = order_link_number(token)
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        raise _lookup_miss(request, "Invalid or expired order link.")
    if order.user_id is None:
        order_grant(request, order)
    elif not request.user.is_authenticated:
        messages.info(request, _("Log in to see your order %(number)s.") % {"number": order.number})
        return redirect_to_login(order.get_absolute_url())
    elif request.user.pk != order.user_id:
        raise Http404("No such order.")
    return redirect(order.get_absolute_url())


@require_http_methods(["GET", "POST"])
def demo_gateway(request: HttpRequest, reference: str) -> HttpResponse:
    """Our stand-in for a hosted payment page. The unguessable reference is the capability."""
    payment = get_object_or_404(Payment.objects.select_related("order"), reference=reference)
    order = payment.order
    order_context(order)
    if payment.status != PaymentStatus.STARTED:
        return redirect(order.get_absolute_url())
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            if payment_approve(payment=payment):
                messages.success(request, _("Payment received. Thank you!"))
            else:
                messages.error(request, _("This payment could not be completed."))
            return redirect(order.get_absolute_url())
        if action == "decline":
            payment_decline(payment=payment, reason="Declined at the demo gateway")
            messages.error(
                request, _("Your payment was declined. Nothing was charged; you can try again.")
            )
            return redirect(order.get_absolute_url())
        messages.error(request, _("Choose Approve or Decline."))
        return render(request, "shop/demo_gateway.html", {"payment": payment}, status=400)
    return render(request, "shop/demo_gateway.html", {"payment": payment})
