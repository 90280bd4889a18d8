"""Catalogue text in every language of settings.LANGUAGES (django-modeltranslation): each
field below gets a column per language (`name_uk`, `name_en`), and `product.name` reads the
active language's, falling back to the other when it is empty. Plain columns, so queries,
ordering and select_related stay as they were."""

from modeltranslation.translator import TranslationOptions, register

from shop.models import Category, Product


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("name", "short_description", "description")
