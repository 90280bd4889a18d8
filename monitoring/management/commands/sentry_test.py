import time
from typing import Any

import sentry_sdk
from django.core.management.base import BaseCommand, CommandError

from monitoring.sentry import sentry_enabled
from monitoring.transport import CircuitBreakerTransport

FLUSH_SECONDS = 15


class SentryTestError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Send a test exception (tagged sentry_test) to Sentry, wait for delivery and say "
        "whether the ingest server accepted it. Exits 0 only when it did."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not sentry_enabled():
            raise CommandError("Sentry is off: SENTRY_DSN is not set, so there is nothing to test.")
        client = sentry_sdk.get_client()
        # sentry_init's transport, CircuitBreakerTransport, counts the sends that failed and why.
        transport = client.transport
        if not isinstance(transport, CircuitBreakerTransport):
            raise CommandError("Sentry was not started by sentry_init: cannot tell if it arrived.")
        failures = transport.failures_seen
        with sentry_sdk.new_scope() as scope:
            scope.set_tag("sentry_test", "true")
            try:
                raise SentryTestError("This is a test event from manage.py sentry_test.")
            except SentryTestError as error:
                event_id = sentry_sdk.capture_exception(error)
        started = time.monotonic()
        client.flush(timeout=FLUSH_SECONDS)
        self.stdout.write(f"Event id: {event_id}")
        if transport.failures_seen > failures:
            raise CommandError(_refusal(transport.last_failure or "network"))
        if time.monotonic() - started >= FLUSH_SECONDS:
            raise CommandError(f"No answer from the Sentry ingest server in {FLUSH_SECONDS} s.")
        self.stdout.write(self.style.SUCCESS("Accepted by Sentry (HTTP 2xx)."))


def _refusal(reason: str) -> str:
    if reason.startswith("status_"):
        return f"The Sentry ingest server refused the event: HTTP {reason.removeprefix('status_')}."
    if reason == "paused":
        return "Sending to Sentry is paused after repeated failures; see the log."
    return "No answer from the Sentry ingest server (network error or timeout)."
