"""Payments: start an attempt, approve it, or fail it — for any provider.

A failed payment is handled in exactly one place, `_payment_failed`: the attempt is marked,
the provider is told, and the failure is logged without personal data. The order stays
pending so the shopper can retry.
"""

import logging
from collections.abc import Mapping

from django.db import transaction

from monitoring.api import breadcrumb, payment_failure_capture, span
from shop.models import Order, OrderStatus, Payment, PaymentStatus
from shop.payments import GatewayResponse, PaymentError, provider_get
from shop.services.orders import order_transition

logger = logging.getLogger(__name__)


def payment_record(*, order: Order) -> Payment:
    """Record a new attempt to pay `order`, for its provider to answer. Placement records the
    first inside the order's transaction; "Pay now" records a fresh one for each retry."""
    if order.status != OrderStatus.PENDING_PAYMENT:
        # Views offer payment only for pending orders; reaching here is a bug, not a decline.
        raise ValueError(f"Order {order.number} does not await payment")
    return Payment.objects.create(
        order=order, provider=order.payment_method, amount=order.total, currency=order.currency
    )


def payment_start(*, order: Order, payment: Payment | None = None) -> GatewayResponse:
    """Hand an attempt to its provider: `payment` when placement recorded it, else a new one.
    Runs outside any transaction (a provider may call out over the network). A failed start
    is recorded and reported here, whether the provider answered so or raised PaymentError."""
    payment = payment or payment_record(order=order)
    provider = provider_get(payment.provider)
    breadcrumb(f"Payment started for order #{order.number}", provider=provider.code)
    try:
        with span(op="payment.provider", name=f"{provider.code}.start"):
            response = provider.start(payment)
        if not response.is_success:
            raise PaymentError(response.error or "The provider refused to start the payment")
    except PaymentError as error:
        _payment_failed(payment, error)
        return GatewayResponse.failed(str(error))
    return response


def payment_approve(*, payment: Payment, data: Mapping[str, str] | None = None) -> bool:
    """The provider says the attempt succeeded: the order becomes paid. Idempotent."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if payment.status == PaymentStatus.APPROVED:
            return True
        try:
            if payment.status != PaymentStatus.STARTED:
                raise PaymentError("Attempt already closed")
            if payment.order.status != OrderStatus.PENDING_PAYMENT:
                raise PaymentError("Order no longer awaits payment")
            with span(op="payment.provider", name=f"{payment.provider}.confirm"):
                provider_get(payment.provider).confirm(payment, data or {})
        except PaymentError as error:
            _payment_failed(payment, error)
            return False
        payment.status = PaymentStatus.APPROVED
        payment.save(update_fields=["status", "updated_at"])
        order_transition(
            order=payment.order, to=OrderStatus.PAID, note=f"Paid via {payment.provider}"
        )
    breadcrumb(f"Payment approved for order #{payment.order.number}", provider=payment.provider)
    return True


def payment_decline(*, payment: Payment, reason: str) -> None:
    """The provider says no (card declined, shopper cancelled). The order stays pending."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if payment.status != PaymentStatus.STARTED:
            return
        _payment_failed(payment, PaymentError(reason), status=PaymentStatus.DECLINED)


def _payment_failed(
    payment: Payment, error: PaymentError, *, status: str = PaymentStatus.FAILED
) -> None:
    error.order_number = error.order_number or payment.order.number
    error.provider = error.provider or payment.provider
    payment.status = status
    payment.failure_reason = str(error)[:255]
    payment.save(update_fields=["status", "failure_reason", "updated_at"])
    with span(op="payment.provider", name=f"{payment.provider}.fail"):
        provider_get(payment.provider).fail(payment, str(error))
    # Ids and amounts only: never the shopper's name, e-mail or address.
    logger.warning(
        "payment %s for order %s via %s: %s",
        status,
        error.order_number,
        error.provider,
        error,
    )
    breadcrumb(f"Payment {status} for order #{error.order_number}", provider=error.provider)
    payment_failure_capture(error, payment.order)
