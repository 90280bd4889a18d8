from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Helpers every app shares: request guards at the edge, rate limits, client address,
    the production mail fallback. No models."""

    name = "core"
    verbose_name = "Core"
