"""What a search that found nothing offers instead of a dead end, in two queries whatever the
size of the catalogue:

- "Did you mean …": each query word found in no name of the categories and products suggested,
  replaced by the closest word of those names (difflib, in Python: "кафа" → "кава", "cofee" →
  "coffee"), so it works on SQLite too;
- categories whose name resembles a query word (from the categories the page already loaded);
- the closest matches: products matching any one word, or (PostgreSQL) whose name or category
  name is loosely similar to the query (one query);
- popular products: most units ordered in the last POPULAR_DAYS (cancelled, expired and
  refunded orders left out), then the newest; the best sellers' tally is cached for an hour.
"""

from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher, get_close_matches

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from shop.catalogue.search import loosely, products_matching, products_ranked
from shop.catalogue.search.terms import SearchTerms, search_terms, stem
from shop.models import Category, OrderLine, Product
from shop.orders.states import RESTOCKING_STATUSES

SUGGESTED_PRODUCTS = 4
# "Popular": the best sellers of this many days, among this many.
POPULAR_DAYS = 30
POPULAR_CANDIDATES = 50
BEST_SELLERS_KEY = "catalogue:best-sellers"
BEST_SELLERS_SECONDS = 60 * 60
BEST_SELLERS_LOCK = BEST_SELLERS_KEY + ":tallying"
BEST_SELLERS_LOCK_SECONDS = 60
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
    popular = products_popular(
        products.exclude(pk__in=[p.pk for p in closest]), count=SUGGESTED_PRODUCTS
    )
    return Suggestions(
        spelling=_respelt(terms, _vocabulary([*categories, *closest, *popular])),
        categories=[c for c in categories if _resembles(terms, c)],
        closest=closest,
        popular=popular,
    )


def best_sellers() -> dict[int, int]:
    """Units ordered per product for the POPULAR_CANDIDATES best sellers of the last
    POPULAR_DAYS. A slow signal, so shared through the cache for an hour: the tally reads the
    period's order lines (0.3 s at a million orders, docs/performance.md "At size"), which no
    search should pay each time."""
    tally: dict[int, int] | None = cache.get(BEST_SELLERS_KEY)
    if tally is None:
        # One request tallies at a time; the others, meanwhile (or while the cache is out),
        # rank by newest only rather than all running the same heavy query.
        if not cache.add(BEST_SELLERS_LOCK, 1, BEST_SELLERS_LOCK_SECONDS):
            return {}
        since = timezone.now() - timedelta(days=POPULAR_DAYS)
        rows = (
            OrderLine.objects.filter(order__created_at__gte=since, product__isnull=False)
            .exclude(order__status__in=RESTOCKING_STATUSES)
            .values("product")
            .annotate(units=Sum("quantity"))
            .order_by("-units", "product")
            .values_list("product", "units")[:POPULAR_CANDIDATES]
        )
        tally = dict(rows)
        cache.set(BEST_SELLERS_KEY, tally, BEST_SELLERS_SECONDS)
        cache.delete(BEST_SELLERS_LOCK)
    return tally


def products_popular(products: QuerySet[Product], *, count: int) -> list[Product]:
    """The first `count` of `products` by units ordered lately, then the newest. Reads only
    the best sellers and the `count` newest besides them (their ids first, from the created_at
    index: as one OR of two sets PostgreSQL read every product), ranked here, so it does not
    grow with the catalogue or the orders."""
    tally = best_sellers()
    newest = products.order_by("-created_at", "-pk").values_list("pk", flat=True)
    ids = {*tally, *newest[: count + len(tally)]}
    return sorted(
        products.filter(pk__in=ids),
        key=lambda p: (-tally.get(p.pk, 0), -p.created_at.timestamp(), -p.pk),
    )[:count]


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
