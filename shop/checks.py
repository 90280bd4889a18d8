"""System checks (`manage.py check`, run by migrate and runserver too)."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def stripe_half_configured(app_configs, **kwargs) -> list[Warning]:
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
            hint="README → Deploy to Render → Card payments with Stripe.",
            id="shop.W001",
        )
    ]
