from django.apps import AppConfig
from django.conf import settings


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        from monitoring import signals  # noqa: F401 — connects the account breadcrumbs
        from monitoring.sentry import sentry_init

        sentry_init(settings.SENTRY)
