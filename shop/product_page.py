"""The product page, cached per catalogue revision like the catalogue (shop/selectors.py).

What every shopper sees alike — the product's block, its related cards, title, description,
Open Graph and schema.org data — is rendered once per catalogue revision, language, site
address and script prefix (SCRIPT_NAME: every link starts with it), so price and stock are
never stale: every change to a product, and every order that takes stock, bumps the revision,
which each request reads. A first-time visitor (no session, not logged in) gets the whole page
from the cache. The add-to-cart form's CSRF token is the one
per-visitor part: pages are cached with a placeholder where it goes, filled in per request.
"""

from dataclasses import dataclass
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.seo import OpenGraph
from core.site import site_url
from shop import selectors
from shop.forms import QuantityForm
from shop.models import Product
from shop.seo import product_open_graph, product_structured_data

CACHE_SECONDS = selectors.CATALOGUE_CACHE_SECONDS
# Where the CSRF token goes in a cached page; letters only, so escaping never changes it.
CSRF_PLACEHOLDER = "csrfTokenPlaceholderQ7vX"
# Only the form's own field is filled in: the placeholder anywhere else (in a query string the
# page echoes, a typed quantity, a description) stays as it is and never becomes the token. The
# quote cannot come from text on the page: autoescaping writes it as &quot;.
_CSRF_FIELD = f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'.encode()


@dataclass(frozen=True)
class ProductPage:
    """The shared parts of a product page; `content` holds CSRF_PLACEHOLDER."""

    title: str
    description: str
    head: SafeString  # the schema.org Product data
    og: OpenGraph
    content: SafeString  # breadcrumbs, the product, the add-to-cart form, related cards


def product_page_parts(request: HttpRequest, product: Product, form: QuantityForm) -> ProductPage:
    context = {
        "product": product,
        "form": form,
        "related": selectors.product_related(product=product),
        "csrf_token": CSRF_PLACEHOLDER,
    }
    return ProductPage(
        title=product.name,
        description=product.short_description or product.name,
        head=render_to_string(
            "shop/_product_ld.html", {"ld": product_structured_data(request, product)}
        ),
        og=product_open_graph(request, product),
        content=mark_safe(render_to_string("shop/_product.html", context, request)),  # noqa: S308
    )


def product_page_render(
    request: HttpRequest, page: ProductPage, *, status: int = 200
) -> HttpResponse:
    """The page, with the placeholder still in it (see csrf_filled)."""
    context = {"page": page, "og": page.og}
    return render(request, "shop/product_detail.html", context, status=status)


def csrf_filled(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The visitor's CSRF token where the placeholder is (and its cookie set, if new)."""
    field = f'name="csrfmiddlewaretoken" value="{get_token(request)}"'.encode()
    response.content = response.content.replace(_CSRF_FIELD, field)
    return response


def product_page_key(request: HttpRequest, *, slug: str) -> str:
    """One query (the catalogue revision)."""
    parts = (
        settings.BUILD,
        selectors.catalogue_revision(),
        get_language(),
        site_url(request),
        get_script_prefix(),
        slug,
    )
    return "product:" + sha256(repr(parts).encode()).hexdigest()


def product_page_cached(key: str) -> ProductPage | None:
    page: ProductPage | None = cache.get(key)
    return page


def product_page_keep(key: str, page: ProductPage) -> None:
    cache.set(key, page, CACHE_SECONDS)


def whole_page_cached(key: str) -> bytes | None:
    """The whole page as a first-time visitor gets it, placeholder included."""
    content: bytes | None = cache.get(key + ":page")
    return content


def whole_page_keep(key: str, content: bytes) -> None:
    cache.set(key + ":page", content, CACHE_SECONDS)
