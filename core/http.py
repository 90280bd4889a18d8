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
from urllib.parse import urlsplit

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
