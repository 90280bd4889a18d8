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

from collections.abc import Iterator
from contextlib import contextmanager
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
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
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


class AnyOf(Func):
    """`value = ANY(ARRAY(subquery))`: the subquery runs first, once, and the planner takes it
    for a few values, so it looks each up by its index. As `value IN (subquery)` it estimates
    the subquery's rows from its parts (thousands for a category's products, where a search
    finds a hundred), and reads every product to join them (60 ms instead of 3 at 100,000)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()


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


def _resembles(word: str, field: str) -> Q:
    """The word is a typo of a word of `field` in some language: pg_trgm's `%>` operator,
    which the products' names' trigram indexes (migration 0009) answer. It compares with the
    transaction's threshold: TYPO_SIMILARITY, or LOOSE_SIMILARITY inside `loose_similarity`."""
    return reduce(or_, (Q(TrigramWordSimilar(F(column), word)) for column in _columns(field)))


def _category_resembles(word: str, *, loose: bool) -> Q:
    """As `_resembles`, for the categories' names (a few dozen rows, read whole)."""
    if loose:
        return Q(GreaterThanOrEqual(TrigramWordSimilarity(word, _text("name")), LOOSE_SIMILARITY))
    return _resembles(word, "name")


@contextmanager
def loose_similarity(using: str) -> Iterator[None]:
    """Inside: `%>` (so `products_matching(..., loose=True)`) compares with LOOSE_SIMILARITY,
    for this transaction only: one query more, where there is no transaction yet (the
    transaction ends with the block, and the setting with it); two in a transaction already
    open, which gets its setting back for its later queries."""
    connection = connections[using]
    if not connection.in_atomic_block:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(SET_THRESHOLD, [str(LOOSE_SIMILARITY)])
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('pg_trgm.word_similarity_threshold'), "
            "set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(LOOSE_SIMILARITY)],
        )
        previous = cursor.fetchone()[0]
        try:
            yield
        finally:
            cursor.execute(SET_THRESHOLD, [previous])


SET_THRESHOLD = "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)"


def _sql(queryset: QuerySet[Product], using: str) -> tuple[str, list]:
    sql, params = queryset.order_by().values("pk").query.get_compiler(using=using).as_sql()
    return f"({sql})", list(params)


def _combined(operator: str, parts: list[tuple[str, list]]) -> tuple[str, list]:
    sql = f" {operator} ".join(part for part, _params in parts)
    return f"({sql})", [param for _part, params in parts for param in params]


def _word_ids(word: str, query: SearchQuery, *, loose: bool, using: str) -> tuple[str, list]:
    """The ids of the products with the word in their document, or a typo of it in their
    name, or in a category with the word (or a typo of it) in its name: each from its own
    index (the document's GIN, the names' trigram GIN, the category's foreign key)."""
    documents = Product.objects.alias(_document=StoredDocument()).filter(_document=query)
    names = Product.objects.filter(_resembles(word, "name"))
    categories = Category.objects.alias(_document=_category_document()).filter(
        Q(_document=query) | _category_resembles(word, loose=loose)
    )
    in_categories = Product.objects.filter(category__in=categories.values("pk"))
    return _combined("UNION", [_sql(qs, using) for qs in (documents, names, in_categories)])


def products_matching(
    products: QuerySet[Product], terms: SearchTerms, *, every_word: bool, loose: bool
) -> QuerySet[Product]:
    """The ids that match are found first, each condition from its index, and put together
    with UNION and INTERSECT; `products` is then filtered by them (its primary key). As one
    OR of conditions, PostgreSQL read every product instead: 74 ms instead of 1 for a word
    that 100 products of 100,000 have (docs/performance.md "At size")."""
    using = products.db
    per_word = [
        _word_ids(word, _word_query(word), loose=loose, using=using) for word in terms.words
    ]
    found = _combined("INTERSECT" if every_word else "UNION", per_word)
    sku = _sql(Product.objects.filter(sku__iexact=terms.text), using)
    # Django's own SQL for each part, its parameters kept apart.
    ids = RawSQL(*_combined("UNION", [found, sku]))  # noqa: S611
    return products.filter(AnyOf(F("pk"), ids))


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
