from decimal import Decimal

from django import template

from core.money import money_format

register = template.Library()


@register.filter
def money(value: Decimal | None, currency: str = "") -> str:
    """`{{ price|money }}` → "1 234,00 ₴" (uk) or "₴1,234.00" (en); `|money:order.currency`
    for an amount in another currency. Never a float on the way (core/money.py)."""
    if value in (None, ""):
        return ""
    return money_format(value, currency)
