"""The address a courier can use: a phone (required, E.164, shown formatted), a postcode that
fits Ukraine, a country from the list (Ukraine by default), required fields marked, and a
comment for staff."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from shop.checkout.forms import CheckoutDetailsForm
from shop.delivery.fields import country_name, phone_display
from shop.models import Order
from tests.shop.conftest import ADDRESS, cart_add, checkout, review_form

pytestmark = pytest.mark.django_db


def details(client, product, **changes):
    cart_add(client, product)
    return client.post(reverse("shop:checkout"), {**ADDRESS, **changes})


def test_a_nonsense_phone_is_refused_with_a_clear_message(client, product):
    response = details(client, product, phone="abc")
    assert response.status_code == 400
    assert "Enter a phone number the courier can call" in response.text


def test_the_phone_is_required(client, product):
    response = details(client, product, phone="")
    assert response.status_code == 400
    assert "Enter a phone number the courier can call" in response.text


def test_a_ukrainian_phone_as_typed_is_stored_as_e164_and_shown_formatted(client, product):
    cart_add(client, product)
    response = checkout(client, payment="cod", address={**ADDRESS, "phone": "067 123 45 67"})
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.phone == "+380671234567"
    page = client.get(order.get_absolute_url()).text
    assert "067 123 4567" in page
    assert phone_display("+380671234567") == "067 123 4567"
    assert phone_display("+48221234567") == "+48 22 123 45 67"  # abroad: international


def test_a_postcode_that_is_not_five_digits_is_refused_for_ukraine(client, product):
    response = details(client, product, postcode="x")
    assert response.status_code == 400
    assert "A Ukrainian postcode is five digits" in response.text
    # Another country's postcode is its own business.
    response = details(client, product, country="PL", postcode="00-950", phone="+48221234567")
    assert response.status_code == 302


def test_a_country_not_in_the_list_is_refused(client, product):
    response = details(client, product, country="Narnia")
    assert response.status_code == 400
    assert "Choose a country from the list." in response.text


def test_the_country_chosen_stays_chosen_in_the_shoppers_language(client, product):
    response = details(client, product, country="PL", phone="abc")  # back with an error
    assert re.findall(r'<option value="(\w+)" selected>', response.text) == ["PL"]
    assert '<option value="UA">Ukraine</option>' in response.text
    with translation.override("uk"):
        field = str(CheckoutDetailsForm(data={"country": "PL"})["country"])
    assert re.findall(r'<option value="(\w+)" selected>', field) == ["PL"]
    assert '<option value="UA">Україна</option>' in field
    assert '<option value="PL" selected>Польща</option>' in field


def test_ukraine_is_the_default_country_and_the_order_stores_its_code(client, product):
    cart_add(client, product)
    page = client.get(reverse("shop:checkout")).text
    assert re.search(r'<option value="UA" selected>Ukraine</option>', page)
    checkout(client, payment="cod")
    order = Order.objects.get()
    assert order.country == "UA"
    assert "Ukraine" in client.get(order.get_absolute_url()).text
    with translation.override("uk"):
        assert country_name(order.country) == "Україна"


def test_required_fields_are_marked_for_eyes_and_for_assistive_technology(client, product):
    cart_add(client, product)
    page = client.get(reverse("shop:checkout")).text
    assert "required-legend" in page and "required</p>" in page
    [phone] = re.findall(r'<input[^>]*name="phone"[^>]*>', page)
    assert "required" in phone and 'aria-required="true"' in phone
    [line2] = re.findall(r'<input[^>]*name="address_line2"[^>]*>', page)
    assert "required" not in line2
    assert page.count('class="required-mark"') == 1 + 7  # the legend, and seven fields


def test_the_order_comment_is_kept_for_staff_and_limited(client, product, staff_client):
    response = details(client, product, comment="x" * 501)
    assert response.status_code == 400
    client.post(reverse("shop:checkout"), {**ADDRESS, "comment": "Дзвоніть після 18:00"})
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    client.post(reverse("shop:checkout_review"), {**review_form(client), "payment_method": "cod"})
    order = Order.objects.get()
    assert order.comment == "Дзвоніть після 18:00"
    admin_page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk])).text
    assert "Дзвоніть після 18:00" in admin_page


def test_a_posted_country_not_in_the_list_is_not_kept_by_the_list(client, product):
    from shop.checkout.forms import _country_options

    _country_options.cache_clear()
    for i in range(5):
        response = details(client, product, country=f"X{i}" + "A" * 10_000)
        assert response.status_code == 400
        assert "Choose a country from the list." in response.text
        assert "selected>" not in response.text.split('name="country"')[1].split("</select>")[0]
    assert _country_options.cache_info().currsize == 1  # one list, however many bad values
