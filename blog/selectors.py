"""Reads for the blog. Shoppers only ever see posts that `post_list` returns."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from blog.models import VISIBLE_STATUSES, Post, Tag
from shop.catalogue import selectors as shop_selectors

PROMPT_PRODUCTS = 8


def post_list(*, tag: Tag | None = None) -> QuerySet[Post]:
    """Visible posts, newest first: published or scheduled, with publish_at already passed.
    Compared against the clock here (not the database's), so a scheduled post goes live at its
    time with no job having to run."""
    posts = Post.objects.filter(
        status__in=VISIBLE_STATUSES, publish_at__lte=timezone.now()
    ).prefetch_related("tags")
    if tag is not None:
        posts = posts.filter(tags=tag)
    return posts.order_by("-publish_at", "-pk")


def post_get(*, slug: str) -> Post | None:
    return post_list().select_related("author").filter(slug=slug).first()


def tag_get(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


@dataclass(frozen=True)
class CatalogueItem:
    name: str
    url: str
    category: str


def catalogue_for_prompt(
    *, topic: str, keywords: list[str], limit: int = PROMPT_PRODUCTS
) -> list[CatalogueItem]:
    """A handful of real, buyable products for a post to link to: those matching any keyword
    or topic word (in either language, the catalogue's own search), best matches first, then
    the newest, so every post can point at something in stock. Two queries at most."""
    query = " ".join([*keywords, topic])
    found = list(shop_selectors.product_matches(query=query, every_word=False)[:limit])
    if len(found) < limit:
        newest = shop_selectors.product_list().exclude(pk__in=[p.pk for p in found])
        found += newest[: limit - len(found)]
    return [
        CatalogueItem(name=p.name, url=p.get_absolute_url(), category=p.category.name)
        for p in found
    ]
