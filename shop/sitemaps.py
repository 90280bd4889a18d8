"""The shop's sections of /sitemap.xml (smartshop/sitemaps.py puts the site map together)."""

from core.sitemaps import TranslatedSitemap
from shop import selectors
from shop.models import Product


class CategorySitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return selectors.category_list().order_by("pk")


class ProductSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return selectors.product_list().order_by("pk")

    def lastmod(self, item: Product):
        return item.updated_at
