"""Paying for an order: "Pay now" on the order page, and the demo gateway's hosted page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from monitoring.api import order_context
from shop.models import Payment, PaymentStatus
from shop.order_access import order_for_viewer_or_404
from shop.responses import payment_redirect
from shop.services.payments import payment_approve, payment_decline


@require_POST
def order_pay(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_viewer_or_404(request, number)
    if not order.is_awaiting_online_payment:
        messages.info(request, _("This order does not need paying now."))
        return redirect(order.get_absolute_url())
    return payment_redirect(request, order)


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
