"""Staff enter Nova Poshta's waybill (ТТН) on the order; the shopper's order page and the
order e-mail show it with a tracking link."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from shop.models import Order
from shop.orders.notifications import order_confirmation_message
from tests.shop.conftest import cart_add, checkout

pytestmark = pytest.mark.django_db

WAYBILL = "20450123456789"
TRACKING = f"https://novaposhta.ua/tracking/?cargo_number={WAYBILL}"


def admin_form(order: Order, staff_user, waybill: str):
    request = RequestFactory().get("/")
    request.user = staff_user
    model_admin = site._registry[Order]
    Form = model_admin.get_form(request, obj=order)
    data = {name: getattr(order, name) for name in Form.base_fields}
    return Form(data={**data, "waybill": waybill}, instance=order)


@pytest.fixture
def order(client, product):
    cart_add(client, product)
    assert checkout(client, payment="cod").status_code == 302
    return Order.objects.get()


@pytest.mark.parametrize("typed", ["123", "2045012345678A", "204501234567890", "abc"])
def test_a_waybill_that_is_not_14_digits_is_refused(order, staff_user, typed):
    form = admin_form(order, staff_user, typed)
    assert not form.is_valid()
    assert form.errors["waybill"] == ["A Nova Poshta waybill number is 14 digits."]


def test_a_waybill_as_printed_with_spaces_is_saved_as_digits(order, staff_user):
    form = admin_form(order, staff_user, "2045 0123 4567 89")
    assert form.is_valid(), form.errors
    form.save()
    order.refresh_from_db()
    assert order.waybill == WAYBILL


def test_staff_see_the_waybill_field_on_the_order(order, staff_client):
    page = staff_client.get(reverse("admin:shop_order_change", args=[order.pk])).text
    assert 'name="waybill"' in page


def test_the_order_page_shows_the_waybill_with_a_tracking_link(client, order):
    page = client.get(order.get_absolute_url()).text
    assert "cargo_number" not in page  # not before staff enter it
    Order.objects.filter(pk=order.pk).update(waybill=WAYBILL)
    page = client.get(order.get_absolute_url()).text
    assert WAYBILL in page
    assert f'href="{TRACKING}"' in page


def test_the_order_email_shows_the_waybill_with_a_tracking_link(order):
    Order.objects.filter(pk=order.pk).update(waybill=WAYBILL)
    order.refresh_from_db()
    message = order_confirmation_message(order=order, site_url="https://shop.example")
    assert f"Waybill (TTN): {WAYBILL}" in message.body and TRACKING in message.body
    html = message.alternatives[0][0]
    assert isinstance(html, str)
    assert f'href="{TRACKING}"' in html
    # In the order's language.
    order.language = "uk"
    message = order_confirmation_message(order=order, site_url="https://shop.example")
    assert f"(ТТН): {WAYBILL}" in message.body
