"""The Stripe API calls the shop makes, through the official library, each in its own span:
create a Checkout Session, create a Refund. Plus the money rule they share: amounts in the
currency's minor unit, exactly.

The client is Stripe's StripeClient with the key from STRIPE_SECRET_KEY and, when set,
STRIPE_API_BASE as its API address (a stand-in in tests). Calls give up quickly — a shopper
is waiting, and gunicorn stops a request after 30 s: 3 s to connect, 10 s to read, one retry
by the library (with the same Idempotency-Key, so a retried POST never makes a second session
or refund).
"""

from decimal import Decimal
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings

from monitoring.api import span
from shop.payments.base import PaymentError
from shop.stripe_config import DEFAULT_API_BASE

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 10.0
MAX_NETWORK_RETRIES = 1

# Stripe's currency rules (docs.stripe.com/currencies): amounts are integers in the minor unit.
# Zero-decimal currencies have none (500 JPY is 500); three-decimal ones have three, with the
# last digit 0; everything else has two. ISK is two-decimal in the API but only whole krónur
# can be charged.
ZERO_DECIMAL = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA"}
    | {"PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}
)
THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
WHOLE_UNITS_ONLY = ZERO_DECIMAL | {"ISK"}


def minor_units(amount: Decimal, currency: str) -> int:
    """`amount` in `currency`'s minor unit, exactly: 24.98 USD → 2498, 500 JPY → 500,
    1.5 KWD → 1500. PaymentError when the amount cannot be charged exactly (12.50 JPY): never
    rounded, so the shopper pays what the order says or nothing."""
    code = currency.upper()
    exponent = 0 if code in ZERO_DECIMAL else 3 if code in THREE_DECIMAL else 2
    scaled = amount.scaleb(exponent)
    exact = scaled == scaled.to_integral_value() and (
        code not in WHOLE_UNITS_ONLY or amount == amount.to_integral_value()
    )
    value = int(scaled) if exact else 0
    if not exact or (code in THREE_DECIMAL and value % 10):
        raise PaymentError(f"{amount} {code} cannot be charged exactly in {code}")
    return value


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base},
        max_network_retries=MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=(CONNECT_TIMEOUT, READ_TIMEOUT)),
    )


def stripe_client() -> stripe.StripeClient:
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE or DEFAULT_API_BASE)


def _refused(error: stripe.StripeError, what: str) -> PaymentError:
    """What went wrong, by class, code and HTTP status only: Stripe's own messages can quote
    what was sent (the shopper's e-mail, say), which never goes to logs or Sentry."""
    details = [type(error).__name__]
    if error.code:
        details.append(str(error.code))
    if error.http_status:
        details.append(f"HTTP {error.http_status}")
    return PaymentError(f"Stripe could not {what} ({', '.join(details)})", provider="stripe")


def checkout_session_create(params: dict[str, Any], *, idempotency_key: str) -> Any:
    """POST /v1/checkout/sessions. Returns the Session; PaymentError when Stripe refuses or
    cannot be reached."""
    try:
        with span(op="http.client.stripe", name="POST /v1/checkout/sessions"):
            return stripe_client().v1.checkout.sessions.create(
                params,  # type: ignore[arg-type]  # built in stripe_checkout.session_params
                {"idempotency_key": idempotency_key},
            )
    except stripe.StripeError as error:
        raise _refused(error, "create the checkout session") from None


def refund_create(*, payment_intent: str, metadata: dict[str, str], idempotency_key: str) -> Any:
    """POST /v1/refunds for the whole of `payment_intent`. PaymentError when Stripe refuses
    (already refunded in full counts as done, see StripeCheckout.refund)."""
    try:
        with span(op="http.client.stripe", name="POST /v1/refunds"):
            return stripe_client().v1.refunds.create(
                {"payment_intent": payment_intent, "metadata": metadata},
                {"idempotency_key": idempotency_key},
            )
    except stripe.StripeError as error:
        if getattr(error, "code", None) == "charge_already_refunded":
            return None
        raise _refused(error, "refund the payment") from None
