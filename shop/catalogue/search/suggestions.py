"""What a search that found nothing offers instead of a dead end, in two queries whatever the
size of the catalogue:

- "Did you mean …": each query word found in no name of the categories and products suggested,
  replaced by the closest word of those names (difflib, in Python: "кафа" → "кава", "cofee" →
  "coffee"), so it works on SQLite too;
- categories whose name resembles a query word (from the categories the page already loaded);
- the closest matches: products matching any one word, or (PostgreSQL) whose name or category
  name is loosely similar to the query (one query);
- popular products: most units ordered (cancelled, expired and refunded orders left out), then
  the newest (one query).
"""

from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher, get_close_matches

from django.conf import settings
from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from shop.catalogue.search import loosely, products_matching, products_ranked
from shop.catalogue.search.terms import SearchTerms, search_terms, stem
from shop.models import Category, OrderLine, Product
from shop.orders.states import RESTOCKING_STATUSES

SUGGESTED_PRODUCTS = 4
# "Popular": the best sellers of this many days, among this many.
POPULAR_DAYS = 30
POPULAR_CANDIDATES = 50
# difflib's ratio at which one word is taken for another: "кафа"/"кава" is 0.75,
# "cofee"/"coffee" 0.91, "кафа"/"кабель" 0.4.
CLOSE_WORDS = 0.75


@dataclass(frozen=True)
class Suggestions:
    spelling: str  # a query to try instead; "" when no word looks misspelt
    categories: list[Category]
    closest: list[Product]
    popular: list[Product]


def suggestions_for(
    *, terms: SearchTerms, products: QuerySet[Product], categories: list[Category]
) -> Suggestions:
    """Suggestions for a search that found nothing: `products` are those a shopper may see
    (the whole shop, not just the category searched), `categories` those already loaded."""
    matching = products_matching(products, terms, every_word=False, loose=True)
    with loosely(products):
        closest = list(
            products_ranked(matching, terms).order_by(F("relevance").desc(), "-created_at", "-pk")[
                :SUGGESTED_PRODUCTS
            ]
        )
    popular = list(
        products_popular(products.exclude(pk__in=[p.pk for p in closest]))[:SUGGESTED_PRODUCTS]
    )
    return Suggestions(
        spelling=_respelt(terms, _vocabulary([*categories, *closest, *popular])),
        categories=[c for c in categories if _resembles(terms, c)],
        closest=closest,
        popular=popular,
    )


def products_popular(products: QuerySet[Product]) -> QuerySet[Product]:
    """`products`, the most ordered in the last POPULAR_DAYS first, then the newest.

    Only the POPULAR_CANDIDATES best sellers of the period get their units summed: summing
    every product's order lines took 47 s at 100,000 products and a million orders
    (docs/performance.md "At size"); the period's lines are found through the orders'
    created_at index."""
    since = timezone.now() - timedelta(days=POPULAR_DAYS)
    lines = OrderLine.objects.filter(order__created_at__gte=since).exclude(
        order__status__in=RESTOCKING_STATUSES
    )
    best = (
        lines.filter(product__isnull=False)
        .values("product")
        .annotate(units=Sum("quantity"))
        .order_by("-units", "product")
        .values_list("product", flat=True)[:POPULAR_CANDIDATES]
    )
    sold = (
        lines.filter(product=OuterRef("pk"))
        .values("product")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    return products.annotate(
        sold=Case(
            When(pk__in=best, then=Coalesce(Subquery(sold, output_field=IntegerField()), 0)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-sold", "-created_at", "-pk")


def _names(obj: Category | Product) -> list[str]:
    return [getattr(obj, f"name_{code}") or "" for code, _name in settings.LANGUAGES]


def _words(text: str) -> tuple[str, ...]:
    return search_terms(text).words


def _vocabulary(objects: list) -> set[str]:
    return {word for obj in objects for name in _names(obj) for word in _words(name)}


def _known(word: str, vocabulary: set[str]) -> bool:
    part = stem(word)
    return any(known.startswith(part) for known in vocabulary)


def _respelt(terms: SearchTerms, vocabulary: set[str]) -> str:
    respelt = [
        word
        if _known(word, vocabulary)
        else next(iter(get_close_matches(word, vocabulary, n=1, cutoff=CLOSE_WORDS)), word)
        for word in terms.words
    ]
    return " ".join(respelt) if respelt != list(terms.words) else ""


def _alike(word: str, known: str) -> bool:
    return known.startswith(stem(word)) or SequenceMatcher(None, word, known).ratio() >= CLOSE_WORDS


def _resembles(terms: SearchTerms, category: Category) -> bool:
    words = {w for name in _names(category) for w in _words(name)}
    return any(_alike(word, known) for word in terms.words for known in words)
