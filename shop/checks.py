"""System checks (`manage.py check`, run by migrate and runserver too)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register()
def stripe_half_configured(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """Card payments need both Stripe secrets; with one of them they stay off. Not an error:
    the webhook's signing secret only exists once the endpoint is registered, after a deploy."""
    key, secret = settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET
    if bool(key) == bool(secret):
        return []
    missing = "STRIPE_WEBHOOK_SECRET" if key else "STRIPE_SECRET_KEY"
    return [
        Warning(
            f"{missing} is not set: card payments (Stripe) stay off until both "
            "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.",
            hint="docs/payments.md → Setting Stripe up.",
            id="shop.W001",
        )
    ]


@register()
def payment_methods_unusable(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """PAYMENT_METHODS and the Stripe secrets disagree. Production refuses to start when stripe
    is listed without them (shop/payments/config.py); locally it is only not offered. Secrets
    set for a method not listed offer nothing: methods are chosen, not implied."""
    listed = "stripe" in settings.PAYMENT_METHODS
    configured = bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)
    if listed and not configured:
        return [
            Warning(
                "PAYMENT_METHODS lists stripe, but card payments are not offered until both "
                "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set.",
                hint="docs/checkout.md → Payment methods are chosen.",
                id="shop.W002",
            )
        ]
    if configured and not listed:
        return [
            Warning(
                "The Stripe secrets are set, but PAYMENT_METHODS does not list stripe: card "
                "payments are not offered.",
                hint="Add stripe to PAYMENT_METHODS (docs/checkout.md), or unset the secrets.",
                id="shop.W003",
            )
        ]
    return []


@register()
def monobank_unusable(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """PAYMENT_METHODS lists monobank without MONOBANK_TOKEN: production refuses to start so
    (shop/payments/config.py); locally monobank is only not offered."""
    if "monobank" in settings.PAYMENT_METHODS and not settings.MONOBANK_TOKEN:
        return [
            Warning(
                "PAYMENT_METHODS lists monobank, but it is not offered until MONOBANK_TOKEN is "
                "set.",
                hint="docs/payments.md → monobank acquiring.",
                id="shop.W010",
            )
        ]
    return []
