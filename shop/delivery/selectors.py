"""Reads: Nova Poshta's cities and warehouses searched in our own copy (never the API on a
shopper's request)."""

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.functions import Length

from shop.delivery.search import search_fold
from shop.delivery.shipping import SHIPPING_METHODS, ShippingMethod
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse, WarehouseKind

CITY_LIMIT = 20
WAREHOUSE_LIMIT = 500


AVAILABLE_CACHE_KEY = "novaposhta:available"
AVAILABLE_CACHE_SECONDS = 5 * 60


def novaposhta_available() -> bool:
    """Whether Nova Poshta can be offered: a sync has brought at least one working warehouse.
    Cached (the delivery page asks on every view); a sync forgets the answer."""
    available = cache.get(AVAILABLE_CACHE_KEY)
    if available is None:
        available = NovaPoshtaWarehouse.objects.filter(is_active=True).exists()
        cache.set(AVAILABLE_CACHE_KEY, available, AVAILABLE_CACHE_SECONDS)
    return bool(available)


def city_search(*, query: str, limit: int = CITY_LIMIT) -> list[NovaPoshtaCity]:
    """Active cities whose name starts with `query` (folded), shortest names first: «Київ»
    before «Київець»."""
    folded = search_fold(query)
    if not folded:
        return []
    return list(
        NovaPoshtaCity.objects.filter(is_active=True, search_name__startswith=folded).order_by(
            Length("name"), "name", "area"
        )[:limit]
    )


def city_get(*, ref: str) -> NovaPoshtaCity | None:
    if not ref or len(ref) > 36:
        return None
    return NovaPoshtaCity.objects.filter(ref=ref, is_active=True).first()


def warehouse_search(
    *,
    city_ref: str,
    kind: WarehouseKind | str | None = None,
    query: str = "",
    limit: int = WAREHOUSE_LIMIT,
) -> list[NovaPoshtaWarehouse]:
    """A city's working warehouses of `kind` (all kinds when None), by number; `query` is a
    number («12» finds № 12 and only it) or words of the address."""
    found: QuerySet[NovaPoshtaWarehouse] = NovaPoshtaWarehouse.objects.filter(
        city__ref=city_ref, is_active=True
    )
    if kind:
        found = found.filter(kind=kind)
    folded = search_fold(query.lstrip("№#").strip())
    if folded.isdigit():
        found = found.filter(number=int(folded))
    elif folded:
        for word in folded.split()[:5]:
            found = found.filter(search_text__contains=word)
    return list(found.order_by("number", "pk")[:limit])


def warehouse_get(
    *, ref: str, kind: WarehouseKind | str | None = None
) -> NovaPoshtaWarehouse | None:
    if not ref or len(ref) > 36:
        return None
    found = NovaPoshtaWarehouse.objects.select_related("city").filter(ref=ref, is_active=True)
    if kind:
        found = found.filter(kind=kind)
    return found.first()


def shipping_methods_offered() -> list[ShippingMethod]:
    """The shipping table's methods checkout offers now: Nova Poshta's only once synced."""
    available = None
    offered = []
    for method in SHIPPING_METHODS.values():
        if method.novaposhta:
            if available is None:
                available = novaposhta_available()
            if not available:
                continue
        offered.append(method)
    return offered
