"""The shipping table. Prices live here, on the server; a form only ever names a method."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShippingMethod:
    code: str
    label: str | Promise
    price: Decimal
    free_over: Decimal | None = None

    def price_for(self, subtotal: Decimal) -> Decimal:
        if self.free_over is not None and subtotal >= self.free_over:
            return Decimal("0.00")
        return self.price

    def quote(self, subtotal: Decimal) -> tuple[Decimal, Decimal]:
        """(shipping price, total) for a subtotal: one rule for the review page and the order."""
        price = self.price_for(subtotal)
        return price, subtotal + price


# In hryvnia (SHOP_CURRENCY's default): a parcel-locker or branch delivery, a courier, and
# free standard delivery from 3 000 ₴. A shop in another currency sets its own prices here.
SHIPPING_METHODS: dict[str, ShippingMethod] = {
    m.code: m
    for m in (
        ShippingMethod(
            "standard", _("Standard delivery, 3–5 days"), Decimal("99.00"), Decimal("3000.00")
        ),
        ShippingMethod("express", _("Express delivery, 1–2 days"), Decimal("249.00")),
        ShippingMethod("pickup", _("Pick up at our store"), Decimal("0.00")),
    )
}
DEFAULT_SHIPPING = "standard"


def shipping_get(code: str) -> ShippingMethod | None:
    return SHIPPING_METHODS.get(code)
