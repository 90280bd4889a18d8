"""The shipping table. Prices live here, on the server; a form only ever names a method.

Also what follows from it: the free-delivery threshold the cart and catalogue advertise, and
the store where "pick up" orders are collected (its address and hours come from settings)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shop.delivery import tariffs
from shop.delivery.tariffs import Tariff, tariff_price


@dataclass(frozen=True)
class ShippingMethod:
    code: str
    label: str | Promise
    price: Decimal
    free_over: Decimal | None = None
    # Collected at our store: no address of the shopper's is used.
    is_pickup: bool = False
    # Nova Poshta (shop/delivery/): carried by it; to one of its warehouses of this kind
    # ("branch", "locker") chosen at checkout, or, empty, to the shopper's address.
    novaposhta: bool = False
    point_kind: str = ""
    # Prices by order total (`shop.delivery.tariffs`), in place of `price` when given.
    tariff: Tariff = ()

    def price_for(self, subtotal: Decimal) -> Decimal:
        if self.free_over is not None and subtotal >= self.free_over:
            return Decimal("0.00")
        if self.tariff:
            return tariff_price(self.tariff, subtotal)
        return self.price

    @property
    def needs_point(self) -> bool:
        return bool(self.point_kind)

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
        ShippingMethod("pickup", _("Pick up at our store"), Decimal("0.00"), is_pickup=True),
        # Offered once `manage.py novaposhta_sync` has brought its warehouses in.
        ShippingMethod(
            "np_branch",
            _("Nova Poshta — branch"),
            tariffs.BRANCH[0][1],
            novaposhta=True,
            point_kind="branch",
            tariff=tariffs.BRANCH,
        ),
        ShippingMethod(
            "np_locker",
            _("Nova Poshta — parcel locker"),
            tariffs.LOCKER[0][1],
            novaposhta=True,
            point_kind="locker",
            tariff=tariffs.LOCKER,
        ),
        ShippingMethod(
            "np_courier",
            _("Nova Poshta — courier to the door"),
            tariffs.COURIER[0][1],
            novaposhta=True,
            tariff=tariffs.COURIER,
        ),
    )
}
DEFAULT_SHIPPING = "standard"


def shipping_get(code: str) -> ShippingMethod | None:
    return SHIPPING_METHODS.get(code)


def shipping_label(code: str) -> str | Promise:
    """What shoppers and staff read for a method's code; the code itself for one no longer in
    the table."""
    method = shipping_get(code)
    return method.label if method else code


# --- free delivery ---------------------------------------------------------------------


@dataclass(frozen=True)
class FreeDelivery:
    """How far a subtotal is from free delivery to the door."""

    threshold: Decimal
    missing: Decimal  # 0 when the subtotal already qualifies

    @property
    def reached(self) -> bool:
        return self.missing <= 0


def free_delivery_threshold() -> Decimal | None:
    """The lowest subtotal from which a delivery method is free; None if none ever is.
    Pickup, free whatever the subtotal, is not delivery."""
    return min(
        (m.free_over for m in SHIPPING_METHODS.values() if m.free_over is not None),
        default=None,
    )


def free_delivery_for(subtotal: Decimal) -> FreeDelivery | None:
    threshold = free_delivery_threshold()
    if threshold is None:
        return None
    return FreeDelivery(threshold=threshold, missing=max(threshold - subtotal, Decimal("0.00")))


# --- the store, for pickup --------------------------------------------------------------


@dataclass(frozen=True)
class Store:
    address: str | Promise
    hours: str | Promise


def pickup_store() -> Store:
    """Where pickup orders are collected: SHOP_STORE_ADDRESS and SHOP_STORE_HOURS, shown as
    written. Unset, the demo shop's (translatable, like any other text of ours)."""
    return Store(
        address=settings.SHOP_STORE_ADDRESS or _("22 Khreshchatyk St, Kyiv 01001"),
        hours=settings.SHOP_STORE_HOURS or _("Mon–Fri 10:00–19:00, Sat 10:00–16:00"),
    )
