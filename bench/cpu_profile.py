"""Where a page's CPU goes: requests through Django's real WSGI handler in this process, with
the process's CPU time per request and, with --cprofile, the functions that spent it.

    .venv/bin/python bench/cpu_profile.py --pages product,cart --mode ours-0.0 [--cprofile 30]

The load benchmark (bench/run.py) says what a page costs under gunicorn; this says why, in
seconds rather than minutes, so a change can be tried and measured at once. Same settings
as the benchmark (bench/settings.py, production, DEBUG off) on a PostgreSQL database with the
demo catalogue (created once: --db, kept between runs). Sentry modes as in bench/run.py; the
SDK sends to the cheap ingest stand-in (bench/ingest.py). The WSGI handler is the one
gunicorn calls (Sentry's Django integration wraps exactly it), so what the SDK adds per
request is in the figure, including its transport thread (process CPU counts every thread).
"""

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest import IngestProcess  # noqa: E402
from bench.pages import CART_PRODUCT_IDS, PAGES, Page  # noqa: E402
from bench.run import MODES  # noqa: E402

PYTHON = sys.executable


def database_ready(name: str) -> str:
    """A PostgreSQL database with the demo catalogue; made on first use."""
    url = f"postgres://postgres@127.0.0.1:5432/{name}"
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        for command in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run(
                [PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    return url


class Browser:
    """A browser behind Render's HTTPS proxy, calling the WSGI application directly."""

    def __init__(self, app) -> None:
        self.app = app
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        body = b""
        if method == "POST":
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(form or {})}
            body = urlencode(form).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_ORIGIN": "https://127.0.0.1",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        answer: dict = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = int(status.split()[0]), headers

        result = self.app(environ, start_response)
        for _chunk in result:
            pass
        if hasattr(result, "close"):
            result.close()
        location = ""
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                cookie = SimpleCookie(value)
                self.cookies |= {k: m.value for k, m in cookie.items()}
            elif name.lower() == "location":
                location = value
        return answer["status"], location

    def check(self, page: Page) -> None:
        status, location = self.request(page.method, page.path, page.form)
        if status != page.status or location != page.location:
            raise SystemExit(f"{page.name}: {status} → {location!r}, expected {page.status}")


def shopper(app) -> Browser:
    browser = Browser(app)
    browser.request("GET", "/accounts/login/")
    for product_id in CART_PRODUCT_IDS:
        assert browser.request("POST", f"/cart/add/{product_id}/", {"quantity": "1"})[0] == 302
    for page in PAGES:
        if page.shopper:
            browser.check(page)
    return browser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="bare,catalogue,product,cart,details,review")
    parser.add_argument("--mode", default="off", choices=[m.key for m in MODES])
    parser.add_argument("-n", type=int, default=400, help="requests measured per page")
    parser.add_argument(
        "--cprofile",
        type=int,
        default=0,
        metavar="N",
        help="print the N costliest functions (cumulative and own time)",
    )
    parser.add_argument("--db", default="smartshop_profile")
    args = parser.parse_args()

    mode = next(m for m in MODES if m.key == args.mode)
    ingest = IngestProcess() if mode.rate is not None else None
    os.environ["DATABASE_URL"] = database_ready(args.db)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["SECRET_KEY"] = os.environ.get("SECRET_KEY") or "profile-" + "x" * 50
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    # Production settings, as gunicorn runs them: DEBUG's default is on off Render, and with it
    # every query is recorded and every Jinja2 template checked on disk per use.
    os.environ["DEBUG"] = "false"
    if ingest is not None:
        os.environ.update(mode.env(ingest.dsn))
    try:
        import django
        from django.core.wsgi import get_wsgi_application

        django.setup(set_prefix=False)
        app = get_wsgi_application()
        browser = shopper(app)
        visitor = Browser(app)
        for key in args.pages.split(","):
            page = next(p for p in PAGES if p.key == key)
            client = browser if page.shopper else visitor
            for _ in range(max(args.n // 10, 20)):  # warm-up: caches, connections
                client.check(page)
            profiler = cProfile.Profile() if args.cprofile else None
            started = time.process_time()
            if profiler:
                profiler.enable()
            for _ in range(args.n):
                client.request(page.method, page.path, page.form)
            if profiler:
                profiler.disable()
            spent = (time.process_time() - started) * 1000 / args.n
            print(f"{mode.key:10} {page.name:24} {spent:7.3f} ms CPU/request")
            if profiler:
                for order in ("cumulative", "tottime"):
                    stats = pstats.Stats(profiler).strip_dirs().sort_stats(order)
                    stats.print_stats(args.cprofile)
    finally:
        if ingest is not None:
            ingest.stop()


if __name__ == "__main__":
    main()
