"""The "find my order" form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

ORDER_NUMBER = re.compile(r"[A-Z0-9-]{1,20}", re.ASCII)


class OrderFindForm(forms.Form):
    """ "Find my order": the number and the e-mail address the order was placed with. Only
    their shape is checked here; whether they match an order is never said (see
    shop/orders/notifications.py:order_link_request)."""

    number = forms.CharField(
        label=_("Order number"),
        max_length=40,
        help_text=_("As in your confirmation e-mail, e.g. SS-2026-7KQ4ZP."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("The address you gave at checkout."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_number(self) -> str:
        number = "".join(self.cleaned_data["number"].split()).upper()
        if not ORDER_NUMBER.fullmatch(number):
            raise forms.ValidationError(
                _("Enter the order number as it appears in your e-mail, e.g. SS-2026-7KQ4ZP.")
            )
        return number

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
