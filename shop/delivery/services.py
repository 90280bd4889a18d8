"""Writes: Nova Poshta's cities and warehouses copied into our database.

`novaposhta_sync` reads every page of `getCities` and `getWarehouses` and upserts them by
their Nova Poshta ref (bulk, so a run is a few dozen queries a page, and running it twice
changes nothing). Whatever a complete run did not see — a branch closed, a city merged — is
marked inactive, never deleted (orders keep their own snapshot of the address anyway). A run
that fails part-way deactivates nothing."""

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from shop.delivery.client import NovaPoshtaClient
from shop.delivery.search import search_fold
from shop.delivery.selectors import AVAILABLE_CACHE_KEY
from shop.models import NovaPoshtaCity, NovaPoshtaWarehouse, WarehouseKind

logger = logging.getLogger(__name__)

# CategoryOfWarehouse: "Branch", "Postomat" (a parcel locker), "Store" (a branch in a shop).
LOCKER_CATEGORIES = frozenset({"Postomat"})
WORKING = "Working"


@dataclass(frozen=True)
class SyncResult:
    cities: int
    warehouses: int
    cities_deactivated: int
    warehouses_deactivated: int


def novaposhta_sync(*, client: NovaPoshtaClient, now: datetime | None = None) -> SyncResult:
    """Copy every city and warehouse; deactivate those no longer listed. Raises
    NovaPoshtaError (nothing deactivated) when the API fails part-way."""
    stamp = now or timezone.now()
    cities = 0
    for page in client.cities():
        cities += _cities_upsert(page, stamp=stamp)
    warehouses = 0
    for page in client.warehouses():
        warehouses += _warehouses_upsert(page, stamp=stamp)
    with transaction.atomic():
        gone_warehouses = (
            NovaPoshtaWarehouse.objects.filter(is_active=True)
            .exclude(synced_at=stamp)
            .update(is_active=False)
        )
        gone_cities = (
            NovaPoshtaCity.objects.filter(is_active=True)
            .exclude(synced_at=stamp)
            .update(is_active=False)
        )
    cache.delete(AVAILABLE_CACHE_KEY)  # checkout offers Nova Poshta (or not) at once
    result = SyncResult(cities, warehouses, gone_cities, gone_warehouses)
    logger.info("Nova Poshta sync: %s", result)
    return result


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return value.strip() if isinstance(value, str) else ""


def _cities_upsert(page: list[dict[str, Any]], *, stamp: datetime) -> int:
    rows = [
        NovaPoshtaCity(
            ref=_text(item, "Ref"),
            name=_text(item, "Description"),
            search_name=search_fold(_text(item, "Description"))[:150],
            name_en=_text(item, "DescriptionTranslit"),
            area=_text(item, "AreaDescription"),
            kind=_text(item, "SettlementTypeDescription"),
            is_active=True,
            synced_at=stamp,
        )
        for item in page
        if _text(item, "Ref") and _text(item, "Description")
    ]
    NovaPoshtaCity.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["ref"],
        update_fields=["name", "search_name", "name_en", "area", "kind", "is_active", "synced_at"],
    )
    return len(rows)


def _warehouse_row(item: dict[str, Any], *, stamp: datetime) -> NovaPoshtaWarehouse | None:
    ref, city_ref = _text(item, "Ref"), _text(item, "CityRef")
    try:
        number = int(_text(item, "Number"))
    except ValueError:
        return None
    if not ref or not city_ref or not _text(item, "Description"):
        return None
    category = _text(item, "CategoryOfWarehouse")
    status = _text(item, "WarehouseStatus") or WORKING
    return NovaPoshtaWarehouse(
        ref=ref,
        city_id=city_ref,
        number=number,
        kind=WarehouseKind.LOCKER if category in LOCKER_CATEGORIES else WarehouseKind.BRANCH,
        description=_text(item, "Description")[:300],
        description_en=_text(item, "DescriptionTranslit")[:300],
        search_text=search_fold(_text(item, "Description"))[:300],
        is_active=status == WORKING,
        synced_at=stamp,
    )


def _warehouses_upsert(page: list[dict[str, Any]], *, stamp: datetime) -> int:
    rows = [row for item in page if (row := _warehouse_row(item, stamp=stamp)) is not None]
    # A warehouse of a city getCities did not list (rare: a new settlement) waits for the
    # next run rather than pointing at nothing.
    known = set(
        NovaPoshtaCity.objects.filter(ref__in={r.city_id for r in rows}).values_list(
            "ref", flat=True
        )
    )
    rows = [r for r in rows if r.city_id in known]
    NovaPoshtaWarehouse.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["ref"],
        update_fields=[
            "city",
            "number",
            "kind",
            "description",
            "description_en",
            "search_text",
            "is_active",
            "synced_at",
        ],
    )
    return len(rows)
