"""The cart page a shopper on a phone can trust: checkout first, "Empty cart" quiet and
confirmed (without JavaScript), how far free delivery is, and a picture of each item."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.delivery import shipping
from shop.delivery.shipping import ShippingMethod
from tests.shop.conftest import ADDRESS, cart_add
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db

CART = reverse("shop:cart")
CLEAR = reverse("shop:cart_clear")


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def actions(html: str) -> list[str]:
    """The cart's buttons and button-like links after its table, in reading order."""
    after = html.split("</table>", 1)[1].split("</main>", 1)[0]
    found = re.findall(r"<(?:a|button)\b[^>]*>([^<]+)<", after)
    return [" ".join(f.split()) for f in found]


def test_checkout_comes_first_and_empty_cart_is_not_a_button(client, product):
    """Before: "Empty cart" was the first button, and one tap emptied the cart."""
    cart_add(client, product, 1)
    html = client.get(CART).text
    assert actions(html) == ["Proceed to checkout", "Continue shopping", "Empty cart"]
    assert f'<a class="link-quiet" href="{CLEAR}">Empty cart</a>' in html
    assert f'action="{CLEAR}"' not in html  # nothing on the cart page empties it at once


def test_emptying_the_cart_asks_first_and_keeps_it_until_confirmed(client, product):
    cart_add(client, product, 2)
    question = client.get(CLEAR)
    assert question.status_code == 200
    assert "Empty your cart?" in question.text
    assert "All 2 items in your cart will be removed." in question.text
    assert f'<form method="post" action="{CLEAR}"' in question.text
    assert client.session["cart"] == {str(product.pk): 2}  # asking changed nothing

    done = client.post(CLEAR)
    assert done.url == CART
    assert "cart" not in client.session or client.session["cart"] == {}
    assert "Your cart is empty now." in client.get(CART).text


def test_the_question_is_skipped_when_the_cart_is_already_empty(client, db):
    assert client.get(CLEAR).url == CART


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (1, "Add ₴2,000.01 more for free delivery (on orders over ₴3,000.00)."),
        (4, "Your order gets free delivery."),
    ],
)
def test_the_cart_says_how_far_free_delivery_is(client, category, quantity, message):
    product = ProductFactory.create(category=category, price=Decimal("999.99"), stock=10)
    cart_add(client, product, quantity)  # free standard delivery from 3 000 ₴ (shipping.py)
    assert message in text(client.get(CART).text)


def test_the_threshold_comes_from_the_shipping_table(client, product, monkeypatch):
    table = {
        "standard": ShippingMethod("standard", "Standard", Decimal("99.00"), Decimal("50.00")),
        "pickup": ShippingMethod("pickup", "Pickup", Decimal("0.00"), is_pickup=True),
    }
    monkeypatch.setattr(shipping, "SHIPPING_METHODS", table)
    cart_add(client, product, 1)
    assert "Add ₴30.01 more for free delivery (on orders over ₴50.00)." in text(
        client.get(CART).text
    )
    assert "Free delivery on orders over ₴50.00" in text(client.get("/?page=1").text)
    monkeypatch.setattr(shipping, "SHIPPING_METHODS", {"pickup": table["pickup"]})
    assert "free delivery" not in text(client.get(CART).text).lower()


def test_the_catalogue_advertises_free_delivery(client, product):
    for url in ("/", product.category.get_absolute_url()):
        assert "Free delivery on orders over ₴3,000.00" in text(client.get(url).text)


THUMB = re.compile(
    r'<span class="thumb" aria-hidden="true"><img src="[^"]+" alt="[^"]*" loading="lazy" '
    r'width="64" height="64">\s*</span>'
)


def test_cart_and_review_show_a_small_lazy_thumbnail_per_line(client, category):
    products = [ProductFactory.create(category=category) for _ in range(3)]
    for p in products:
        cart_add(client, p, 1)
    assert len(THUMB.findall(client.get(CART).text)) == 3
    client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    assert len(THUMB.findall(client.get(reverse("shop:checkout_review")).text)) == 3
