"""Attach who and what a request is about, so an error in Sentry says which shopper and which
order or cart it hit. Runs after AuthenticationMiddleware. Costs nothing when Sentry is off.

What the request is about comes from the watched apps: they push the order context when they
load an order (monitoring.api.order_context) and register providers (for the cart, say) that
are read only when an error is reported (monitoring.api.context_provider_register). The event
processor holds the request weakly, as the SDK's own does: an event sent after the request is
gone simply goes without it.
"""

import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import sentry_sdk
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from core.http import client_ip
from monitoring.browser import UNKNOWN_ROUTE, response_with_browser_tags
from monitoring.journey import current_request, journey_merge
from monitoring.registry import REGISTRY, ensure_resolved
from monitoring.sentry import sentry_enabled
from monitoring.visitor import HINT_KEY, request_values

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

T = TypeVar("T")


class SentryContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # Loaded with the URLconf's first use: a registered URL name that does not resolve
        # stops the server here, before it serves anything (ImproperlyConfigured).
        ensure_resolved()

    def __call__(self, request: HttpRequest) -> HttpResponse:
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

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        """Name the transaction after the route, the same in every language: `/cart/` for
        `/cart/` and `/en/cart/`. The SDK names it before the request's language is known,
        from whatever language the thread had last (and keeps the first name it finds per
        route), so `/en/…` pages would be named by their raw path or as `/en/…`."""
        match = request.resolver_match
        # path() routes only: a regular expression (re_path: media, the admin's app index)
        # is named well by the SDK, and never has a language prefix here.
        if sentry_enabled() and match is not None and not _REGEX.search(match.route):
            name = route_name(match.route, request.path_info)
            sentry_sdk.get_current_scope().set_transaction_name(name, source="route")

    def _handle(self, request: HttpRequest, scope: sentry_sdk.Scope) -> HttpResponse:
        token = current_request.set(request)
        try:
            scope.add_event_processor(_request_processor(weakref.ref(request)))
            response = self.get_response(request)
            config = settings.SENTRY
            if config.browser_on:
                # While this request's transaction is still the current one: its trace ids.
                response_with_browser_tags(request, response, config, page_route(request))
            return response
        finally:
            current_request.reset(token)


_PARAMETER = re.compile(r"<(?:[^<>:]+:)?([^<>]+)>")
_REGEX = re.compile(r"^\^|\(\?")


def page_route(request: HttpRequest) -> str:
    """The page's route as the browser names its page load: the server transaction's name."""
    match = request.resolver_match
    if match is None:
        return UNKNOWN_ROUTE
    if _REGEX.search(match.route):
        return match.view_name
    return route_name(match.route, request.path_info)


def route_name(route: str, path: str) -> str:
    """A resolved route as a transaction name: `en/pay/demo/<str:reference>/` (from
    `/en/pay/demo/…`) → `/pay/demo/{reference}/`, the SDK's own style."""
    language = get_language_from_path(path)
    if language and route.startswith(f"{language}/"):
        route = route[len(language) + 1 :]
    return "/" + _PARAMETER.sub(r"{\1}", route)


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


def _is_error(event: "Event") -> bool:
    return event.get("type") in (None, "event", "error", "default")


def _request_processor(
    weak_request: Callable[[], HttpRequest | None],
) -> Callable[["Event", "Hint"], "Event"]:
    """The request's user and its own values to scrub, for every event; for errors, the journey
    so far and the registered contexts (read now, after the failure, so each read is guarded)."""

    def processor(event: "Event", hint: "Hint") -> "Event":
        request = weak_request()
        if request is None:
            return event
        hint[HINT_KEY] = request_values(request)
        # Who, read when something is sent rather than on every request (most send nothing):
        # looking the user up cost each request about 15 µs (docs/performance.md).
        if "user" not in event and (user := _safely(_user_info, request)):
            event["user"] = user
        if not _is_error(event):
            return event
        _safely(lambda r: journey_merge(event, getattr(r, "session", None)), request)
        contexts = event.setdefault("contexts", {})
        for name, provider in REGISTRY.contexts.items():
            if name not in contexts and (context := _safely(provider, request)):
                contexts[name] = context
        return event

    return processor


def _safely(provider: Callable[[HttpRequest], T], request: HttpRequest) -> T | None:
    try:
        return provider(request)
    except Exception:  # the database may be what failed; report without it
        return None
