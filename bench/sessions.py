"""What keeping sessions in PostgreSQL only costs per request, next to reading them through Redis
(`cached_db`), the set-up before docs/edge.md. Needs a migrated PostgreSQL database and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/smartshop REDIS_URL=redis://127.0.0.1:6379/1 \\
        .venv/bin/python bench/sessions.py [--rounds 2000]

For each engine: the session's load alone (what a request with a session cookie does once),
and a whole request for the cart page of a shopper with two products in their cart (Django's
test client in process: no network, no gunicorn), as the median and 90th percentile of
`--rounds` runs (wall time, and this process's CPU time for the page), interleaved so machine
noise hits both alike. Prints a Markdown table.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartshop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.sessions.backends import cached_db, db  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from shop.models import Product  # noqa: E402

ENGINES = {
    "db (PostgreSQL only)": "django.contrib.sessions.backends.db",
    "cached_db (read through Redis)": "django.contrib.sessions.backends.cached_db",
}
STORES = {
    "django.contrib.sessions.backends.db": db,
    "django.contrib.sessions.backends.cached_db": cached_db,
}


def micro(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(len(ordered) * 0.9)]
    return f"{statistics.median(ordered) * 1e6:.0f} µs / {p90 * 1e6:.0f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2000)
    rounds = parser.parse_args().rounds
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        sys.exit("needs DATABASE_URL (PostgreSQL, migrated) and REDIS_URL")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    products = list(Product.objects.filter(is_active=True, stock__gt=0)[:2])
    if len(products) < 2:
        sys.exit("needs two products in stock: manage.py seed_demo")

    shoppers: dict[str, tuple[Client, str]] = {}
    for name, engine in ENGINES.items():
        with override_settings(SESSION_ENGINE=engine):
            client = Client()
            for product in products:
                client.post(f"/cart/add/{product.pk}/", {"quantity": 1})
            shoppers[name] = (client, client.cookies[settings.SESSION_COOKIE_NAME].value)

    loads: dict[str, list[float]] = {name: [] for name in ENGINES}
    pages: dict[str, list[float]] = {name: [] for name in ENGINES}
    cpu: dict[str, list[float]] = {name: [] for name in ENGINES}
    for _ in range(rounds):
        for name, engine in ENGINES.items():
            client, key = shoppers[name]
            with override_settings(SESSION_ENGINE=engine):
                started = time.perf_counter()
                STORES[engine].SessionStore(key).load()
                loads[name].append(time.perf_counter() - started)
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get("/cart/")
                pages[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - started_cpu)
                assert response.status_code == 200
    print(f"{rounds} rounds; median / 90th percentile\n")
    print("| sessions | load one session | whole cart page | its CPU in this process |")
    print("|---|---|---|---|")
    for name in ENGINES:
        print(f"| {name} | {micro(loads[name])} | {micro(pages[name])} | {micro(cpu[name])} |")


if __name__ == "__main__":
    main()
