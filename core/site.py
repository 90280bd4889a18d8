"""The site's own address, for absolute links: e-mails, canonical links, Open Graph, robots.txt.

`SITE_URL` when it is configured (production: SITE_URL, else Render's RENDER_EXTERNAL_URL).
Without it (local runs), the address the shopper used to reach the server: the request being
served, remembered for the length of that request by `SiteOriginMiddleware`. Its Host header
has passed ALLOWED_HOSTS by then, as for Django's own password-reset links. So a server on
port 8001, or reached from a phone at 192.168.1.20:8000, writes links that open.

E-mails leave from background tasks, which have no request: whoever queues one captures
`site_url()` while the request is still being served and hands it to the task as an argument
(`shop.orders.notifications`), so a worker process writes the same links. With neither a
setting nor a request (a cron job, a shell) it is runserver's default, http://127.0.0.1:8000.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FALLBACK = "http://127.0.0.1:8000"

_request_origin: ContextVar[str] = ContextVar("site_request_origin", default="")


def request_origin(request: HttpRequest) -> str:
    """`https://host[:port]` as the request reached us (Host validated, scheme from the
    trusted proxy header)."""
    return f"{request.scheme}://{request.get_host()}"


def site_url(request: HttpRequest | None = None) -> str:
    """The base of absolute links, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request_origin(request)
    return _request_origin.get() or FALLBACK


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (from reverse() or a static/media URL) as an absolute URL on this site."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url(request) + path


class SiteOriginMiddleware:
    """Remembers the request's origin while it is served, for code that has no request (a
    service queueing an e-mail). Does nothing when SITE_URL is set. Place it after
    CommonMiddleware, which has validated the Host header by then."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SITE_URL:
            return self.get_response(request)
        token = _request_origin.set(request_origin(request))
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
