"""Reading the request: who is asking (`client_ip`), where to go next (`safe_next_url`)
and which site sent it (`request_site`, `is_cross_site`).

`client_ip` is the address throttling counts: the X-Forwarded-For entry written by the
outermost of settings.TRUSTED_PROXY_COUNT trusted proxies, never one the client could have made
up. A count set higher than the proxies really there is capped by `ProxyChain` at the shortest
chain seen (`proxy_chain_observe`, shown every request by EdgeMiddleware), with one WARNING.
Why, Render's two hops and what is left to set right: docs/edge.md, "The client address".
"""

import ipaddress
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


class ProxyChain:
    """What this process has seen of X-Forwarded-For: the fewest entries any request carried
    (None: none shorter than TRUSTED_PROXY_COUNT yet), and whether it has warned about it."""

    _lock = threading.Lock()
    shortest: int | None = None
    warned = False

    @classmethod
    def observe(cls, entries: int, hops: int) -> None:
        if entries >= hops or (cls.shortest is not None and entries >= cls.shortest):
            return
        with cls._lock:
            cls.shortest = entries if cls.shortest is None else min(cls.shortest, entries)
            warn, cls.warned = not cls.warned, True
        if warn:
            # Counts only: no address of anyone.
            logger.warning(
                "X-Forwarded-For had %d entries, fewer than TRUSTED_PROXY_COUNT=%d: the count "
                "is higher than the proxies in front of the app (or they were bypassed). Such "
                "requests are counted under the connecting address, and at most %d entries "
                "are trusted from now on. Set TRUSTED_PROXY_COUNT to the real number of proxies.",
                entries,
                hops,
                entries,
            )

    @classmethod
    def trusted(cls, hops: int) -> int:
        """How many entries from the right were written by proxies: the configured count,
        unless a shorter chain proved it too high."""
        return hops if cls.shortest is None else min(hops, cls.shortest)

    @classmethod
    def forget(cls, *, setting: str = "TRUSTED_PROXY_COUNT", **kwargs: object) -> None:
        if setting == "TRUSTED_PROXY_COUNT":
            cls.shortest, cls.warned = None, False


setting_changed.connect(ProxyChain.forget, dispatch_uid="core.proxy_chain_forget")


def _forwarded(request: HttpRequest) -> list[str]:
    return [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]


def proxy_chain_observe(request: HttpRequest) -> None:
    """Learn from this request's X-Forwarded-For how many proxies there really are."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        ProxyChain.observe(len(_forwarded(request)), hops)


def client_ip(request: HttpRequest) -> str:
    """The client's address as the trusted proxies saw it; REMOTE_ADDR when none are
    configured (local runs, or a server reached directly) or the request came through fewer
    than configured (module docstring). Always a valid IP address."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = _forwarded(request)
    ProxyChain.observe(len(forwarded), hops)
    if len(forwarded) < hops:
        return remote
    trusted = ProxyChain.trusted(hops)
    if trusted <= 0:  # a request came with no entry at all: none can be trusted
        return remote
    return _valid_ip(forwarded[-trusted]) or remote


def safe_next_url(request: HttpRequest, *, default: str) -> str:
    """The `next` target from the request if it stays on this site, else `default` (a URL
    name or path): never an open redirect."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


# What Sec-Fetch-Site says of a request the visitor made on this site (or typed in).
SAME_SITE_FETCH = frozenset({"same-origin", "none"})


def _origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of an absolute http(s) URL; None for anything else ("null",
    a path, garbage)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def request_site(request: HttpRequest) -> str:
    """Who made this request, as the browser tells: "same" (this site, or an origin in
    CSRF_TRUSTED_ORIGINS), "cross" (another site) or "unknown" (no header says).

    Asked in order, the first present decides: Sec-Fetch-Site (every current browser, over
    https and on localhost), then Origin (every current browser on a POST; "null" when a page
    hides where it is, which counts as another site), then Referer (older browsers; the shop's
    own Referrer-Policy, same-origin, still sends it to ourselves)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return "same" if fetch_site in SAME_SITE_FETCH else "cross"
    own = {f"{request.scheme}://{request.get_host()}".lower()}
    own |= {o.lower() for o in settings.CSRF_TRUSTED_ORIGINS}
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is not None:
            return "same" if _origin_of(value) in own else "cross"
    return "unknown"


def is_cross_site(request: HttpRequest) -> bool:
    """Whether the browser says another site made this request (request_site is "cross");
    False when no header says either way."""
    return request_site(request) == "cross"
