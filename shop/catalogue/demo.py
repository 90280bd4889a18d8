"""The shop's part of `manage.py seed_demo` (core): the demo catalogue (`demo_data`) in
every language. Idempotent: rows are matched by slug (categories) or SKU (products) and never
duplicated.

Run on a database seeded before, it brings the demo text up to date without undoing staff's
work. It never touches prices, stock, slugs, categories, positions or what is active. Text is
handled field by field (name, short description, description, in every language):
- a description still equal to the first seeder's template is replaced by ours;
- a field "staff wrote" when any of its languages holds text that is neither ours nor that
  template: such a field is left as it is, so our translation never sits next to their text;
- otherwise the field's empty languages get our text.
So emptying a language of a field we wrote brings our text back on the next run."""

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname

from shop.catalogue import demo_data
from shop.models import Category, Product


def columns(**texts: demo_data.Text) -> dict[str, str]:
    """Each field's text per language column: name=Text(...) → {"name_uk": …, "name_en": …}."""
    return {
        build_localized_fieldname(field, code): getattr(text, code)
        for field, text in texts.items()
        for code, _name in settings.LANGUAGES
    }


def demo_text_fill(obj: models.Model, texts: dict[str, demo_data.Text]) -> list[str]:
    """Bring the fields of `obj` named in `texts` up to date with our text, by the rules above;
    save only the columns written and return them."""
    written = []
    for field, text in texts.items():
        ours = columns(**{field: text})
        current = {column: getattr(obj, column) for column in ours}
        staff_wrote = any(
            value and value != ours[column] and not _legacy(value)
            for column, value in current.items()
        )
        for column, value in current.items():
            if (value and _legacy(value)) or (not value and not staff_wrote):
                setattr(obj, column, ours[column])
                written.append(column)
    if written:
        stamps = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[*written, *stamps])
    return written


def _legacy(value: str) -> bool:
    return demo_data.is_legacy_description(value)


def demo_seed(*, progress: Callable[[str], None]) -> str:
    """The app's part of `manage.py seed_demo` (core): load the catalogue, say what was done."""
    created = demo_catalogue_seed(progress=progress)
    return f"Catalogue ready ({created} new products)."


@transaction.atomic
def demo_catalogue_seed(*, progress: Callable[[str], None] = lambda _msg: None) -> int:
    """Create the demo categories and products that are missing and bring the text of the
    existing ones up to date; return how many products were new."""
    categories = {}
    for position, demo_category in enumerate(demo_data.CATEGORIES):
        texts = {"name": demo_category.name, "description": demo_category.description}
        category, is_new_category = Category.objects.get_or_create(
            slug=demo_category.slug, defaults={"position": position, **columns(**texts)}
        )
        if not is_new_category:
            demo_text_fill(category, texts)
        categories[demo_category.slug] = category
    progress(f"Categories: {len(categories)}")
    created = 0
    products = [(c.slug, p) for c in demo_data.CATEGORIES for p in c.products]
    for index, (category_slug, demo) in enumerate(products, start=1):
        texts = {
            "name": demo.name,
            "short_description": demo.short,
            "description": demo.description,
        }
        product, is_new = Product.objects.get_or_create(
            sku=demo.sku,
            defaults={
                "category": categories[category_slug],
                "slug": slugify(demo.name.en),
                "price": Decimal(demo.price),
                "compare_at_price": Decimal(demo.compare_at) if demo.compare_at else None,
                "stock": demo.stock,
                **columns(**texts),
            },
        )
        mark = "+" if is_new else ("~" if demo_text_fill(product, texts) else "=")
        created += is_new
        progress(f"Products: {index}/{len(products)} {mark} {demo.sku}")
    return created
