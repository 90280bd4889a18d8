"""Reading the request: who is asking (`client_ip`) and where to go next (`safe_next_url`).

The client address is what throttling counts.

Behind a proxy, REMOTE_ADDR is the proxy and the client is in X-Forwarded-For. Each proxy
*appends* the address it received the request from, so only the last `TRUSTED_PROXY_COUNT`
entries were written by proxies we trust; anything to their left came from the client and may
be made up. We take the entry the outermost trusted proxy wrote: the address that connected to
it. On Render that is two hops (Cloudflare's edge, then Render's own proxy):
`X-Forwarded-For: <anything the client sent>, <client>, <edge>`, so the client is the second
entry from the right. Taking the first entry instead would let anyone pick a new address per
request and walk past every per-client limit.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as the trusted proxies saw it; REMOTE_ADDR when none are
    configured (local runs, or a server reached directly). Always a valid IP address."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 (a key, not a bind)
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if not forwarded:
        return remote
    # Fewer entries than trusted proxies: the chain is shorter than configured; the leftmost
    # is then the closest thing to the client we have.
    entry = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    return _valid_ip(entry) or remote


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


def is_cross_site(request: HttpRequest) -> bool:
    """Whether the browser says another site made this request: Sec-Fetch-Site (every
    current browser), else an Origin that is not this site's (or one in
    CSRF_TRUSTED_ORIGINS). Neither header: not known to be cross-site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE_FETCH
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS
