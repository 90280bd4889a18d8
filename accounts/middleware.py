"""Second factors where they are due (django-otp's OTPMiddleware runs first and gives
request.user.is_verified()):

- an account with a second factor, signed in with its password only, sees nothing but the
  code page (and log-out) until it gives a code;
- staff reach /admin/ only verified: without a device they are sent to enrolment first.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.sessions import signed_in_session_seen
from accounts.two_factor import PENDING_KEY, has_second_factor, session_verified

# Pages open to a signed-in account whose second factor is still due.
OPEN_VIEWS = frozenset(
    {
        "accounts:two_factor_verify",
        "accounts:two_factor_setup",
        "accounts:logout",
        "admin:logout",
        "set_language",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        # No session cookie: nobody is signed in, and the session is not even read (cached
        # pages stay cacheable).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        signed_in_session_seen(request)
        if session_verified(user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in OPEN_VIEWS:
            return None
        in_admin = match is not None and "admin" in match.namespaces
        if request.session.get(PENDING_KEY) or (in_admin and user.is_staff):
            target = (
                "accounts:two_factor_verify"
                if has_second_factor(user)
                else "accounts:two_factor_setup"
            )
            next_url = request.get_full_path() if request.method == "GET" else ""
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return redirect(reverse(target) + query)
        return None
