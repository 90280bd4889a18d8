"""Template helpers for the shop's pages: the pickup store, the free-delivery threshold and the
product description."""

from decimal import Decimal

from django import template

from shop.delivery.fields import country_name, phone_display
from shop.delivery.shipping import Store, free_delivery_threshold, pickup_store

register = template.Library()


@register.simple_tag
def store() -> Store:
    """`{% store as store %}`: where pickup orders are collected (address, hours)."""
    return pickup_store()


@register.simple_tag
def free_delivery_over() -> Decimal | None:
    """`{% free_delivery_over as threshold %}`: the subtotal from which delivery is free."""
    return free_delivery_threshold()


@register.filter
def without_lead(description: str, lead: str) -> str:
    """The description without its first paragraph when that repeats the lead (the short
    description printed above it), so a page never says the same thing twice."""
    first, _sep, rest = description.strip().partition("\n\n")
    if lead and " ".join(first.split()) == " ".join(lead.split()):
        return rest.strip()
    return description


@register.filter
def phone_format(value: str) -> str:
    """A stored E.164 phone as people write it (`shop.delivery.fields.phone_display`)."""
    return phone_display(value or "")


@register.filter
def country(value: str) -> str:
    """A stored ISO country code's name in the active language (older orders: as typed)."""
    return country_name(value or "")
