"""The site map at /sitemap.xml: the front pages, then each app's own sections."""

from django.urls import reverse

from blog.sitemaps import PostSitemap
from core.sitemaps import TranslatedSitemap
from shop.sitemaps import CategorySitemap, ProductSitemap


class PageSitemap(TranslatedSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["shop:catalogue", "blog:post_list"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
    "posts": PostSitemap,
}
