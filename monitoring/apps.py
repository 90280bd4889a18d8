from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from monitoring import checks, signals  # noqa: F401 — a system check, breadcrumbs
        from monitoring.api import secrets_register, urls_register
        from monitoring.secrets import configured_secrets
        from monitoring.sentry import sentry_init

        # What `smartshop.settings` handed over, and the final settings once more: a secret setting
        # defined after MONITORING_SECRETS (or by another settings module) is covered too.
        final = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
        secrets_register(
            *getattr(settings, "MONITORING_SECRETS", ()), *configured_secrets(final, environ={})
        )
        if apps.is_installed("django.contrib.admin"):
            urls_register(private_forms=["admin:login", "admin:password_change"])
        # The apps' registered URL names are checked when the URLconf is first needed
        # (`monitoring.registry`), after the SDK has set up its Django integration.
        sentry_init(settings.SENTRY)
