from django.apps import AppConfig


class MisregisteredConfig(AppConfig):
    name = "tests.monitoring.misregistered"
    label = "misregistered"

    def ready(self) -> None:
        from monitoring.api import urls_register

        # "shop:checkout_review" renamed to "shop:review" without updating this registration.
        urls_register(private_forms=["shop:checkout_reveiw"])
