from typing import Any

from django.core.management.base import BaseCommand

from shop.orders.services import orders_expire


class Command(BaseCommand):
    help = (
        "Expire unpaid online orders older than SHOP_ORDER_PAYMENT_MINUTES and return their "
        "stock. Safe to run from cron at any frequency."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        expired = orders_expire()
        for number in expired:
            self.stdout.write(f"Expired {number}")
        self.stdout.write(self.style.SUCCESS(f"{len(expired)} order(s) expired."))
