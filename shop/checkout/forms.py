"""Checkout's forms: the contact and address details, the delivery and the payment method."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from shop.checkout.review import Review
from shop.delivery.fields import (
    DEFAULT_COUNTRY,
    PHONE_MESSAGE,
    country_choices,
    phone_normalize,
    postcode_normalize,
)
from shop.delivery.shipping import ShippingMethod
from shop.models import Order
from shop.models.orders import DETAILS_FIELDS


class CountrySelect(forms.Select):
    """The country list, ~250 options, in the markup Django's Select gives, but with its
    options rendered once per language and chosen country instead of a template include per
    option on every checkout page (5 ms of CPU a page)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        chosen = str(widget["value"][0]) if widget["value"] else ""
        # Only a code of the list is a cache key: whatever else was posted selects nothing, and
        # must not fill the cache with its own copies.
        if chosen not in COUNTRY_CODES:
            chosen = ""
        options = _country_options(get_language() or "", chosen)
        return format_html(
            '<select name="{}"{}>{}\n</select>', name, flatatt(widget["attrs"]), options
        )


COUNTRY_CODES = frozenset(code for code, _name in countries)


@lru_cache(maxsize=128)
def _country_options(language: str, chosen: str) -> SafeString:
    with translation.override(language):
        return format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (code, mark_safe(" selected") if code == chosen else "", name)
                for code, name in country_choices()
            ),
        )


class CheckoutDetailsForm(forms.ModelForm):
    """Contact and address: the fields (and their limits) of the order's ContactDetails. Only
    validates; the order is created by `order_place` from what the shopper confirmed. The
    courier's needs (shop/delivery/fields.py): a phone, required, kept as E.164; the country
    as an ISO code from a list (Ukraine by default); a Ukrainian postcode of five digits."""

    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        initial=DEFAULT_COUNTRY,
        widget=CountrySelect(attrs={"autocomplete": "country"}),
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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

    def __init__(self, *args: Any, methods: Iterable[ShippingMethod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["method"])
        field.choices = [(m.code, m.label) for m in methods]


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

    # What the page showed, signed (`shop.checkout.review`): placed only if still so.
    review = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": STALE_CHECKOUT_MESSAGE}
    )

    def __init__(
        self,
        *args: Any,
        choices: Iterable[tuple[str, str | Promise]],
        token: str,
        **kwargs: Any,
    ) -> None:
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
