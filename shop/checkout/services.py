"""Placing an order: the one place where a cart becomes an order and stock goes down.

`order_place` runs named steps, after django-oscar's OrderCreator and Saleor's
complete_checkout: lock and check stock, check that the order is the one the shopper reviewed
(`shop.checkout.review`), create the order and its lines, take the stock, record the payment
attempt, empty the cart, and schedule what happens after commit. It is
idempotent per checkout attempt: the attempt's token is stored on the order (unique), so a
repeated or simultaneous "Place order" gets the order that exists, never a second one.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import translation

from monitoring.api import breadcrumb, order_context
from shop.cart.services import cart_clear
from shop.cart.session import Cart
from shop.catalogue.services import catalogue_revision_bump
from shop.checkout.review import Review, ReviewChanges, review_changes, review_of
from shop.delivery.points import DeliveryPoint
from shop.delivery.shipping import ShippingMethod
from shop.models import Order, OrderEvent, OrderLine, Payment, Product
from shop.models.orders import DETAILS_FIELDS, DETAILS_OPTIONAL, order_number_new
from shop.orders.notifications import order_confirmation_schedule
from shop.orders.states import initial_status
from shop.payments.providers import PaymentProvider, provider_get, providers_offered
from shop.payments.services import payment_record

logger = logging.getLogger(__name__)


class CheckoutDetails:
    """The shopper's e-mail, name and address for the order: one text for each of
    DETAILS_FIELDS (shop/models/orders.py), optional ones blank if not given. Read a field as
    an attribute: `details.city`, in templates too. Missing or unknown fields are a TypeError,
    as for any call with the wrong keywords."""

    __slots__ = ("_values",)

    def __init__(self, **values: str) -> None:
        unknown = sorted(set(values) - set(DETAILS_FIELDS))
        missing = [n for n in DETAILS_FIELDS if n not in values and n not in DETAILS_OPTIONAL]
        if unknown or missing:
            raise TypeError(f"CheckoutDetails: unknown {unknown}, missing {missing}")
        self._values = {name: values.get(name, "") for name in DETAILS_FIELDS}

    def __getattr__(self, name: str) -> str:
        if not name.startswith("_") and name in DETAILS_FIELDS:
            return self._values[name]
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CheckoutDetails) and other._values == self._values

    def __repr__(self) -> str:
        return f"CheckoutDetails({self._values!r})"

    def as_dict(self) -> dict[str, str]:
        return dict(self._values)


@dataclass(frozen=True)
class StockProblem:
    """A cart line that cannot be had, after Saleor's InsufficientStockData. `sold` False: the
    product was withdrawn (or deleted, `name` empty) since it went into the cart."""

    name: str
    requested: int
    available: int
    sold: bool = True


class CheckoutError(Exception):
    """The order cannot be placed: the cart is empty, or `problems` lists the lines that
    cannot be had. Data, not sentences: the checkout page words them for the shopper."""

    def __init__(self, problems: list[StockProblem], *, empty_cart: bool = False) -> None:
        super().__init__("empty cart" if empty_cart else f"stock problems: {problems}")
        self.problems = problems
        self.empty_cart = empty_cart


class ReviewOutdated(Exception):
    """The order as it would be placed now is not the one the shopper reviewed (the cart
    changed in another tab, a price changed, ...): nothing was placed. `changes` says what;
    the review page shows the order as it is now, for the shopper to place again."""

    def __init__(self, changes: ReviewChanges) -> None:
        super().__init__("the order changed since it was reviewed")
        self.changes = changes


@dataclass(frozen=True)
class Placement:
    """What "Place order" did. `created`: a new order, with its first payment attempt in
    `payment`. Not created: this checkout attempt had placed `order` already (a double click,
    a second tab, a retry), and nothing was done again."""

    order: Order
    created: bool
    payment: Payment | None = None


def order_place(
    *,
    cart: Cart,
    details: CheckoutDetails,
    shipping: ShippingMethod,
    payment_method: str,
    checkout_token: str,
    reviewed: Review,
    user: AbstractBaseUser | AnonymousUser | None = None,
    point: DeliveryPoint | None = None,
) -> Placement:
    """Turn the cart into an order in one transaction, or raise CheckoutError (or
    ReviewOutdated) and change nothing. `checkout_token` names the checkout attempt: its first
    call places the order, every later or simultaneous call returns that order (`created`
    False). `reviewed`: what the review page showed the shopper; the order is placed only if
    it is exactly that (lines, prices, delivery, details, payment methods, total). `point`:
    the Nova Poshta warehouse, for a method that delivers to one (snapshot onto the order).

    Product rows are locked in pk order, so concurrent buyers queue instead of deadlocking,
    and stock and prices are re-checked after the lock: stock can never go below zero, and
    a price changed since the review is never charged unseen."""
    if not checkout_token:
        raise ValueError("order_place needs the checkout attempt's token")
    if shipping.needs_point != (point is not None):
        raise ValueError(f"order_place: {shipping.code} with point {point!r}")
    placed = _order_for_attempt(checkout_token)
    if placed is not None:
        return _placed_before(placed, cart)
    quantities = cart.quantities
    if not quantities:
        raise CheckoutError([], empty_cart=True)
    provider = provider_get(payment_method)
    try:
        with transaction.atomic():
            products = _stock_lock(quantities)
            # After the lock: a simultaneous submit of this attempt that held it first has
            # committed by now, and its order is visible here.
            placed = _order_for_attempt(checkout_token)
            if placed is None:
                _stock_check(products, quantities)
                _review_check(
                    reviewed,
                    products=products,
                    quantities=quantities,
                    details=details,
                    shipping=shipping,
                    point=point,
                )
                order = _order_create(
                    products=products,
                    quantities=quantities,
                    details=details,
                    shipping=shipping,
                    provider=provider,
                    checkout_token=checkout_token,
                    user=user,
                    point=point,
                )
                _stock_take(products, quantities)
                payment = payment_record(order=order)
                _cart_empty(cart)
                _after_commit_actions(order, provider)
    except IntegrityError:
        # The unique token, if two submits ever got past the check together: the other
        # one's order stands, and this transaction left nothing behind.
        placed = _order_for_attempt(checkout_token)
        if placed is None:
            raise
    if placed is not None:
        return _placed_before(placed, cart)
    _placed_report(order, lines=len(quantities))
    return Placement(order=order, created=True, payment=payment)


# --- the steps, in order ------------------------------------------------------------------


def _order_for_attempt(checkout_token: str) -> Order | None:
    return Order.objects.filter(checkout_token=checkout_token).first()


def _placed_before(order: Order, cart: Cart) -> Placement:
    cart_clear(cart=cart)  # this request's copy of the session may still hold the cart
    logger.info("order %s: placed before by the same checkout; no new order", order.number)
    return Placement(order=order, created=False)


def _stock_lock(quantities: dict[int, int]) -> dict[int, Product]:
    locked = (
        Product.objects.select_for_update(of=("self",))
        .select_related("category")
        .filter(pk__in=quantities)
        .order_by("pk")
    )
    return {p.pk: p for p in locked}


def _stock_check(products: dict[int, Product], quantities: dict[int, int]) -> None:
    problems = []
    for pid, quantity in quantities.items():
        product = products.get(pid)
        if product is None or not product.is_active or not product.category.is_active:
            name = product.name if product else ""
            problems.append(StockProblem(name, requested=quantity, available=0, sold=False))
        elif product.stock < quantity:
            problems.append(StockProblem(product.name, requested=quantity, available=product.stock))
    if problems:
        raise CheckoutError(problems)


def _review_check(
    reviewed: Review,
    *,
    products: dict[int, Product],
    quantities: dict[int, int],
    details: CheckoutDetails,
    shipping: ShippingMethod,
    point: DeliveryPoint | None,
) -> None:
    """The order as it would be placed, from the locked rows, against what was reviewed."""
    current = review_of(
        lines=[(products[pid], qty) for pid, qty in quantities.items()],
        shipping=shipping,
        details=details.as_dict() | (point.review_fields() if point else {}),
        payment_methods=[p.code for p in providers_offered()],
        currency=settings.SHOP_CURRENCY,
    )
    changes = review_changes(reviewed, current)
    if changes:
        raise ReviewOutdated(changes)


def _order_create(
    *,
    products: dict[int, Product],
    quantities: dict[int, int],
    details: CheckoutDetails,
    shipping: ShippingMethod,
    provider: PaymentProvider,
    checkout_token: str,
    user: AbstractBaseUser | AnonymousUser | None,
    point: DeliveryPoint | None,
) -> Order:
    """The order, its lines (a snapshot of name, SKU and price) and its first event."""
    subtotal = sum((products[pid].price * qty for pid, qty in quantities.items()), Decimal("0.00"))
    shipping_price, total = shipping.quote(subtotal)
    owner = user if isinstance(user, get_user_model()) and user.is_authenticated else None
    order = _order_insert(
        user=owner,
        shipping_method=shipping.code,
        shipping_price=shipping_price,
        subtotal=subtotal,
        total=total,
        currency=settings.SHOP_CURRENCY,
        # The shopper's language (their request's): e-mails about the order speak it.
        language=translation.get_language() or settings.LANGUAGE_CODE,
        payment_method=provider.code,
        status=initial_status(pays_online=provider.pays_online),
        checkout_token=checkout_token,
        **details.as_dict(),
        **(point.order_fields() if point else {}),
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
    OrderEvent.objects.create(
        order=order,
        to_status=order.status,
        to_charge=order.charge_status,
        actor=owner,
        note="Placed",
    )
    return order


def _order_insert(**fields: Any) -> Order:
    # Numbers are random; on the rare clash, draw again inside a savepoint.
    for _attempt in range(5):
        number = order_number_new()
        try:
            with transaction.atomic():
                return Order.objects.create(number=number, **fields)
        except IntegrityError:
            if not Order.objects.filter(number=number).exists():
                raise  # some other constraint (the checkout token): not ours to retry
    raise RuntimeError("Could not draw a unique order number")


def _stock_take(products: dict[int, Product], quantities: dict[int, int]) -> None:
    for pid, qty in quantities.items():
        products[pid].stock -= qty
    Product.objects.bulk_update(products.values(), ["stock"])
    catalogue_revision_bump()


def _cart_empty(cart: Cart) -> None:
    """Empty the cart and write the session now, inside the order's transaction: whatever
    fails after the commit, the shopper's session no longer holds what was ordered."""
    cart_clear(cart=cart)
    cart.session.save()


def _after_commit_actions(order: Order, provider: PaymentProvider) -> None:
    """Side effects, queued to run once the order is committed (never for a rolled-back
    one), off the request path; their failure never undoes or fails the order."""
    if not provider.pays_online:
        # Cash on delivery: confirmed now, paid later; online payments confirm when paid.
        order_confirmation_schedule(order=order)


def _placed_report(order: Order, *, lines: int) -> None:
    order_context(order)
    breadcrumb(f"Placed order #{order.number}", order=order.number)
    logger.info(
        "order %s placed: %d lines, %s %s", order.number, lines, order.total, order.currency
    )
