from django import template
from django.conf import settings

from pages.selectors import legal_page_links
from pages.seller import Seller, seller

register = template.Library()


@register.simple_tag
def shop_seller() -> Seller:
    """`{% shop_seller as seller %}`: the seller's details and contacts (settings)."""
    return seller()


@register.simple_tag
def legal_links() -> list[tuple[str, str]]:
    """`{% legal_links as links %}`: (kind, label) of every information page."""
    return legal_page_links()


@register.simple_tag
def return_days() -> int:
    """`{% return_days as days %}`: settings.SHOP_RETURN_DAYS, the one return period."""
    return int(settings.SHOP_RETURN_DAYS)
