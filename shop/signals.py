from typing import Any

from django.conf import settings
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete

from shop.catalogue.services import catalogue_revision_bump
from shop.models import Category, Product
from shop.orders.services import orders_anonymise


def _changed(sender: type[Model], **kwargs: Any) -> None:
    catalogue_revision_bump()


for model in (Product, Category):
    for signal in (post_save, post_delete):
        signal.connect(_changed, sender=model, dispatch_uid=f"catalogue-{model.__name__}-{signal}")


def _account_deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    # Orders are the shop's records: kept, without the person (docs/accounts.md).
    orders_anonymise(user_id=instance.pk)


pre_delete.connect(
    _account_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="orders-anonymise"
)
