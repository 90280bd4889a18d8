"""What search engines and link previews read about the shop's pages: Open Graph data for the
catalogue and products (printed by templates/partials/seo.html, see `core.seo`) and schema.org
`Product` data for product pages (printed with the `ld_json` filter)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.translation import gettext as _

from core.seo import OpenGraph, open_graph
from core.site import absolute_url
from shop.models import Product

if TYPE_CHECKING:
    from shop.catalogue.pages import CatalogueResults

SCHEMA = "https://schema.org/"


def product_picture_path(product: Product) -> str:
    """The site path of the picture the product's page shows (as shop/_image.html does)."""
    return product.image.url if product.image else static(product.picture)


def _preview_picture(product: Product) -> str:
    # Link previews (Facebook, Telegram, Viber…) do not show SVG: uploaded photos only; the
    # default picture otherwise.
    path = product_picture_path(product)
    return "" if path.lower().split("?")[0].endswith(".svg") else path


def catalogue_open_graph(request: HttpRequest, results: "CatalogueResults") -> OpenGraph:
    """The home page, or a category's page."""
    shop = _("Everyday goods for the kitchen, desk, home and outdoors. Fair prices, fast shipping.")
    return open_graph(
        request,
        title=results["title"] or _("SmartShop AI — good things, chosen with care"),
        description=results.get("description") or shop,
    )


def product_open_graph(request: HttpRequest, product: Product) -> OpenGraph:
    return open_graph(
        request,
        title=product.name,
        description=product.short_description or product.name,
        image=_preview_picture(product),
        type="product",
    )


def product_availability(product: Product) -> str:
    if product.stock == 0:
        return SCHEMA + "OutOfStock"
    if product.is_low_stock:
        return SCHEMA + "LimitedAvailability"
    return SCHEMA + "InStock"


def product_structured_data(request: HttpRequest, product: Product) -> dict:
    """schema.org Product with its Offer: what search engines show as price and stock."""
    url = absolute_url(product.get_absolute_url(), request)
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.short_description or product.description or product.name,
        "sku": product.sku,
        "image": [absolute_url(product_picture_path(product), request)],
        "url": url,
        "category": product.category.name,
        "offers": {
            "@type": "Offer",
            "url": url,
            # A string with two decimals: never a float on the way.
            "price": f"{product.price:.2f}",
            "priceCurrency": settings.SHOP_CURRENCY,
            "availability": product_availability(product),
            "itemCondition": SCHEMA + "NewCondition",
        },
    }
