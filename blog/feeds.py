from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from blog import selectors
from blog.models import Post
from blog.rendering import plain_text

FEED_SIZE = 20


class LatestPostsFeed(Feed):
    title = _("SmartShop AI blog")
    link = reverse_lazy("blog:post_list")
    description = _("Guides and ideas from SmartShop AI.")

    def items(self) -> QuerySet[Post]:
        return selectors.post_list()[:FEED_SIZE]

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        # Feed readers treat the description as HTML. The excerpt is plain text on the site,
        # so it is plain text here too: markup stripped, then escaped, never raw HTML.
        return escape(plain_text(item.excerpt))

    def item_pubdate(self, item: Post) -> datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Post) -> datetime:
        return item.updated_at

    def item_categories(self, item: Post) -> list[str]:
        return [tag.label for tag in item.tags.all()]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description
