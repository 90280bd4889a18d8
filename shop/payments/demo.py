from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop.models import Payment
from shop.payments.base import GatewayResponse, PaymentError, PaymentProvider


class DemoGateway(PaymentProvider):
    """Stands in for a hosted gateway: our own page with Approve and Decline buttons.
    It never sees card data, exactly like a real hosted checkout, and takes no money.

    On only while PAYMENT_METHODS lists it (start-up allows that with DEBUG on, or with
    DEMO_PAYMENTS=true); off, it starts and confirms nothing, even for an old demo order."""

    code = "demo"
    label = _("Demo card gateway (no real charge)")

    @property
    def available(self) -> bool:
        return self.code in settings.PAYMENT_METHODS

    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        if not self.available:
            raise PaymentError("The demo gateway is off", provider=self.code)
        return GatewayResponse.redirect(
            reverse("shop:demo_gateway", kwargs={"reference": payment.reference})
        )

    def confirm(self, payment: Payment, data: Mapping[str, str]) -> None:
        if not self.available:
            raise PaymentError("The demo gateway is off: no demo payment is approved")

    def refund(self, payment: Payment) -> None:
        """Nothing was charged, so nothing goes back: the refund is only recorded."""
