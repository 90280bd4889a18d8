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
from django.utils.translation import gettext as _

from monitoring.api import breadcrumb, payment_problem_capture, span
from shop.models import Order, OrderStatus, Payment, PaymentStatus
from shop.payments import PaymentError, provider_get
from shop.services.orders import order_transition

logger = logging.getLogger(__name__)

REFUNDABLE = (PaymentStatus.APPROVED, PaymentStatus.REFUND_DUE)


class RefundError(Exception):
    """The order cannot be refunded now; the message is for staff."""


def order_refund(*, order: Order, actor=None) -> str:
    """Refund `order` through its provider. Money due back (a second payment, or one that
    came after the order could no longer take it) goes first, and only it: the order stays as
    it is. Otherwise the order's approved payment is refunded and the paid order becomes
    refunded, its stock returning. Returns "due_back", "order", or "before" (refunded already:
    nothing done). RefundError when there is nothing to refund or the provider refuses."""
    due = list(order.payments.filter(status=PaymentStatus.REFUND_DUE).order_by("pk"))
    if due:
        for payment in due:
            _payment_refund(payment, actor=actor)
        return "due_back"
    approved = order.payments.filter(status=PaymentStatus.APPROVED).order_by("pk").first()
    if approved is not None and _payment_refund(approved, actor=actor):
        return "order"
    if order.payments.filter(status=PaymentStatus.REFUNDED).exists():
        return "before"
    raise RefundError(_("Order %(number)s has no payment to refund.") % {"number": order.number})


def _payment_refund(payment: Payment, *, actor) -> int:
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status not in REFUNDABLE:
            return 0  # refunded meanwhile (another click, or Stripe's dashboard)
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        moves_order = payment.status == PaymentStatus.APPROVED
        if moves_order and order.status != OrderStatus.PAID:
            raise RefundError(
                _(
                    "Order %(number)s is %(status)s: only paid orders are refunded here (goods "
                    "that left the shop come back first)."
                )
                % {"number": order.number, "status": OrderStatus(order.status).label}
            )
        provider = provider_get(payment.provider)
        try:
            with span(op="payment.provider", name=f"{provider.code}.refund"):
                provider.refund(payment)
        except PaymentError as error:
            logger.warning("refund for order %s failed: %s", order.number, error)
            raise RefundError(
                _("Order %(number)s: %(error)s") % {"number": order.number, "error": error}
            ) from None
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


def payment_refund_enqueue(*, payment_id: int) -> None:
    """Queue the automatic refund of a payment due back (after commit, off the request path).
    Never raises: a payment that could not be queued stays "refund due" for staff, reported."""
    from shop.tasks import payment_refund_task  # the task module imports this one

    try:
        payment_refund_task.enqueue(payment_id=payment_id)
    except Exception as error:
        logger.warning("could not queue the refund of payment %s (%s)", payment_id, error)
        _refund_failed(payment_id, f"could not be queued ({type(error).__name__})")


def payment_refund_due(*, payment_id: int) -> str:
    """Refund a payment due back (money that came for an order paid already) through its
    provider, once: the provider's idempotency key per payment makes a retry the same refund,
    and a payment no longer due is left alone. The order is not touched. On failure the
    payment stays "refund due" (staff see it, with the order's "Refund" action) and Sentry
    gets one event. Returns what happened."""
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    if payment.status != PaymentStatus.REFUND_DUE:
        return f"nothing to do: the payment is {payment.status}"
    try:
        done = _payment_refund(payment, actor=None)
    except RefundError as error:
        _refund_failed(payment_id, str(error))
        return "refund failed: left for staff"
    return "refunded" if done else "refunded before"


def _refund_failed(payment_id: int, reason: str) -> None:
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    logger.warning("automatic refund of a payment of order %s failed", payment.order.number)
    payment_problem_capture(
        f"The automatic refund of a payment due back for order {payment.order.number} failed "
        f"({reason}): refund it with the order's Refund action",
        provider=payment.provider,
        kind="refund_failed",
        order=payment.order,
    )
