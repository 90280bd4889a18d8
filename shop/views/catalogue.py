from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.decorators import read_only
from shop import selectors
from shop.forms import QuantityForm

CATALOGUE_CACHE_SECONDS = 600
SORT_CHOICES = [
    ("new", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("name", _("Name")),
]


@read_only
def catalogue(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    sort = request.GET.get("sort", "")
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    page = request.GET.get("page", "")[:10]
    # The product grid is the costly part; it is cached per catalogue revision, which every
    # request reads from the database, so prices and stock shown are never stale.
    key = (
        "catalogue:"
        + sha256(
            repr((selectors.catalogue_revision(), get_language(), slug, query, sort, page)).encode()
        ).hexdigest()
    )
    # A first-time visitor (no session: no cart, no messages, not logged in) gets the same
    # page as every other one, so theirs is cached whole.
    plain_visitor = request.session.session_key is None and not request.user.is_authenticated
    if plain_visitor and (page_html := cache.get(key + ":page")) is not None:
        return HttpResponse(page_html)
    results = cache.get(key)
    if results is None:
        results = _catalogue_results(slug=slug, query=query, sort=sort, page=page)
        cache.set(key, results, CATALOGUE_CACHE_SECONDS)
    response = render(
        request,
        "shop/catalogue.html",
        {"results": results, "query": query, "show_hero": not (slug or query or page)},
    )
    # Only what is the same for everyone: nothing started a session or issued a CSRF token.
    if (
        plain_visitor
        and request.session.session_key is None
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        cache.set(key + ":page", response.content, CATALOGUE_CACHE_SECONDS)
    return response


def _catalogue_results(*, slug: str | None, query: str, sort: str, page: str) -> dict:
    categories = list(selectors.category_list())
    # The selected category comes from the list already loaded: one query fewer per page.
    category = None
    if slug is not None:
        category = next((c for c in categories if c.slug == slug), None)
        if category is None:
            raise Http404("No such category.")
    products = selectors.product_list(category=category, query=query, sort=sort)
    context = {
        "categories": categories,
        "category": category,
        "query": query,
        "sort": sort,
        "sort_choices": SORT_CHOICES,
        "page": selectors.product_page(products, page=page, size=settings.SHOP_PAGE_SIZE),
    }
    return {
        "html": render_to_string("shop/_catalogue_results.html", context),
        "title": category.name if category else "",
        "count": context["page"].paginator.count,
    }


@read_only
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    product = selectors.product_get(slug=slug)
    if product is None:
        raise Http404("No such product.")
    return render_product(request, product, QuantityForm(initial={"quantity": 1}))


def render_product(
    request: HttpRequest, product, form: QuantityForm, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "shop/product_detail.html",
        {
            "product": product,
            "form": form,
            "related": selectors.product_related(product=product),
        },
        status=status,
    )
