"""The checkout session: what the shopper chose so far, and what each step needs first.

Modelled on django-oscar: one object over one key of the server-side session holds the
contact details, the shipping choice and the checkout attempt's token (Oscar's
`CheckoutSessionData`), and each step declares its preconditions, checked in order; the first
that fails names the page where the shopper can put it right (Oscar's
`CheckoutSessionMixin.pre_conditions`). Views ask this object; they never re-check.

Nothing here is trusted for money: prices, shipping and totals are computed from the database
and the shipping table when the order is placed.
"""

import secrets
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from accounts.models import User
from shop.cart.selectors import PricedCart, cart_priced
from shop.cart.session import Cart
from shop.checkout.review import Review, review_of
from shop.checkout.services import CheckoutDetails
from shop.delivery import selectors as delivery_selectors
from shop.delivery.points import DeliveryPoint
from shop.delivery.shipping import ShippingMethod, shipping_get
from shop.models import Order
from shop.orders.access import orders_granted
from shop.orders.selectors import order_get_for_viewer
from shop.payments.providers import providers_offered

SESSION_KEY = "checkout"
# Tokens are 43 characters (secrets.token_urlsafe(32)); a longer one is not worth a query.
MAX_TOKEN_LENGTH = 64

DETAILS, SHIPPING, POINT, REVIEW = "details", "shipping", "point", "review"


class PreconditionFailed(Exception):
    """A step cannot be shown yet: send the shopper to `url_name`, telling them `message`."""

    def __init__(self, url_name: str, message: str = "") -> None:
        super().__init__(url_name)
        self.url_name = url_name
        self.message = message


class CheckoutSession:
    # Each step's preconditions, checked in this order (names of methods below).
    PRECONDITIONS: dict[str, tuple[str, ...]] = {
        DETAILS: ("check_cart_is_ready",),
        SHIPPING: ("check_cart_is_ready", "check_details_are_given"),
        POINT: ("check_cart_is_ready", "check_details_are_given", "check_shipping_is_chosen"),
        REVIEW: (
            "check_cart_is_ready",
            "check_details_are_given",
            "check_shipping_is_chosen",
            "check_point_is_chosen",
        ),
    }

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        self.cart = Cart(session)

    # --- what the shopper chose --------------------------------------------------------------

    @property
    def _data(self) -> dict:
        data = self.session.get(SESSION_KEY)
        return data if isinstance(data, dict) else {}

    def _save(self, **changes: object) -> None:
        self.session[SESSION_KEY] = self._data | changes

    @property
    def details(self) -> CheckoutDetails | None:
        try:
            return CheckoutDetails(**self._data["details"])
        except (KeyError, TypeError):  # sessions outlive deploys: a bad entry means "not given"
            return None

    @property
    def details_entered(self) -> dict[str, str]:
        """What the shopper typed, to fill the form again (empty when nothing yet)."""
        details = self._data.get("details")
        return details if isinstance(details, dict) else {}

    def details_save(self, fields: dict[str, str]) -> None:
        self._save(details=fields)

    @property
    def shipping(self) -> ShippingMethod | None:
        code = self._data.get("shipping")
        return shipping_get(code) if isinstance(code, str) else None

    def shipping_save(self, code: str) -> None:
        self._save(shipping=code)

    @property
    def point(self) -> DeliveryPoint | None:
        """The Nova Poshta warehouse chosen for the shipping method, while it is still a
        working one of the method's kind; None otherwise (or for methods without one)."""
        shipping = self.shipping
        ref = self._data.get("np_warehouse")
        if shipping is None or not shipping.needs_point or not isinstance(ref, str):
            return None
        warehouse = delivery_selectors.warehouse_get(ref=ref, kind=shipping.point_kind)
        return DeliveryPoint.of(warehouse) if warehouse else None

    def point_save(self, warehouse_ref: str) -> None:
        self._save(np_warehouse=warehouse_ref)

    # --- the checkout attempt ----------------------------------------------------------------

    @property
    def token(self) -> str:
        """The token of this checkout attempt, made on first use. It goes into the review
        form and onto the order (unique): one attempt can only ever place one order."""
        token = self._data.get("token")
        if not isinstance(token, str) or not token:
            token = secrets.token_urlsafe(32)
            self._save(token=token)
        return token

    def attempt_order(self, token: str) -> Order | None:
        """The order this session's current checkout attempt placed, when `token` is that
        attempt's: a form posted again by a request that loaded the session before the order
        was placed (a double click, a second tab). Else None."""
        current = self._data.get("token")
        if not token or not isinstance(current, str) or not constant_time_compare(token, current):
            return None
        return Order.objects.filter(checkout_token=token).first()

    def earlier_order(self, token: str, *, user: User | AnonymousUser) -> Order | None:
        """The order an earlier checkout attempt placed with `token` (an old review page posted
        again), if this visitor may see it (shop/orders/access.py); else None. Never the
        current attempt's: that one is `attempt_order`."""
        current = self._data.get("token")
        if not token or len(token) > MAX_TOKEN_LENGTH or token == current:
            # The current attempt's order, placed since attempt_order looked, is for the
            # service to find under its lock: it ends the attempt (this request's session
            # copy may still hold the cart that order was made from).
            return None
        number = Order.objects.filter(checkout_token=token).values_list("number", flat=True).first()
        if number is None:
            return None
        granted = orders_granted(self.session)
        return order_get_for_viewer(number=number, user=user, granted_numbers=granted)

    def placed(self) -> None:
        """The attempt is over: empty the cart and forget the choices (a new attempt, with a
        new token, starts with the next cart)."""
        self.cart.save({})
        self.session[SESSION_KEY] = {}

    # --- the cart as it is now ---------------------------------------------------------------

    @cached_property
    def priced_cart(self) -> PricedCart:
        return cart_priced(cart=self.cart)

    def priced_cart_refresh(self) -> None:
        """Read the cart's prices again (after "Place order" found they had changed)."""
        self.__dict__.pop("priced_cart", None)

    def review(self) -> Review:
        """What the review page shows, for its form to carry back (shop/checkout/review.py).
        Needs the review step's preconditions."""
        return review_of(
            lines=[(line.product, line.quantity) for line in self.priced_cart.lines],
            shipping=self.shipping_required(),
            details=self.details_required().as_dict() | self.point_review_fields(),
            payment_methods=[p.code for p in providers_offered()],
            currency=settings.SHOP_CURRENCY,
        )

    # --- preconditions -----------------------------------------------------------------------

    def check(self, step: str) -> None:
        """Raise PreconditionFailed for the first precondition of `step` that does not hold."""
        for name in self.PRECONDITIONS[step]:
            getattr(self, name)()

    def check_cart_is_ready(self) -> None:
        if not self.priced_cart.lines and not self.priced_cart.unavailable:
            raise PreconditionFailed(
                "shop:cart", _("Your cart is empty. Add something before checking out.")
            )
        if self.priced_cart.unavailable:
            # The cart page drops what is no longer sold, and says so.
            raise PreconditionFailed("shop:cart")

    def check_details_are_given(self) -> None:
        self.details_required()

    def check_shipping_is_chosen(self) -> None:
        self.shipping_required()

    def check_point_is_chosen(self) -> None:
        self.point_required()

    # --- what a step's preconditions guarantee, typed ----------------------------------------

    def details_required(self) -> CheckoutDetails:
        details = self.details
        if details is None:
            raise PreconditionFailed("shop:checkout")
        return details

    def shipping_required(self) -> ShippingMethod:
        shipping = self.shipping
        if shipping is None:
            raise PreconditionFailed("shop:checkout_shipping")
        return shipping

    def point_required(self) -> DeliveryPoint | None:
        """The chosen warehouse when the method needs one (None when it does not)."""
        if not self.shipping_required().needs_point:
            return None
        point = self.point
        if point is None:
            raise PreconditionFailed(
                "shop:checkout_np", _("Choose the Nova Poshta branch or parcel locker.")
            )
        return point

    def point_review_fields(self) -> dict[str, str]:
        point = self.point_required()
        return point.review_fields() if point else {}
