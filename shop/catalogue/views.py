from urllib.parse import parse_qsl

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.decorators import read_only
from core.site import site_url
from shop.cart.forms import QuantityForm
from shop.catalogue import pages, selectors
from shop.catalogue.pages import product_page_response
from shop.catalogue.seo import catalogue_open_graph


@read_only
def catalogue(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    listing = pages.catalogue_listing(
        slug=slug,
        query=query,
        sort=selectors.sort_for(query=query, sort=request.GET.get("sort", "")),
        page=request.GET.get("page", "")[:10],
        origin=site_url(request),
    )
    # A first-time visitor (no session: no cart, no messages, not logged in) gets the same
    # page as every other one with the same query string (the language switch repeats it), so
    # theirs is cached whole; only for the catalogue's own parameters, each once.
    raw_query = request.META.get("QUERY_STRING", "")
    plain_visitor = (
        request.session.session_key is None
        and not request.user.is_authenticated
        and _only_catalogue_parameters(raw_query)
    )
    if plain_visitor and (page_html := pages.catalogue_page_cached(listing, raw_query)):
        return HttpResponse(page_html)
    results = pages.catalogue_results(listing)
    if results is None:
        raise Http404("No such category.")
    response = render(
        request,
        "shop/catalogue.html",
        {
            "results": results,
            "query": listing.query,
            "show_hero": not (slug or listing.query or listing.page),
            # Search results are not pages of their own for search engines (`core.seo`).
            "noindex": bool(listing.query),
            "og": catalogue_open_graph(request, results),
        },
    )
    # Only what is the same for everyone: nothing started a session or issued a CSRF token.
    if (
        plain_visitor
        and request.session.session_key is None
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        pages.catalogue_page_keep(listing, raw_query, response.content)
    return response


def _only_catalogue_parameters(raw_query: str) -> bool:
    names = [name for name, _value in parse_qsl(raw_query, keep_blank_values=True)]
    return len(names) == len(set(names)) and set(names) <= {"q", "sort", "page"}


@read_only
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if request.META.get("QUERY_STRING"):  # any at all: not cached (there is no end to them)
        if (product := selectors.product_get(slug=slug)) is None:
            raise Http404("No such product.")
        return product_page_response(request, product, QuantityForm(initial={"quantity": 1}))
    key = pages.product_page_key(request, slug=slug)
    plain_visitor = request.session.session_key is None and not request.user.is_authenticated
    if plain_visitor and (content := pages.whole_page_cached(key)) is not None:
        return pages.csrf_filled(request, HttpResponse(content))
    page = pages.product_page_cached(key)
    if page is None:
        if (product := selectors.product_get(slug=slug)) is None:
            raise Http404("No such product.")
        page = pages.product_page_parts(request, product, QuantityForm(initial={"quantity": 1}))
        pages.product_page_keep(key, page)
    response = pages.product_page_render(request, page)
    if plain_visitor and request.session.session_key is None:
        pages.whole_page_keep(key, response.content)  # before the token goes in
    return pages.csrf_filled(request, response)
