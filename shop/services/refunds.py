"""Refunds: staff give an order's money back (admin "Refund"), or the provider tells us it
was given back (a refund made in Stripe's dashboard). Either way each payment is refunded
once and a paid order moves to refunded through the pipeline, which returns its stock.

The two meet on the payment's row lock: whichever comes second finds the payment refunded and
does nothing. The provider call is made with the row locked, so two staff pressing "Refund"
at once make one call; the provider's idempotency key (per payment) makes a retry after a
failure one refund too.
"""

import logging

from django.db import transaction

from monitoring.api import breadcrumb, span
from shop.models import Order, OrderStatus, Payment, PaymentStatus
from shop.payments import PaymentError, provider_get
from shop.services.orders import order_transition

logger = logging.getLogger(__name__)

REFUNDABLE = (PaymentStatus.APPROVED, PaymentStatus.REFUND_DUE)


class RefundError(Exception):
    """The order cannot be refunded now; the message is for staff."""


def order_refund(*, order: Order, actor=None) -> int:
    """Refund every payment of `order` that holds money (the approved one, and any received
    but due back) through its provider; a paid order becomes refunded and its stock returns.
    Returns how many payments were refunded (0: done before). RefundError when there is
    nothing to refund or the provider refuses; what was refunded before that stays so."""
    payments = list(order.payments.filter(status__in=REFUNDABLE).order_by("pk"))
    if not payments and not order.payments.filter(status=PaymentStatus.REFUNDED).exists():
        raise RefundError(f"Order {order.number} has no payment to refund.")
    refunded = 0
    for payment in payments:
        refunded += _payment_refund(payment, actor=actor)
    return refunded


def _payment_refund(payment: Payment, *, actor) -> int:
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status not in REFUNDABLE:
            return 0  # refunded meanwhile (another click, or Stripe's dashboard)
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        moves_order = payment.status == PaymentStatus.APPROVED
        if moves_order and order.status != OrderStatus.PAID:
            raise RefundError(
                f"Order {order.number} is {OrderStatus(order.status).label}: only paid orders "
                "are refunded here (goods that left the shop come back first)."
            )
        provider = provider_get(payment.provider)
        try:
            with span(op="payment.provider", name=f"{provider.code}.refund"):
                provider.refund(payment)
        except PaymentError as error:
            logger.warning("refund for order %s failed: %s", order.number, error)
            raise RefundError(f"Order {order.number}: {error}") from None
        payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
        if moves_order:
            note = f"Refunded via {provider.code}"
            order_transition(order=order, to=OrderStatus.REFUNDED, actor=actor, note=note)
    breadcrumb(f"Refunded a payment of order #{order.number}", provider=payment.provider)
    logger.info("order %s: payment %s refunded via %s", order.number, payment.pk, provider.code)
    return 1


def payment_refunded(*, payment: Payment) -> str:
    """The provider says `payment` was refunded in full (from its dashboard, or our own refund
    coming back as an event). Idempotent with `order_refund`. Returns what happened."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == PaymentStatus.REFUNDED:
            return "already refunded"
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        was = payment.status
        payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
        if was == PaymentStatus.APPROVED and order.status == OrderStatus.PAID:
            note = f"Refunded in {payment.provider}'s dashboard"
            order_transition(order=order, to=OrderStatus.REFUNDED, note=note)
            return "refunded"
    if was == PaymentStatus.APPROVED:
        # Shipped or delivered: the goods are out, so the order stays as it is for staff.
        logger.warning(
            "order %s refunded at the provider while %s: check it", order.number, order.status
        )
        return f"refunded; order left {order.status}"
    return f"refunded (was {was})"
