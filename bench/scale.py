"""The shop at two sizes, side by side (docs/performance.md, "At size"):

    make bench BENCH_ARGS=--at-size   # = .venv/bin/python bench/run.py --at-size; see --help

Each --size NAME=DATABASE_URL is a database filled by `manage.py seed_scale` (by default
smartshop_scale: 1,000 products / 10,000 orders, and smartshop_scale_big: 100,000 / 1,000,000).
For each size a fresh process with production settings (DEBUG off) requests every page
through Django's test client, in-process, so what is timed is the server's work only: the
whole middleware stack, views, templates and PostgreSQL, no network and no HTTP server. The
shopper pages are requested by a shopper with a cart (a session: the whole-page caches for
first-time visitors are not what is measured), the admin pages by a superuser with two
factors. The catalogue, category, search and product pages are measured twice: as they are
served (their results cached per catalogue revision), and "cache cold", the cache emptied
before each request, which is the database's and the templates' whole work.
Per page: p50 and p95 of --requests timed requests after two warm-ups, the CPU time
of the process per request, the queries of one request and the peak Python memory
(tracemalloc) of one request. Writes bench/results/scale.json and prints the table.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
DEFAULT_SIZES = [
    "1k=postgres://postgres@127.0.0.1:5432/smartshop_scale",
    "100k=postgres://postgres@127.0.0.1:5432/smartshop_scale_big",
]
# Pages also measured with the caches emptied before each request.
COLD = ("catalogue", "category", "search", "product")


def pages(products_count: int) -> list[tuple[str, str, str, dict, int]]:
    """(name, method, path, form, expected status) of every page measured."""
    from django.conf import settings
    from django.urls import reverse

    from shop.models import Order, Product

    size = settings.SHOP_PAGE_SIZE
    last = max(1, -(-products_count // size))
    order = Order.objects.filter(checkout_token="seed-00005000").first()  # noqa: S106
    number, email = (order.number, order.email) if order else ("SS-0000-NONE", "none@x")
    product = Product.objects.get(sku="SC-0000500").slug
    dashboard = reverse("admin:shop_order_dashboard")
    changelist = reverse("admin:shop_order_changelist")
    return [
        ("catalogue", "GET", "/", {}, 200),
        ("catalogue p.40", "GET", "/?page=40", {}, 200),
        ("catalogue last page", "GET", f"/?page={last}", {}, 200),
        ("category", "GET", "/category/scale-lighting/", {}, 200),
        ("search common (lamp)", "GET", "/?q=lamp", {}, 200),
        ("search rare (zephyrine)", "GET", "/?q=zephyrine", {}, 200),
        ("search typo (kettel)", "GET", "/?q=kettel", {}, 200),
        ("product", "GET", f"/products/{product}/", {}, 200),
        ("cart", "GET", "/cart/", {}, 200),
        ("checkout details GET", "GET", "/checkout/", {}, 200),
        ("checkout delivery GET", "GET", "/checkout/delivery/", {}, 200),
        ("checkout review GET", "GET", "/checkout/review/", {}, 200),
        ("admin orders", "GET", changelist, {}, 200),
        ("admin orders page 50", "GET", f"{changelist}?p=50", {}, 200),
        ("admin status=shipped", "GET", f"{changelist}?status__exact=shipped", {}, 200),
        ("admin status=placed", "GET", f"{changelist}?status__exact=placed", {}, 200),
        (
            "admin charge=refund_due",
            "GET",
            f"{changelist}?charge_status__exact=refund_due",
            {},
            200,
        ),
        ("admin payment=cod", "GET", f"{changelist}?payment_method=cod", {}, 200),
        ("admin search number", "GET", f"{changelist}?q={number}", {}, 200),
        ("admin search suffix", "GET", f"{changelist}?q={number[-6:]}", {}, 200),
        ("admin search e-mail", "GET", f"{changelist}?q={email}", {}, 200),
        ("admin dashboard", "GET", dashboard, {}, 200),
        ("sitemap index", "GET", "/sitemap.xml", {}, 200),
        ("sitemap products p.1", "GET", "/sitemap-products.xml", {}, 200),
        ("feed", "GET", "/blog/feed/rss/", {}, 200),
    ]


def worker(requests: int) -> dict:
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from shop.models import Order, Product
    from tests.support.two_factor import otp_login

    cache.clear()
    products_count = Product.objects.filter(is_active=True, category__is_active=True).count()
    shopper = Client()
    for sku in ("SC-0000010", "SC-0000020", "SC-0000030"):
        product = Product.objects.get(sku=sku)
        shopper.post(f"/cart/add/{product.pk}/", {"quantity": "1"}, secure=True)
    details = {
        "email": "bench@example.com",
        "full_name": "Bench Shopper",
        "phone": "+380 44 123 4567",
        "address_line1": "1 Load St",
        "address_line2": "",
        "city": "Kyiv",
        "postcode": "01001",
        "country": "UA",  # an ISO code: checkout offers a choice
    }
    shopper.post("/checkout/", details, secure=True)
    shopper.post("/checkout/delivery/", {"method": "standard"}, secure=True)
    staff = Client()
    user, _ = User.objects.get_or_create(
        email="bench-scale@example.com", defaults={"is_staff": True, "is_superuser": True}
    )
    otp_login(staff, user)
    out: dict = {
        "products": Product.objects.count(),
        "orders": Order.objects.count(),
        "pages": {},
    }
    measured = []
    for name, method, path, form, status in pages(products_count):
        measured.append((name, method, path, form, status, False))
        if name.startswith(COLD):
            measured.append((f"{name}, cache cold", method, path, form, status, True))
    for name, method, path, form, status, cold in measured:
        client = staff if name.startswith("admin") else shopper
        send = client.get if method == "GET" else client.post
        for _ in range(2):
            response = send(path, form, secure=True)
            if response.status_code != status:
                raise SystemExit(f"{name}: {path} answered {response.status_code}")
        walls, cpus = [], []
        for _ in range(requests):
            if cold:  # the catalogue's and product's caches emptied: the database's work
                cache.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            send(path, form, secure=True)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        executed: list[str] = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        if cold:
            cache.clear()
        with connection.execute_wrapper(count):
            send(path, form, secure=True)
        if cold:
            cache.clear()
        tracemalloc.start()
        send(path, form, secure=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        walls.sort()
        out["pages"][name] = {
            "p50": statistics.median(walls),
            "p95": walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))],
            "cpu": statistics.mean(cpus),
            "queries": len(executed),
            "peak_kb": peak / 1024,
            "path": path,
        }
        print(f"  {name}: p95 {out['pages'][name]['p95']:.1f} ms", file=sys.stderr)
    return out


def table(results: dict[str, dict]) -> str:
    sizes = list(results)
    head = "| page | " + " | ".join(
        f"{s} p50 / p95 ms | {s} CPU ms | {s} queries | {s} peak KB" for s in sizes
    )
    if len(sizes) == 2:
        head += " | p95 ratio | CPU ratio"
    lines = [head + " |", "|" + "---|" * (1 + 4 * len(sizes) + 2 * (len(sizes) == 2))]
    for name in results[sizes[0]]["pages"]:
        cells = []
        for s in sizes:
            p = results[s]["pages"][name]
            cells += [
                f"{p['p50']:.1f} / {p['p95']:.1f}",
                f"{p['cpu']:.1f}",
                str(p["queries"]),
                f"{p['peak_kb']:.0f}",
            ]
        if len(sizes) == 2:  # the CPU ratio: what the machine's other work hardly moves
            for metric in ("p95", "cpu"):
                a, b = (results[s]["pages"][name][metric] for s in sizes)
                cells.append(f"{b / a:.2f}×")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    sizes_line = ", ".join(
        f"{s}: {r['products']:,} products, {r['orders']:,} orders" for s, r in results.items()
    )
    return sizes_line + "\n\n" + "\n".join(lines)


def at_size(sizes: list[str], requests: int) -> dict:
    """Measure every page at each size (NAME=DATABASE_URL), each in a fresh process; writes
    bench/results/scale.json and returns {"setup": …, "sizes": {NAME: …}}."""
    setup = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "requests": requests,
    }
    results = {}
    for spec in sizes:
        name, url = spec.split("=", 1)
        print(f"{name}: {url}", file=sys.stderr)
        env = os.environ | {
            "DATABASE_URL": url,
            "DEBUG": "false",
            "SECRET_KEY": "bench-scale-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SENTRY_DSN": "",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        done = subprocess.run(
            [sys.executable, __file__, "--worker", "--requests", str(requests)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    setup["load_average_after"] = os.getloadavg()
    out = {"setup": setup, "sizes": results}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(out, indent=2))
    return out


def render(out: dict) -> str:
    """The Markdown of one at-size run: what was run where, then the table."""
    s = out["setup"]
    load = ", ".join(f"{v:.2f}" for v in s["load_average"])
    after = ", ".join(f"{v:.2f}" for v in s["load_average_after"])
    return (
        f"One run of `bench/run.py --at-size` on {s['date']} at commit {s['commit']}: "
        f"{s['cpus']} CPUs (load average {load} at the start, {after} at the end), "
        f"{s['requests']} timed requests per page after two warm-ups.\n\n"
        + table(out["sizes"])
        + "\n"
    )


if __name__ == "__main__":  # the worker of one size, started by at_size()
    parser = argparse.ArgumentParser(description="bench/run.py --at-size's worker")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--worker", action="store_true")
    print(json.dumps(worker(parser.parse_args().requests)))
