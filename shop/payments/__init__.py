"""Payment providers behind one small interface.

A provider turns "pay this order" into a typed answer (GatewayResponse: go to a hosted payment
page, nothing more to do now, or failed), and later confirms or fails the attempt. Checkout
code only knows this interface; Stripe Checkout (stripe_checkout.py, with its API calls in
stripe_api.py and its webhook events in stripe_events.py) is one more entry in PROVIDERS.
"""

from django.utils.functional import Promise

from shop.payments.base import (
    GatewayResponse,
    PaymentError,
    PaymentProvider,
    ProviderPayment,
    ProviderRefund,
)
from shop.payments.cod import CashOnDelivery
from shop.payments.demo import DemoGateway
from shop.payments.stripe_checkout import StripeCheckout

PROVIDERS: dict[str, PaymentProvider] = {
    p.code: p for p in (StripeCheckout(), DemoGateway(), CashOnDelivery())
}


def provider_get(code: str) -> PaymentProvider:
    try:
        return PROVIDERS[code]
    except KeyError:
        raise PaymentError(f"Unknown payment provider {code!r}") from None


def provider_choices() -> list[tuple[str, str | Promise]]:
    """The providers offered at checkout now: Stripe only when it is configured."""
    return [(p.code, p.label) for p in PROVIDERS.values() if p.available]


__all__ = [
    "PROVIDERS",
    "GatewayResponse",
    "PaymentError",
    "PaymentProvider",
    "ProviderPayment",
    "ProviderRefund",
    "provider_choices",
    "provider_get",
]
