"""Pages of a big table without counting it (docs/performance.md, "At size").

Django's paginator asks `COUNT(*)` of the list it pages: at a million orders that reads every
row (or every entry of an index) on every page of the admin's list, hundreds of milliseconds.
EstimatedCountPaginator asks PostgreSQL's planner instead (`EXPLAIN`, whose row estimate for an
unfiltered table is pg_class.reltuples, kept by ANALYZE and autovacuum) and counts exactly only
when the estimate is small enough for a count to be cheap, so a filter or search that finds a
few hundred orders shows their exact number. On other databases it counts, as Django does.
"""

import json
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Model, QuerySet

# Below this estimate the list is counted exactly: counting that many rows takes a few ms.
EXACT_BELOW = 20_000


def estimated_count(queryset: QuerySet[Model]) -> int | None:
    """The planner's estimate of the rows `queryset` returns, or None off PostgreSQL."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # filtered by an empty list: nothing to ask
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """A paginator whose count is the planner's estimate when that is EXACT_BELOW or more."""

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            estimate = estimated_count(object_list)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count
