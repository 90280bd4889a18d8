from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError

from shop.checkout import services as checkout_service
from shop.checkout.services import CheckoutDetails, CheckoutError, StockProblem, order_place
from shop.checkout.views import checkout_error_messages
from shop.delivery.shipping import SHIPPING_METHODS
from shop.models import ChargeStatus, Order, OrderStatus, Payment, PaymentStatus, Product
from tests.accounts.factories import UserFactory
from tests.shop.conftest import review_now, stored
from tests.shop.factories import CategoryFactory, OrderFactory, ProductFactory

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


def place(cart, *, token="attempt-1", payment_method="demo", user=None):  # noqa: S107
    """Place the cart as the shopper reviewed it just now."""
    return order_place(
        cart=cart,
        details=DETAILS,
        shipping=STANDARD,
        payment_method=payment_method,
        checkout_token=token,
        reviewed=review_now(cart, details=DETAILS, shipping=STANDARD),
        user=user,
    )


def test_an_order_is_placed_with_its_lines_payment_and_stock_taken(cart):
    kettle = ProductFactory.create(name="Kettle", price=Decimal("20.00"), stock=5)
    mug = ProductFactory.create(name="Mug", price=Decimal("7.50"), stock=5)
    cart.save({kettle.pk: 2, mug.pk: 1})

    placement = place(cart)

    order = placement.order
    assert placement.created
    assert (order.subtotal, order.shipping_price, order.total) == (
        Decimal("47.50"),
        Decimal("99.00"),
        Decimal("146.50"),
    )
    assert order.checkout_token == "attempt-1"
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert list(order.lines.values_list("product_name", "quantity", "unit_price")) == [
        ("Kettle", 2, Decimal("20.00")),
        ("Mug", 1, Decimal("7.50")),
    ]
    assert list(order.events.values_list("to_status", flat=True)) == ["pending_payment"]
    assert placement.payment == Payment.objects.get()
    assert (placement.payment.status, placement.payment.amount) == (
        PaymentStatus.STARTED,
        Decimal("146.50"),
    )
    assert Product.objects.get(pk=kettle.pk).stock == 3
    assert Product.objects.get(pk=mug.pk).stock == 4


def test_the_cart_is_emptied_in_the_database_with_the_order(cart, session):
    cart.save({ProductFactory.create().pk: 1})
    session.save()
    place(cart)
    # Written by the service itself: no later response has to save the session for it.
    assert stored(session).get("cart") == {}


def test_the_same_checkout_attempt_gets_the_same_order_and_takes_stock_once(cart, session):
    product = ProductFactory.create(stock=5)
    cart.save({product.pk: 2})
    first = place(cart)
    cart.save({product.pk: 2})  # a request that loaded the session before the first saved

    again = place(cart)

    assert not again.created and again.payment is None
    assert again.order == first.order
    assert Order.objects.count() == 1 and Payment.objects.count() == 1
    assert Product.objects.get(pk=product.pk).stock == 3
    assert cart.quantities == {}


def test_another_attempt_places_another_order(cart):
    product = ProductFactory.create(stock=5)
    cart.save({product.pk: 1})
    place(cart, token="attempt-1")
    cart.save({product.pk: 1})
    place(cart, token="attempt-2")
    assert Order.objects.count() == 2
    assert Product.objects.get(pk=product.pk).stock == 3


def test_a_token_clash_at_insert_lands_on_the_order_that_won(cart, monkeypatch):
    """The unique constraint is the last line: had both submits passed the check, the second
    insert fails, rolls back whole, and returns the first order."""
    product = ProductFactory.create(stock=5)
    winner = OrderFactory.create(checkout_token="attempt-1")
    real = checkout_service._order_for_attempt
    lookups = []

    def racing(token):  # both checks before the insert miss the winner, as in a race
        lookups.append(token)
        return None if len(lookups) <= 2 else real(token)

    monkeypatch.setattr(checkout_service, "_order_for_attempt", racing)
    cart.save({product.pk: 2})

    placement = place(cart)

    assert placement.order == winner and not placement.created
    assert len(lookups) == 3  # the third, after the clash, found it
    assert Order.objects.count() == 1 and not Payment.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == 5  # rolled back with the insert


def test_short_stock_is_refused_and_changes_nothing(cart):
    product = ProductFactory.create(name="Burr Grinder", stock=2)
    other = ProductFactory.create(name="Filter Papers", stock=0)
    cart.save({product.pk: 3, other.pk: 1})
    with pytest.raises(CheckoutError) as refused:
        place(cart)
    assert refused.value.problems == [
        StockProblem("Burr Grinder", requested=3, available=2),
        StockProblem("Filter Papers", requested=1, available=0),
    ]
    assert checkout_error_messages(refused.value) == [
        "Only 2 of Burr Grinder left; you asked for 3.",
        "Filter Papers is out of stock.",
    ]
    assert not Order.objects.exists() and not Payment.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == 2
    assert cart.quantities == {product.pk: 3, other.pk: 1}  # kept, to be fixed by the shopper


@pytest.mark.parametrize("withdrawn", ["inactive", "category_hidden"])
def test_a_product_withdrawn_since_it_was_added_is_refused(cart, withdrawn):
    product = ProductFactory.create(
        name="Kettle",
        is_active=withdrawn != "inactive",
        category=CategoryFactory.create(is_active=withdrawn != "category_hidden"),
    )
    cart.save({product.pk: 1})
    with pytest.raises(CheckoutError) as refused:
        place(cart)
    assert refused.value.problems == [StockProblem("Kettle", requested=1, available=0, sold=False)]
    assert checkout_error_messages(refused.value) == ["Kettle is no longer available."]
    assert not Order.objects.exists()


def test_an_empty_cart_is_refused(cart):
    with pytest.raises(CheckoutError) as refused:
        place(cart)
    assert refused.value.empty_cart and refused.value.problems == []
    assert checkout_error_messages(refused.value) == ["Your cart is empty."]


def test_a_placement_needs_a_checkout_token(cart):
    cart.save({ProductFactory.create().pk: 1})
    with pytest.raises(ValueError, match="token"):
        place(cart, token="")
    assert not Order.objects.exists()


def test_the_order_belongs_to_a_logged_in_shopper_only(cart):
    user = UserFactory.create()
    cart.save({ProductFactory.create().pk: 1})
    assert place(cart, token="a", user=user).order.user == user
    cart.save({ProductFactory.create().pk: 1})
    from django.contrib.auth.models import AnonymousUser

    assert place(cart, token="b", user=AnonymousUser()).order.user is None


def test_cash_on_delivery_is_confirmed_after_commit_online_payment_is_not(
    cart, django_capture_on_commit_callbacks
):
    cart.save({ProductFactory.create().pk: 1})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cod = place(cart, token="cod", payment_method="cod").order
    assert len(callbacks) == 1
    assert (cod.status, cod.charge_status) == (OrderStatus.PLACED, ChargeStatus.UNPAID)
    assert [m.subject for m in mail.outbox] == [f"Your SmartShop AI order {cod.number}"]

    cart.save({ProductFactory.create().pk: 1})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        place(cart, token="card", payment_method="demo")
    assert callbacks == []  # confirmed when paid
    assert len(mail.outbox) == 1


def test_a_refused_order_schedules_nothing(cart, django_capture_on_commit_callbacks):
    cart.save({ProductFactory.create(stock=0).pk: 1})
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(CheckoutError),
    ):
        place(cart, payment_method="cod")
    assert callbacks == []
    assert mail.outbox == []


def test_integrity_errors_that_are_not_the_token_are_raised(cart, monkeypatch):
    cart.save({ProductFactory.create().pk: 1})

    def broken(**fields):
        raise IntegrityError("some other constraint")

    monkeypatch.setattr(checkout_service, "_order_insert", broken)
    with pytest.raises(IntegrityError):
        place(cart)
