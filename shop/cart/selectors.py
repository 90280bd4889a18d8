"""Cart reads: the cart's lines at today's prices."""

from dataclasses import dataclass
from decimal import Decimal

from shop.cart.session import Cart, CartLine
from shop.catalogue.selectors import products_current


@dataclass(frozen=True)
class PricedCart:
    """The cart's lines with today's prices, and the products no longer sold."""

    lines: list[CartLine]
    unavailable: list[int]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_priced(*, cart: Cart) -> PricedCart:
    """The cart's lines with current prices, by name; gone products are listed apart. For
    showing the cart: placing an order reads and locks its products itself."""
    quantities = cart.quantities
    products = products_current(ids=quantities)
    lines = [
        CartLine(product=p, quantity=quantities[p.pk])
        for p in sorted(products.values(), key=lambda p: (p.name.casefold(), p.pk))
    ]
    return PricedCart(lines=lines, unavailable=[pid for pid in quantities if pid not in products])
