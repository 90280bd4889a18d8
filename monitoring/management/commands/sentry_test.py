import sentry_sdk
from django.core.management.base import BaseCommand, CommandError

from monitoring.sentry import sentry_enabled


class SentryTestError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Send a test exception (tagged sentry_test) to Sentry, wait for delivery and say "
        "whether the ingest server accepted it. Exits 0 only when it did."
    )

    def handle(self, *args, **options):
        if not sentry_enabled():
            raise CommandError("Sentry is off: SENTRY_DSN is not set, so there is nothing to test.")
        client = sentry_sdk.get_client()
        with sentry_sdk.new_scope() as scope:
            scope.set_tag("sentry_test", "true")
            try:
                raise SentryTestError("This is a test event from manage.py sentry_test.")
            except SentryTestError as error:
                event_id = sentry_sdk.capture_exception(error)
        client.flush(timeout=10)
        status = getattr(client.transport, "last_status", None)
        self.stdout.write(f"Event id: {event_id}")
        if status is None:
            raise CommandError(
                "No answer from the Sentry ingest server (network error or timeout)."
            )
        if not 200 <= status < 300:
            raise CommandError(f"The Sentry ingest server refused the event: HTTP {status}.")
        self.stdout.write(self.style.SUCCESS(f"Accepted by Sentry: HTTP {status}."))
