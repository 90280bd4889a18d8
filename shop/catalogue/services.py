from django.db.models import F
from django.utils import timezone

from shop.models import CatalogueRevision, Product

REVISION_PK = 1


def catalogue_revision_bump() -> None:
    """Call inside the transaction that changes products or categories (signals do it for
    model saves and deletes; bulk updates call it themselves)."""
    revision = CatalogueRevision.objects.filter(pk=REVISION_PK)
    if not revision.update(value=F("value") + 1):
        CatalogueRevision.objects.get_or_create(pk=REVISION_PK)
        revision.update(value=F("value") + 1)


def product_stock_set(*, product_id: int, stock: int, expected: int) -> bool:
    """Staff set the stock to `stock`, having seen `expected`. Written only if the stock is
    still `expected` (one conditional UPDATE, so a checkout that took units in between is never
    overwritten); returns False and changes nothing otherwise."""
    updated = Product.objects.filter(pk=product_id, stock=expected).update(
        stock=stock, updated_at=timezone.now()
    )
    if updated:
        catalogue_revision_bump()
    return bool(updated)
