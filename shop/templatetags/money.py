from decimal import Decimal

from django import template
from django.conf import settings

register = template.Library()

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "UAH": "₴"}


@register.filter
def money(value: Decimal | None, currency: str = "") -> str:
    """`19.99` → `$19.99`: two decimals, never a float on the way."""
    if value in (None, ""):
        return ""
    code = currency or settings.SHOP_CURRENCY
    amount = f"{Decimal(value).quantize(Decimal('0.01')):,}"
    symbol = SYMBOLS.get(code)
    return f"{symbol}{amount}" if symbol else f"{amount} {code}"
