"""Paying for an order: "Pay now" on the order page, the demo gateway's hosted page, and the
page a shopper returns to from Stripe Checkout while its webhook confirms the payment."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from monitoring.api import order_context
from shop.models import ChargeStatus, OrderStatus, Payment, PaymentStatus
from shop.orders.access import order_for_viewer_or_404
from shop.payments.providers import awaiting_online_payment, demo_payments_on
from shop.payments.redirect import payment_redirect
from shop.payments.services import payment_approve, payment_decline


@require_POST
def order_pay(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_viewer_or_404(request, number)
    if not awaiting_online_payment(order):
        messages.info(request, _("This order does not need paying now."))
        return redirect(order.get_absolute_url())
    return payment_redirect(request, order)


@require_http_methods(["GET", "POST"])
def demo_gateway(request: HttpRequest, reference: str) -> HttpResponse:
    """Our stand-in for a hosted payment page. The unguessable reference is the capability.
    Not there at all unless the demo gateway is on (PAYMENT_METHODS lists it)."""
    if not demo_payments_on():
        raise Http404("The demo gateway is off.")
    payment = get_object_or_404(
        Payment.objects.select_related("order"), reference=reference, provider="demo"
    )
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


# The "confirming payment" page reloads itself every REFRESH_SECONDS, at most REFRESH_TRIES
# times (about a minute), then says the e-mail will follow. No script: a <meta> refresh.
REFRESH_SECONDS = 2
REFRESH_TRIES = 30


@require_http_methods(["GET", "HEAD"])
def order_paying(request: HttpRequest, number: str) -> HttpResponse:
    """Where Stripe sends the shopper after paying. It never marks anything paid: only Stripe's
    signed webhook does. Until it has, the page says the payment is being confirmed."""
    order = order_for_viewer_or_404(request, number)
    payment = order.payments.all()[0] if order.payments.all() else None
    if order.charge_status == ChargeStatus.PAID:
        messages.success(request, _("Payment received. Thank you!"))
        return redirect(order.get_absolute_url())
    waiting = payment is not None and payment.status in (
        PaymentStatus.STARTED,
        PaymentStatus.PROCESSING,
    )
    if order.status != OrderStatus.PENDING_PAYMENT or not waiting:
        return redirect(order.get_absolute_url())
    tries = request.GET.get("try", "")
    tried = int(tries) if tries.isascii() and tries.isdigit() and len(tries) < 4 else 0
    context = {
        "order": order,
        "processing": payment is not None and payment.status == PaymentStatus.PROCESSING,
        "refresh_seconds": REFRESH_SECONDS,
        "next_try": tried + 1 if tried < REFRESH_TRIES else None,
    }
    return render(request, "shop/order_paying.html", context)
