"""The demo catalogue that `manage.py seed_demo` loads: a small shop that looks real, written in
Ukrainian and English. One module per category; each product is one `DemoProduct`, with its
picture (static/shop/img/products/<sku>.svg, built by `scripts.product_pictures`)."""

from shop.catalogue.demo_data.base import (
    DemoCategory,
    DemoProduct,
    Prose,
    Text,
    is_legacy_description,
)
from shop.catalogue.demo_data.coffee_tea import COFFEE_TEA
from shop.catalogue.demo_data.home import HOME
from shop.catalogue.demo_data.kitchen import KITCHEN
from shop.catalogue.demo_data.office import OFFICE
from shop.catalogue.demo_data.outdoors import OUTDOORS
from shop.catalogue.demo_data.tech import TECH

CATEGORIES: list[DemoCategory] = [KITCHEN, COFFEE_TEA, HOME, OFFICE, OUTDOORS, TECH]
PRODUCTS: list[DemoProduct] = [p for category in CATEGORIES for p in category.products]

__all__ = [
    "CATEGORIES",
    "PRODUCTS",
    "DemoCategory",
    "DemoProduct",
    "Prose",
    "Text",
    "is_legacy_description",
]
