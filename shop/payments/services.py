"""Payments: start an attempt, approve it, or fail it — for any provider.

A failed payment is handled in one place, `_payment_failed`: the attempt is marked, the
provider told, the failure logged without personal data; the order stays pending for a retry.
Webhook news (`payment_processing`, `payment_received`, `payment_fail`) locks the attempt, then
its order, and acts only where the attempt's state allows, so a replayed or out-of-order notice
changes nothing. Money counts only when it is ours and exact: anything else (a wrong amount or
currency, `payment_foreign_received`, a second payment of a paid order) goes to "refund due"
and alerts staff once. What happens in each case: docs/payments.md, "A payment counts only
when it is ours and exact".
"""

import logging
from collections.abc import Mapping
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from monitoring.api import breadcrumb, payment_failure_capture, payment_problem_capture, span
from shop.models import ChargeStatus, Order, OrderStatus, Payment, PaymentStatus
from shop.models.orders import PAYMENT_SETTLED
from shop.orders.services import StockGone, order_money_due, order_pay
from shop.payments.providers import GatewayResponse, PaymentError, provider_get
from shop.payments.refunds import payment_refund_enqueue

logger = logging.getLogger(__name__)


def payment_record(*, order: Order) -> Payment:
    """Record a new attempt to pay `order`, for its provider to answer. Placement records the
    first inside the order's transaction; "Pay now" records a fresh one for each retry."""
    awaits = order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED)
    if not awaits or order.charge_status != ChargeStatus.UNPAID:
        # Views offer payment only for pending orders; reaching here is a bug, not a decline.
        raise ValueError(f"Order {order.number} does not await payment")
    return Payment.objects.create(
        order=order, provider=order.payment_method, amount=order.total, currency=order.currency
    )


def payment_start(
    *, order: Order, payment: Payment | None = None, site_url: str | None = None
) -> GatewayResponse:
    """Hand an attempt to its provider: `payment` when placement recorded it; else ("Pay now"
    again) the latest started attempt's page while the provider says it is still open, or a
    new attempt. `site_url`: the shop's address as the shopper reached it (default SITE_URL),
    for the pages a provider sends them back to. Holds the order's row lock throughout (the
    provider's calls have short timeouts), so two tabs pressing "Pay" at once get one attempt
    and one open page. A failed start is recorded and reported here, whether the provider
    answered so or raised PaymentError."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if payment is None:
            if order.status != OrderStatus.PENDING_PAYMENT or order.payments.filter(
                status=PaymentStatus.PROCESSING
            ):
                return GatewayResponse.done()  # paid meanwhile, or the money is on its way
            resumed = _attempt_resume(order)
            if resumed is not None:
                return resumed
        return _attempt_start(order, payment or payment_record(order=order), site_url)


def _attempt_resume(order: Order) -> GatewayResponse | None:
    latest = order.payments.filter(status=PaymentStatus.STARTED).order_by("-pk").first()
    if latest is None:
        return None
    try:
        with span(op="payment.provider", name=f"{latest.provider}.resume"):
            return provider_get(latest.provider).resume(latest)
    except PaymentError as error:
        # Whether the open page is still open is unknown: no second one is made now.
        logger.warning("payment for order %s via %s: %s", order.number, latest.provider, error)
        return GatewayResponse.failed(str(error))


def _attempt_start(order: Order, payment: Payment, site_url: str | None) -> GatewayResponse:
    provider = provider_get(payment.provider)
    breadcrumb(f"Payment started for order #{order.number}", provider=provider.code)
    try:
        with span(op="payment.provider", name=f"{provider.code}.start"):
            response = provider.start(payment, site_url=site_url or settings.SITE_URL)
        if not response.is_success:
            raise PaymentError(response.error or "The provider refused to start the payment")
    except PaymentError as error:
        _payment_failed(payment, error)
        return GatewayResponse.failed(str(error))
    if response.external_id:
        payment.external_id = response.external_id
        payment.save(update_fields=["external_id", "updated_at"])
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
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        order_pay(order=order, payment=payment, note=f"Paid via {payment.provider}")
        payment.status = PaymentStatus.APPROVED
        payment.save(update_fields=["status", "updated_at"])
    breadcrumb(f"Payment approved for order #{payment.order.number}", provider=payment.provider)
    return True


def payment_decline(*, payment: Payment, reason: str) -> None:
    """The provider says no (card declined, shopper cancelled). The order stays pending."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if payment.status != PaymentStatus.STARTED:
            return
        _payment_failed(payment, PaymentError(reason), status=PaymentStatus.DECLINED)


def payment_processing(*, payment: Payment) -> bool:
    """The shopper paid with a delayed method (a bank debit): the money is on its way. The
    order stays pending, and does not expire while it is. False if the attempt had moved on."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.STARTED:
            return False
        Order.objects.select_for_update().get(pk=payment.order_id)  # after expiry, not during
        payment.status = PaymentStatus.PROCESSING
        payment.save(update_fields=["status", "updated_at"])
    breadcrumb(f"Payment processing for order #{payment.order.number}", provider=payment.provider)
    return True


def payment_received(
    *, payment: Payment, amount: Decimal, currency: str, transaction_id: str = ""
) -> str:
    """The provider has `amount` `currency` for `payment` (`transaction_id`: its id for it).
    Exactly the attempt's amount and currency: the order becomes paid — also when it expired
    meanwhile, if its stock can be taken again. Any other amount or currency, or money the
    order cannot take (paid already by another attempt, cancelled, or expired and sold out
    since), is marked to refund and staff are alerted, once; money for an order already paid
    is refunded automatically after commit. Idempotent: an attempt already settled is left as
    it is. Returns what happened, in a few words."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        fields = ["status", "failure_reason", "transaction_id", "updated_at"]
        payment.transaction_id = transaction_id or payment.transaction_id
        if payment.status in PAYMENT_SETTLED:
            payment.save(update_fields=["transaction_id", "updated_at"])
            return f"already {payment.status}"
        order = Order.objects.select_for_update().get(pk=payment.order_id)
        # The gate: only exactly what the attempt asked for pays the order.
        if mismatch := _mismatch(payment, amount, currency):
            return _refund_due(payment, order, mismatch, kind="amount_mismatch")
        note = f"Paid via {payment.provider}"
        try:
            if order.status == OrderStatus.PENDING_PAYMENT:
                order_pay(order=order, payment=payment, note=note)
                outcome = "paid"
            elif order.status == OrderStatus.EXPIRED:
                late = f"{note}, after expiry: stock taken again"
                order_pay(order=order, payment=payment, note=late)
                outcome = "paid after expiry"
            elif order.charge_status == ChargeStatus.PAID:
                return _refund_due(payment, order, "the order was already paid", refund=True)
            else:
                reason = f"the order was already {order.status}"
                return _refund_due(payment, order, reason, refund=True)
        except StockGone:
            return _refund_due(payment, order, "paid after expiry, and the stock is gone")
        payment.status, payment.failure_reason = PaymentStatus.APPROVED, ""
        payment.save(update_fields=fields)
    breadcrumb(f"Payment received for order #{order.number}", provider=payment.provider)
    return outcome


def payment_foreign_received(
    *,
    order: Order,
    provider: str,
    external_id: str,
    amount: Decimal,
    currency: str,
    transaction_id: str = "",
) -> str:
    """The provider has money naming `order` for a payment the shop never started (a payment
    link given our order number, say): `external_id` is the provider's id for it. The order
    stays as it is; the money is recorded as a payment of the order in "refund due", with
    the reason, and staff are alerted once. Idempotent by `external_id`."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)  # one row per external_id
        known = order.payments.filter(provider=provider, external_id=external_id).first()
        if known is not None:
            return f"already {known.status}"
        payment = Payment.objects.create(
            order=order,
            provider=provider,
            external_id=external_id,
            transaction_id=transaction_id,
            amount=amount,
            currency=currency.upper(),
        )
        reason = f"{amount} {currency.upper()} came for a payment the shop did not ask for"
        return _refund_due(payment, order, reason, kind="foreign_payment")


def _mismatch(payment: Payment, amount: Decimal, currency: str) -> str:
    """Why `amount` `currency` is not what `payment` asked for; "" when it is, exactly."""
    if amount == payment.amount and currency.upper() == payment.currency.upper():
        return ""
    return f"{amount} {currency.upper() or '?'} came, not the {payment.amount} {payment.currency}"


def _refund_due(
    payment: Payment, order: Order, reason: str, *, kind: str = "refund_due", refund: bool = False
) -> str:
    """Mark `payment` for a refund and alert staff once, after commit. `refund`: refund it
    through the provider automatically, after commit, off the request path."""
    payment.status = PaymentStatus.REFUND_DUE
    payment.failure_reason = f"Received, but {reason}: refund it"[:255]
    payment.save(update_fields=["status", "failure_reason", "transaction_id", "updated_at"])
    # The order's charge says so too (a paid order stays paid; its extra payment is listed).
    order_money_due(order=order, note=f"Payment {payment.reference[:8]}…: {reason}"[:255])
    logger.warning("payment for order %s via %s: %s", order.number, payment.provider, reason)
    message = f"Money received for order {order.number} must be refunded: {reason}"
    # After commit: an alert for a state that was rolled back would be a false alarm.
    transaction.on_commit(
        lambda: payment_problem_capture(message, provider=payment.provider, kind=kind, order=order)
    )
    if refund:
        transaction.on_commit(lambda: payment_refund_enqueue(payment_id=payment.pk))
    return f"refund due: {reason}"


def payment_fail(*, payment: Payment, reason: str, status: str = PaymentStatus.FAILED) -> bool:
    """The provider says the attempt failed (session expired, bank debit refused). Recorded
    and reported once, through `_payment_failed`; the order stays payable until it expires.
    False if the attempt had already succeeded or failed."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        if payment.status not in (PaymentStatus.STARTED, PaymentStatus.PROCESSING):
            return False
        _payment_failed(payment, PaymentError(reason), status=status)
    return True


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
