import pytest

from shop.cart.services import CartError, cart_add, cart_clear, cart_prune, cart_remove, cart_update
from tests.shop.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_adding_accumulates_up_to_the_stock(cart):
    product = ProductFactory.create(stock=5)
    cart_add(cart=cart, product_id=product.pk, quantity=2)
    cart_add(cart=cart, product_id=product.pk, quantity=3)
    assert cart.quantities == {product.pk: 5}
    with pytest.raises(CartError, match="between 1 and 5") as refused:
        cart_add(cart=cart, product_id=product.pk, quantity=1)
    assert refused.value.status == 400
    assert cart.quantities == {product.pk: 5}  # unchanged by the refusal


def test_at_most_the_shop_maximum_even_with_more_stock(cart, settings):
    product = ProductFactory.create(stock=500)
    most = settings.SHOP_MAX_QUANTITY
    with pytest.raises(CartError, match=f"between 1 and {most}"):
        cart_add(cart=cart, product_id=product.pk, quantity=most + 1)
    assert cart.quantities == {}
    cart_add(cart=cart, product_id=product.pk, quantity=most)
    with pytest.raises(CartError, match=f"between 1 and {most}") as refused:
        cart_add(cart=cart, product_id=product.pk, quantity=1)  # added up, one too many
    assert refused.value.status == 400
    assert cart.quantities == {product.pk: most}


@pytest.mark.parametrize("quantity", [0, -1])
def test_nonsense_quantities_are_refused(cart, quantity):
    product = ProductFactory.create(stock=5)
    with pytest.raises(CartError):
        cart_add(cart=cart, product_id=product.pk, quantity=quantity)
    assert cart.quantities == {}


def test_out_of_stock_says_so(cart):
    product = ProductFactory.create(name="Kettle", stock=0)
    with pytest.raises(CartError, match="Kettle is out of stock") as refused:
        cart_add(cart=cart, product_id=product.pk, quantity=1)
    assert refused.value.status == 400
    assert cart.quantities == {}


@pytest.mark.parametrize("hidden", ["inactive", "category_hidden", "missing"])
def test_what_is_not_sold_cannot_be_added(cart, hidden):
    product = ProductFactory.create(
        is_active=hidden != "inactive",
        category=CategoryFactory.create(is_active=hidden != "category_hidden"),
    )
    product_id = product.pk + 1000 if hidden == "missing" else product.pk
    with pytest.raises(CartError, match="not available") as refused:
        cart_add(cart=cart, product_id=product_id, quantity=1)
    assert refused.value.status == 404
    assert cart.quantities == {}


def test_update_sets_the_quantity_of_a_line_in_the_cart(cart):
    product = ProductFactory.create(stock=5)
    cart_add(cart=cart, product_id=product.pk, quantity=1)
    cart_update(cart=cart, product_id=product.pk, quantity=4)
    assert cart.quantities == {product.pk: 4}
    with pytest.raises(CartError):
        cart_update(cart=cart, product_id=product.pk, quantity=6)
    assert cart.quantities == {product.pk: 4}


def test_update_and_remove_of_something_not_in_the_cart_is_404(cart):
    product = ProductFactory.create()
    with pytest.raises(CartError) as refused:
        cart_update(cart=cart, product_id=product.pk, quantity=1)
    assert refused.value.status == 404
    with pytest.raises(CartError) as refused:
        cart_remove(cart=cart, product_id=product.pk)
    assert refused.value.status == 404


def test_remove_clear_and_prune(cart):
    a, b, c = ProductFactory.create(), ProductFactory.create(), ProductFactory.create()
    for product in (a, b, c):
        cart_add(cart=cart, product_id=product.pk, quantity=1)
    cart_remove(cart=cart, product_id=a.pk)
    assert cart.quantities == {b.pk: 1, c.pk: 1}
    cart_prune(cart=cart, product_ids=[b.pk, 999_999])
    assert cart.quantities == {c.pk: 1}
    cart_clear(cart=cart)
    assert cart.quantities == {} and not cart


def test_a_malformed_session_entry_is_dropped_not_a_crash(cart, session):
    product = ProductFactory.create(stock=5)
    session["cart"] = {"x": 1, str(product.pk): "2", "7": -1, "8": 2}
    assert cart.quantities == {8: 2}
    cart_add(cart=cart, product_id=product.pk, quantity=1)
    assert cart.quantities == {8: 2, product.pk: 1}
