from django.utils.translation import gettext_lazy as _

from shop.models import Payment
from shop.payments.base import GatewayResponse, PaymentProvider


class CashOnDelivery(PaymentProvider):
    """Nothing happens online: the order stays pending until staff mark it paid."""

    code = "cod"
    label = _("Cash on delivery")
    pays_online = False

    def start(self, payment: Payment, *, site_url: str) -> GatewayResponse:
        return GatewayResponse.done()
