"""Loads the demo catalogue. Idempotent: rows are matched by slug or SKU and never duplicated,
and what staff changed since (prices, stock) is left alone."""

from collections.abc import Callable

from django.db import transaction
from django.utils.text import slugify

from shop import demo_data
from shop.models import Category, Product


@transaction.atomic
def demo_catalogue_seed(*, progress: Callable[[str], None] = lambda _msg: None) -> int:
    """Create the demo categories and products that are missing; return how many were new."""
    categories = {}
    for position, (slug, name, description) in enumerate(demo_data.CATEGORIES):
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    progress(f"Categories: {len(categories)}")
    created = 0
    for index, row in enumerate(demo_data.PRODUCTS, start=1):
        category_slug, name, sku, price, compare_at, stock, short = row
        _product, is_new = Product.objects.get_or_create(
            sku=sku,
            defaults={
                "category": categories[category_slug],
                "name": name,
                "slug": slugify(name),
                "price": demo_data.money(price),
                "compare_at_price": demo_data.money(compare_at),
                "stock": stock,
                "short_description": short,
                "description": demo_data.long_description(name, short),
            },
        )
        created += is_new
        progress(f"Products: {index}/{len(demo_data.PRODUCTS)} {'+' if is_new else '='} {sku}")
    return created
