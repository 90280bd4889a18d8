from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = "Shop"

    def ready(self) -> None:
        from shop import checks, signals  # noqa: F401 — system checks; catalogue revision
        from shop.monitoring import monitoring_register

        monitoring_register()
