"""What the shopper reviewed is what is placed: a cart changed in another tab, a price raised
by staff, other delivery or details since the review page was opened, and nothing is placed;
the refusal says which line changed how and the new total."""

from decimal import Decimal

import pytest
from django.core import mail

from shop.checkout.review import LineChange, Review
from shop.checkout.services import CheckoutDetails, ReviewOutdated, order_place
from shop.delivery.shipping import SHIPPING_METHODS
from shop.models import Order, Payment, Product
from tests.shop.conftest import review_now, stored
from tests.shop.factories import ProductFactory

pytestmark = pytest.mark.django_db

DETAILS = CheckoutDetails(
    email="guest@example.com",
    full_name="Olena Petrenko",
    address_line1="1 Khreshchatyk St",
    city="Kyiv",
    postcode="01001",
    country="Ukraine",
)
STANDARD = SHIPPING_METHODS["standard"]


def place(cart, reviewed: Review, *, details=DETAILS, shipping=STANDARD, payment_method="cod"):
    return order_place(
        cart=cart,
        details=details,
        shipping=shipping,
        payment_method=payment_method,
        checkout_token="attempt-1",
        reviewed=reviewed,
    )


@pytest.fixture
def kettle():
    return ProductFactory.create(name="Kettle", price=Decimal("20.00"), stock=10)


def assert_nothing_placed(kettle_stock: int, kettle) -> None:
    assert not Order.objects.exists() and not Payment.objects.exists()
    assert Product.objects.get(pk=kettle.pk).stock == kettle_stock
    assert mail.outbox == []  # cash on delivery: no confirmation of an order not placed


def test_items_added_in_another_tab_are_not_ordered_unseen(cart, session, kettle):
    cart.save({kettle.pk: 1})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    mug = ProductFactory.create(name="Mug", price=Decimal("7.50"), stock=10)
    cart.save({kettle.pk: 1, mug.pk: 3})  # the second tab
    session.save()

    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed)

    changes = outdated.value.changes
    assert changes.lines == (LineChange("Mug", 0, 3, None, Decimal("7.50")),)
    assert changes.lines[0].added
    assert (changes.old_total, changes.new_total) == (Decimal("119.00"), Decimal("141.50"))
    assert_nothing_placed(10, kettle)
    # The shopper's cart is as they left it, in the stored session too.
    assert cart.quantities == {kettle.pk: 1, mug.pk: 3}
    assert stored(session)["cart"] == {str(kettle.pk): 1, str(mug.pk): 3}

    # Reviewed again, it is placed as now shown.
    order = place(cart, review_now(cart, details=DETAILS, shipping=STANDARD)).order
    assert order.total == Decimal("141.50")


def test_a_quantity_changed_in_another_tab_is_reported(cart, kettle):
    cart.save({kettle.pk: 1})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    cart.save({kettle.pk: 4})
    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed)
    [line] = outdated.value.changes.lines
    assert line.quantity_changed and not line.price_changed
    assert (line.name, line.old_quantity, line.new_quantity) == ("Kettle", 1, 4)
    assert_nothing_placed(10, kettle)


def test_a_price_raised_by_staff_after_the_review_is_not_charged(cart, kettle):
    cart.save({kettle.pk: 2})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    kettle.price = Decimal("25.00")
    kettle.save()  # as the admin saves it

    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed)

    changes = outdated.value.changes
    [line] = changes.lines
    assert line.price_changed and not line.quantity_changed
    assert (line.old_price, line.new_price) == (Decimal("20.00"), Decimal("25.00"))
    assert (changes.old_total, changes.new_total) == (Decimal("139.00"), Decimal("149.00"))
    assert_nothing_placed(10, kettle)


def test_a_price_lowered_is_reported_too(cart, kettle):
    cart.save({kettle.pk: 1})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    Product.objects.filter(pk=kettle.pk).update(price=Decimal("19.99"))
    with pytest.raises(ReviewOutdated):
        place(cart, reviewed)
    assert_nothing_placed(10, kettle)


def test_other_delivery_or_details_than_reviewed_are_not_placed(cart, kettle):
    cart.save({kettle.pk: 1})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    express = SHIPPING_METHODS["express"]
    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed, shipping=express)
    assert outdated.value.changes.shipping_changed and not outdated.value.changes.lines

    moved = CheckoutDetails(**(DETAILS.as_dict() | {"city": "Lviv"}))
    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed, details=moved)
    changes = outdated.value.changes
    assert changes.details_changed and not changes.shipping_changed
    assert changes.old_total == changes.new_total
    assert_nothing_placed(10, kettle)


def test_the_payment_methods_offered_are_part_of_the_review(cart, kettle, settings):
    cart.save({kettle.pk: 1})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    settings.PAYMENT_METHODS = ["cod"]
    with pytest.raises(ReviewOutdated) as outdated:
        place(cart, reviewed)
    assert outdated.value.changes.payment_methods_changed


def test_the_review_travels_signed_and_tampering_makes_it_unreadable(cart, kettle):
    cart.save({kettle.pk: 2})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    signed = reviewed.signed()
    assert Review.from_signed(signed) == reviewed
    # The shopper's details travel as a keyed hash only: no e-mail or address in the form.
    for text in ("guest@example.com", "Khreshchatyk", "Olena"):
        assert text not in signed
    assert Review.from_signed(signed[:-2] + ("AA" if signed[-2:] != "AA" else "BB")) is None
    assert Review.from_signed("") is None and Review.from_signed("not:a:review") is None


def test_an_unchanged_review_places_the_order_it_shows(cart, kettle):
    cart.save({kettle.pk: 2})
    reviewed = review_now(cart, details=DETAILS, shipping=STANDARD)
    order = place(cart, reviewed).order
    assert order.total == reviewed.total == Decimal("139.00")
    assert list(order.lines.values_list("product_id", "quantity", "unit_price")) == [
        (line.product_id, line.quantity, line.unit_price) for line in reviewed.lines
    ]
