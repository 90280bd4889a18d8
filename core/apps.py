from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares, importing none of them: request guards at the edge, rate limits,
    the client address and safe `next` redirects, start-up configuration errors, the
    production mail fallback, and `manage.py seed_demo`, which runs each app's `demo` module.
    No models."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core import cache  # noqa: F401 — its system check (core.E001)
