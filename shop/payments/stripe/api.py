"""The Stripe API calls the shop makes, through the official library, each in its own span:
create, retrieve and list Checkout Sessions, create and list Refunds. Plus the money rule they
share: amounts in the currency's minor unit, exactly (and back).

The client is Stripe's StripeClient with the key from STRIPE_SECRET_KEY and, when set,
STRIPE_API_BASE as its API address (a stand-in in tests). Calls give up quickly — a shopper
is waiting, and gunicorn stops a request after 30 s: 3 s to connect, 10 s to read, one retry
by the library (with the same Idempotency-Key, so a retried POST never makes a second session
or refund).
"""

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings

from monitoring.api import span
from shop.payments.base import PaymentError
from shop.payments.stripe.config import DEFAULT_API_BASE

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


def from_minor_units(value: int, currency: str) -> Decimal:
    """The inverse of `minor_units`: 2498 USD → Decimal("24.98"), 500 JPY → Decimal("500")."""
    code = currency.upper()
    exponent = 0 if code in ZERO_DECIMAL else 3 if code in THREE_DECIMAL else 2
    return Decimal(value).scaleb(-exponent)


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


def checkout_session_retrieve(session_id: str) -> Any:
    """GET /v1/checkout/sessions/{id}. PaymentError when Stripe refuses or cannot be reached."""
    try:
        with span(op="http.client.stripe", name="GET /v1/checkout/sessions/{id}"):
            return stripe_client().v1.checkout.sessions.retrieve(session_id)
    except stripe.StripeError as error:
        raise _refused(error, "read the checkout session") from None


def checkout_sessions_list(*, created_since: int) -> Iterator[Any]:
    """Every Checkout Session created at or after `created_since` (a Unix time), newest first,
    page by page (`has_more` / `starting_after`, 100 a page). PaymentError on a refusal."""
    params: Any = {"created": {"gte": created_since}, "limit": 100}
    try:
        with span(op="http.client.stripe", name="GET /v1/checkout/sessions"):
            yield from stripe_client().v1.checkout.sessions.list(params).auto_paging_iter()
    except stripe.StripeError as error:
        raise _refused(error, "list the checkout sessions") from None


def refunds_list(*, created_since: int) -> Iterator[Any]:
    """Every Refund created at or after `created_since`, page by page. PaymentError on a
    refusal."""
    params: Any = {"created": {"gte": created_since}, "limit": 100}
    try:
        with span(op="http.client.stripe", name="GET /v1/refunds"):
            yield from stripe_client().v1.refunds.list(params).auto_paging_iter()
    except stripe.StripeError as error:
        raise _refused(error, "list the refunds") from None
