"""Product search, on PostgreSQL (full text and trigram similarity: `postgres`) or SQLite (a simpler
fallback for local development: `sqlite`). Both read the query the same way (`terms`). The catalogue
(`shop.catalogue.selectors.product_list`), its empty-result suggestions (`suggestions`) and the
blog's AI prompt (blog.selectors.catalogue_for_prompt) all search through `products_matching`."""

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from types import ModuleType

from django.db import connections
from django.db.models import FloatField, QuerySet, Value

from shop.catalogue.search import postgres, sqlite
from shop.catalogue.search.terms import MAX_QUERY_LENGTH, SearchTerms, search_terms
from shop.models import Product

__all__ = [
    "MAX_QUERY_LENGTH",
    "SearchTerms",
    "loosely",
    "products_matching",
    "products_ranked",
    "search_terms",
]


def products_matching(
    products: QuerySet[Product],
    terms: SearchTerms,
    *,
    every_word: bool = True,
    loose: bool = False,
) -> QuerySet[Product]:
    """`products` that match `terms`. `every_word`: all words must match, else any one.
    `loose`: closer to "resembles" than "matches", for suggestions when nothing matched
    (evaluate it inside `loosely`, or on PostgreSQL names resemble as strictly as ever). A
    query with no words (only punctuation or single letters, say) matches only an exact SKU."""
    if not terms:
        return products.filter(sku__iexact=terms.text) if terms.text else products.none()
    return _backend(products).products_matching(products, terms, every_word=every_word, loose=loose)


@contextmanager
def loosely(products: QuerySet[Product]) -> Iterator[None]:
    """Evaluate `products_matching(..., loose=True)` inside: on PostgreSQL its similarity
    operator then compares with the loose threshold (in a transaction, put back after)."""
    backend = _backend(products)
    with backend.loose_similarity(products.db) if backend is postgres else nullcontext():
        yield


def products_ranked(products: QuerySet[Product], terms: SearchTerms) -> QuerySet[Product]:
    """`products` annotated with their `relevance` to `terms`: higher is better."""
    if not terms:
        return products.annotate(relevance=Value(0.0, output_field=FloatField()))
    return _backend(products).products_ranked(products, terms)


def _backend(products: QuerySet[Product]) -> ModuleType:
    return postgres if connections[products.db].vendor == "postgresql" else sqlite
