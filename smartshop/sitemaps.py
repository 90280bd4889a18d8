"""The site map at /sitemap.xml: the front pages, then each app's own sections."""

from django.urls import reverse

from blog.sitemaps import PostSitemap
from core.sitemaps import TranslatedSitemap
from pages.models import LegalPageKind
from shop.sitemaps import CategorySitemap, ProductSitemap


class PageSitemap(TranslatedSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[tuple[str, dict[str, str]]]:
        # The information pages too (offer, returns, …): public, one URL per language.
        info = [("pages:legal", {"kind": kind}) for kind in LegalPageKind.values]
        return [("shop:catalogue", {}), ("blog:post_list", {}), *info, ("pages:contacts", {})]

    def location(self, item: tuple[str, dict[str, str]]) -> str:
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


SITEMAPS = {
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
    "posts": PostSitemap,
}
