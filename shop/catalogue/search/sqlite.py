"""Search on SQLite (local development, `make run`): a simpler fallback.

SQLite's LOWER() and LIKE fold ASCII only, so each connection gets a `search_words()` SQL
function (`terms.words_text`, registered by `search_words_register`), and a word matches when a
word of the name, category name, short description or description, in either language, starts
with its light stem (`terms.stem`, `terms.en_stem`); an exact SKU matches too. Relevance: an
exact SKU first, then for each word where it was found (SCORED_FIELDS: name 8, category 4, short
description 2, description 1). Not here: typos, and stemming beyond the endings `terms` strips.
More: docs/search.md, "On SQLite".
"""

from functools import reduce
from operator import add, and_, or_
from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, Expression, Func, Q, QuerySet, TextField, Value, When

from shop.catalogue.search.terms import SearchTerms, en_stem, stem, words_text
from shop.models import Product

# Fields in the order their match counts, with what it counts.
SCORED_FIELDS = (
    ("name", 8),
    ("category__name", 4),
    ("short_description", 2),
    ("description", 1),
)
SKU_SCORE = 100


class SearchWords(Func):
    function = "search_words"
    output_field = TextField()


def _search_words(value: str | None) -> str | None:
    return None if value is None else words_text(value)


def search_words_register(
    sender: type[BaseDatabaseWrapper], connection: BaseDatabaseWrapper, **kwargs: Any
) -> None:
    """`connection_created` receiver (shop/apps.py): adds search_words() to each SQLite
    connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_words", 1, _search_words, deterministic=True)


def _alias(field: str, code: str) -> str:
    return f"_words_{field}_{code}"


def _word_in(field: str, word: str) -> Q:
    start = " " + en_stem(stem(word))
    return reduce(or_, (Q(**{f"{_alias(field, code)}__contains": start}) for code in _codes()))


def _codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _folded(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.alias(
        **{
            _alias(field, code): SearchWords(f"{field}_{code}")
            for field, _score in SCORED_FIELDS
            for code in _codes()
        }
    )


def products_matching(
    products: QuerySet[Product], terms: SearchTerms, *, every_word: bool, loose: bool
) -> QuerySet[Product]:
    del loose  # no similarity on SQLite: "loose" and "strict" are the same here
    per_word = [
        reduce(or_, (_word_in(field, word) for field, _score in SCORED_FIELDS))
        for word in terms.words
    ]
    sku = Q(sku__iexact=terms.text)
    return _folded(products).filter(reduce(and_ if every_word else or_, per_word) | sku)


def products_ranked(products: QuerySet[Product], terms: SearchTerms) -> QuerySet[Product]:
    scores: list[Expression] = [
        Case(When(_word_in(field, word), then=Value(score)), default=Value(0))
        for word in terms.words
        for field, score in SCORED_FIELDS
    ]
    sku = Case(When(Q(sku__iexact=terms.text), then=Value(SKU_SCORE)), default=Value(0))
    return _folded(products).annotate(relevance=reduce(add, scores) + sku)
