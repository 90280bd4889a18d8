"""Money going back: staff cancel an order (a paid one is refunded on the way), staff refund
money due back (admin "Refund"), or the provider tells us it gave money back (a refund in
Stripe's dashboard). Every payment is refunded once, and the order's charge status follows in
the same transaction, through the step table (`shop.orders.states`): nothing ends cancelled
with the money kept.

The provider call is made with the payment's row locked, so two staff pressing "Refund" at once
make one call, and whichever of our refund and the provider's news comes second finds the
payment refunded and does nothing; the provider's idempotency key (per payment) makes a retry
after a failure one refund too. Cash is given back by hand: recording it is the refund.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.api import breadcrumb, payment_problem_capture, span
from shop.models import ChargeStatus, Order, OrderStatus, Payment, PaymentStatus
from shop.orders.services import (
    Actor,
    OrderTransitionError,
    order_follow,
    order_lock,
    order_paid_by,
    order_step_apply,
    order_step_find,
)
from shop.orders.states import GOODS_OUT, ONLINE, OrderAction
from shop.payments.providers import PaymentError, provider_get

logger = logging.getLogger(__name__)

REFUND_PERMISSION = "shop.refund_order"


class RefundError(OrderTransitionError):
    """The money cannot be given back now; the message is for staff."""


class RefundNotAllowed(RefundError):
    """Cancelling a paid order gives its money back: that needs the refund permission."""


def order_cancel(*, order: Order, actor: Actor = None, note: str = "Cancelled") -> Order:
    """Cancel `order` and return its stock. A paid order's money goes back in the same step:
    refunded through its provider (a card), or recorded as due back (cash received), and only
    for an `actor` with the refund permission (RefundNotAllowed otherwise). RefundError when the
    provider refuses: then nothing changes. OrderTransitionError once the goods have left."""
    with transaction.atomic():
        locked = order_lock(order)
        order_step_find(locked, OrderAction.CANCEL)
        if locked.charge_status == ChargeStatus.PAID:
            if actor is None or not actor.has_perm(REFUND_PERMISSION):
                raise RefundNotAllowed(
                    _(
                        "Order %(number)s is paid: cancelling it gives the money back, which "
                        "needs the permission to refund orders."
                    )
                    % {"number": locked.number}
                )
            for payment in locked.payments.filter(status=PaymentStatus.APPROVED).order_by("pk"):
                if order_paid_by(locked) == ONLINE:
                    _provider_refund(payment, locked)
                    payment.status = PaymentStatus.REFUNDED
                else:
                    payment.status = PaymentStatus.REFUND_DUE
                    payment.failure_reason = (
                        "Cash received, then the order was cancelled: hand it back"
                    )
                payment.save(update_fields=["status", "failure_reason", "updated_at"])
        order_step_apply(order=locked, action=OrderAction.CANCEL, actor=actor, note=note)
        _due_back_still(locked)
    order_follow(order, locked)
    breadcrumb(f"Cancelled order #{locked.number}", charge=locked.charge_status)
    return locked


def order_refund(*, order: Order, actor: Actor = None) -> str:
    """Staff's "Refund". Money due back (a second payment, money that came after the order
    ended, cash received for a cancelled order) goes first, and only it: the order's goods stay
    as they are. Otherwise a paid order whose goods have not left is cancelled, its money
    refunded (`order_cancel`). Returns "due_back", "order", or "before" (refunded already:
    nothing done). RefundError when there is nothing to refund or the provider refuses."""
    due = list(order.payments.filter(status=PaymentStatus.REFUND_DUE).order_by("pk"))
    if due:
        for payment in due:
            _payment_refund_due(payment, actor=actor)
        return "due_back"
    order = Order.objects.get(pk=order.pk)
    if order.charge_status == ChargeStatus.PAID:
        if order.status in GOODS_OUT:
            raise RefundError(
                _(
                    "Order %(number)s is %(status)s: only orders whose goods have not left are "
                    "refunded here (goods that left the shop come back first)."
                )
                % {"number": order.number, "status": OrderStatus(order.status).label}
            )
        provider = order.payment_method
        order_cancel(order=order, actor=actor, note=f"Refunded via {provider}")
        return "order"
    if order.charge_status == ChargeStatus.REFUNDED:
        return "before"
    raise RefundError(_("Order %(number)s has no payment to refund.") % {"number": order.number})


def _payment_refund_due(payment: Payment, *, actor: Actor) -> None:
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.REFUND_DUE:
            return  # refunded meanwhile (another click, or the provider's dashboard)
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        _provider_refund(payment, order)
        payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
        _refunded_due_back(order, payment, actor=actor)
    logger.info("order %s: payment %s due back, refunded", order.number, payment.pk)


def _refunded_due_back(order: Order, payment: Payment, *, actor: Actor = None) -> None:
    """A payment due back was given back: the order's charge follows once none is left."""
    if not order.payments.filter(status=PaymentStatus.REFUND_DUE).exists():
        note = f"Payment due back refunded via {payment.provider}"
        order_step_apply(order=order, action=OrderAction.REFUND, actor=actor, note=note)


def _due_back_still(order: Order) -> None:
    """After the order's own money went back, another payment may still be due back."""
    if (
        order.charge_status == ChargeStatus.REFUNDED
        and order.payments.filter(status=PaymentStatus.REFUND_DUE).exists()
    ):
        order_step_apply(
            order=order, action=OrderAction.MONEY_DUE, note="Another payment is still due back"
        )


def _provider_refund(payment: Payment, order: Order) -> None:
    """Give `payment` back through its provider (nothing to call for cash: staff hand it back).
    RefundError if the provider refuses."""
    provider = provider_get(payment.provider)
    if not provider.pays_online:
        return
    try:
        with span(op="payment.provider", name=f"{provider.code}.refund"):
            provider.refund(payment)
    except PaymentError as error:
        logger.warning("refund for order %s failed: %s", order.number, error)
        raise RefundError(
            _("Order %(number)s: %(error)s") % {"number": order.number, "error": error}
        ) from None
    breadcrumb(f"Refunded a payment of order #{order.number}", provider=payment.provider)
    logger.info("order %s: payment %s refunded via %s", order.number, payment.pk, provider.code)


def payment_refunded(*, payment: Payment) -> str:
    """The provider says `payment` was refunded in full (from its dashboard, or our own refund
    coming back as an event). Idempotent with `order_refund`. A paid order whose goods have not
    left is cancelled (its stock returns); one whose goods are out keeps its status, refunded,
    and staff are told in the log. Returns what happened."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == PaymentStatus.REFUNDED:
            return "already refunded"
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        was = payment.status
        payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["status", "updated_at"])
        note = f"Refunded in {payment.provider}'s dashboard"
        if was == PaymentStatus.REFUND_DUE:
            _refunded_due_back(order, payment)
            return "refunded (was refund_due)"
        if was != PaymentStatus.APPROVED or order.charge_status != ChargeStatus.PAID:
            return f"refunded (was {was})"
        step = order_step_apply(order=order, action=OrderAction.REFUNDED_AT_PROVIDER, note=note)
        _due_back_still(order)
    if step.target == OrderStatus.CANCELLED:
        return "refunded"
    # Shipped or delivered: the goods are out, so the order stays where it is, for staff.
    logger.warning(
        "order %s refunded at the provider while %s: check it", order.number, order.status
    )
    return f"refunded; order left {order.status}"


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
    """Refund a payment due back (money that came for an order paid already, or after it
    ended) through its provider, once: the provider's idempotency key per payment makes a retry
    the same refund, and a payment no longer due is left alone. The order's charge follows the
    step table. On failure the payment stays "refund due" (staff see it, with the order's
    "Refund" action) and Sentry gets one event. Returns what happened."""
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    if payment.status != PaymentStatus.REFUND_DUE:
        return f"nothing to do: the payment is {payment.status}"
    try:
        _payment_refund_due(payment, actor=None)
    except RefundError as error:
        _refund_failed(payment_id, str(error))
        return "refund failed: left for staff"
    return "refunded"


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
