import os
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LOW_STOCK_THRESHOLD = 5
PLACEHOLDER_COUNT = 6
# Pictures bundled for the demo catalogue, one per SKU: `kit-001.svg` (`scripts.product_pictures`).
PICTURES = "shop/img/products"


@cache
def bundled_pictures() -> frozenset[str]:
    """The file names under static/shop/img/products/, read once per process: static files only
    change with a deploy, and only a file that exists may be named (the production storage
    refuses a path missing from its manifest)."""
    folder = finders.find(PICTURES)
    return frozenset(os.listdir(folder)) if folder else frozenset()


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shop:category", kwargs={"slug": self.slug})


class Product(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    compare_at_price = models.DecimalField(
        _("compare-at price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The old price, shown struck through. Leave empty when not on sale."),
    )
    stock = models.PositiveIntegerField(_("stock"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("image"), upload_to="products/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="product_price_gte_0"),
            models.CheckConstraint(
                condition=models.Q(compare_at_price__isnull=True)
                | models.Q(compare_at_price__gt=models.F("price")),
                name="product_compare_at_above_price",
            ),
        ]
        indexes = [
            models.Index(fields=["is_active", "category"]),
            # The dashboard's low stock (`shop.orders.dashboard`), at 100,000 products.
            models.Index(
                fields=["stock"],
                name="product_low_stock",
                condition=models.Q(is_active=True, stock__lte=LOW_STOCK_THRESHOLD),
            ),
            # The site map index's "last modified": the newest change, read from the index's
            # end instead of a MAX() over every product.
            models.Index(fields=["updated_at"], name="product_updated_at"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shop:product", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if (
            self.compare_at_price is not None
            and self.price is not None
            and self.compare_at_price <= self.price
        ):
            raise ValidationError(
                {"compare_at_price": _("The compare-at price must be higher than the price.")}
            )

    @property
    def max_orderable(self) -> int:
        return min(self.stock, settings.SHOP_MAX_QUANTITY)

    @property
    def is_low_stock(self) -> bool:
        return 0 < self.stock <= LOW_STOCK_THRESHOLD

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price

    @property
    def picture(self) -> str:
        """Static path of the picture shown when staff have not uploaded one: the product's own,
        bundled under its SKU, or else its category's placeholder."""
        name = f"{self.sku.lower()}.svg"
        return f"{PICTURES}/{name}" if name in bundled_pictures() else self.placeholder_image

    @property
    def placeholder_image(self) -> str:
        return f"shop/img/placeholder-{(self.category_id or 0) % PLACEHOLDER_COUNT}.svg"


class CatalogueRevision(models.Model):
    """A counter bumped in the same transaction as every change to products or categories.

    Cached catalogue pages are keyed by it, and every request reads it from the database, so a
    cached page can never show a price or stock level older than the last committed change —
    across all web workers, whatever the cache backend."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("catalogue revision")

    def __str__(self) -> str:
        return str(self.value)
