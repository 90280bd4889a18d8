import re

import pytest
from django.urls import reverse

ADDRESS = {
    "email": "guest@example.com",
    "full_name": "Olena Petrenko",
    "phone": "+380 44 123 4567",
    "address_line1": "1 Khreshchatyk St",
    "address_line2": "",
    "city": "Kyiv",
    "postcode": "01001",
    "country": "UA",
}


def cart_add(client, product, quantity=1):
    response = client.post(reverse("shop:cart_add", args=[product.pk]), {"quantity": quantity})
    assert response.status_code == 302, response.content


def review_form(client) -> dict[str, str]:
    """The review page's hidden fields (the checkout token), as the browser sends them back."""
    page = client.get(reverse("shop:checkout_review"))
    assert page.status_code == 200, page.content
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text)
    return {name: value for name, value in hidden if name != "csrfmiddlewaretoken"}


def checkout(client, *, shipping="standard", payment="demo", address=None, extra=None):
    """Walk the checkout as a shopper; return the response to "Place order"."""
    response = client.post(reverse("shop:checkout"), address or ADDRESS)
    assert response.status_code == 302, response.content
    response = client.post(reverse("shop:checkout_shipping"), {"method": shipping, **(extra or {})})
    assert response.status_code == 302, response.content
    return client.post(
        reverse("shop:checkout_review"),
        {**review_form(client), "payment_method": payment, **(extra or {})},
    )


@pytest.fixture
def place_order():
    return checkout
