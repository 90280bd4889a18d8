"""Cart writes. Every rule a shopper can break is checked here and reported as a CartError;
on an error the cart is left exactly as it was."""

from django.utils.translation import gettext as _

from monitoring.api import breadcrumb
from shop.cart.session import Cart
from shop.catalogue import selectors
from shop.models import Product


class CartError(Exception):
    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _available_product(product_id: int) -> Product:
    product = selectors.product_list().filter(pk=product_id).first()
    if product is None:
        raise CartError(_("That product is not available."), status=404)
    return product


def _check_quantity(product: Product, quantity: int) -> None:
    if product.stock == 0:
        raise CartError(_("Sorry, %(name)s is out of stock.") % {"name": product.name})
    if not 1 <= quantity <= product.max_orderable:
        raise CartError(
            _("You can have between 1 and %(max)d of %(name)s in your cart.")
            % {"max": product.max_orderable, "name": product.name}
        )


def cart_add(*, cart: Cart, product_id: int, quantity: int) -> Product:
    """Add `quantity` more of a product; the total in the cart must still be orderable."""
    product = _available_product(product_id)
    _check_quantity(product, cart.quantity_of(product.pk) + quantity)
    quantities = cart.quantities
    quantities[product.pk] = quantities.get(product.pk, 0) + quantity
    cart.save(quantities)
    breadcrumb(f"Added product #{product.pk} to cart", product_id=product.pk, quantity=quantity)
    return product


def cart_update(*, cart: Cart, product_id: int, quantity: int) -> Product:
    """Set the quantity of a product already in the cart."""
    if product_id not in cart.quantities:
        raise CartError(_("That product is not in your cart."), status=404)
    product = _available_product(product_id)
    _check_quantity(product, quantity)
    quantities = cart.quantities
    quantities[product.pk] = quantity
    cart.save(quantities)
    breadcrumb(
        f"Changed quantity of product #{product.pk}", product_id=product.pk, quantity=quantity
    )
    return product


def cart_remove(*, cart: Cart, product_id: int) -> None:
    quantities = cart.quantities
    if quantities.pop(product_id, None) is None:
        raise CartError(_("That product is not in your cart."), status=404)
    cart.save(quantities)
    breadcrumb(f"Removed product #{product_id} from cart", product_id=product_id)


def cart_clear(*, cart: Cart) -> None:
    cart.save({})


def cart_prune(*, cart: Cart, product_ids: list[int]) -> None:
    """Drop products that are no longer sold, so the cart never holds what cannot be bought."""
    quantities = cart.quantities
    for pid in product_ids:
        quantities.pop(pid, None)
    cart.save(quantities)
