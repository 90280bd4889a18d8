"""The add-to-cart and cart forms: only a quantity is read from the browser."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

QUANTITY_MESSAGE = format_lazy(
    _("Quantity must be a whole number from 1 to {max}."), max=settings.SHOP_MAX_QUANTITY
)


# ASCII digits and nothing else: int() would also take "1_0", " 1", "+1", "２", "٣", and
# IntegerField strips a trailing ".00".
DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


class WholeNumberField(forms.IntegerField):
    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not DIGITS.fullmatch(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)


class QuantityForm(forms.Form):
    """Only the quantity is read from the browser; the product and its price never are."""

    quantity = WholeNumberField(
        label=_("Quantity"),
        min_value=1,
        max_value=settings.SHOP_MAX_QUANTITY,
        error_messages={
            "required": QUANTITY_MESSAGE,
            "invalid": QUANTITY_MESSAGE,
            "min_value": QUANTITY_MESSAGE,
            "max_value": QUANTITY_MESSAGE,
        },
    )

    def error_message(self) -> str:
        return str(self.errors["quantity"][0])
