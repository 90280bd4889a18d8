"""Money as a shopper reads it, in the active language: one formatter over Babel (CLDR data).

`money_format(Decimal("1234"), "UAH")` is "1 234,00 ₴" in Ukrainian and "₴1,234.00" in
English (the spaces are no-break spaces, so an amount never wraps). Templates call it through
the `money` filter (`shop.templatetags.money`); machine formats (JSON-LD, Sentry context) keep
"1234.00" and never come here.
"""

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, get_currency_symbol, parse_pattern
from django.conf import settings
from django.utils import translation

# CLDR's narrow currency symbols ("symbol-alt-narrow"), which Babel does not ship. Used where
# the locale's own symbol is just the ISO code: English CLDR writes the hryvnia "UAH1,234.00",
# Ukrainian writes dollars "1 234,00 USD"; a shop prints ₴ and $.
NARROW_SYMBOLS = {"UAH": "₴", "USD": "$", "EUR": "€", "GBP": "£", "PLN": "zł"}


@lru_cache(maxsize=64)
def _currency_format(locale_name: str, currency: str) -> tuple[Locale, NumberPattern]:
    """The locale and its currency pattern, with the narrow symbol written in where the
    locale has none of its own (a quoted literal in the pattern, so digits, grouping and the
    symbol's place stay the locale's)."""
    locale = Locale.parse(locale_name)
    pattern = locale.currency_formats["standard"].pattern
    if get_currency_symbol(currency, locale) == currency and currency in NARROW_SYMBOLS:
        pattern = pattern.replace("¤", f"'{NARROW_SYMBOLS[currency]}'")
    return locale, parse_pattern(pattern)  # parsed once: half the cost of each amount


def money_format(amount: Decimal | int | str, currency: str = "", *, language: str = "") -> str:
    """`amount` in `currency` (default SHOP_CURRENCY) as `language` (default: the active one)
    writes it, with the currency's own number of decimals."""
    code = currency or settings.SHOP_CURRENCY
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    locale, pattern = _currency_format(translation.to_locale(language), code)
    return pattern.apply(Decimal(amount), locale, currency=code, currency_digits=True)
