from decimal import Decimal

import pytest
from django.urls import reverse

from shop.models import Product
from tests.accounts.factories import PASSWORD, UserFactory
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_admin_is_for_staff_only(client, user_client):
    for c in (client, user_client):
        response = c.get("/admin/")
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
        assert c.get(reverse("admin:shop_product_changelist")).status_code == 302


def test_a_shopper_cannot_log_in_to_admin(client, user):
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 200
    assert "staff account" in response.text


def test_staff_see_products_filter_and_search(staff_client, category):
    ProductFactory.create(category=category, name="Skillet", sku="KIT-001", stock=0)
    ProductFactory.create(category=category, name="Knife", sku="KIT-002", stock=3)
    ProductFactory.create(category=category, name="Board", sku="KIT-003", stock=40)
    url = reverse("admin:shop_product_changelist")

    def listed(**params) -> list[str]:
        response = staff_client.get(url, params)
        assert response.status_code == 200
        return sorted(p.name for p in response.context["cl"].result_list)

    assert listed() == ["Board", "Knife", "Skillet"]
    assert listed(stock_state="out") == ["Skillet"]
    assert listed(stock_state="low") == ["Knife"]
    assert listed(stock_state="in") == ["Board"]
    assert listed(q="kit-002") == ["Knife"]
    assert listed(q="board") == ["Board"]
    assert listed(category__id__exact=category.pk, is_active__exact=1) == [
        "Board",
        "Knife",
        "Skillet",
    ]


def test_staff_edit_price_stock_and_active_from_the_list(staff_client, product):
    url = reverse("admin:shop_product_changelist")
    response = staff_client.post(
        url,
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": product.pk,
            "form-0-price": "24.50",
            "form-0-stock": "7",
            "initial-form-0-stock": "10",  # the stock the list showed (see test_stock_edits)
            "form-0-is_active": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.price, product.stock, product.is_active) == (Decimal("24.50"), 7, False)


def test_staff_add_a_category_and_product(staff_client, category):
    response = staff_client.get(reverse("admin:shop_category_add"))
    assert "prepopulated" in response.text
    response = staff_client.post(
        reverse("admin:shop_product_add"),
        {
            "name_en": "Kettle",
            "slug": "kettle",
            "sku": "COF-004",
            "category": category.pk,
            "is_active": "on",
            "price": "54.90",
            "compare_at_price": "",
            "stock": "9",
            "short_description_en": "",
            "description_en": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Product.objects.get(sku="COF-004").price == Decimal("54.90")


def test_compare_at_price_must_be_above_the_price(staff_client, product):
    response = staff_client.post(
        reverse("admin:shop_product_change", args=[product.pk]),
        {
            "name_en": product.name,
            "slug": product.slug,
            "sku": product.sku,
            "category": product.category_id,
            "is_active": "on",
            "price": "20.00",
            "compare_at_price": "15.00",
            "stock": "9",
        },
    )
    assert response.status_code == 200
    assert "must be higher than the price" in response.text


def test_admin_user_list_works_with_email_accounts(staff_client):
    UserFactory.create(email="someone@example.com")
    response = staff_client.get(reverse("admin:accounts_user_changelist"), {"q": "someone"})
    assert response.status_code == 200
    assert "someone@example.com" in response.text
    assert staff_client.get(reverse("admin:accounts_user_add")).status_code == 200
