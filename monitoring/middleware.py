"""Attach who and what a request is about, so an error in Sentry says which shopper and which
order or cart it hit. Runs after AuthenticationMiddleware. Costs nothing when Sentry is off."""

import sentry_sdk
from django.conf import settings
from django.http import HttpRequest

from monitoring.api import order_summary, order_tag
from monitoring.journey import current_request, journey_merge
from monitoring.sentry import sentry_enabled

ORDER_VIEWS = frozenset({"shop:order_detail", "shop:order_pay"})


def client_ip(request: HttpRequest) -> str | None:
    # Behind Render's proxy the shopper's address is the first X-Forwarded-For hop.
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class SentryContextMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not sentry_enabled():
            return self.get_response(request)
        scope = sentry_sdk.get_current_scope()
        if scope.transaction is not None:
            # Under a WSGI server the SDK already gave this request scopes of its own.
            return self._handle(request, scope)
        # Elsewhere (Django's test client): a scope of this request's own, so tags and context
        # never leak into the next request.
        with sentry_sdk.new_scope() as scope:
            return self._handle(request, scope)

    def _handle(self, request: HttpRequest, scope):
        token = current_request.set(request)
        try:
            scope.set_user(_user_info(request))
            scope.add_event_processor(_request_processor(request))
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if sentry_enabled() and match and match.view_name in ORDER_VIEWS and view_kwargs:
            order_tag(view_kwargs["number"])
            request._sentry_order_number = view_kwargs["number"]
        return None


def _user_info(request: HttpRequest) -> dict | None:
    user = getattr(request, "user", None)
    pii = settings.SENTRY.send_user_pii
    info: dict = {}
    if user is not None and user.is_authenticated:
        info["id"] = str(user.pk)
        if pii:
            info["email"] = user.email
    if pii:
        info["ip_address"] = client_ip(request)
    return info or None


def _is_error(event: dict) -> bool:
    return event.get("type") in (None, "event", "error", "default")


def _request_processor(request: HttpRequest):
    """Context that needs the database is read only when an error is actually reported."""

    def processor(event: dict, hint: dict) -> dict:
        if not _is_error(event):
            return event
        session = getattr(request, "session", None)
        journey_merge(event, session)
        contexts = event.setdefault("contexts", {})
        number = getattr(request, "_sentry_order_number", None)
        if number and "order" not in contexts:
            summary = _safely(lambda: _order_summary(request, number))
            if summary:
                contexts["order"] = summary
        if "order" not in contexts and session is not None:
            summary = _safely(lambda: _cart_summary(session))
            if summary:
                contexts["cart"] = summary
        return event

    return processor


def _safely(read):
    try:
        return read()
    except Exception:  # the database may be what failed; report without it
        return None


def _order_summary(request: HttpRequest, number: str) -> dict | None:
    from shop import selectors
    from shop.views.orders import GRANTS_KEY

    order = selectors.order_get_for_viewer(
        number=number,
        user=request.user,
        granted_numbers=request.session.get(GRANTS_KEY, []),
    )
    return order_summary(order) if order else None


def _cart_summary(session) -> dict | None:
    from shop import selectors
    from shop.cart import Cart

    cart = Cart(session)
    if not cart:
        return None
    return {"items": cart.count, "total": f"{selectors.cart_view(cart=cart).subtotal:.2f}"}
