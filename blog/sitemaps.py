"""The site map at /sitemap.xml: shop pages as well as posts. It lives here for now so the
blog can ship without touching shop/; everything it lists comes from the shop's selectors."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from blog import selectors
from shop import selectors as shop_selectors


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["shop:catalogue", "blog:post_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return shop_selectors.category_list().order_by("pk")


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return shop_selectors.product_list().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.post_list().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
    "posts": PostSitemap,
}
