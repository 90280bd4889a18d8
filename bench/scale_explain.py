"""EXPLAIN (ANALYZE, BUFFERS) of the hot queries at a size (docs/performance.md "At size"):

    DATABASE_URL=postgres://…/smartshop_scale_big .venv/bin/python bench/scale_explain.py

The queries are built by the project's own code (the order admin's queryset and search, the
dashboard's filters, the catalogue's page and search), so the plans are the ones it runs."""

import os
import sys
from contextlib import nullcontext
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartshop.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib import admin
    from django.db import connection
    from django.db.models import Count, F
    from django.test import RequestFactory
    from django.utils import timezone

    from shop.catalogue import search, selectors
    from shop.catalogue.search.terms import search_terms
    from shop.models import Order
    from shop.orders.dashboard import todo_filters
    from shop.orders.search import order_search
    from shop.sitemaps import ProductSitemap

    request = RequestFactory().get("/admin/shop/order/")
    orders = admin.site._registry[Order].get_queryset(request).order_by("-created_at", "-pk")
    sample = Order.objects.get(checkout_token="seed-00005000")  # noqa: S106
    filters = todo_filters()
    any_todo = filters["awaiting_payment"]
    for q in list(filters.values())[1:]:
        any_todo |= q
    size = settings.SHOP_PAGE_SIZE
    last = selectors.product_list().count()
    typo = search_terms("kettel")
    sitemap = ProductSitemap().items()
    since = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    queries = {
        "admin list, newest 100": orders[:100],
        "admin list, status=shipped": orders.filter(status="shipped")[:100],
        "admin list, status=placed": orders.filter(status="placed")[:100],
        "admin list, charge=refund_due": orders.filter(charge_status="refund_due")[:100],
        "admin search, number": order_search(orders, sample.number)[:100],
        "admin search, suffix": order_search(orders, sample.number[-6:])[:100],
        "admin search, e-mail": order_search(orders, sample.email)[:100],
        "dashboard, to-do counts": Order.objects.filter(any_todo)
        .values("currency")
        .annotate(**{name: Count("pk", filter=q) for name, q in filters.items()}),
        "dashboard, cash to record": Order.objects.filter(filters["cash_to_record"]).order_by(
            "-created_at", "-pk"
        )[:5],
        "dashboard, today": Order.objects.filter(
            created_at__gte=since, created_at__lt=since + timedelta(days=1)
        )
        .values("currency")
        .annotate(n=Count("pk")),
        "catalogue, first page": selectors.product_list()[:12],
        "catalogue, last page": selectors.product_list()[last - size : last],
        "search, lamp": selectors.product_list(query="lamp")[:12],
        "search, zephyrine": selectors.product_list(query="zephyrine")[:12],
        # A search that found nothing: its closest products (`shop.catalogue.search.suggestions`).
        "search, kettel: the closest": search.products_ranked(
            search.products_matching(
                selectors.product_visible(), typo, every_word=False, loose=True
            ),
            typo,
        ).order_by(F("relevance").desc(), "-created_at", "-pk")[:4],
        "search, kettel": selectors.product_list(query="kettel")[:12],
    }
    for name, queryset in queries.items():
        print(f"### {name}\n\n```")
        # The closest suggestions' loose similarity threshold, as `suggestions_for` sets it.
        with search.loosely(queryset) if "closest" in name else nullcontext():
            print(queryset.explain(analyze=True, buffers=True))
        print("```\n")
    # The site map index's two aggregates over the visible products (shop/sitemaps.py): the
    # number of products (its pages) and their last modified. The same SQL as Django's.
    visible = str(sitemap.order_by().values("updated_at").query)
    for name, aggregate in (("count", "COUNT(*)"), ("last modified", 'MAX("updated_at")')):
        sql = visible.replace('SELECT "shop_product"."updated_at"', f"SELECT {aggregate}", 1)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"### sitemap index, the products' {name}\n\n```\n{plan}\n```\n")


if __name__ == "__main__":
    main()
