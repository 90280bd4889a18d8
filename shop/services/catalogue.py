from django.db.models import F

from shop.models import CatalogueRevision

REVISION_PK = 1


def catalogue_revision_bump() -> None:
    """Call inside the transaction that changes products or categories (signals do it for
    model saves and deletes; bulk updates call it themselves)."""
    revision = CatalogueRevision.objects.filter(pk=REVISION_PK)
    if not revision.update(value=F("value") + 1):
        CatalogueRevision.objects.get_or_create(pk=REVISION_PK)
        revision.update(value=F("value") + 1)
