"""Log-in and password-reset throttling.

Log-in (the shop's and the admin's) is django-axes: failures are counted per account and per
client in the database; past AXES_FAILURE_LIMIT the log-in is refused, right password or not,
until AXES_COOLOFF_TIME after the last failure. Password-reset requests use the cache-based
limits in core.ratelimit. Numbers: settings.AXES_* and settings.RATE_LIMITS; docs/edge.md.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.http import client_ip
from core.ratelimit import RateLimit

RESET_PER_EMAIL = RateLimit("password_reset_email")
RESET_PER_CLIENT = RateLimit("password_reset_client")
EMAIL_LINKS_PER_USER = RateLimit("email_link_user")


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for log-ins that come with a request. Every web log-in does (the
    log-in page, the admin's); `authenticate()` without one comes from code, never from a
    visitor (Django's test client, a shell), so there is nothing to throttle and it passes on
    to the next backend instead of failing."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        # django-axes' check never returns a user: it passes (None) or refuses (raises).
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """One counter per account, however the address is typed (log-in ignores case)."""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email")
    if username is None:
        username = request.POST.get("username")
    return username.strip().lower()[:255] if isinstance(username, str) else None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def password_reset_throttle(*, request: HttpRequest, email: str) -> None:
    """Count one reset request; raise core.ratelimit.RateLimited past either limit. Counted
    per address typed, whether or not it has an account, so the answer reveals nothing."""
    RESET_PER_CLIENT.consume(client_ip(request))
    RESET_PER_EMAIL.consume(email.strip().lower())


def email_link_throttle(*, user_id: int) -> None:
    """Count one verification or e-mail-change link asked for by an account; raise
    core.ratelimit.RateLimited (429) past the limit."""
    EMAIL_LINKS_PER_USER.consume(str(user_id))
