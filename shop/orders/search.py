"""Finding orders among a million (the admin's order search, docs/performance.md "At size").

Django's admin search would run `number ILIKE '%term%' OR email ILIKE '%term%'`: no index
serves a pattern with a leading wildcard, so every search reads every order. Staff search by
what they have in hand — an order number (read out over the phone, from an e-mail) or the
shopper's e-mail — so the search matches the start of either, case-insensitively:

- a term with "@" is an e-mail: its start, on lower(email) (index order_email_lower);
- any other term is the start of an order number ("SS-2026-7KQ4", or only "7KQ4ZP", its
  suffix) or of an e-mail ("olena.k").

Each branch is a range scan of a btree index: the number's unique index (with the
varchar_pattern_ops index Django adds beside it on PostgreSQL) or `order_email_lower`.
"""

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from shop.models import Order

NUMBER_PREFIX = "SS-"
# How far back a number's suffix alone finds its order.
YEARS = 10
# At most this many orders found by one search (an e-mail's orders, a prefix's), newest first.
MATCHES = 1000


def order_search(queryset: QuerySet[Order], term: str) -> QuerySet[Order]:
    term = term.strip()
    if not term:
        return queryset
    queryset = queryset.alias(email_lower=Lower("email"))
    email = Q(email_lower__startswith=term.lower())
    if "@" in term:
        return _matches(queryset, email)
    number = term.upper()
    numbers = Q(number__startswith=number)
    if not number.startswith(NUMBER_PREFIX):
        # The suffix alone: the year is one of few, so "SS-<year>-<suffix>" for each of the
        # last YEARS is a handful of range scans rather than a scan of every number.
        this_year = timezone.now().year
        for year in range(this_year - YEARS, this_year + 1):
            numbers |= Q(number__startswith=f"{NUMBER_PREFIX}{year}-{number}")
    return _matches(queryset, numbers | email)


def _matches(queryset: QuerySet[Order], condition: Q) -> QuerySet[Order]:
    """The orders matching, found first without their order: asked for the newest 100 matches
    of a LIKE at once, PostgreSQL may walk every order newest first, testing each (seconds at a
    million orders) where the index finds the few matches in a millisecond."""
    ids = list(queryset.filter(condition).order_by().values_list("pk", flat=True)[:MATCHES])
    return queryset.filter(pk__in=ids)
