"""Reads for the shop. Each returns what its page needs in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal
from math import ceil

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum, Window

from shop.cart import Cart, CartLine
from shop.models import CatalogueRevision, Category, Order, Payment, Product

SORTS = {
    "new": ("-created_at", "-pk"),
    "price_asc": ("price", "pk"),
    "price_desc": ("-price", "-pk"),
    "name": ("name", "pk"),
}
DEFAULT_SORT = "new"
MAX_QUERY_LENGTH = 100
RELATED_COUNT = 4


def category_list() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


def product_list(
    *, category: Category | None = None, query: str = "", sort: str = DEFAULT_SORT
) -> QuerySet[Product]:
    """Products a shopper may see: active, in an active category."""
    products = Product.objects.filter(is_active=True, category__is_active=True).select_related(
        "category"
    )
    if category is not None:
        products = products.filter(category=category)
    for term in query[:MAX_QUERY_LENGTH].split():
        products = products.filter(
            Q(name__icontains=term) | Q(short_description__icontains=term) | Q(sku__iexact=term)
        )
    return products.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def product_get(*, slug: str) -> Product | None:
    return product_list().filter(slug=slug).first()


def product_related(*, product: Product) -> QuerySet[Product]:
    return product_list(category=product.category).exclude(pk=product.pk)[:RELATED_COUNT]


@dataclass(frozen=True)
class CartView:
    lines: list[CartLine]
    unavailable: list[int]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_view(*, cart: Cart) -> CartView:
    """The cart's lines with current prices, in one query; gone products are listed apart."""
    quantities = cart.quantities
    products = product_list().filter(pk__in=quantities).order_by("name", "pk")
    lines = [CartLine(product=p, quantity=quantities[p.pk]) for p in products]
    found = {line.product.pk for line in lines}
    return CartView(lines=lines, unavailable=[pid for pid in quantities if pid not in found])


def order_list_for_user(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity"))


def order_get_for_viewer(*, number: str, user, granted_numbers: list[str]) -> Order | None:
    """The order if this visitor may see it: its account owner, or the browser session that
    placed it or opened its signed link. Anyone else gets None (a 404, not a 403: an order
    number's existence is not disclosed)."""
    order = (
        Order.objects.filter(number=number)
        .prefetch_related("lines", Prefetch("payments", queryset=Payment.objects.order_by("-pk")))
        .first()
    )
    if order is None:
        return None
    if order.user_id is not None:
        return order if getattr(user, "pk", None) == order.user_id else None
    return order if number in granted_numbers else None


def order_last_details(*, user) -> dict[str, str]:
    """Contact and address from the customer's latest order, to prefill checkout."""
    fields = ["full_name", "phone", "address_line1", "address_line2", "city", "postcode", "country"]
    last = Order.objects.filter(user=user).values(*fields).first()
    return last or {}


def catalogue_revision() -> int:
    # Read on every catalogue request, so plain SQL: the ORM's query building would cost more
    # than the query itself.
    with connection.cursor() as cursor:
        cursor.execute(REVISION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


REVISION_SQL = f"SELECT value FROM {CatalogueRevision._meta.db_table} WHERE id = 1"  # noqa: S608


def product_page(products: QuerySet[Product], *, page: str | None, size: int) -> Page:
    """One page of products and the total, in one query (a window count instead of a
    separate COUNT). An out-of-range or invalid page number shows the nearest page."""
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    counted = products.annotate(_total=Window(Count("pk")))
    rows = list(counted[(number - 1) * size : number * size])
    if not rows and number > 1:
        total = products.count()
        number = max(ceil(total / size), 1)
        rows = list(counted[(number - 1) * size : number * size])
    paginator = Paginator(products, size)
    paginator.count = rows[0]._total if rows else 0  # cached_property: no COUNT query
    return Page(rows, number, paginator)
