"""Demo blog posts for `manage.py seed_demo` (the text is in `blog.demo_posts`). Idempotent: a
post is matched by slug and never duplicated; on a post that exists, only the text staff have
not written themselves is brought up to date, by the catalogue's rule (`shop.catalogue.demo`)."""

import re
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from blog.demo_posts import POSTS, DemoPost
from blog.models import Post, PostStatus
from blog.services import tags_get_or_create
from shop.catalogue.demo import columns, demo_text_fill
from shop.catalogue.demo_data import Text
from shop.models import Product

_sku = re.compile(r"\{([A-Z]{3}-\d{3})\}")


def _link_products(body: str, *, language: str) -> str:
    """Markdown links to the products named {SKU} in `body`, with their names in `language`."""
    products = {p.sku: p for p in Product.objects.filter(sku__in=_sku.findall(body))}

    def link(match: re.Match) -> str:
        product = products.get(match.group(1))
        if product is None:  # gone from the catalogue: the sentence still reads
            return getattr(NO_PRODUCT, language)
        return f"[{product.name}]({product.get_absolute_url()})"

    with translation.override(language):
        return _sku.sub(link, body)


NO_PRODUCT = Text(uk="наш магазин", en="our shop")


def _texts(demo: DemoPost) -> dict[str, Text]:
    body = Text(
        uk=_link_products(demo.body.uk, language="uk"),
        en=_link_products(demo.body.en, language="en"),
    )
    return {
        "title": demo.title,
        "excerpt": demo.excerpt,
        "body_markdown": body,
        "meta_description": demo.excerpt,
    }


def demo_seed(*, progress: Callable[[str], None]) -> str:
    """The app's part of `manage.py seed_demo` (core): add the posts, say what was done."""
    return f"Blog ready ({demo_posts_seed()} new posts)."


@transaction.atomic
def demo_posts_seed() -> int:
    """Create the demo posts that are missing and bring the text of the existing ones up to
    date; return how many were new."""
    now = timezone.now()
    created = 0
    for demo in POSTS:
        texts = _texts(demo)
        post = Post.objects.filter(slug=demo.slug).first()
        if post is not None:
            demo_text_fill(post, texts)
            continue
        post = Post.objects.create(
            slug=demo.slug,
            status=PostStatus.PUBLISHED,
            publish_at=now - timedelta(days=demo.days_ago),
            **columns(**texts),
        )
        post.tags.set(tags_get_or_create(names=demo.tags))
        created += 1
    return created
