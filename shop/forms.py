import re
from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from shop.checkout_review import Review
from shop.delivery.fields import (
    DEFAULT_COUNTRY,
    PHONE_MESSAGE,
    country_choices,
    phone_normalize,
    postcode_normalize,
)
from shop.models import Order
from shop.models.orders import DETAILS_FIELDS

QUANTITY_MESSAGE = format_lazy(
    _("Quantity must be a whole number from 1 to {max}."), max=settings.SHOP_MAX_QUANTITY
)


# ASCII digits and nothing else: int() would also take "1_0", " 1", "+1", "２", "٣", and
# IntegerField strips a trailing ".00".
DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


class WholeNumberField(forms.IntegerField):
    def to_python(self, value):
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


class CheckoutDetailsForm(forms.ModelForm):
    """Contact and address: the fields (and their limits) of the order's ContactDetails. Only
    validates; the order is created by `order_place` from what the shopper confirmed. The
    courier's needs (shop/delivery/fields.py): a phone, required, kept as E.164; the country
    as an ISO code from a list (Ukraine by default); a Ukrainian postcode of five digits."""

    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        initial=DEFAULT_COUNTRY,
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )

    class Meta:
        model = Order
        fields = DETAILS_FIELDS
        labels = {
            "phone": _("Phone (for the courier)"),
            "address_line2": _("Apartment, suite, etc."),
            "comment": _("Comment on the order"),
        }
        help_texts = {
            "comment": _("Optional: for example, when to call or how to find the door."),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "address_line1": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "address_line2": forms.TextInput(attrs={"autocomplete": "address-line2"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].error_messages["required"] = PHONE_MESSAGE
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["aria-required"] = "true"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        cleaned = super().clean() or self.cleaned_data
        country = cleaned.get("country") or DEFAULT_COUNTRY
        if cleaned.get("phone"):
            try:
                cleaned["phone"] = phone_normalize(cleaned["phone"], country=country)
            except ValidationError as error:
                self.add_error("phone", error)
        if cleaned.get("postcode") and "country" in cleaned:
            try:
                cleaned["postcode"] = postcode_normalize(cleaned["postcode"], country=country)
            except ValidationError as error:
                self.add_error("postcode", error)
        return cleaned


class ShippingForm(forms.Form):
    """Names a method from the server-side table; its price is never read from the form."""

    method = forms.ChoiceField(label=_("Delivery"), widget=forms.RadioSelect)

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(m.code, m.label) for m in methods]


STALE_CHECKOUT_MESSAGE = _(
    "This page was out of date. Check your order below and press “Place order” again."
)


class PaymentChoiceForm(forms.Form):
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)
    # The checkout attempt this page was made for (the idempotency key of the order): a page
    # from another attempt, or none, cannot place an order.
    checkout_token = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": STALE_CHECKOUT_MESSAGE}
    )

    # What the page showed, signed (shop/checkout_review.py): placed only if still so.
    review = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": STALE_CHECKOUT_MESSAGE}
    )

    def __init__(self, *args, choices, token: str, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["payment_method"]).choices = choices
        self.token = token

    def clean_review(self) -> Review:
        review = Review.from_signed(self.cleaned_data["review"])
        if review is None:
            raise forms.ValidationError(STALE_CHECKOUT_MESSAGE)
        return review

    def clean_checkout_token(self) -> str:
        token = self.cleaned_data["checkout_token"]
        if not constant_time_compare(token, self.token):
            raise forms.ValidationError(STALE_CHECKOUT_MESSAGE)
        return token


ORDER_NUMBER = re.compile(r"[A-Z0-9-]{1,20}", re.ASCII)


class OrderFindForm(forms.Form):
    """ "Find my order": the number and the e-mail address the order was placed with. Only
    their shape is checked here; whether they match an order is never said (see
    shop/services/notifications.py:order_link_request)."""

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
