"""Sentry set-up: one `sentry_init` call, options as data, every hook through the scrubber."""

import logging
import re
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import (
    LoggingIntegration,
    ignore_logger,
    ignore_logger_for_sentry_logs,
)
from sentry_sdk.integrations.openai import OpenAIIntegration
from sentry_sdk.scrubber import EventScrubber
from sentry_sdk.utils import AnnotatedValue, safe_repr

from monitoring import registry
from monitoring.config import SentryConfig
from monitoring.journey import current_request
from monitoring.scrubbing import scrub_event
from monitoring.transport import CircuitBreakerTransport
from monitoring.visitor import HINT_KEY, request_values

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint, Log

IGNORED_LOGGERS = ("gunicorn.access", "django.server")
# A request with a Host header not in ALLOWED_HOSTS is a scanner's, not a bug: Django answers
# 400 and logs it; `monitoring.logging` makes that line a WARNING, and Sentry never sees it.
SILENCED_LOGGERS = ("django.security.DisallowedHost",)
NEVER_SAMPLED_PREFIXES = ("/healthz", "/static/", "/media/", "/favicon.ico", "/robots.txt")
ALWAYS_SAMPLED_OPS = frozenset({"task"})  # AI drafting: rare, slow and costly, always traced


def traces_sampler(sampling_context: dict, *, rate: float) -> float:
    environ = sampling_context.get("wsgi_environ") or {}
    path = environ.get("PATH_INFO") or ""
    if path.startswith(NEVER_SAMPLED_PREFIXES):
        return 0.0
    # What the apps registered (monitoring.api.urls_register): paying and its return, and the
    # requests that place an order, where every slow request matters. Checkout's pages
    # themselves follow the rate: tracing each view of them cost more than the stock set-up
    # (docs/performance.md).
    if path and registry.is_traced_path(path, environ.get("REQUEST_METHOD") or "GET"):
        return 1.0
    op = (sampling_context.get("transaction_context") or {}).get("op")
    if op in ALWAYS_SAMPLED_OPS:
        return 1.0
    parent = sampling_context.get("parent_sampled")
    if parent is not None:
        return 1.0 if parent else 0.0
    return rate


# The SDK's hooks take and return its TypedDicts; the scrubber works on plain dicts (any shape,
# in place), so each hook casts once at this boundary.


def _hook(pii: bool, item: "Event", hint: "Hint") -> "Event":
    registry.ensure_resolved()  # token URLs known to the scrubber (a worker serves no request)
    own = (hint or {}).get(HINT_KEY) or {}
    scrubbed = scrub_event(
        _without_prompts(cast(dict, item)),
        pii=pii,
        secrets=own.get("secrets", ()),
        personal=own.get("personal", ()),
        private_path=registry.is_private_path,
    )
    return cast("Event", scrubbed)


def _without_prompts(event: dict) -> dict:
    """The OpenAI integration reports client errors itself, with the caller's frame variables:
    the prompt and the model's answer. Tasks drop those events (monitoring.api); anywhere else
    they still go, but without variables."""
    values = (event.get("exception") or {}).get("values") or []
    if any((value.get("mechanism") or {}).get("type") == "openai" for value in values):
        for value in values:
            for frame in (value.get("stacktrace") or {}).get("frames") or []:
                frame.pop("vars", None)
    return event


def _plain(value: Any) -> Any:
    """Breadcrumbs and logs reach their hooks before the SDK serialises them: a request
    object in a log record's attributes would become its repr (with the query string) after
    our scrubber ran. Turn such objects into text now, so the scrubber sees it."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, AnnotatedValue)):
        return value
    return safe_repr(value)


def _log_hook(pii: bool, item: "Log", hint: "Hint") -> "Log":
    registry.ensure_resolved()
    request = current_request.get()
    own = request_values(request) if request is not None else {}
    scrubbed = scrub_event(
        _plain(item),
        pii=pii,
        secrets=own.get("secrets", ()),
        personal=own.get("personal", ()),
    )
    return cast("Log", scrubbed)


def trace_targets(config: SentryConfig) -> list[str]:
    """Where outgoing HTTP requests carry `sentry-trace` and `baggage`: our own origin only
    (the SDK's default is every host: Stripe, OpenAI, any API would learn our trace ids and
    baggage). No SITE_URL: nowhere."""
    if not config.own_origin:
        return []
    return [rf"^{re.escape(config.own_origin)}(?:/|$)"]


def sentry_init(config: SentryConfig, **overrides: Any) -> bool:
    """Start the Sentry client; with no DSN do nothing at all. Returns whether it is on."""
    if not config.dsn:
        return False
    hook = partial(_hook, config.send_user_pii)
    django = DjangoIntegration(transaction_style="url", middleware_spans=False, signals_spans=False)
    # Keywords, not a dict: the SDK's signature types every option (mypy checks them).
    sentry_sdk.init(
        dsn=config.dsn,
        environment=config.environment,
        release=config.release,
        traces_sampler=partial(traces_sampler, rate=config.traces_sample_rate),
        trace_propagation_targets=trace_targets(config),
        profile_session_sample_rate=config.profile_session_sample_rate,
        profile_lifecycle="trace",
        # User e-mail and IP are attached by our middleware, per SENTRY_SEND_USER_PII; the
        # SDK's own PII collection (cookies, raw IPs, auto user) stays off.
        max_request_body_size="small",
        # The SDK's own scrubber with its default denylist runs first; ours (the hooks below,
        # `monitoring.scrubbing`) covers every name it knows and far more.
        event_scrubber=EventScrubber(
            recursive=True,
            # Only decides whether the SDK also filters IP-address fields.
            send_default_pii=config.send_user_pii,
        ),
        before_send=hook,
        before_send_transaction=hook,
        # No before_breadcrumb: breadcrumbs leave the process only inside events, and
        # before_send scrubs the whole event, breadcrumbs included, with this request's own
        # values too. Scrubbing each one as it is recorded (one per SQL query) cost every
        # request and sent nothing (docs/performance.md).
        before_send_log=partial(_log_hook, config.send_user_pii),
        enable_logs=True,
        # The SDK's HTTP transport behind a circuit breaker: an ingest outage costs shoppers
        # nothing (`monitoring.transport`).
        transport=CircuitBreakerTransport,
        shutdown_timeout=2,
        integrations=[
            django,
            # INFO+ become breadcrumbs, ERROR+ events; WARNING+ also go to Sentry Logs.
            LoggingIntegration(
                level=logging.INFO, event_level=logging.ERROR, sentry_logs_level=logging.WARNING
            ),
            OpenAIIntegration(include_prompts=False),
        ],
        **overrides,
    )
    if not django.middleware_spans:
        _middleware_unwrapped()
    # One access-log line per request is stdout's job, not Sentry's: as breadcrumbs and logs
    # they would cost every request and crowd out the shopper's own trail.
    for name in IGNORED_LOGGERS:
        ignore_logger(name)
    for name in SILENCED_LOGGERS:
        ignore_logger(name)
        ignore_logger_for_sentry_logs(name)
    return True


def _middleware_unwrapped() -> None:
    """Undo the Django integration's wrapping of every middleware. The wrappers exist to make
    middleware spans, which we turn off (nobody reads them); each still asks for the client and
    its integration on every call: 15 middleware, 45 calls, about 0.04 ms of CPU per request
    measured (docs/performance.md). The integration wraps them by patching the `import_string`
    Django's handler loads middleware with; this puts Django's own back before the WSGI
    handler is made. Should a later SDK wrap them another way, this changes nothing."""
    from django.core.handlers import base
    from django.utils.module_loading import import_string

    base.import_string = import_string  # type: ignore[attr-defined]  # set by the SDK


def sentry_enabled() -> bool:
    return sentry_sdk.get_client().is_active()
