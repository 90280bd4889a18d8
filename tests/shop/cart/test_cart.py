from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def add(client, product_id, quantity=1, **extra):
    data = {"quantity": quantity, **extra} if quantity is not None else extra
    return client.post(reverse("shop:cart_add", args=[product_id]), data)


def cart_of(client) -> dict[int, int]:
    return {int(k): v for k, v in client.session.get("cart", {}).items()}


def test_add_change_remove_and_clear(client, product):
    other = ProductFactory.create(price=Decimal("5.00"))

    response = add(client, product.pk, 2)
    assert response.status_code == 302
    assert response.url == reverse("shop:cart")
    add(client, product.pk, 1)
    add(client, other.pk, 4)
    assert cart_of(client) == {product.pk: 3, other.pk: 4}

    page = client.get(reverse("shop:cart"))
    assert page.context["cart"].subtotal == Decimal("79.97")  # 3 × 19.99 + 4 × 5.00
    assert page.context["cart_count"] == 7
    assert 'data-testid="cart-count"' in page.text

    client.post(reverse("shop:cart_update", args=[product.pk]), {"quantity": 1})
    assert cart_of(client) == {product.pk: 1, other.pk: 4}

    client.post(reverse("shop:cart_remove", args=[other.pk]))
    assert cart_of(client) == {product.pk: 1}

    client.post(reverse("shop:cart_clear"))
    assert cart_of(client) == {}
    assert "Your cart is empty" in client.get(reverse("shop:cart")).text


def test_the_cart_lives_in_the_server_side_session_not_a_cookie(client, product):
    add(client, product.pk, 2)
    assert set(client.cookies) == {"sessionid"}
    # The cookie is only an opaque key; the cart itself is in the sessions table.
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).get_decoded()["cart"] == {str(product.pk): 2}


BAD_QUANTITIES = [0, -1, 10**9, "abc", "", "1.5", "1e3", " "]


@pytest.mark.parametrize("quantity", BAD_QUANTITIES)
def test_bad_quantities_on_add_get_a_clear_message_and_change_nothing(client, product, quantity):
    add(client, product.pk, 1)
    response = add(client, product.pk, quantity)
    assert response.status_code == 400
    assert "Quantity must be a whole number from 1 to 99." in response.text
    assert cart_of(client) == {product.pk: 1}


def test_missing_quantity_is_refused(client, product):
    response = add(client, product.pk, None)
    assert response.status_code == 400
    assert "Quantity must be a whole number" in response.text
    assert cart_of(client) == {}


@pytest.mark.parametrize("quantity", [*BAD_QUANTITIES, None])
def test_bad_quantities_on_update_change_nothing(client, product, quantity):
    add(client, product.pk, 2)
    data = {} if quantity is None else {"quantity": quantity}
    response = client.post(reverse("shop:cart_update", args=[product.pk]), data)
    assert response.status_code == 400
    assert "Quantity must be a whole number from 1 to 99." in response.text
    assert cart_of(client) == {product.pk: 2}


def test_a_quantity_the_cart_refuses_is_a_400_with_the_reason_and_changes_nothing(client, category):
    # The cart's rules (stock, the shop's maximum, what is sold) are the service's
    # (test_cart_services.py); here, how a refusal reaches the shopper on add and on update.
    product = ProductFactory.create(category=category, stock=3, name="Dutch Oven")
    add(client, product.pk, 2)
    response = add(client, product.pk, 2)  # 4 in the cart would be more than the 3 in stock
    assert response.status_code == 400
    assert "between 1 and 3 of Dutch Oven" in response.text
    assert cart_of(client) == {product.pk: 2}

    response = client.post(reverse("shop:cart_update", args=[product.pk]), {"quantity": 4})
    assert response.status_code == 400
    assert "between 1 and 3 of Dutch Oven" in response.text
    assert cart_of(client) == {product.pk: 2}


def test_a_product_not_sold_is_a_404_on_add_update_and_remove(client, db):
    response = add(client, 999_999, 1)
    assert response.status_code == 404
    assert "That product is not available." in response.text
    assert cart_of(client) == {}
    response = client.post(reverse("shop:cart_update", args=[999_999]), {"quantity": 1})
    assert response.status_code == 404
    response = client.post(reverse("shop:cart_remove", args=[999_999]))
    assert response.status_code == 404


def test_cart_views_refuse_get_for_writes(client, product):
    assert client.get(reverse("shop:cart_add", args=[product.pk])).status_code == 405


def test_cart_writes_need_a_csrf_token(product):
    client = Client(enforce_csrf_checks=True)
    assert add(client, product.pk, 1).status_code == 403
    assert cart_of(client) == {}


def test_a_price_in_the_form_is_ignored(client, product):
    add(client, product.pk, 2, price="0.01", unit_price="0.01", total="0.02")
    assert client.get(reverse("shop:cart")).context["cart"].subtotal == Decimal("39.98")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "/\\evil.example.com",
        "http:///evil.example.com",
        "javascript:alert(1)",
    ],
)
def test_next_is_followed_only_when_local(client, product, target):
    response = add(client, product.pk, 1, next=target)
    assert response.status_code == 302
    assert response.url == reverse("shop:cart")


def test_a_local_next_is_followed(client, product):
    response = add(client, product.pk, 1, next=product.get_absolute_url())
    assert response.url == product.get_absolute_url()


def test_the_cart_survives_login(client, user, product):
    add(client, product.pk, 2)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert cart_of(client) == {product.pk: 2}
    assert client.get(reverse("shop:cart")).context["cart_count"] == 2


def test_products_that_stop_being_sold_leave_the_cart_with_a_notice(client, product):
    add(client, product.pk, 1)
    product.is_active = False
    product.save()
    response = client.get(reverse("shop:cart"))
    assert "no longer sold" in response.text
    assert cart_of(client) == {}


def test_a_corrupt_session_cart_is_not_a_500(client, product):
    session = client.session
    session["cart"] = {"abc": "x", str(product.pk): 2}
    session.save()
    assert client.get(reverse("shop:cart")).status_code == 200


# int() and IntegerField take all of these; a quantity is ASCII digits and nothing else.
LOOSE_QUANTITIES = ["1_0", "2.00", "2.0", "１", "٣", " 1", "1 ", "+1", "0x1"]


@pytest.mark.parametrize("quantity", LOOSE_QUANTITIES)
def test_quantities_are_plain_ascii_digits(client, product, quantity):
    add(client, product.pk, 1)
    for url in (
        reverse("shop:cart_add", args=[product.pk]),
        reverse("shop:cart_update", args=[product.pk]),
    ):
        response = client.post(url, {"quantity": quantity})
        assert response.status_code == 400
        assert "Quantity must be a whole number from 1 to 99." in response.text
        assert cart_of(client) == {product.pk: 1}
