"""Catalogue reads: categories, the products a shopper may see (listed, searched, sorted, paged),
the catalogue revision every cache keys on. Each in a fixed number of queries; none renders."""

from collections.abc import Collection
from math import ceil
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from shop.catalogue import search
from shop.models import CatalogueRevision, Category, Product

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
# Pages a shopper can page through in one listing; past them a category, a search or another
# sort narrows it (as large shops do). It bounds what any listing page reads.
MAX_PAGES = 50


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
    match every word of it in either language (shop/catalogue/search/)."""
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


def catalogue_revision() -> int:
    # Read on every catalogue request, so plain SQL: the ORM's query building would cost more
    # than the query itself.
    with connection.cursor() as cursor:
        cursor.execute(REVISION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


REVISION_SQL = f"SELECT value FROM {CatalogueRevision._meta.db_table} WHERE id = 1"  # noqa: S608


class CataloguePage(Page):
    """A page of products; `more`: the list goes on past the pages a shopper can open."""

    more: bool = False


def products_paged(products: QuerySet[Product], *, page: str | None, size: int) -> CataloguePage:
    """One page of products and how many there are (two queries), up to MAX_PAGES pages. An
    out-of-range or invalid page number shows the nearest page."""
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    # The total is a COUNT of its own (a window count made PostgreSQL read and sort every
    # matching row for each page), and of at most the pages one can open plus one: neither it
    # nor the page's OFFSET reads more products as the catalogue grows (docs/performance.md
    # "At size": the last of 8,000 pages sorted all 100,000 products, 417 ms).
    limit = MAX_PAGES * size
    found = products[: limit + 1].count()
    total = min(found, limit)
    number = min(number, max(ceil(total / size), 1))
    rows = list(products[(number - 1) * size : number * size])
    paginator = Paginator(products, size)
    paginator.count = total  # cached_property: no second COUNT
    paged = CataloguePage(rows, number, paginator)
    paged.more = found > limit
    return paged


# How long a cached product or page lives; any change bumps the revision first.
CATALOGUE_CACHE_SECONDS = 600
