from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.functional import Promise

from shop.models import Payment


class PaymentError(Exception):
    """A payment did not go through. The message is for logs and staff: no personal data."""

    def __init__(self, message: str, *, order_number: str = "", provider: str = "") -> None:
        super().__init__(message)
        self.order_number = order_number
        self.provider = provider


@dataclass(frozen=True)
class GatewayResponse:
    """A provider's answer to "start this payment", after Saleor's GatewayResponse.

    `is_success` False: the attempt failed and `error` says why (for logs and staff, no
    personal data). `action_required`: the shopper must go to `redirect_url`, a hosted payment
    page, to finish. Neither: nothing more is needed now (cash on delivery)."""

    is_success: bool
    action_required: bool = False
    redirect_url: str | None = None
    error: str = ""
    # The provider's id for the attempt (a Stripe Checkout Session), stored on the Payment.
    external_id: str = ""

    @classmethod
    def redirect(cls, url: str, *, external_id: str = "") -> "GatewayResponse":
        return cls(is_success=True, action_required=True, redirect_url=url, external_id=external_id)

    @classmethod
    def done(cls) -> "GatewayResponse":
        return cls(is_success=True)

    @classmethod
    def failed(cls, error: str) -> "GatewayResponse":
        return cls(is_success=False, error=error)


@dataclass(frozen=True)
class ProviderPayment:
    """One payment as the provider's API reports it (a Stripe Checkout Session), for
    reconciliation: ids, states and money only."""

    object_id: str  # the provider's id for it (cs_…), what Payment.external_id holds
    reference: str  # our attempt's reference, when we made it ("" for a foreign one)
    order_number: str
    paid: bool  # the provider holds the money
    amount: Decimal | None
    currency: str
    transaction_id: str  # the money movement (a PaymentIntent), once there is one
    created: datetime


@dataclass(frozen=True)
class ProviderRefund:
    object_id: str  # re_…
    transaction_id: str  # the money movement it gives back
    amount: Decimal
    currency: str
    succeeded: bool
    created: datetime


class PaymentProvider(ABC):
    code: str
    label: str | Promise
    # True when the shopper pays now, through a page of the provider; False for cash on delivery.
    pays_online: bool = True

    @property
    def available(self) -> bool:
        """Offered at checkout now (a provider that needs keys is not, without them)."""
        return True

    @abstractmethod
    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        """Begin `payment`. `site_url` is the shop's address as the shopper sees it
        (https://shop.example.com), for pages the provider sends them back to. Answer
        GatewayResponse.failed(...) or raise PaymentError when it cannot start; either way
        the attempt is recorded as failed, in one place."""

    def resume(self, payment: Payment) -> GatewayResponse | None:
        """The answer for paying `payment`, an attempt already started, again: its own page
        while that is still open (one open page per attempt), or None when a new attempt is
        needed. PaymentError when the provider cannot tell now."""
        return None

    def payments_since(self, since: datetime) -> Iterable[ProviderPayment] | None:
        """Every payment the provider has had since `since` (reconciliation), or None for a
        provider without such an API. PaymentError when it cannot be asked."""
        return None

    def refunds_since(self, since: datetime) -> Iterable[ProviderRefund] | None:
        """Every refund the provider made since `since`, or None (see `payments_since`)."""
        return None

    def confirm(self, payment: Payment, data: Mapping[str, str]) -> None:  # noqa: B027 — optional hook
        """Check the provider's word that `payment` succeeded (a webhook's signature, say).
        Raise PaymentError if it does not hold."""

    def fail(self, payment: Payment, reason: str) -> None:  # noqa: B027 — optional hook
        """Tell the provider an attempt is abandoned, if it needs to know."""

    def refund(self, payment: Payment) -> None:
        """Give the whole of an approved `payment` back to the shopper. Must be safe to call
        again for the same payment (one refund however often). Raise PaymentError if it
        cannot be done."""
        raise PaymentError(f"{self.code} payments cannot be refunded online", provider=self.code)
