"""The shopping cart, kept in the server-side session.

Only product ids and quantities are stored; names, prices and stock are always read from the
database when the cart is shown or checked out, so nothing a browser sends can change a price.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.sessions.backends.base import SessionBase

from shop.models import Product

SESSION_KEY = "cart"


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def total(self) -> Decimal:
        return self.product.price * self.quantity


class Cart:
    def __init__(self, session: SessionBase) -> None:
        self.session = session

    @property
    def quantities(self) -> dict[int, int]:
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            return {}
        quantities = {}
        for pid, qty in raw.items():
            # Sessions outlive deploys; a malformed entry is dropped, never a 500.
            if str(pid).isdecimal() and isinstance(qty, int) and qty > 0:
                quantities[int(pid)] = qty
        return quantities

    def quantity_of(self, product_id: int) -> int:
        return self.quantities.get(product_id, 0)

    @property
    def count(self) -> int:
        return sum(self.quantities.values())

    def __len__(self) -> int:
        return len(self.quantities)

    def __bool__(self) -> bool:
        return bool(self.quantities)

    def save(self, quantities: Mapping[int, int]) -> None:
        # Session data is JSON: keys become strings.
        self.session[SESSION_KEY] = {str(pid): qty for pid, qty in quantities.items() if qty > 0}
        self.session.modified = True
