from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from shop import selectors
from shop.forms import QuantityForm

SORT_CHOICES = [
    ("new", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("name", _("Name")),
]


def catalogue(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    categories = list(selectors.category_list())
    # The selected category comes from the list already loaded: one query fewer per page.
    category = None
    if slug is not None:
        category = next((c for c in categories if c.slug == slug), None)
        if category is None:
            raise Http404("No such category.")
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    sort = request.GET.get("sort", "")
    if sort not in selectors.SORTS:
        sort = selectors.DEFAULT_SORT
    products = selectors.product_list(category=category, query=query, sort=sort)
    page = Paginator(products, settings.SHOP_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "shop/catalogue.html",
        {
            "categories": categories,
            "category": category,
            "query": query,
            "sort": sort,
            "sort_choices": SORT_CHOICES,
            "page": page,
        },
    )


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
