"""The blog's section of /sitemap.xml (`smartshop.sitemaps` puts the site map together)."""

from blog import selectors
from blog.models import Post
from core.sitemaps import TranslatedSitemap


class PostSitemap(TranslatedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return selectors.post_list().order_by("pk")

    def lastmod(self, item: Post):
        return item.updated_at
