from django.db.models.signals import post_delete, post_save

from shop.models import Category, Product
from shop.services.catalogue import catalogue_revision_bump


def _changed(sender, **kwargs) -> None:
    catalogue_revision_bump()


for model in (Product, Category):
    for signal in (post_save, post_delete):
        signal.connect(_changed, sender=model, dispatch_uid=f"catalogue-{model.__name__}-{signal}")
