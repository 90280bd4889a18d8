from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def seller_details_check(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """`check --deploy`: a live shop publishes who sells (the consumer-rights law)."""
    missing = [
        name
        for name in ("SHOP_SELLER_NAME", "SHOP_SELLER_CODE", "SHOP_SELLER_ADDRESS")
        if not getattr(settings, name)
    ]
    if not missing:
        return []
    return [
        Warning(
            f"{', '.join(missing)} not set: the footer, contacts page and offer show no seller.",
            hint="Set them in the environment (docs/legal.md).",
            id="pages.W001",
        )
    ]
