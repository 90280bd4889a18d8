"""Placing an order: the one place where a cart becomes an order and stock goes down."""

import logging
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from monitoring.api import breadcrumb, order_context
from shop.cart import Cart
from shop.models import Order, OrderEvent, OrderLine, OrderStatus, Product
from shop.models.orders import order_number_new
from shop.payments import provider_get
from shop.services.catalogue import catalogue_revision_bump
from shop.services.notifications import order_confirmation_schedule
from shop.shipping import ShippingMethod

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckoutDetails:
    email: str
    full_name: str
    address_line1: str
    city: str
    postcode: str
    country: str
    phone: str = ""
    address_line2: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class CheckoutError(Exception):
    """The order cannot be placed; `problems` are sentences to show the shopper."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _stock_problems(products: dict[int, Product], quantities: dict[int, int]) -> list[str]:
    problems = []
    for pid, quantity in quantities.items():
        product = products.get(pid)
        if product is None or not product.is_active or not product.category.is_active:
            name = product.name if product else _("An item in your cart")
            problems.append(_("%(name)s is no longer available.") % {"name": name})
        elif product.stock == 0:
            problems.append(_("%(name)s is out of stock.") % {"name": product.name})
        elif product.stock < quantity:
            problems.append(
                _("Only %(left)d of %(name)s left; you asked for %(asked)d.")
                % {"left": product.stock, "name": product.name, "asked": quantity}
            )
    return problems


def order_place(
    *,
    cart: Cart,
    details: CheckoutDetails,
    shipping: ShippingMethod,
    payment_method: str,
    user=None,
) -> Order:
    """Turn the cart into an order in one transaction, or raise CheckoutError and change
    nothing. Product rows are locked in pk order, so concurrent buyers queue instead of
    deadlocking, and stock is re-checked after the lock: it can never go below zero."""
    quantities = cart.quantities
    if not quantities:
        raise CheckoutError([_("Your cart is empty.")])
    provider = provider_get(payment_method)
    with transaction.atomic():
        locked = (
            Product.objects.select_for_update(of=("self",))
            .select_related("category")
            .filter(pk__in=quantities)
            .order_by("pk")
        )
        products = {p.pk: p for p in locked}
        problems = _stock_problems(products, quantities)
        if problems:
            raise CheckoutError(problems)

        subtotal = sum(
            (products[pid].price * qty for pid, qty in quantities.items()), Decimal("0.00")
        )
        shipping_price, total = shipping.quote(subtotal)
        order = _order_create(
            user=user if getattr(user, "is_authenticated", False) else None,
            shipping_method=shipping.code,
            shipping_price=shipping_price,
            subtotal=subtotal,
            total=total,
            currency=settings.SHOP_CURRENCY,
            payment_method=provider.code,
            **details.as_dict(),
        )
        OrderLine.objects.bulk_create(
            OrderLine(
                order=order,
                product=products[pid],
                product_name=products[pid].name,
                sku=products[pid].sku,
                unit_price=products[pid].price,
                quantity=qty,
            )
            for pid, qty in sorted(quantities.items())
        )
        for pid, qty in quantities.items():
            products[pid].stock -= qty
        Product.objects.bulk_update(products.values(), ["stock"])
        catalogue_revision_bump()
        OrderEvent.objects.create(
            order=order, to_status=OrderStatus.PENDING_PAYMENT, actor=order.user, note="Placed"
        )
        if not provider.pays_online:
            # Cash on delivery: confirmed now, paid later; online payments confirm when paid.
            order_confirmation_schedule(order=order)
    cart.save({})
    order_context(order)
    breadcrumb(f"Placed order #{order.number}", order=order.number)
    logger.info(
        "order %s placed: %d lines, %s %s",
        order.number,
        len(quantities),
        order.total,
        order.currency,
    )
    return order


def _order_create(**fields) -> Order:
    # Numbers are random; on the rare clash, draw again inside a savepoint.
    for _attempt in range(5):
        number = order_number_new()
        try:
            with transaction.atomic():
                return Order.objects.create(number=number, **fields)
        except IntegrityError:
            if not Order.objects.filter(number=number).exists():
                raise  # some other constraint: not ours to retry
    raise RuntimeError("Could not draw a unique order number")
