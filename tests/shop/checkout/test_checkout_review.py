"""Through the browser's eyes: "Place order" places what the review page showed. If the cart
changed in another tab or staff changed a price meanwhile, nothing is ordered and the review
page comes back saying what changed, with the order as it is now, to place again."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.money import money_format
from shop.models import Order
from tests.shop.conftest import ADDRESS, cart_add, review_form
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def hidden_fields(html: str) -> dict[str, str]:
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    return {name: value for name, value in found if name != "csrfmiddlewaretoken"}


def notice(html: str) -> str:
    """The "your order changed" notice, as text."""
    match = re.search(r'<section class="review-changes"[^>]*>(.*?)</section>', html, re.S)
    assert match, "no notice on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.fixture
def kettle():
    return ProductFactory.create(name="Kettle", price=Decimal("20.00"), stock=10)


@pytest.fixture
def reviewing(client, kettle):
    """The shopper at the review page with one kettle: the form of that page."""
    cart_add(client, kettle, 1)
    assert client.post(reverse("shop:checkout"), ADDRESS).status_code == 302
    assert client.post(reverse("shop:checkout_shipping"), {"method": "standard"}).status_code == 302
    return review_form(client) | {"payment_method": "cod"}


def test_items_added_in_a_second_tab_send_the_shopper_back_to_the_review(client, kettle, reviewing):
    mug = ProductFactory.create(name="Mug", price=Decimal("7.50"), stock=10)
    cart_add(client, mug, 3)  # the second tab, same browser

    response = client.post(reverse("shop:checkout_review"), reviewing)

    assert response.status_code == 409
    text = notice(response.text)
    assert "Your order changed since you opened this page" in text
    assert "Nothing was ordered" in text
    assert f"Mug was added: 3 × {money_format(Decimal('7.50'))}" in text
    assert f"{money_format(Decimal('119.00'))} → {money_format(Decimal('141.50'))}" in text
    assert 'role="alert"' in response.text
    # That nothing is placed, stock taken or confirmed, and the cart is kept, is the service's
    # (test_order_review.py).
    # The page shows the order as it is now, and its button places exactly that.
    assert money_format(Decimal("141.50")) in response.text
    again = client.post(
        reverse("shop:checkout_review"),
        hidden_fields(response.text) | {"payment_method": "cod"},
    )
    assert again.status_code == 302
    order = Order.objects.get()
    assert order.total == Decimal("141.50")
    assert sorted(order.lines.values_list("product_name", "quantity")) == [
        ("Kettle", 1),
        ("Mug", 3),
    ]


def test_a_price_raised_by_staff_is_shown_before_it_is_ordered(client, kettle, reviewing):
    kettle.price = Decimal("26.00")
    kettle.save()  # as the admin's product form saves it

    response = client.post(reverse("shop:checkout_review"), reviewing)

    assert response.status_code == 409
    text = notice(response.text)
    old, new = money_format(Decimal("20.00")), money_format(Decimal("26.00"))
    assert f"Kettle: price {old} → {new}" in text
    assert f"{money_format(Decimal('119.00'))} → {money_format(Decimal('125.00'))}" in text
    assert f'data-testid="order-total">{money_format(Decimal("125.00"))}<' in response.text


def test_a_page_whose_review_was_tampered_with_places_nothing(client, reviewing):
    for forged in ("", reviewing["review"][:-3] + "xyz"):
        response = client.post(reverse("shop:checkout_review"), reviewing | {"review": forged})
        assert response.status_code == 400
        assert "This page was out of date" in response.text
    assert not Order.objects.exists()
    assert client.post(reverse("shop:checkout_review"), reviewing).status_code == 302
