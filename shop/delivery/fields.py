"""The address fields a courier relies on: a phone in E.164, a postcode that fits the country,
and the country as an ISO 3166 code. Pure functions over text; no models, no requests."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

DEFAULT_COUNTRY = "UA"
# The phone a shopper types without "+" is read as a number of this region (their country's
# when they chose one).
PHONE_MESSAGE = _("Enter a phone number the courier can call, e.g. 067 123 45 67 or +380671234567.")
UA_POSTCODE = re.compile(r"[0-9]{5}", re.ASCII)


def phone_normalize(value: str, *, country: str = DEFAULT_COUNTRY) -> str:
    """`value` as E.164 ("+380671234567"), or ValidationError when it is not a valid number."""
    region = country if country in phonenumbers.SUPPORTED_REGIONS else DEFAULT_COUNTRY
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_MESSAGE, code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """A stored phone as people write it: national format for Ukrainian numbers
    ("067 123 4567"), international for others; anything unparsable as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_COUNTRY)
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    if phonenumbers.region_code_for_number(number) == DEFAULT_COUNTRY:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def postcode_normalize(value: str, *, country: str) -> str:
    """The postcode without surrounding spaces; Ukrainian ones must be five digits."""
    value = value.strip()
    if country == "UA" and not UA_POSTCODE.fullmatch(value):
        raise ValidationError(
            _("A Ukrainian postcode is five digits, e.g. 01001."), code="postcode"
        )
    return value


def country_choices() -> list[tuple[str, str]]:
    """(ISO code, name in the active language), Ukraine first."""
    ukraine = (DEFAULT_COUNTRY, str(countries.name(DEFAULT_COUNTRY)))
    return [ukraine] + [(code, str(name)) for code, name in countries if code != DEFAULT_COUNTRY]


def country_name(value: str) -> str:
    """The name of a stored country: an ISO code's name in the active language, or the text of
    an order from before the choice (stored as typed)."""
    name = countries.name(value) if value else ""
    return str(name) if name else value
