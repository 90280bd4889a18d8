from decimal import Decimal

import pytest
from django.urls import reverse

from shop.catalogue.services import catalogue_revision_bump
from shop.models import Order, Product
from tests.shop.conftest import ADDRESS, cart_add, checkout, review_form
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_totals_are_exact(client, category):
    product = ProductFactory.create(category=category, price=Decimal("19.99"), stock=10)
    cart_add(client, product, 3)
    response = client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    review = client.get(reverse("shop:checkout_review"))
    assert review.context["total"] == Decimal("158.97")
    assert "₴158.97" in review.text

    response = client.post(
        reverse("shop:checkout_review"), {**review_form(client), "payment_method": "demo"}
    )
    order = Order.objects.get()
    assert (order.subtotal, order.shipping_price, order.total) == (
        Decimal("59.97"),
        Decimal("99.00"),
        Decimal("158.97"),
    )
    assert order.currency == "UAH"
    line = order.lines.get()
    assert (line.product_name, line.sku, line.unit_price, line.quantity) == (
        product.name,
        product.sku,
        Decimal("19.99"),
        3,
    )
    assert response.status_code == 302
    assert response.url.startswith("/pay/demo/")


def test_a_tampered_shipping_price_is_ignored(client, product):
    cart_add(client, product, 1)
    checkout(
        client,
        shipping="express",
        extra={"shipping_price": "0.00", "price": "0", "total": "0.01", "subtotal": "0"},
    )
    order = Order.objects.get()
    assert order.shipping_price == Decimal("249.00")
    assert order.total == Decimal("268.99")


def test_an_unknown_shipping_method_is_refused(client, product):
    cart_add(client, product, 1)
    client.post(reverse("shop:checkout"), ADDRESS)
    response = client.post(reverse("shop:checkout_shipping"), {"method": "teleport"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_free_standard_shipping_over_the_threshold(client, category):
    product = ProductFactory.create(category=category, price=Decimal("1500.00"))
    cart_add(client, product, 2)
    checkout(client)
    assert Order.objects.get().shipping_price == Decimal("0.00")


def test_place_order_makes_the_order_from_the_details_typed_and_empties_the_cart(client, product):
    # What placing does (lines, stock, payment, events) is the service's (test_order_place.py).
    cart_add(client, product, 4)
    response = checkout(client)
    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.email, order.full_name, order.user) == (
        "guest@example.com",
        "Olena Petrenko",
        None,
    )
    assert client.session["cart"] == {}
    assert client.get(reverse("shop:cart")).context["cart_count"] == 0


def test_order_numbers_are_friendly_and_not_sequential(client, category):
    numbers = []
    for _ in range(3):
        cart_add(client, ProductFactory.create(category=category), 1)
        checkout(client)
    numbers = list(Order.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 3
    for number in numbers:
        prefix, year, code = number.split("-")
        assert prefix == "SS" and len(year) == 4 and len(code) == 6
        assert not set(code) & set("01OIL")


def test_an_empty_cart_cannot_check_out(client, db):
    for url in ("shop:checkout", "shop:checkout_shipping", "shop:checkout_review"):
        response = client.get(reverse(url), follow=True)
        assert response.redirect_chain[-1][0] == reverse("shop:cart")
        assert "Your cart is empty" in response.text
    response = client.post(reverse("shop:checkout_review"), {"payment_method": "demo"})
    assert response.status_code == 302
    assert not Order.objects.exists()


def test_steps_cannot_be_skipped(client, product):
    cart_add(client, product, 1)
    assert client.get(reverse("shop:checkout_review")).url == reverse("shop:checkout")
    client.post(reverse("shop:checkout"), ADDRESS)
    assert client.get(reverse("shop:checkout_review")).url == reverse("shop:checkout_shipping")


def test_bad_address_input_is_a_400_with_messages(client, product):
    cart_add(client, product, 1)
    response = client.post(reverse("shop:checkout"), {**ADDRESS, "email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter a valid email address" in response.text
    response = client.post(reverse("shop:checkout"), {})
    assert response.status_code == 400
    assert "This field is required" in response.text


def test_an_email_longer_than_an_order_can_hold_is_refused_at_the_details_step(client, product):
    # Valid as an address (up to 320 characters) but longer than the order's column (254):
    # refused with a message where it is typed, not a database error at "Place order".
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".com"
    assert 254 < len(email) <= 320
    cart_add(client, product, 1)
    response = client.post(reverse("shop:checkout"), {**ADDRESS, "email": email})
    assert response.status_code == 400
    assert "at most 254 characters" in response.text
    assert client.get(reverse("shop:checkout_shipping")).url == reverse("shop:checkout")


def test_an_unknown_payment_method_is_refused(client, product):
    cart_add(client, product, 1)
    response = checkout(client, payment="bitcoin")
    assert response.status_code == 400
    assert not Order.objects.exists()


@pytest.mark.parametrize("change", ["short", "withdrawn"])
def test_a_product_that_changed_since_the_cart_is_reported_not_a_500(client, category, change):
    # Which changes refuse an order, and with which words, is the service's
    # (test_order_place.py); here, the two ways the refusal reaches the shopper.
    keep = ProductFactory.create(category=category, name="Kept Mug", stock=5)
    product = ProductFactory.create(category=category, name="Burr Grinder", stock=5)
    cart_add(client, keep, 1)
    cart_add(client, product, 3)
    client.post(reverse("shop:checkout"), ADDRESS)
    client.post(reverse("shop:checkout_shipping"), {"method": "standard"})
    form = review_form(client) | {"payment_method": "demo"}
    if change == "short":
        Product.objects.filter(pk=product.pk).update(stock=2)
    else:
        Product.objects.filter(pk=product.pk).update(is_active=False)
    # Bulk updates send no signals; every code path that makes one bumps the revision too.
    catalogue_revision_bump()

    # Changed between the review page and the click on "Place order".
    response = client.post(reverse("shop:checkout_review"), form)
    if change == "short":
        assert response.status_code == 409
        assert "Only 2 of Burr Grinder left; you asked for 3." in response.text
    else:
        # The review page itself drops what is no longer sold, and says so.
        assert response.status_code == 302
        assert client.get(response.url).status_code == 200
    assert not Order.objects.exists()
    assert Product.objects.get(pk=keep.pk).stock == 5


def test_a_logged_in_shopper_gets_prefilled_details_and_owns_the_order(user_client, user, product):
    user.first_name, user.last_name = "Taras", "Shevchenko"
    user.save()
    cart_add(user_client, product, 1)
    form = user_client.get(reverse("shop:checkout")).context["form"]
    assert form.initial["email"] == user.email
    assert form.initial["full_name"] == "Taras Shevchenko"
    checkout(user_client, address={**ADDRESS, "email": user.email})
    order = Order.objects.get()
    assert order.user == user

    cart_add(user_client, product, 1)
    form = user_client.get(reverse("shop:checkout")).context["form"]
    assert form.initial["address_line1"] == ADDRESS["address_line1"]
    assert form.initial["city"] == "Kyiv"


def test_cash_on_delivery_lands_on_the_order_page_with_nothing_to_pay(client, product):
    # Its state and its confirmation e-mail are the service's (test_order_place.py).
    cart_add(client, product, 2)
    response = checkout(client, payment="cod")
    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    page = client.get(response.url)
    assert "Received — pay on delivery" in page.text
    assert "Pay now" not in page.text


def test_the_checkout_is_csrf_protected(product):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("shop:checkout"), ADDRESS)
    assert response.status_code == 403
