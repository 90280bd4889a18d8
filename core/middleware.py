"""The edge: malformed requests are refused here, before a view, form or query sees them.

- Methods the site never uses (PUT, DELETE, PATCH, TRACE, …) get 405.
- A NUL byte or invalid UTF-8 in the path, query string, form body or a header gets 400.
  PostgreSQL cannot store NUL in text at all (DataError → 500), and Django quietly turns
  invalid UTF-8 into U+FFFD, so neither is ever a real shopper's input.
- Cookies with a NUL are dropped (a browser may carry one from elsewhere; no reason to 400).
- Bodies are capped: DATA_UPLOAD_MAX_MEMORY_SIZE everywhere, MAX_UPLOAD_SIZE for the admin's
  multipart forms, the only pages that take files; a file sent anywhere else gets 400.
- RateLimited raised by a view becomes 429 with Retry-After.
- Every request's X-Forwarded-For is shown to core.http.proxy_chain_observe, so the client
  address never trusts more entries than there are proxies.
"""

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.http import proxy_chain_observe
from core.ratelimit import RateLimited

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
# The only URL namespace whose forms take files (product images, blog covers).
UPLOAD_NAMESPACES = frozenset({"admin"})
# Django decodes the path itself and puts bytes that are not UTF-8 back as %XX escapes of
# bytes 0x80-0xFF (django.utils.encoding.repercent_broken_unicode); valid text never has them.
_BROKEN_UTF8 = re.compile(r"%[89A-F][0-9A-F]")


def _raw(value: str) -> bytes:
    # WSGI hands over bytes as latin-1 text; Django's test client may pass other text.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape")


def _clean(raw: bytes) -> bool:
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _clean_text(value: str) -> bool:
    # Decoded form values: invalid UTF-8 has already become U+FFFD (no one types that).
    return "\x00" not in value and "\ufffd" not in value


def _plain(status: int, message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


def _bad(part: str) -> HttpResponse:
    return _plain(
        400,
        _("Bad request: a NUL byte or text that is not valid UTF-8 in the %(part)s.")
        % {"part": part},
    )


def _content_length(request: HttpRequest) -> int | None:
    """The declared body size; None if it is not a number of bytes (Django would 500)."""
    value = request.META.get("CONTENT_LENGTH") or "0"
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else None


class EdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
            response.content = _("Method not allowed.") + "\n"
            response["Content-Type"] = "text/plain; charset=utf-8"
            return response
        problem = self._address_problem(request)
        if problem:
            return problem
        if _content_length(request) is None:
            return _plain(400, _("Bad request: the Content-Length header is not a number."))
        for name, value in list(request.COOKIES.items()):
            if "\x00" in name or "\x00" in value:
                del request.COOKIES[name]
        proxy_chain_observe(request)  # how many proxies there really are (`core.http`)
        return self.get_response(request)

    @staticmethod
    def _address_problem(request: HttpRequest) -> HttpResponse | None:
        environ = request.META
        if "\x00" in request.path_info or _BROKEN_UTF8.search(request.path_info):
            return _bad(_("address"))
        if not _clean(unquote_to_bytes(_raw(environ.get("QUERY_STRING", "")))):
            return _bad(_("query string"))
        for key, value in environ.items():
            if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                return _bad(_("request headers"))
        return None

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        length = _content_length(request)
        if not length:
            return None
        multipart = request.content_type == MULTIPART
        match = request.resolver_match
        takes_files = match is not None and match.namespace in UPLOAD_NAMESPACES
        limit = (
            settings.MAX_UPLOAD_SIZE
            if multipart and takes_files
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length > limit:
            return _plain(
                413,
                _("Request too large: this page accepts at most %(size)d KB.")
                % {"size": limit // 1024},
            )
        if request.content_type == FORM:
            if not _clean(unquote_to_bytes(request.body.replace(b"+", b" "))):
                return _bad(_("form"))
        elif multipart and request.method == "POST":
            try:
                fields = list(request.POST.lists())
            except MultiPartParserError:
                return _plain(400, _("Bad request: the form data could not be read."))
            for key, values in fields:
                if not all(_clean_text(v) for v in [key, *values]):
                    return _bad(_("form"))
            if request.FILES and not takes_files:
                return _plain(400, _("Bad request: this page does not accept file uploads."))
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimited):
            return None
        minutes = max(1, -(-exception.retry_after // 60))
        response = render(request, "429.html", {"minutes": minutes}, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response
