"""Nova Poshta's cities and warehouses (branches and parcel lockers), copied from its API by
`manage.py novaposhta_sync` (`shop.delivery.services.novaposhta_sync`) and searched locally at
checkout."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WarehouseKind(models.TextChoices):
    BRANCH = "branch", _("Branch")
    LOCKER = "locker", _("Parcel locker")


class NovaPoshtaCity(models.Model):
    ref = models.CharField(max_length=36, unique=True)
    name = models.CharField(_("city"), max_length=150, db_index=True)
    name_en = models.CharField(max_length=150, blank=True)
    # The name folded (`shop.delivery.search.search_fold`) for a prefix search that does
    # not depend on the database's collation.
    search_name = models.CharField(max_length=150, db_index=True, default="")
    area = models.CharField(_("region"), max_length=150, blank=True)
    kind = models.CharField(_("settlement type"), max_length=50, blank=True)
    is_active = models.BooleanField(default=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Nova Poshta city")
        verbose_name_plural = _("Nova Poshta cities")

    def __str__(self) -> str:
        return f"{self.name} ({self.area})" if self.area else self.name


class NovaPoshtaWarehouse(models.Model):
    ref = models.CharField(max_length=36, unique=True)
    city = models.ForeignKey(
        NovaPoshtaCity, on_delete=models.CASCADE, related_name="warehouses", to_field="ref"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("type"), max_length=10, choices=WarehouseKind.choices)
    description = models.CharField(_("address"), max_length=300)
    description_en = models.CharField(max_length=300, blank=True)
    search_text = models.CharField(max_length=300, default="")
    is_active = models.BooleanField(default=True, db_index=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("Nova Poshta warehouse")
        verbose_name_plural = _("Nova Poshta warehouses")
        indexes = [models.Index(fields=["city", "kind", "number"])]

    def __str__(self) -> str:
        return self.description
