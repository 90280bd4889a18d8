from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:  # shop.models imports this package lazily; types only, no import cycle
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

    @classmethod
    def redirect(cls, url: str) -> "GatewayResponse":
        return cls(is_success=True, action_required=True, redirect_url=url)

    @classmethod
    def done(cls) -> "GatewayResponse":
        return cls(is_success=True)

    @classmethod
    def failed(cls, error: str) -> "GatewayResponse":
        return cls(is_success=False, error=error)


class PaymentProvider(ABC):
    code: str
    label: str | Promise
    # True when the shopper pays now, through a page of the provider; False for cash on delivery.
    pays_online: bool = True

    @abstractmethod
    def start(self, payment: "Payment") -> GatewayResponse:
        """Begin `payment`. Answer GatewayResponse.failed(...) or raise PaymentError when it
        cannot start; either way the attempt is recorded as failed, in one place."""

    def confirm(self, payment: "Payment", data: Mapping[str, str]) -> None:  # noqa: B027 — optional hook
        """Check the provider's word that `payment` succeeded (a webhook's signature, say).
        Raise PaymentError if it does not hold."""

    def fail(self, payment: "Payment", reason: str) -> None:  # noqa: B027 — optional hook
        """Tell the provider an attempt is abandoned, if it needs to know."""
