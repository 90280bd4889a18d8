from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

QUANTITY_MESSAGE = format_lazy(
    _("Quantity must be a whole number from 1 to {max}."), max=settings.SHOP_MAX_QUANTITY
)


class QuantityForm(forms.Form):
    """Only the quantity is read from the browser; the product and its price never are."""

    quantity = forms.IntegerField(
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
