"""`{% monitoring_browser %}`: where the browser SDK's tags go in a page's <head>.

Renders monitoring.browser.PLACEHOLDER when the browser SDK is on, else nothing at all; the
middleware swaps the placeholder for this request's tags (`monitoring.browser.browser_tags`)."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from monitoring.browser import PLACEHOLDER

register = template.Library()


@register.simple_tag
def monitoring_browser() -> str:
    if not settings.SENTRY.browser_on:
        return ""
    return mark_safe(PLACEHOLDER.decode())  # noqa: S308 — a fixed HTML comment, no input
