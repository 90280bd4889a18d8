from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self) -> None:
        from shop import signals  # noqa: F401 — keeps the catalogue revision current
        from shop.monitoring import monitoring_register

        monitoring_register()
