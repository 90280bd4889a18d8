"""Reads for the shop. Each returns what its page needs in a fixed number of queries."""

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from hashlib import sha256
from math import ceil
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Prefetch, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shop import search
from shop.cart import Cart, CartLine
from shop.models import CatalogueRevision, Category, Order, Payment, Product
from shop.models.orders import ADDRESS_FIELDS
from shop.search.suggestions import suggestions_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SORTS = {
    "relevance": ("-relevance", "-created_at", "-pk"),
    "new": ("-created_at", "-pk"),
    "price_asc": ("price", "pk"),
    "price_desc": ("-price", "-pk"),
    "name": ("name", "pk"),
}
# "Best match" is offered, and the default, only with a search.
RELEVANCE = "relevance"
SORT_CHOICES = [
    (RELEVANCE, _("Best match")),
    ("new", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("name", _("Name")),
]
DEFAULT_SORT = "new"
MAX_QUERY_LENGTH = search.MAX_QUERY_LENGTH
RELATED_COUNT = 4


def category_list() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


def sort_for(*, query: str, sort: str) -> str:
    """The sort to apply: the one asked for if it exists (and, for "Best match", only with a
    search), else "Best match" for a search and "Newest" for a listing."""
    searching = bool(query.strip())
    if sort in SORTS and (searching or sort != RELEVANCE):
        return sort
    return RELEVANCE if searching else DEFAULT_SORT


def sort_choices(*, query: str) -> list[tuple[str, "StrOrPromise"]]:
    return [c for c in SORT_CHOICES if query.strip() or c[0] != RELEVANCE]


def product_list(
    *, category: Category | None = None, query: str = "", sort: str = ""
) -> QuerySet[Product]:
    """Products a shopper may see: active, in an active category; with a query, those that
    match every word of it in either language (shop/search/)."""
    products = product_visible()
    if category is not None:
        products = products.filter(category=category)
    sort = sort_for(query=query, sort=sort)
    if query.strip():
        terms = search.search_terms(query)
        products = search.products_matching(products, terms)
        if sort == RELEVANCE:
            products = search.products_ranked(products, terms)
    return products.order_by(*SORTS[sort])


def product_matches(*, query: str, every_word: bool = True) -> QuerySet[Product]:
    """Products a shopper may see that match `query` (every word, or any one), best first."""
    terms = search.search_terms(query)
    found = search.products_matching(product_visible(), terms, every_word=every_word)
    return search.products_ranked(found, terms).order_by(*SORTS[RELEVANCE])


def product_visible() -> QuerySet[Product]:
    """Active products in active categories, with their category, newest first."""
    return Product.objects.filter(is_active=True, category__is_active=True).select_related(
        "category"
    )


def product_get(*, slug: str) -> Product | None:
    return product_list().filter(slug=slug).first()


def product_related(*, product: Product) -> QuerySet[Product]:
    return product_list(category=product.category).exclude(pk=product.pk)[:RELATED_COUNT]


@dataclass(frozen=True)
class PricedCart:
    """The cart's lines with today's prices, and the products no longer sold."""

    lines: list[CartLine]
    unavailable: list[int]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_priced(*, cart: Cart) -> PricedCart:
    """The cart's lines with current prices, by name; gone products are listed apart. For
    showing the cart: placing an order reads and locks its products itself."""
    quantities = cart.quantities
    products = products_current(ids=quantities)
    lines = [
        CartLine(product=p, quantity=quantities[p.pk])
        for p in sorted(products.values(), key=lambda p: (p.name.casefold(), p.pk))
    ]
    return PricedCart(lines=lines, unavailable=[pid for pid in quantities if pid not in products])


_GONE = "gone"  # cached for a product no longer sold, so it is not looked up on every view


def products_current(*, ids: Collection[int]) -> dict[int, Product]:
    """The visible products among `ids`, as of the catalogue revision read now: each from the
    cache, shared by every cart and checkout, when this revision has it; the others in one
    query. Never stale: any change to a product or its stock bumps the revision."""
    if not ids:
        return {}
    revision = catalogue_revision()
    keys = {pid: f"product:{revision}:{pid}" for pid in ids}
    cached = cache.get_many(keys.values())
    products = {pid: cached[key] for pid, key in keys.items() if key in cached}
    missing = [pid for pid in ids if pid not in products]
    if missing:
        found = {p.pk: p for p in product_visible().filter(pk__in=missing)}
        cache.set_many(
            {keys[pid]: found.get(pid, _GONE) for pid in missing}, CATALOGUE_CACHE_SECONDS
        )
        products |= found
    return {pid: p for pid, p in products.items() if not isinstance(p, str)}


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
    """Name and address from the customer's latest order, to prefill checkout (the e-mail
    comes from the account)."""
    last = Order.objects.filter(user=user).values(*ADDRESS_FIELDS).first()
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
    """One page of products and the total (two queries). An out-of-range or invalid page
    number shows the nearest page."""
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    # The total is a COUNT of its own: a window count (COUNT(*) OVER ()) made PostgreSQL read
    # and sort every matching row, whole, for each page (1.5 s at 100,000 products; the COUNT
    # reads an index). docs/performance.md "At size".
    total = products.count()
    number = min(number, max(ceil(total / size), 1))
    rows = list(products[(number - 1) * size : number * size])
    paginator = Paginator(products, size)
    paginator.count = total  # cached_property: no second COUNT
    return Page(rows, number, paginator)


# --- the catalogue page, cached ------------------------------------------------------------
# The product grid is the costly part of the catalogue. It is cached per catalogue revision,
# which every request reads from the database, so prices and stock shown are never stale.
CATALOGUE_CACHE_SECONDS = 600


@dataclass(frozen=True)
class CatalogueListing:
    """What a shopper asked the catalogue for, and its cache key at the current revision."""

    slug: str | None
    query: str
    sort: str
    page: str
    key: str


class CatalogueResults(TypedDict):
    html: str  # filters, the product grid and pagination, rendered
    title: str  # the category's name, if any
    description: str  # the category's description, if any
    count: int


def catalogue_listing(
    *, slug: str | None, query: str, sort: str, page: str, origin: str = ""
) -> CatalogueListing:
    """The listing and its cache key: one query (the revision). `origin`: the site address
    the page's absolute links (canonical, Open Graph) are written with (core/site.py); the
    script prefix (SCRIPT_NAME) that starts every link is part of the key too."""
    parts = (
        settings.BUILD,
        catalogue_revision(),
        get_language(),
        origin,
        get_script_prefix(),
        slug,
        query,
        sort,
        page,
    )
    key = "catalogue:" + sha256(repr(parts).encode()).hexdigest()
    return CatalogueListing(slug=slug, query=query, sort=sort, page=page, key=key)


def catalogue_results(listing: CatalogueListing) -> CatalogueResults | None:
    """The listing's results, from the cache when this revision has them; None when the
    category does not exist (or is hidden)."""
    results: CatalogueResults | None = cache.get(listing.key)
    if results is None:
        results = _catalogue_results_render(listing)
        if results is not None:
            cache.set(listing.key, results, CATALOGUE_CACHE_SECONDS)
    return results


def catalogue_page_cached(listing: CatalogueListing, raw_query: str) -> bytes | None:
    """The whole page as a first-time visitor got it at this query string (the page repeats
    it in the language switch), if it is cached for this revision."""
    return cache.get(_page_key(listing, raw_query))


def catalogue_page_keep(listing: CatalogueListing, raw_query: str, content: bytes) -> None:
    """Cache the whole page: only for what is the same for every first-time visitor."""
    cache.set(_page_key(listing, raw_query), content, CATALOGUE_CACHE_SECONDS)


def _page_key(listing: CatalogueListing, raw_query: str) -> str:
    return f"{listing.key}:page:{sha256(raw_query.encode()).hexdigest()[:32]}"


def _catalogue_results_render(listing: CatalogueListing) -> CatalogueResults | None:
    categories = list(category_list())
    # The selected category comes from the list already loaded: one query fewer per page.
    category = None
    if listing.slug is not None:
        category = next((c for c in categories if c.slug == listing.slug), None)
        if category is None:
            return None
    products = product_list(category=category, query=listing.query, sort=listing.sort)
    page = product_page(products, page=listing.page, size=settings.SHOP_PAGE_SIZE)
    suggestions = None
    if listing.query and not page.object_list:
        suggestions = suggestions_for(
            terms=search.search_terms(listing.query),
            products=product_visible(),
            categories=categories,
        )
    context = {
        "categories": categories,
        "category": category,
        "query": listing.query,
        "sort": sort_for(query=listing.query, sort=listing.sort),
        "sort_choices": sort_choices(query=listing.query),
        "page": page,
        "suggestions": suggestions,
    }
    return {
        "html": render_to_string("shop/_catalogue_results.html", context),
        "title": category.name if category else "",
        "description": category.description if category else "",
        "count": page.paginator.count,
    }
