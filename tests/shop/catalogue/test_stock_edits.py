"""Staff stock edits never overwrite a checkout's sale: staff load the product (list or form),
a shopper buys meanwhile, staff save."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from shop.catalogue.services import product_stock_set
from shop.models import Product
from tests.shop.conftest import cart_add, checkout

pytestmark = pytest.mark.django_db


def buy(product, quantity):
    shopper = Client()
    cart_add(shopper, product, quantity)
    checkout(shopper, payment="cod")


def hidden(html: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)
    assert found, f"no hidden input {name!r}"
    return found[1]


def change_form(product, **changes) -> dict:
    data = {
        "name_en": product.name,
        "slug": product.slug,
        "sku": product.sku,
        "category": product.category_id,
        "is_active": "on",
        "price": str(product.price),
        "stock": str(product.stock),
        "short_description_en": product.short_description,
        "description_en": "",
    }
    return data | changes


def test_a_stale_stock_edit_in_the_change_form_is_refused_then_saved(staff_client, product):
    url = reverse("admin:shop_product_change", args=[product.pk])
    page = staff_client.get(url).text
    shown = hidden(page, "initial-stock")
    assert shown == "10"

    buy(product, 3)  # stock 10 → 7 while the form is open

    data = change_form(product, stock="50", **{"initial-stock": shown})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The stock is 7 now: it changed while you were editing" in response.text
    product.refresh_from_db()
    assert product.stock == 7
    # The page now carries the current stock; saving again is a deliberate choice.
    assert hidden(response.text, "initial-stock") == "7"
    data["initial-stock"] = "7"
    assert staff_client.post(url, data).status_code == 302
    product.refresh_from_db()
    assert product.stock == 50


def test_saving_other_fields_keeps_the_stock_a_checkout_left(staff_client, product):
    url = reverse("admin:shop_product_change", args=[product.pk])
    shown = hidden(staff_client.get(url).text, "initial-stock")
    buy(product, 3)
    data = change_form(product, stock=shown, price="21.00", **{"initial-stock": shown})
    assert staff_client.post(url, data).status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock) == (Decimal("21.00"), 7)


def test_the_product_list_checks_stock_edits_the_same_way(staff_client, product):
    url = reverse("admin:shop_product_changelist")
    page = staff_client.get(url).text
    shown = hidden(page, "initial-form-0-stock")
    assert shown == "10"
    buy(product, 4)

    def save(**row):
        data = {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": product.pk,
            "form-0-price": "19.99",
            "form-0-is_active": "on",
            "initial-form-0-stock": shown,
            "_save": "Save",
        }
        return staff_client.post(url, data | row)

    response = save(**{"form-0-stock": "25"})
    assert response.status_code == 200
    assert "The stock is 6 now" in response.text
    product.refresh_from_db()
    assert product.stock == 6

    response = save(**{"form-0-stock": shown, "form-0-price": "18.00"})  # only the price
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock) == (Decimal("18.00"), 6)


def test_a_stock_edit_without_the_shown_stock_is_refused(staff_client, product):
    url = reverse("admin:shop_product_change", args=[product.pk])
    response = staff_client.post(url, change_form(product, stock="3"))
    assert response.status_code == 200
    product.refresh_from_db()
    assert product.stock == 10


def test_the_stock_is_set_only_if_it_is_still_what_staff_saw(product):
    assert not product_stock_set(product_id=product.pk, stock=40, expected=9)
    assert Product.objects.get(pk=product.pk).stock == 10
    assert product_stock_set(product_id=product.pk, stock=40, expected=10)
    assert Product.objects.get(pk=product.pk).stock == 40


def test_a_sale_between_the_check_and_the_save_is_not_overwritten(staff_user, product):
    """The form's check passed; a checkout commits before the admin writes: the conditional
    update still refuses, and staff get the message instead of a lost sale."""
    request = RequestFactory().post("/")
    request.user = staff_user
    # A session and message storage, as the middleware gives every request.
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    MessageMiddleware(lambda request: HttpResponse()).process_request(request)
    model_admin = admin.site._registry[Product]
    form_class = model_admin.get_form(request, product, change=True)
    form = form_class(change_form(product, stock="50", **{"initial-stock": "10"}), instance=product)
    assert form.is_valid(), form.errors
    buy(product, 2)
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    product.refresh_from_db()
    assert product.stock == 8
    [message] = get_messages(request)
    assert "The stock is 8 now" in str(message)
