"""Who may open an order page: the account that placed it, or the browser session that placed
it or opened its signed link (`shop.orders.links`), which is granted the order in its
server-side session. Only misses count against the client — lookups of an order that does not
exist or that this visitor may not see, and links that do not verify: past the limit every
further miss from that client answers 429 until the window ends, so numbers cannot be guessed.
An order's owner is never throttled on their own order: a mobile carrier's NAT puts many
shoppers behind one address, and someone else's misses must not lock anyone out of theirs."""

from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404, HttpRequest

from core.http import client_ip
from core.ratelimit import RateLimit
from monitoring.api import order_context, order_tag
from shop.models import Order
from shop.orders.selectors import order_get_for_viewer

GRANTS_KEY = "orders"
MAX_GRANTS = 20
LOOKUP_MISSES = RateLimit("order_lookup_client")
# "Find my order" (the signed link sent again): per client, and per e-mail address typed
# whether or not an order has it, so the answer reveals nothing and no inbox is flooded.
FIND_PER_CLIENT = RateLimit("order_find_client")
FIND_PER_EMAIL = RateLimit("order_find_email")


def order_grant(session: SessionBase, order: Order) -> None:
    """Let this browser session see `order` (it placed it, or opened its signed link)."""
    granted = [n for n in orders_granted(session) if n != order.number]
    session[GRANTS_KEY] = [*granted, order.number][-MAX_GRANTS:]


def orders_granted(session: SessionBase) -> list[str]:
    """The numbers of the orders this session was granted, newest last."""
    granted = session.get(GRANTS_KEY, [])
    return granted if isinstance(granted, list) else []


def order_lookups_check(request: HttpRequest) -> None:
    """Raise RateLimited (a 429) when this client has used up its misses. Call it only on
    the way to a miss (order_lookup_miss does): never before the owner's own order."""
    LOOKUP_MISSES.check(client_ip(request))


def order_find_throttle(request: HttpRequest) -> None:
    """Count one "Find my order" request from this client; RateLimited (429) past the limit."""
    FIND_PER_CLIENT.consume(client_ip(request))


def order_find_email_throttle(email: str) -> None:
    """Count one link sent to `email`, found or not; RateLimited (429) past the limit."""
    FIND_PER_EMAIL.consume(email.strip().lower())


def order_lookup_miss(request: HttpRequest, message: str) -> Http404:
    """Count a lookup that found nothing this visitor may see; the 404 to raise. RateLimited
    (429) instead once this client has used up its misses."""
    order_lookups_check(request)
    LOOKUP_MISSES.hit(client_ip(request))
    return Http404(message)


def order_for_viewer_or_404(request: HttpRequest, number: str) -> Order:
    """The order `number` if this visitor may see it; 404 otherwise, whether it exists or not."""
    order_tag(number)  # for Sentry, before anything can fail; the context once it is loaded
    order = order_get_for_viewer(
        number=number, user=request.user, granted_numbers=orders_granted(request.session)
    )
    if order is None:
        raise order_lookup_miss(request, "No such order.")
    order_context(order)
    return order
