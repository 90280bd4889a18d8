from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitoring.api import cron_monitor
from shop.payments.providers import PaymentError
from shop.payments.reconciliation import payments_reconcile

SCHEDULE = "23 * * * *"  # render.yaml's smartshop-reconcile-payments


class Command(BaseCommand):
    help = (
        "Compare the payment providers' recent payments and refunds with the shop's and record "
        "each difference once (admin: Payment discrepancies). Safe to run at any frequency."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with cron_monitor("reconcile-payments", schedule=SCHEDULE, max_runtime=15) as run:
            try:
                result = payments_reconcile()
            except PaymentError as error:  # the check-in says error; nothing half-recorded
                raise CommandError(f"Reconciliation failed: {error}") from None
            for row in result.differences:
                new = " (new)" if row in result.new else ""
                self.stdout.write(f"{row.provider} {row.kind} {row.object_id}: {row.detail}{new}")
            if result.differences:
                run.fail()  # the check-in says error until staff resolve them
                self.stdout.write(
                    self.style.WARNING(
                        f"{len(result.differences)} difference(s), {len(result.new)} new."
                    )
                )
            else:
                self.stdout.write(
                    self.style.SUCCESS("0 differences: the providers and the shop agree.")
                )
