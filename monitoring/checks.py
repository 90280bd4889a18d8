"""`manage.py check` (and runserver, migrate, the Render build) fails when an app registered a
URL name with monitoring that does not resolve: scrubbing and tracing would silently miss it."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from monitoring.registry import urls_resolve


@register(Tags.urls)
def registered_url_names(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Error]:
    try:
        urls_resolve()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="monitoring.E001")]
    return []
