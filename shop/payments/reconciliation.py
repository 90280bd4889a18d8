"""Reconciliation: compare what each payment provider's API says it has with our payments,
and report every difference once.

`payments_reconcile` asks every provider that can list its payments and refunds
(`PaymentProvider.payments_since`, `refunds_since`) for the last WINDOW and finds money paid
there and not here, paid here and not there, amounts or currencies that differ, and refunds
made there only. Anything newer than GRACE is left for the next run (its webhook may be on its
way). Each difference is one PaymentDiscrepancy row, unique per (provider, kind, provider
object id), reported to Sentry when first found. Details: docs/payments.md, "Reconciliation".
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from monitoring.api import payment_problem_capture
from shop.models import (
    DiscrepancyKind,
    Order,
    Payment,
    PaymentDiscrepancy,
    PaymentStatus,
)
from shop.payments.providers import PROVIDERS, PaymentProvider, ProviderPayment, ProviderRefund

logger = logging.getLogger(__name__)

WINDOW = timedelta(days=3)  # Stripe retries a webhook for three days
GRACE = timedelta(minutes=30)
RECEIVED = (PaymentStatus.APPROVED, PaymentStatus.REFUND_DUE, PaymentStatus.REFUNDED)


@dataclass
class Reconciliation:
    differences: list[PaymentDiscrepancy] = field(default_factory=list)  # unresolved, found now
    new: list[PaymentDiscrepancy] = field(default_factory=list)  # first found by this run


def payments_reconcile(
    *, now: datetime | None = None, window: timedelta = WINDOW
) -> Reconciliation:
    """Compare the last `window` of every provider that can be listed with our payments.
    Raises PaymentError when a provider cannot be asked (the run failed, nothing is lost)."""
    now = now or timezone.now()
    result = Reconciliation()
    for provider in PROVIDERS.values():
        if not provider.available:
            continue  # Stripe without its keys: nothing to ask
        payments = provider.payments_since(now - window)
        if payments is not None:
            _payments_compare(provider, payments, now=now, window=window, result=result)
        refunds = provider.refunds_since(now - window)
        if refunds is not None:
            _refunds_compare(provider, refunds, now=now, result=result)
    return result


def _payments_compare(
    provider: PaymentProvider,
    theirs: Iterable[ProviderPayment],
    *,
    now: datetime,
    window: timedelta,
    result: Reconciliation,
) -> None:
    cutoff = now - GRACE
    listed: dict[str, ProviderPayment] = {}
    by_reference: dict[str, ProviderPayment] = {}  # sessions we made but did not record
    for record in theirs:
        listed[record.object_id] = record
        if record.reference and (record.paid or record.reference not in by_reference):
            by_reference[record.reference] = record
        if record.created > cutoff or not record.paid:
            continue
        ours = _payment_of(provider.code, record)
        if ours is None or ours.status not in RECEIVED:
            state = f"ours is {ours.status}" if ours else "the shop has no such payment"
            _found(
                result,
                provider.code,
                DiscrepancyKind.PAID_THERE_ONLY,
                record.object_id,
                f"{record.object_id} is paid ({record.amount} {record.currency}); {state}",
                payment=ours,
                order_number=record.order_number,
                amount=record.amount,
                currency=record.currency,
            )
        elif ours.status == PaymentStatus.APPROVED and (
            record.amount != ours.amount or record.currency != ours.currency.upper()
        ):
            _found(
                result,
                provider.code,
                DiscrepancyKind.AMOUNT_MISMATCH,
                record.object_id,
                f"{record.object_id} is paid {record.amount} {record.currency}; the shop "
                f"approved {ours.amount} {ours.currency}",
                payment=ours,
                amount=record.amount,
                currency=record.currency,
            )
    approved = Payment.objects.filter(
        provider=provider.code,
        status=PaymentStatus.APPROVED,
        created_at__gte=now - window,
        created_at__lte=cutoff,
    ).select_related("order")
    for payment in approved:
        session = listed.get(payment.external_id) or by_reference.get(payment.reference)
        if session is None or not session.paid:
            there = f"is {'unpaid' if session else 'not listed'} there"
            _found(
                result,
                provider.code,
                DiscrepancyKind.PAID_HERE_ONLY,
                payment.external_id or payment.reference,
                f"the shop approved {payment.amount} {payment.currency}; "
                f"{payment.external_id or 'its session'} {there}",
                payment=payment,
                amount=payment.amount,
                currency=payment.currency,
            )


def _refunds_compare(
    provider: PaymentProvider,
    refunds: Iterable[ProviderRefund],
    *,
    now: datetime,
    result: Reconciliation,
) -> None:
    for refund in refunds:
        if refund.created > now - GRACE or not refund.succeeded:
            continue
        ours = Payment.objects.filter(
            provider=provider.code, transaction_id=refund.transaction_id
        ).first()
        if ours is None or ours.status != PaymentStatus.REFUNDED:
            state = f"ours is {ours.status}" if ours else "the shop has no such payment"
            _found(
                result,
                provider.code,
                DiscrepancyKind.REFUNDED_THERE_ONLY,
                refund.object_id,
                f"{refund.object_id} refunded {refund.amount} {refund.currency}; {state}",
                payment=ours,
                amount=refund.amount,
                currency=refund.currency,
            )


def _payment_of(code: str, record: ProviderPayment) -> Payment | None:
    match = Q(external_id=record.object_id)
    if record.reference:
        match |= Q(reference=record.reference)
    return Payment.objects.filter(match, provider=code).order_by("pk").first()


def _found(
    result: Reconciliation,
    provider: str,
    kind: str,
    object_id: str,
    detail: str,
    *,
    payment: Payment | None,
    order_number: str = "",
    amount: Decimal | None,
    currency: str,
) -> None:
    """Record a difference; report it to Sentry if it is new."""
    order = payment.order if payment else Order.objects.filter(number=order_number).first()
    try:
        with transaction.atomic():
            row, created = PaymentDiscrepancy.objects.get_or_create(
                provider=provider,
                kind=kind,
                object_id=object_id,
                defaults={
                    "order": order,
                    "payment": payment,
                    "amount": amount,
                    "currency": currency,
                    "detail": detail[:255],
                },
            )
    except IntegrityError:  # another run recorded it at the same moment
        return
    if row.resolved_at is not None:
        return
    result.differences.append(row)
    if created:
        result.new.append(row)
        label = DiscrepancyKind(kind).label
        logger.warning("reconciliation, %s: %s: %s", provider, kind, detail)
        payment_problem_capture(
            f"Payment reconciliation: {label}: {detail}",
            provider=provider,
            kind=f"reconcile_{kind}",
            order=order,
        )
