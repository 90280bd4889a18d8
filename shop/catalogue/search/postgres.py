"""Search on PostgreSQL: full-text search over both languages' columns, ranked, and trigram
similarity (pg_trgm) for typos.

Each product is matched against its Ukrainian and English text whatever the page's language. A
query word (from `terms`: letters and digits only, so the raw tsquery built from it cannot
carry an operator) matches when it is in the product's stored document (the generated column
`search_document`) — `to_tsquery('english', 'word:*') || to_tsquery('simple', 'stem:*')`, the
stem from `terms.stem` — or, for typos, when pg_trgm's word_similarity finds it close to a word
of the product's or its category's names. Relevance: an exact SKU first, then names holding
every word, then ts_rank, then how much the names resemble the query. The document, its
weights and what it costs: docs/search.md.
"""

from functools import reduce
from operator import add, and_, or_

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Case, Expression, F, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.db.models.lookups import GreaterThanOrEqual
from django.db.models.sql.compiler import SQLCompiler

from shop.catalogue.search.terms import SearchTerms, stem
from shop.models import Category, Product

# Text-search configurations that stem a language; every language is also searched with
# `simple` (PostgreSQL 15 ships no configuration for Ukrainian). Migration 0008 has the same.
STEMMING = {"en": "english"}

# A name is a typo of a query word when word_similarity() is at least this: "cofee"/"Coffee"
# is 0.83, "кафа"/"кабель" 0.4. It is pg_trgm's default `word_similarity_threshold`, which the
# `%>` operator (the one the names' trigram indexes serve) compares with.
TYPO_SIMILARITY = 0.6
# For "closest matches" when nothing matched (no index: it only runs for an empty result).
LOOSE_SIMILARITY = 0.3
SKU_BOOST = 4.0
NAME_BOOST = 2.0
# A product whose category resembles the query comes before one whose name resembles it as
# little ("кафа": the coffee before the cable).
CATEGORY_RESEMBLANCE = 0.5


class StoredDocument(Expression):
    """The product's stored document, the generated column migration 0008 adds. Not a model
    field, so Django never selects or writes it; named through the query's own alias, so it
    works in subqueries too."""

    output_field = SearchVectorField()

    # The params are a list, as Django 5.2's lookups add them up (SearchVectorExact: lhs + rhs
    # params); django-stubs types them as the tuple Django 6 uses.
    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[str]]:
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_document')}", []


class NamesOnly(Func):
    """The weight-A part of a document: names and SKU."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


def _columns(field: str) -> list[str]:
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]


def _category_document(prefix: str = "") -> Expression:
    vectors: list[Expression] = [
        SearchVector(*_columns(f"{prefix}name"), config="simple", weight="B"),
        *(
            SearchVector(f"{prefix}name_{code}", config=config, weight="B")
            for code, config in STEMMING.items()
        ),
    ]
    return reduce(add, vectors)


def _word_query(word: str) -> SearchQuery:
    # `word` is letters and digits only (`terms`): quoting it is all the escaping it needs.
    query = SearchQuery(f"'{stem(word)}':*", config="simple", search_type="raw")
    for config in STEMMING.values():
        query = query | SearchQuery(f"'{word}':*", config=config, search_type="raw")
    return query


def _text(field: str) -> Concat:
    """The field in every language, as one text."""
    spaced = [part for column in _columns(field) for part in (F(column), Value(" "))][:-1]
    return Concat(*spaced, output_field=TextField())


def _resembles(word: str, field: str, *, loose: bool) -> Q:
    """The word is a typo of a word of `field` in some language. The strict test is the `%>`
    operator, which the names' trigram indexes (migration 0008) answer."""
    if loose:
        return Q(GreaterThanOrEqual(TrigramWordSimilarity(word, _text(field)), LOOSE_SIMILARITY))
    return reduce(or_, (Q(TrigramWordSimilar(F(column), word)) for column in _columns(field)))


def _word_matches(word: str, query: SearchQuery, *, loose: bool) -> Q:
    """Products with the word in their document, or a typo of it in their name, or in a
    category with the word (or a typo of it) in its name. Each is a subquery PostgreSQL runs
    once and hashes; kept apart, so that it answers the first two from their GIN indexes (put
    together, it reads the table instead: 11 ms instead of 1.5 at 1,000 products)."""
    documents = Product.objects.alias(_document=StoredDocument()).filter(_document=query)
    names = Product.objects.filter(_resembles(word, "name", loose=loose))
    categories = Category.objects.alias(_document=_category_document()).filter(
        Q(_document=query) | _resembles(word, "name", loose=loose)
    )
    return (
        Q(pk__in=documents.values("pk"))
        | Q(pk__in=names.values("pk"))
        | Q(category__in=categories.values("pk"))
    )


def products_matching(
    products: QuerySet[Product], terms: SearchTerms, *, every_word: bool, loose: bool
) -> QuerySet[Product]:
    queries = [_word_query(word) for word in terms.words]
    per_word = [
        _word_matches(word, query, loose=loose)
        for word, query in zip(terms.words, queries, strict=True)
    ]
    sku = Q(sku__iexact=terms.text)
    return products.filter(reduce(and_ if every_word else or_, per_word) | sku)


def products_ranked(products: QuerySet[Product], terms: SearchTerms) -> QuerySet[Product]:
    return products.annotate(relevance=_relevance(terms))


def _relevance(terms: SearchTerms) -> Expression:
    """Higher is better: an exact SKU, then a name with every word, then ts_rank of the words
    found (names above short descriptions above descriptions), then how much the product's
    names resemble the words and its category's names the query. Computed for every matching
    row, so only when sorting by it."""
    queries = [_word_query(word) for word in terms.words]
    every, some = reduce(and_, queries), reduce(or_, queries)
    names = _text("name")
    return (
        Case(When(Q(sku__iexact=terms.text), then=Value(SKU_BOOST)), default=Value(0.0))
        + Case(
            When(SearchVectorExact(NamesOnly(StoredDocument()), every), then=Value(NAME_BOOST)),
            default=Value(0.0),
        )
        + SearchRank(StoredDocument(), some)
        + reduce(add, [TrigramWordSimilarity(w, names) for w in terms.words])
        / Value(float(len(terms.words)))
        + TrigramWordSimilarity(terms.phrase, _text("category__name")) * Value(CATEGORY_RESEMBLANCE)
    )
