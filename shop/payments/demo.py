from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shop.models import Payment
from shop.payments.base import GatewayResponse, PaymentProvider


class DemoGateway(PaymentProvider):
    """Stands in for a hosted gateway: our own page with Approve and Decline buttons.
    It never sees card data, exactly like a real hosted checkout."""

    code = "demo"
    label = _("Demo card gateway (no real charge)")

    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        return GatewayResponse.redirect(
            reverse("shop:demo_gateway", kwargs={"reference": payment.reference})
        )

    def refund(self, payment: Payment) -> None:
        """Nothing was charged, so nothing goes back: the refund is only recorded."""
