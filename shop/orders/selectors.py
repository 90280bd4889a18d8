"""Order reads for shoppers: their orders, one order if they may see it, their last address."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet, Sum

from accounts.models import User
from shop.models import Order, Payment
from shop.models.orders import ADDRESS_FIELDS


def order_list_for_user(*, user: User) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity"))


def order_get_for_viewer(
    *, number: str, user: User | AnonymousUser, granted_numbers: list[str]
) -> Order | None:
    """The order if this visitor may see it: its account owner, or the browser session that
    placed it or opened its signed link. Anyone else gets None (a 404, not a 403: an order
    number's existence is not disclosed)."""
    order = (
        Order.objects.filter(number=number)
        .prefetch_related("lines", Prefetch("payments", queryset=Payment.objects.order_by("-pk")))
        .first()
    )
    if order is None:
        return None
    if order.user_id is not None:
        return order if getattr(user, "pk", None) == order.user_id else None
    return order if number in granted_numbers else None


def order_last_details(*, user: User) -> dict[str, str]:
    """Name and address from the customer's latest order, to prefill checkout (the e-mail
    comes from the account)."""
    last = Order.objects.filter(user=user).values(*ADDRESS_FIELDS).first()
    return last or {}
