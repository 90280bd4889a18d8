"""Card payments through Stripe Checkout, Stripe's hosted payment page.

`start` creates a Checkout Session for the attempt, built from the order as stored (one line
per order line plus shipping, in the currency's minor unit, an Idempotency-Key derived from the
attempt), and sends the shopper there. The money is confirmed only by Stripe's signed webhooks
(`shop.payments.stripe.webhooks`), never by the shopper's return to the shop. The session ends
when the order's payment window does, moved into the 30 minutes to 24 hours Stripe accepts.
Details: docs/payments.md, "Card payments with Stripe".
"""

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shop.delivery.shipping import SHIPPING_METHODS
from shop.models import Payment
from shop.payments.base import (
    GatewayResponse,
    PaymentError,
    PaymentProvider,
    ProviderPayment,
    ProviderRefund,
)
from shop.payments.stripe.api import (
    checkout_session_create,
    checkout_session_retrieve,
    checkout_sessions_list,
    from_minor_units,
    minor_units,
    refund_create,
    refunds_list,
)

# Stripe's limits for expires_at, with a minute's margin each way for clock differences.
SESSION_MIN = timedelta(minutes=30) + timedelta(minutes=1)
SESSION_MAX = timedelta(hours=24) - timedelta(minutes=1)


def session_expiry(placed: datetime, *, now: datetime) -> datetime:
    """When the Checkout Session of an order placed at `placed` ends (see the module's doc)."""
    window_end = placed + timedelta(minutes=settings.SHOP_ORDER_PAYMENT_MINUTES)
    return min(max(window_end, now + SESSION_MIN), now + SESSION_MAX)


def idempotency_key(action: str, payment: Payment) -> str:
    return f"smartshop-{action}-{payment.reference}"


def stripe_metadata(payment: Payment) -> dict[str, str]:
    return {"order_number": payment.order.number, "payment_reference": payment.reference}


def session_params(payment: Payment, *, site_url: str, now: datetime) -> dict[str, Any]:
    """The Checkout Session for `payment`, from the order's stored lines and prices."""
    order = payment.order
    currency = payment.currency.lower()
    items = [
        (line.product_name, line.unit_price, line.quantity) for line in order.lines.order_by("pk")
    ]
    if order.shipping_price:
        method = SHIPPING_METHODS.get(order.shipping_method)
        label = str(method.label) if method else gettext("Shipping")
        items.append((label, order.shipping_price, 1))
    line_items: list[dict[str, Any]] = [
        {
            "price_data": {
                "currency": currency,
                "unit_amount": minor_units(price, currency),
                "product_data": {"name": name[:250]},
            },
            "quantity": quantity,
        }
        for name, price, quantity in items
    ]
    charged = sum(i["price_data"]["unit_amount"] * i["quantity"] for i in line_items)
    if charged != minor_units(payment.amount, currency):
        # The lines must add up to what the order (and this attempt) says, to the cent.
        raise PaymentError(f"Session lines add up to {charged}, the attempt to {payment.amount}")
    order_url = site_url + order.get_absolute_url()
    return {
        "mode": "payment",
        "line_items": line_items,
        "client_reference_id": order.number,
        "metadata": stripe_metadata(payment),
        "payment_intent_data": {"metadata": stripe_metadata(payment)},
        "customer_email": order.email,
        "success_url": site_url + reverse("shop:order_paying", kwargs={"number": order.number}),
        "cancel_url": f"{order_url}?payment=cancelled",
        "expires_at": int(session_expiry(order.created_at, now=now).timestamp()),
    }


class StripeCheckout(PaymentProvider):
    code = "stripe"
    label = _("Card (Stripe)")

    @property
    def available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        if not self.available:
            raise PaymentError("Card payments are not configured")
        params = session_params(payment, site_url=site_url, now=timezone.now())
        session = checkout_session_create(
            params, idempotency_key=idempotency_key("checkout", payment)
        )
        url, session_id = getattr(session, "url", None), getattr(session, "id", None)
        if not url or not session_id:
            raise PaymentError("Stripe answered without a session id or URL")
        return GatewayResponse.redirect(url, external_id=session_id)

    def resume(self, payment: Payment) -> GatewayResponse | None:
        """The attempt's session while it is open; Stripe's "thank you" page (our
        order_paying) once it is complete — the money is on its way, a new session would take
        it twice; None once it expired (a new attempt gets a new session)."""
        if not payment.external_id:
            return None
        session = checkout_session_retrieve(payment.external_id)
        status = getattr(session, "status", None)
        if status == "open" and getattr(session, "url", None):
            return GatewayResponse.redirect(session.url, external_id=session.id)
        if status == "complete" and getattr(session, "success_url", None):
            return GatewayResponse.redirect(session.success_url, external_id=session.id)
        return None

    def payments_since(self, since: datetime) -> Iterator[ProviderPayment]:
        for session in checkout_sessions_list(created_since=int(since.timestamp())):
            yield session_record(session.to_dict())

    def refunds_since(self, since: datetime) -> Iterator[ProviderRefund]:
        for refund in refunds_list(created_since=int(since.timestamp())):
            data = refund.to_dict()
            currency = str(data.get("currency") or "").upper()
            yield ProviderRefund(
                object_id=data["id"],
                transaction_id=_id(data.get("payment_intent")),
                amount=from_minor_units(int(data.get("amount") or 0), currency or "USD"),
                currency=currency,
                succeeded=data.get("status") == "succeeded",
                created=_time(data.get("created")),
            )

    def confirm(self, payment: Payment, data: Mapping[str, str]) -> None:
        # Only a signed webhook says a Stripe payment succeeded (payment_received), never a
        # page the shopper can post to.
        raise PaymentError("Stripe payments are confirmed by Stripe's signed events only")

    def refund(self, payment: Payment) -> None:
        if not payment.transaction_id:
            raise PaymentError("Stripe has not told us this payment's PaymentIntent")
        refund_create(
            payment_intent=payment.transaction_id,
            metadata=stripe_metadata(payment),
            idempotency_key=idempotency_key("refund", payment),
        )


def _id(value: Any) -> str:
    """An id Stripe may send as "pi_…" or, expanded, as the object itself."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def _time(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value or 0), tz=UTC)


def session_record(data: dict[str, Any]) -> ProviderPayment:
    """A Checkout Session (as a dict) as the shop compares it with its payments."""
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        metadata = {}
    currency = str(data.get("currency") or "").upper()
    amount = data.get("amount_total")
    return ProviderPayment(
        object_id=str(data.get("id") or ""),
        reference=str(metadata.get("payment_reference") or ""),
        order_number=str(metadata.get("order_number") or data.get("client_reference_id") or ""),
        paid=data.get("payment_status") == "paid",
        amount=from_minor_units(amount, currency) if isinstance(amount, int) and currency else None,
        currency=currency,
        transaction_id=_id(data.get("payment_intent")),
        created=_time(data.get("created")),
    )
