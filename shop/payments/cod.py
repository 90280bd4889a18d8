from django.utils.translation import gettext_lazy as _

from shop.payments.base import PaymentProvider, PaymentStart


class CashOnDelivery(PaymentProvider):
    """Nothing happens online: the order stays pending until staff mark it paid."""

    code = "cod"
    label = _("Cash on delivery")
    pays_online = False

    def start(self, payment) -> PaymentStart:
        return PaymentStart(redirect_url=None)
