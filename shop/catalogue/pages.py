"""The catalogue's pages, cached: the one home of page caching in the shop.

Every cache key holds the catalogue revision (read per request; every change to a product or
its stock bumps it), the language, the site address and the script prefix, so price and stock
are never stale. What every shopper sees alike is rendered once per key; a first-time visitor
(no session, not logged in) gets the whole page from the cache. The product page's add-to-cart
CSRF token is the one per-visitor part: cached with a placeholder, filled in per request.
"""

from dataclasses import dataclass
from hashlib import sha256
from typing import TypedDict

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
from shop.cart.forms import QuantityForm
from shop.catalogue import search, selectors
from shop.catalogue.search.suggestions import suggestions_for
from shop.catalogue.seo import product_open_graph, product_structured_data
from shop.models import Product

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


def product_page_response(
    request: HttpRequest, product: Product, form: QuantityForm, *, status: int = 200
) -> HttpResponse:
    """The product page with `form` (its errors, after a failed add to cart): not cached."""
    page = product_page_parts(request, product, form)
    return csrf_filled(request, product_page_render(request, page, status=status))


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


# --- the catalogue page --------------------------------------------------------------------
# The product grid is the costly part of the catalogue. It is cached per catalogue revision,
# which every request reads from the database, so prices and stock shown are never stale.


@dataclass(frozen=True)
class CatalogueListing:
    """What a shopper asked the catalogue for, and its cache key at the current revision."""

    slug: str | None
    query: str
    sort: str
    page: str
    key: str


class CatalogueResults(TypedDict):
    html: str  # filters, the product grid and pagination, rendered
    title: str  # the category's name, if any
    description: str  # the category's description, if any
    count: int


def catalogue_listing(
    *, slug: str | None, query: str, sort: str, page: str, origin: str = ""
) -> CatalogueListing:
    """The listing and its cache key: one query (the revision). `origin`: the site address
    the page's absolute links (canonical, Open Graph) are written with (core/site.py); the
    script prefix (SCRIPT_NAME) that starts every link is part of the key too."""
    parts = (
        settings.BUILD,
        selectors.catalogue_revision(),
        get_language(),
        origin,
        get_script_prefix(),
        slug,
        query,
        sort,
        page,
    )
    key = "catalogue:" + sha256(repr(parts).encode()).hexdigest()
    return CatalogueListing(slug=slug, query=query, sort=sort, page=page, key=key)


def catalogue_results(listing: CatalogueListing) -> CatalogueResults | None:
    """The listing's results, from the cache when this revision has them; None when the
    category does not exist (or is hidden)."""
    results: CatalogueResults | None = cache.get(listing.key)
    if results is None:
        results = _catalogue_results_render(listing)
        if results is not None:
            cache.set(listing.key, results, CACHE_SECONDS)
    return results


def catalogue_page_cached(listing: CatalogueListing, raw_query: str) -> bytes | None:
    """The whole page as a first-time visitor got it at this query string (the page repeats
    it in the language switch), if it is cached for this revision."""
    return cache.get(_page_key(listing, raw_query))


def catalogue_page_keep(listing: CatalogueListing, raw_query: str, content: bytes) -> None:
    """Cache the whole page: only for what is the same for every first-time visitor."""
    cache.set(_page_key(listing, raw_query), content, CACHE_SECONDS)


def _page_key(listing: CatalogueListing, raw_query: str) -> str:
    return f"{listing.key}:page:{sha256(raw_query.encode()).hexdigest()[:32]}"


def _catalogue_results_render(listing: CatalogueListing) -> CatalogueResults | None:
    categories = list(selectors.category_list())
    # The selected category comes from the list already loaded: one query fewer per page.
    category = None
    if listing.slug is not None:
        category = next((c for c in categories if c.slug == listing.slug), None)
        if category is None:
            return None
    products = selectors.product_list(category=category, query=listing.query, sort=listing.sort)
    page = selectors.products_paged(products, page=listing.page, size=settings.SHOP_PAGE_SIZE)
    suggestions = None
    if listing.query and not page.object_list:
        suggestions = suggestions_for(
            terms=search.search_terms(listing.query),
            products=selectors.product_visible(),
            categories=categories,
        )
    context = {
        "categories": categories,
        "category": category,
        "query": listing.query,
        "sort": selectors.sort_for(query=listing.query, sort=listing.sort),
        "sort_choices": selectors.sort_choices(query=listing.query),
        "page": page,
        "suggestions": suggestions,
    }
    return {
        "html": render_to_string("shop/_catalogue_results.html", context),
        "title": category.name if category else "",
        "description": category.description if category else "",
        "count": page.paginator.count,
    }
