"""The admin's price fields: text typed as the staff member writes numbers, read exactly.

A number input and a Ukrainian decimal comma turned «509,50» into 50 950 ₴ in Chromium, so
prices are a text input (inputmode="decimal": the phone keyboard still has digits) read by
Babel's `parse_decimal` in the admin's language, strictly (a grouping mark in the wrong place
is an error, never a different number), then in the shop's other languages: «509,50»,
«509.50», «1 234,50» and «1,234.50» are all read as meant, whatever the admin's language.
A saved price changed by more than ten times either way needs a tick in "I confirm this
price" (ProductPriceConfirmForm): a slipped comma is caught before a shopper sees it."""

import re
from decimal import Decimal
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPACES = re.compile(r"[\s\u00a0\u202f']+")
PRICE_JUMP = 10  # a new price this many times the saved one, or less than 1/10 of it, is asked


def price_parse(text: str, *, language: str | None = None) -> Decimal:
    """`text` as a number, read in `language` (the active one by default), else in the other
    languages of the shop. Raises ValueError when no language reads it."""
    compact = SPACES.sub("", text)
    first = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    languages = [first, *(code for code, _name in settings.LANGUAGES if code != first)]
    for code in languages:
        try:
            return Decimal(parse_decimal(compact, locale=code, strict=True))
        except (NumberFormatError, ValueError):
            continue
    raise ValueError(text)


class PriceInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class PriceField(forms.DecimalField):
    """A DecimalField whose text is read by price_parse; shown in the admin's language."""

    widget = PriceInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("widget", None)
        kwargs["localize"] = True
        super().__init__(widget=PriceInput, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = price_parse(str(value).strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class ProductPriceConfirmForm(forms.ModelForm):
    """Asks for a tick before a price changes by more than PRICE_JUMP times."""

    confirm_price = forms.BooleanField(
        label=_("I confirm this price"),
        required=False,
        help_text=_("Needed only when the price changes by more than ten times."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new = cleaned.get("price")
        if self.instance.pk is None or new is None or "price" not in self.changed_data:
            return cleaned
        old = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("price", flat=True)
            .first()
        )
        if not old or cleaned.get("confirm_price"):
            return cleaned
        if new > old * PRICE_JUMP or new * PRICE_JUMP < old:
            self.add_error(
                "price",
                ValidationError(
                    _(
                        "%(new)s is more than ten times away from the saved price %(old)s. "
                        "Check the decimal separator; if the price is right, tick "
                        "“I confirm this price” (on the product's page) and save again."
                    ),
                    code="price_jump",
                    params={"new": new, "old": old},
                ),
            )
        return cleaned
