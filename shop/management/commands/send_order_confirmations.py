from typing import Any

from django.core.management.base import BaseCommand

from monitoring.api import cron_monitor
from shop.orders.notifications import order_confirmations_retry

# How often cron runs this command (UTC): keep in step with render.yaml and
# docs/emails-and-tasks.md.
# With a Sentry DSN set, each run checks in to this monitor, which alerts on a missed,
# failed or overlong run.
CRON_SCHEDULE = "*/10 * * * *"
MONITOR_SLUG = "send-order-confirmations"


class Command(BaseCommand):
    help = (
        "Queue order confirmation e-mails that are due and still unsent (a mail outage, a "
        "queue that was down), with backoff. Safe to run from cron at any frequency."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with cron_monitor(MONITOR_SLUG, schedule=CRON_SCHEDULE):
            queued = order_confirmations_retry()
        for number in queued:
            self.stdout.write(f"Queued the confirmation of {number}")
        self.stdout.write(self.style.SUCCESS(f"{len(queued)} confirmation(s) queued."))
