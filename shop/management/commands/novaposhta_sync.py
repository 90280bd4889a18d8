from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitoring.api import cron_monitor
from shop.delivery.client import NovaPoshtaClient, NovaPoshtaError
from shop.delivery.services import novaposhta_sync

SCHEDULE = "41 2 * * *"  # render.yaml's smartshop-novaposhta-sync


class Command(BaseCommand):
    help = (
        "Copy Nova Poshta's cities, branches and parcel lockers into the database (paged, "
        "idempotent); those no longer listed are deactivated. Needs NOVA_POSHTA_API_KEY."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        client = NovaPoshtaClient.from_settings()
        if client is None:
            self.stdout.write(
                self.style.WARNING(
                    "NOVA_POSHTA_API_KEY is not set: nothing synced. Checkout offers the other "
                    "delivery methods."
                )
            )
            return
        with cron_monitor("novaposhta-sync", schedule=SCHEDULE, max_runtime=30):
            try:
                result = novaposhta_sync(client=client)
            except NovaPoshtaError as error:  # nothing deactivated by a half-done run
                raise CommandError(f"Nova Poshta sync failed: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.cities} cities and {result.warehouses} warehouses synced; "
                f"{result.cities_deactivated} cities and {result.warehouses_deactivated} "
                "warehouses no longer listed, deactivated."
            )
        )
