"""What a request holds that must never leave the process: its session key and cookie values
(session ids: whoever has one is logged in as the shopper), the parameters of a token URL it
was made to (a payment reference, a reset token: also in frame variables as view kwargs), and
the visitor's personal values (their name, e-mail and what they typed at checkout): all of them
with user PII off; with it on, all but the e-mail address, the one value that setting promises.
The scrubber removes them by value from everything the request sends (`monitoring.scrubbing`)."""

from contextlib import suppress

from django.http import HttpRequest

from monitoring.registry import REGISTRY, TOKEN_URLS

HINT_KEY = "monitoring.request_values"


def request_secrets(request: HttpRequest) -> list[str]:
    values = [v for v in request.COOKIES.values() if isinstance(v, str)]
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if key:
        values.append(key)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in REGISTRY.urls[TOKEN_URLS]:
        values += [str(v) for v in match.kwargs.values()]
    return values


def request_personal(request: HttpRequest) -> list[str]:
    values: list[str] = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        values += [user.email, user.get_full_name(), user.first_name, user.last_name]
    for provider in REGISTRY.personal:
        # The database may be what failed: then the key-based rules still apply.
        with suppress(Exception):
            values += [v for v in provider(request) if isinstance(v, str)]
    return [v for v in values if v]


def request_values(request: HttpRequest) -> dict:
    return {"secrets": request_secrets(request), "personal": request_personal(request)}
