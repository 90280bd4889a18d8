"""The shop's sections of the site map (`smartshop.sitemaps` puts the site map together).

Products are read a page of the section at a time (`core.sitemaps.TranslatedSitemap`), only the
columns a URL needs; the index's "last modified" of the section is the newest product's, read
from the end of an index on updated_at, not every product loaded."""

from datetime import datetime

from django.db.models import QuerySet

from core.sitemaps import TranslatedSitemap
from shop.catalogue import selectors
from shop.models import Category, Product


class CategorySitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Category]:
        return selectors.category_list().order_by("pk")


class ProductSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7
    # URLs a page (each product once per language): the protocol allows 50,000, but a page
    # takes about 0.4 ms of CPU a URL to build, so 5,000 keep each page near 2 s, whatever
    # the size of the catalogue (docs/performance.md "At size").
    limit = 5_000

    def items(self) -> QuerySet[Product]:
        return (
            selectors.product_list()
            .select_related(None)
            .only("pk", "slug", "updated_at", "sku", "category_id")
            .order_by("pk")
        )

    def lastmod(self, item: Product) -> datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        # ORDER BY … LIMIT 1, which the index answers; a MAX() through the visibility join
        # read every product (76 ms at 100,000, docs/performance.md "At size").
        newest = self.items().order_by("-updated_at").values_list("updated_at", flat=True)
        return newest.first()
