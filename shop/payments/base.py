from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.utils.functional import Promise


class PaymentError(Exception):
    """A payment did not go through. The message is for logs and staff: no personal data."""

    def __init__(self, message: str, *, order_number: str = "", provider: str = "") -> None:
        super().__init__(message)
        self.order_number = order_number
        self.provider = provider


@dataclass(frozen=True)
class PaymentStart:
    """What to do after starting a payment: send the shopper to `redirect_url`, or nothing
    more is needed now (`redirect_url` is None)."""

    redirect_url: str | None = None


class PaymentProvider(ABC):
    code: str
    label: str | Promise
    # True when the shopper pays now, through a page of the provider; False for cash on delivery.
    pays_online: bool = True

    @abstractmethod
    def start(self, payment) -> PaymentStart:
        """Begin `payment` (a shop.models.Payment). Raise PaymentError when it cannot start."""

    def confirm(self, payment, data: dict) -> None:  # noqa: B027 — optional hook
        """Check the provider's word that `payment` succeeded (a webhook's signature, say).
        Raise PaymentError if it does not hold."""

    def fail(self, payment, reason: str) -> None:  # noqa: B027 — optional hook
        """Tell the provider an attempt is abandoned, if it needs to know."""
