"""The project's settings plus an app whose monitoring registration names a URL that does not
exist, for the test that start-up then fails loudly (tests/monitoring/test_boundaries.py).
The app is this module itself: MisregisteredConfig below."""

from django.apps import AppConfig

from smartshop.settings import *  # noqa: F403
from smartshop.settings import INSTALLED_APPS


class MisregisteredConfig(AppConfig):
    name = "tests.monitoring.misregistered_settings"
    label = "misregistered"

    def ready(self) -> None:
        from monitoring.api import urls_register

        # "shop:checkout_review" renamed to "shop:review" without updating this registration.
        urls_register(private_forms=["shop:checkout_reveiw"])


INSTALLED_APPS = [
    *INSTALLED_APPS[:-1],
    "tests.monitoring.misregistered_settings.MisregisteredConfig",
    INSTALLED_APPS[-1],
]
