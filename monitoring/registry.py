"""What the watched apps tell monitoring, and how it is checked.

Monitoring never imports the apps it watches. They register, from their AppConfig.ready(),
through `monitoring.api`: context providers (read when an error is reported), providers of the
visitor's personal values (removed by value when user PII is off), and URL names — of private
forms, of URLs whose parameters are tokens, of always-traced pages. Names, not paths: every
registered name is checked against the URLconf before the first request is served (when the
middleware loads), by `manage.py check` (monitoring.E001) and before the first event is sent,
so a renamed URL stops start-up with ImproperlyConfigured instead of silently weakening
scrubbing; a moved path keeps matching, since requests are matched by view name.

Not in AppConfig.ready(): importing the URLconf there would import the views before the SDK's
Django integration has patched `django.shortcuts.render` (no template spans).
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from monitoring import scrubbing

PRIVATE_FORMS = "private_forms"
TOKEN_URLS = "token_urls"  # noqa: S105 — a kind of URL, not a token
TRACED = "always_traced"
TRACED_WRITES = "always_traced_writes"
URL_KINDS = (PRIVATE_FORMS, TOKEN_URLS, TRACED, TRACED_WRITES)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

ContextProvider = Callable[[HttpRequest], dict | None]
PersonalProvider = Callable[[HttpRequest], Iterable[str]]


@dataclass
class Registry:
    contexts: dict[str, ContextProvider] = field(default_factory=dict)
    personal: list[PersonalProvider] = field(default_factory=list)
    urls: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in URL_KINDS})
    resolved: bool = False


REGISTRY = Registry()


def url_names_add(kind: str, names: Iterable[str]) -> None:
    REGISTRY.urls[kind].update(names)
    if REGISTRY.resolved:
        urls_resolve()


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        # A page's route is the same in every language: i18n_patterns' `en/` is no part of it.
        if isinstance(entry.pattern, LocalePrefixPattern):
            route = prefix
        else:
            route = prefix + str(entry.pattern).lstrip("^").removesuffix("\\Z").removesuffix("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route


@lru_cache(maxsize=1)
def url_routes() -> dict[str, str]:
    """Every named URL of the URLconf: view name → its route with placeholders, from the root
    ("/…/<str:token>/"). The first route wins, as in reverse()."""
    routes: dict[str, str] = {}
    for name, route in _walk(get_resolver().url_patterns):
        routes.setdefault(name, "/" + route)
    return routes


def urls_resolve() -> None:
    """Check every registered URL name; hand the scrubber the routes that carry tokens."""
    routes = url_routes()
    missing = sorted({n for names in REGISTRY.urls.values() for n in names} - routes.keys())
    if missing:
        raise ImproperlyConfigured(
            f"monitoring: the URL name(s) {', '.join(missing)} registered through "
            "monitoring.api.urls_register do not resolve. A URL was renamed: update its "
            "registration, or Sentry scrubbing and tracing would silently miss it."
        )
    scrubbing.token_routes_set(routes[n] for n in REGISTRY.urls[TOKEN_URLS])
    REGISTRY.resolved = True


_lock = threading.RLock()
_resolving = threading.local()


def ensure_resolved() -> None:
    """Resolve the registered URL names once; ImproperlyConfigured if one does not resolve."""
    if REGISTRY.resolved or getattr(_resolving, "active", False):
        return  # done, or this thread is importing the URLconf right now
    with _lock:
        if not REGISTRY.resolved:
            _resolving.active = True
            try:
                urls_resolve()
            finally:
                _resolving.active = False


def resolve_quietly() -> None:
    """For log formatters, which must never fail: resolve if the apps are ready and this
    thread is not importing the URLconf already (a log line during that import)."""
    if REGISTRY.resolved or not apps.ready or getattr(_resolving, "active", False):
        return
    with suppress(Exception):  # the middleware and `check` report it loudly
        ensure_resolved()


@lru_cache(maxsize=2048)
def view_name(path: str) -> str | None:
    """The view name of `path` in any language (`/checkout/` and `/en/checkout/` alike),
    whatever language this thread has active (the sampler runs before the request's own)."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            return resolve(path).view_name
    except Resolver404:
        return None


def is_private_path(path: str) -> bool:
    ensure_resolved()
    return view_name(path) in REGISTRY.urls[PRIVATE_FORMS]


def is_traced_path(path: str, method: str = "GET") -> bool:
    """Whether a `method` request to `path` is traced whatever the sample rate."""
    ensure_resolved()
    name = view_name(path)
    if name in REGISTRY.urls[TRACED]:
        return True
    return method.upper() not in SAFE_METHODS and name in REGISTRY.urls[TRACED_WRITES]


@receiver(setting_changed)
def _urlconf_changed(*, setting: str, **kwargs: object) -> None:
    if setting in ("ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"):
        url_routes.cache_clear()
        view_name.cache_clear()
