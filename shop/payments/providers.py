"""Payment providers behind one small interface, offered as PAYMENT_METHODS chooses.

A provider turns "pay this order" into a typed answer (GatewayResponse: go to a hosted payment
page, nothing more to do now, or failed), and later confirms or fails the attempt. Checkout
code only knows this interface; Stripe Checkout (the stripe package: its provider, API calls
and webhook events) is one more entry in PROVIDERS; so
is monobank acquiring (the monobank package).
"""

from django.conf import settings
from django.utils.functional import Promise

from shop.models import Order
from shop.orders.states import ChargeStatus, OrderStatus
from shop.payments.base import (
    GatewayResponse,
    PaymentError,
    PaymentProvider,
    ProviderPayment,
    ProviderRefund,
)
from shop.payments.cod import CashOnDelivery
from shop.payments.demo import DemoGateway
from shop.payments.monobank.provider import MonobankAcquiring
from shop.payments.stripe.provider import StripeCheckout

PROVIDERS: dict[str, PaymentProvider] = {
    p.code: p for p in (StripeCheckout(), MonobankAcquiring(), DemoGateway(), CashOnDelivery())
}


def provider_get(code: str) -> PaymentProvider:
    try:
        return PROVIDERS[code]
    except KeyError:
        raise PaymentError(f"Unknown payment provider {code!r}") from None


def providers_offered() -> list[PaymentProvider]:
    """The providers checkout offers now: those PAYMENT_METHODS lists, in its order, that can
    take a payment (Stripe only with both its secrets)."""
    return [PROVIDERS[code] for code in settings.PAYMENT_METHODS if PROVIDERS[code].available]


def provider_choices() -> list[tuple[str, str | Promise]]:
    """The providers offered at checkout now, as form choices (code, label)."""
    return [(p.code, p.label) for p in providers_offered()]


def awaiting_online_payment(order: Order) -> bool:
    """The order waits for a payment the shopper makes online (a card, not cash). False for a
    provider no longer in the shop (an old order's): nothing can be paid through it."""
    provider = PROVIDERS.get(order.payment_method)
    return (
        order.status == OrderStatus.PENDING_PAYMENT
        and order.charge_status == ChargeStatus.UNPAID
        and provider is not None
        and provider.pays_online
    )


def demo_payments_on() -> bool:
    """The demo gateway, which takes no money, is on (PAYMENT_METHODS lists it: locally, or
    in a deployment that says it is a demo). Off, nothing reaches its pages."""
    return PROVIDERS["demo"].available


__all__ = [
    "PROVIDERS",
    "GatewayResponse",
    "PaymentError",
    "PaymentProvider",
    "ProviderPayment",
    "ProviderRefund",
    "awaiting_online_payment",
    "demo_payments_on",
    "provider_choices",
    "provider_get",
    "providers_offered",
]
