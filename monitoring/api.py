"""The small API shop and blog code use to talk to monitoring. Each call is a cheap no-op
when Sentry is off (no DSN), so callers never check.

Registration (from an app's AppConfig.ready(); see `monitoring.registry`): `urls_register`,
`context_provider_register`, `personal_data_register`, `secrets_register`. Everything else is
called while the shop works: breadcrumbs, spans, the order context, failures, tasks, cron.
"""

import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import sentry_sdk
from sentry_sdk.crons import capture_checkin
from sentry_sdk.crons.consts import MonitorStatus
from sentry_sdk.utils import current_stacktrace, event_from_exception

from monitoring import registry, scrubbing
from monitoring.journey import journey_crumb, journey_record
from monitoring.sentry import sentry_enabled

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint, MonitorConfig


class _Line(Protocol):
    @property
    def quantity(self) -> int: ...


class _Lines(Protocol):
    def all(self) -> Iterable[_Line]: ...


class OrderLike(Protocol):
    """What monitoring reads of an order (shop's `Order`), so it need not import the shop."""

    @property
    def number(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def lines(self) -> _Lines: ...


# --- Registration -------------------------------------------------------------------------


def urls_register(
    *,
    private_forms: Iterable[str] = (),
    token_urls: Iterable[str] = (),
    always_traced: Iterable[str] = (),
    always_traced_writes: Iterable[str] = (),
) -> None:
    """Tell monitoring about an app's URLs, by URL name ("shop:checkout_review"):
    `private_forms` — request bodies never sent, whatever their field names (log-in, address,
    payment, AI prompt input); `token_urls` — every parameter of the URL is a secret (a signed
    link, a reset token, a payment reference), removed from any URL or text while the route
    stays; `always_traced` — pages traced whatever SENTRY_TRACES_SAMPLE_RATE says (paying, the
    payment's return); `always_traced_writes` — pages whose requests that change something (POST,
    PUT, PATCH, DELETE: placing the order) are, while showing them (GET, HEAD) follows the rate
    like any page. Each name is
    checked against the URLconf before the first request (and by `manage.py check`): one that
    does not resolve stops start-up (ImproperlyConfigured)."""
    registry.url_names_add(registry.PRIVATE_FORMS, private_forms)
    registry.url_names_add(registry.TOKEN_URLS, token_urls)
    registry.url_names_add(registry.TRACED, always_traced)
    registry.url_names_add(registry.TRACED_WRITES, always_traced_writes)


def context_provider_register(name: str, provider: registry.ContextProvider) -> None:
    """`provider(request)` gives the `name` context (a small dict of ids and numbers, or None)
    of an error reported during `request`. Called only when an error is reported, after the
    failure: it must cope with a broken database (an exception in it is ignored)."""
    registry.REGISTRY.contexts[name] = provider


def personal_data_register(provider: registry.PersonalProvider) -> None:
    """`provider(request)` gives the visitor's own personal values (what they typed: name,
    phone, address). With SENTRY_SEND_USER_PII off they are removed from everything the request
    sends, wherever they appear."""
    registry.REGISTRY.personal.append(provider)


def secrets_register(*values: str) -> None:
    """Values never to send, wherever they turn up. Settings' secrets are registered already
    (smartshop/settings.py: MONITORING_SECRETS); this is for ones learnt at run time."""
    scrubbing.secrets_add(values)


# --- While the shop works -----------------------------------------------------------------


def breadcrumb(message: str, **data: Any) -> None:
    """A step of the shopper's journey ("Added product #12 to cart"). Ids, not personal data."""
    if not sentry_enabled():
        return
    crumb = journey_crumb(message, data)
    sentry_sdk.add_breadcrumb(crumb)
    journey_record(crumb)


def page_breadcrumb(message: str, **data: Any) -> None:
    """A page the shopper opened ("Started checkout"). Opened again straight after (a reload,
    a second tab), it is no new step of the journey, and the session is not written for it."""
    if not sentry_enabled():
        return
    crumb = journey_crumb(message, data)
    sentry_sdk.add_breadcrumb(crumb)
    journey_record(crumb, repeats=False)


def span(*, op: str, name: str) -> AbstractContextManager:
    """Time a piece of work inside the current transaction (a payment call, say)."""
    return sentry_sdk.start_span(op=op, name=name)


def order_context(order: OrderLike) -> None:
    """Tag what happens next in this request with the order: the `order_id` tag and the
    `order` context. Only the number, status and money: no names or addresses. Call it when
    the order is loaded, so an error later in the request (the database failing, say) still
    says which order it hit."""
    if not sentry_enabled():
        return
    order_tag(order.number)
    sentry_sdk.get_current_scope().set_context("order", order_summary(order))


def order_tag(number: str) -> None:
    """The `order_id` tag on this request's errors and on its performance transaction."""
    scope = sentry_sdk.get_current_scope()
    scope.set_tag("order_id", number)
    if scope.transaction is not None:
        scope.transaction.set_tag("order_id", number)


def order_summary(order: OrderLike) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "total": _money(order.total),
        "currency": order.currency,
        "items": _item_count(order),
    }


def _item_count(order: OrderLike) -> int:
    cache = getattr(order, "_prefetched_objects_cache", {})
    lines = cache["lines"] if "lines" in cache else order.lines.all()
    return sum(line.quantity for line in lines)


def _money(value: Decimal) -> str:
    # A string keeps the exact amount; JSON floats would not.
    return f"{value:.2f}"


def payment_failure_capture(error: Exception, order: OrderLike) -> None:
    """Report a failed payment once, as a warning with the order's context. Not a 500. A
    decline is an exception created, never raised, so it has no traceback of its own: the
    event gets the stack that led here (view → service), this function left out."""
    __tracebackhide__ = True
    if not sentry_enabled():
        return
    provider = getattr(error, "provider", "") or "unknown"
    options = sentry_sdk.get_client().options
    event, hint = event_from_exception(
        error, client_options=options, mechanism={"type": "payment", "handled": True}
    )
    if error.__traceback__ is None:
        event["exception"]["values"][-1]["stacktrace"] = current_stacktrace(
            include_local_variables=options["include_local_variables"],
            include_source_context=options["include_source_context"],
            max_value_length=options["max_value_length"],
        )
    with sentry_sdk.new_scope() as scope:
        scope.set_level("warning")
        scope.set_tag("order_id", order.number)
        scope.set_tag("payment_provider", provider)
        scope.set_context("order", order_summary(order))
        scope.fingerprint = ["payment-failure", provider]
        sentry_sdk.capture_event(event, hint=hint)


def payment_problem_capture(
    message: str,
    *,
    provider: str,
    kind: str,
    order: OrderLike | None = None,
    error: BaseException | None = None,
    level: str = "error",
) -> str | None:
    """Report a payment problem a person must look at, once: money that arrived for an order
    that cannot take it, a webhook that could not be verified or handled. `message` is what
    staff read; `kind` a short tag (`refund_due`, `bad_signature`, `handling_failed`). With
    `error`, its stack trace goes too, but no frame variables and no exception text: a webhook's
    frames hold the shopper's details. The order's context when there is an order."""
    if not sentry_enabled():
        return None
    with sentry_sdk.new_scope() as scope:
        scope.set_level(level)  # type: ignore[arg-type]
        scope.set_tag("payment_provider", provider)
        scope.set_tag("payment_problem", kind)
        if order is not None:
            scope.set_tag("order_id", order.number)
            scope.set_context("order", order_summary(order))
        scope.fingerprint = ["payment-problem", provider, kind]
        event = _failure_event(error, message, mechanism="payment")
        event["level"] = level  # type: ignore[typeddict-item]
        return sentry_sdk.capture_event(event)


# --- Background tasks, AI drafting, cron --------------------------------------------------


@contextmanager
def task_transaction(name: str) -> Iterator[None]:
    """Trace one run of a background task: a transaction with op "task" (always sampled) in
    its own isolation scope, so tags and context set during the run never leak into the next
    run or into the web request that ran it inline."""
    if not sentry_enabled():
        yield
        return
    with sentry_sdk.isolation_scope():
        # On the current scope, so it runs after the web request's own processor.
        sentry_sdk.get_current_scope().add_event_processor(_task_event)
        with sentry_sdk.start_transaction(op="task", name=name, source="task"):
            yield


def _task_event(event: "Event", hint: "Hint") -> "Event | None":
    """Events sent during a task. The OpenAI integration's own error events are dropped: the
    task reports its failure itself, once (`ai_failure_capture`), and those events carry the
    prompt in frame variables. A task run inline in a web request does not carry that request:
    its form body may hold prompt input."""
    values = (event.get("exception") or {}).get("values") or []
    if any((value.get("mechanism") or {}).get("type") == "openai" for value in values):
        return None
    event.pop("request", None)
    return event


def ai_failure_capture(
    error: BaseException | None, *, job_id: int, topic: str, model: str, reason: str
) -> str | None:
    """Report a failed AI drafting job once, as an error with the `ai_job` context (id, topic,
    model, the reason staff see) and the `ai_model` tag. The prompt and the model's answer
    never go: the event keeps the error's stack trace (files, functions, lines) but no frame
    variables and no exception message other than `reason`. Marks the task's transaction
    failed. Returns the event id."""
    if not sentry_enabled():
        return None
    transaction = sentry_sdk.get_current_scope().transaction
    if transaction is not None:
        transaction.set_status("internal_error")
    with sentry_sdk.new_scope() as scope:
        scope.set_level("error")
        scope.set_tag("ai_model", model or "unknown")
        scope.set_tag("ai_job_id", str(job_id))
        scope.set_tag("ai_error", _cause_name(error))
        job = {"id": job_id, "topic": topic, "model": model, "reason": reason}
        scope.set_context("ai_job", job)
        # No hint with the exception: the OpenAI integration may have seen the same exception
        # object, and the SDK's dedupe would then drop this, the one event we mean to send.
        return sentry_sdk.capture_event(_failure_event(error, reason))


def _cause_name(error: BaseException | None) -> str:
    """What went wrong, by class: the direct cause of a wrapped error (RateLimitError,
    APITimeoutError, JSONDecodeError), else the error's own (DraftError, a bug's class)."""
    if error is None:
        return "-"
    return type(error.__cause__ or error).__name__


def _failure_event(error: BaseException | None, reason: str, mechanism: str = "ai_job") -> "Event":
    if error is None:
        return {"level": "error", "message": reason}
    options = sentry_sdk.get_client().options | {
        "include_local_variables": False,
        "add_full_stack": False,
    }
    event, _hint = event_from_exception(
        error, client_options=options, mechanism={"type": mechanism, "handled": True}
    )
    values = event["exception"]["values"]
    for value in values:
        value["value"] = ""  # e.g. a JSON or validation error quoting the answer
        for frame in (value.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    values[-1]["value"] = reason
    return event


class CronRun:
    """A scheduled run as its cron monitor sees it. `fail()` when part of the work failed
    without raising (one plan's draft out of three): the run checks in as "error"."""

    def __init__(self) -> None:
        self.failed = False

    def fail(self) -> None:
        self.failed = True


@contextmanager
def cron_monitor(
    slug: str, *, schedule: str, checkin_margin: int = 5, max_runtime: int = 10
) -> Iterator[CronRun]:
    """Check-ins to the Sentry cron monitor `slug` around a scheduled run: "in_progress" on
    entry, then "ok" — or "error" when the run raises or calls `fail()` on the CronRun this
    yields. The monitor is created or updated from this config: a crontab `schedule` in UTC and
    the minutes of grace for a late start (`checkin_margin`) and for the run itself
    (`max_runtime`). Checks in nowhere when Sentry is off."""
    run = CronRun()
    if not sentry_enabled():
        yield run
        return
    config: MonitorConfig = {
        "schedule": {"type": "crontab", "value": schedule},
        "timezone": "UTC",
        "checkin_margin": checkin_margin,
        "max_runtime": max_runtime,
    }
    check_in_id = capture_checkin(
        monitor_slug=slug, status=MonitorStatus.IN_PROGRESS, monitor_config=config
    )
    started = time.monotonic()
    status = MonitorStatus.ERROR
    try:
        yield run
        if not run.failed:
            status = MonitorStatus.OK
    finally:
        capture_checkin(
            monitor_slug=slug,
            check_in_id=check_in_id,
            status=status,
            duration=time.monotonic() - started,
            monitor_config=config,
        )


def flush(timeout: float = 2.0) -> None:
    """Send what the SDK still holds (a worker about to exit). A no-op when Sentry is off."""
    sentry_sdk.flush(timeout=timeout)
