"""What a catalogue search costs PostgreSQL, at the demo's 40 products and at 1,000, read from
EXPLAIN ANALYZE (the fastest of several runs, so other load on the machine counts least).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/search_explain.py

NAME must be a database this script may write to: it migrates it and loads the demo catalogue,
then copies the products 24 times inside a transaction it rolls back. For each query it prints
the execution time, the rows found and the indexes the plan used; `--plan` prints the plans.
docs/search.md quotes its results.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartshop.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Window  # noqa: E402

from shop.catalogue import selectors  # noqa: E402
from shop.catalogue.demo import demo_catalogue_seed  # noqa: E402
from shop.models import Product  # noqa: E402

# QUERIES=кава,cofee measures only those.
QUERIES = [q for q in os.environ.get("QUERIES", "").split(",") if q] or [
    *("", "coffee", "кава", "кавоварка", "cofee", "кафа", "cofee beans", "kit-002"),
]
RUNS = 7
COPIES = 24


def measure(query: str, *, show_plan: bool) -> str:
    products = selectors.product_list(query=query).annotate(_total=Window(Count("pk")))[:12]
    times, plan = [], ""
    for _ in range(RUNS):
        plan = products.explain(analyze=True, timing=False)
        took = re.search(r"Execution Time: ([\d.]+) ms", plan)
        assert took, plan
        times.append(float(took[1]))
    rows = list(products)
    found = rows[0]._total if rows else 0
    indexes = sorted(set(re.findall(r"Index Scan on (\w+)", plan)))
    if show_plan:
        print(plan, end="\n\n")
    return f"| {query or '(none)'} | {found} | {min(times):.1f} | {', '.join(indexes) or '-'} |"


def table(title: str, *, show_plan: bool) -> None:
    print(f"\n{title} ({Product.objects.count()} products)\n")
    print("| query | found | ms | indexes used |\n|---|---|---|---|")
    for query in QUERIES:
        print(measure(query, show_plan=show_plan))


def copies_of(originals: list[Product]) -> list[Product]:
    fields = [f.attname for f in Product._meta.concrete_fields if not f.primary_key]
    made = []
    for n in range(1, COPIES + 1):
        for product in originals:
            values = {name: getattr(product, name) for name in fields}
            values.update(slug=f"{product.slug}--{n}", sku=f"{product.sku}--{n}")
            made.append(Product(**values))
    return made


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Needs PostgreSQL: set DATABASE_URL.")
    show_plan = "--plan" in sys.argv
    call_command("migrate", verbosity=0)
    demo_catalogue_seed()
    with connection.cursor() as cursor:
        cursor.execute("SET jit = off")  # as on a small server: no JIT compilation in the way
    table("The demo catalogue", show_plan=show_plan)
    with transaction.atomic():
        Product.objects.bulk_create(copies_of(list(Product.objects.all())))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE shop_product")
        table("A thousand products", show_plan=show_plan)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
