"""What the shopper reviewed: the review page's account of the order it shows, signed into its
form, and what changed since.

The review page builds a `Review` of what it shows (each line's product, quantity and unit
price, the delivery method and its price, the payment methods offered, the shopper's details,
the total and currency) and puts it, signed with the SECRET_KEY, into the "Place order" form.
On "Place order", `shop.checkout.services.order_place` builds the same account again from
the rows it has locked to place the order and compares: any difference, and nothing is placed;
`review_changes` says which line changed how, and the new total. The details are carried as a
keyed hash, never as text: the form holds no address or e-mail.

Data only: no Django request, no wording (the review page words the changes).
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core import signing
from django.utils.crypto import salted_hmac

from shop.delivery.shipping import ShippingMethod
from shop.models import Product

SALT = "shop.checkout.review"


@dataclass(frozen=True)
class ReviewedLine:
    product_id: int
    name: str  # as shown; a product renamed since is not a change
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class Review:
    lines: tuple[ReviewedLine, ...]  # by product id
    shipping: str
    shipping_price: Decimal
    payment_methods: tuple[str, ...]
    details: str  # a keyed hash of the shopper's details
    total: Decimal
    currency: str

    def signed(self) -> str:
        """The review for the form: URL-safe text, signed (tampering makes it unreadable)."""
        payload = {
            "l": [[x.product_id, x.name, x.quantity, str(x.unit_price)] for x in self.lines],
            "s": self.shipping,
            "sp": str(self.shipping_price),
            "p": list(self.payment_methods),
            "d": self.details,
            "t": str(self.total),
            "c": self.currency,
        }
        return signing.dumps(payload, salt=SALT, compress=True)

    @classmethod
    def from_signed(cls, value: str) -> "Review | None":
        """The review a form carried back; None when it is not one we signed."""
        try:
            data = signing.loads(value, salt=SALT)
            return cls(
                lines=tuple(
                    ReviewedLine(int(pid), str(name), int(qty), Decimal(price))
                    for pid, name, qty, price in data["l"]
                ),
                shipping=str(data["s"]),
                shipping_price=Decimal(data["sp"]),
                payment_methods=tuple(str(code) for code in data["p"]),
                details=str(data["d"]),
                total=Decimal(data["t"]),
                currency=str(data["c"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError, InvalidOperation):
            return None


def review_of(
    *,
    lines: Iterable[tuple[Product, int]],
    shipping: ShippingMethod,
    details: Mapping[str, str],
    payment_methods: Iterable[str],
    currency: str,
) -> Review:
    """The review of an order of `lines` (product, quantity) at the products' prices now."""
    reviewed = tuple(
        sorted(
            (ReviewedLine(p.pk, p.name, quantity, p.price) for p, quantity in lines),
            key=lambda line: line.product_id,
        )
    )
    subtotal = sum((x.unit_price * x.quantity for x in reviewed), Decimal("0.00"))
    shipping_price, total = shipping.quote(subtotal)
    return Review(
        lines=reviewed,
        shipping=shipping.code,
        shipping_price=shipping_price,
        payment_methods=tuple(payment_methods),
        details=details_hash(details),
        total=total,
        currency=currency,
    )


def details_hash(details: Mapping[str, str]) -> str:
    text = json.dumps(dict(details), sort_keys=True, ensure_ascii=False)
    return salted_hmac(SALT + ".details", text, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class LineChange:
    """One line as reviewed and as it is now: quantity 0 means not in the order (added
    since: `old_quantity` 0; removed since: `new_quantity` 0)."""

    name: str
    old_quantity: int
    new_quantity: int
    old_price: Decimal | None
    new_price: Decimal | None

    @property
    def added(self) -> bool:
        return self.old_quantity == 0

    @property
    def removed(self) -> bool:
        return self.new_quantity == 0

    @property
    def quantity_changed(self) -> bool:
        return not (self.added or self.removed) and self.old_quantity != self.new_quantity

    @property
    def price_changed(self) -> bool:
        return not (self.added or self.removed) and self.old_price != self.new_price


@dataclass(frozen=True)
class ReviewChanges:
    """What differs between the review the shopper saw and the order as it would be placed."""

    lines: tuple[LineChange, ...]
    shipping_changed: bool
    old_shipping_price: Decimal
    new_shipping_price: Decimal
    details_changed: bool
    payment_methods_changed: bool
    old_total: Decimal
    new_total: Decimal
    old_currency: str
    currency: str

    def __bool__(self) -> bool:
        return bool(
            self.lines
            or self.shipping_changed
            or self.details_changed
            or self.payment_methods_changed
            or (self.old_total, self.old_currency) != (self.new_total, self.currency)
        )


def review_changes(reviewed: Review, current: Review) -> ReviewChanges:
    """What changed from `reviewed` to `current`; falsy when they are the same order."""
    old = {x.product_id: x for x in reviewed.lines}
    new = {x.product_id: x for x in current.lines}
    lines = []
    for pid in sorted(old.keys() | new.keys()):
        before, after = old.get(pid), new.get(pid)
        if (
            before
            and after
            and (before.quantity, before.unit_price) == (after.quantity, after.unit_price)
        ):
            continue
        lines.append(
            LineChange(
                name=(after or before).name,  # type: ignore[union-attr]  # one of them is there
                old_quantity=before.quantity if before else 0,
                new_quantity=after.quantity if after else 0,
                old_price=before.unit_price if before else None,
                new_price=after.unit_price if after else None,
            )
        )
    return ReviewChanges(
        lines=tuple(lines),
        shipping_changed=(reviewed.shipping, reviewed.shipping_price)
        != (current.shipping, current.shipping_price),
        old_shipping_price=reviewed.shipping_price,
        new_shipping_price=current.shipping_price,
        details_changed=reviewed.details != current.details,
        payment_methods_changed=reviewed.payment_methods != current.payment_methods,
        old_total=reviewed.total,
        new_total=current.total,
        old_currency=reviewed.currency,
        currency=current.currency,
    )
