"""Production smoke test: the Render web service, run for real on this machine.

    .venv/bin/python scripts/smoke_production.py

What Render does, in order, with the commands read from render.yaml (so they cannot drift):
build (pip install, collectstatic), preDeploy (migrate), start (gunicorn -c gunicorn.conf.py),
plus `seed_demo` so the catalogue has products. Production settings throughout: DEBUG off, a
fresh SECRET_KEY, PostgreSQL (a new database, smartshop_smoke), Sentry on and pointed at a
local receiver. Then it checks, over HTTP, what a shopper and Render would see, that
`check --deploy` is silent and that gunicorn stops cleanly on SIGTERM.

Prints one line per check and exits 1 if any failed. Leaves no process behind.
Environment: SMOKE_POSTGRES (server URL, default postgres://postgres@127.0.0.1:5432),
SMOKE_DATABASE (default smartshop_smoke).
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
POSTGRES = os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = os.environ.get("SMOKE_DATABASE", "smartshop_smoke")
HOST = "127.0.0.1"
SECRET_IN_URL = "smoke-secret-token-7Qx"
CARD_NUMBER = "4000056655665556"  # a test card (Luhn-valid)
CARD_QUERIES = ["visa+4000056655665556", "4000%200566%205566%205556", "card_4000056655665556"]
RESET_TOKEN = "c9x2ab-0f4e1d2c3b4a5e6f7a8b9c0d1e2f3a4b"

failures: list[str] = []


def check(ok: bool, what: str, detail: str = "") -> bool:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}" + (f" — {detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)
    return ok


def section(title: str) -> None:
    print(f"\n--- {title}", flush=True)


def web_service(blueprint: dict) -> dict:
    [web] = [s for s in blueprint["services"] if s["type"] == "web"]
    return web


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(command: str, env: dict, what: str) -> bool:
    """A shell command as Render runs it; its output is shown only when it fails."""
    result = subprocess.run(  # noqa: S602 — our own render.yaml's commands
        command,
        shell=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    ok = check(result.returncode == 0, f"{what}: `{command}`", f"exit {result.returncode}")
    if not ok:
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n")
    return ok


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{POSTGRES}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        timeout=60,
        env=os.environ | {"PGOPTIONS": "-c client_min_messages=warning"},
    )


class Receiver:
    """Stands in for Sentry: accepts anything with 200, counts the requests."""

    def __init__(self) -> None:
        receiver = self
        self.requests = 0

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests += 1
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def get(
    port: int,
    path: str,
    *,
    https: bool = True,
    host: str = HOST,
    headers=None,
    method: str = "GET",
    body: bytes | None = None,
):
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
    sent = {"Host": f"{host}:{port}"} | ({"X-Forwarded-Proto": "https"} if https else {})
    try:
        connection.request(method, path, body=body, headers=sent | (headers or {}))
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def password_reset(port: int, email: str) -> int:
    """Ask for a reset link as a browser would (CSRF cookie and token); return the status."""
    _, headers, body = get(port, "/accounts/password-reset/")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not (cookie and token):
        return 0
    form = f"csrfmiddlewaretoken={token.group(1).decode()}&email={email}".encode()
    status, _, _ = get(
        port,
        "/accounts/password-reset/",
        method="POST",
        body=form,
        headers={
            "Cookie": f"csrftoken={cookie.group(1)}",
            "Referer": f"https://{HOST}:{port}/accounts/password-reset/",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    return status


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if get(port, "/healthz")[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def inline_code(html: str) -> list[str]:
    """Inline scripts (other than JSON data blocks), <style> blocks and style="" attributes."""
    found = re.findall(r"<style\b|\sstyle\s*=", html, re.I)
    for attrs in re.findall(r"<script\b([^>]*)>", html, re.I):
        if "src=" not in attrs and "application/ld+json" not in attrs:
            found.append(f"<script{attrs}>")
    return found


def check_site(port: int, web: dict) -> None:
    section("Render's health check (plain HTTP, internal Host, no X-Forwarded-Proto)")
    status, _, body = get(port, web["healthCheckPath"], https=False, host="10.0.0.7")
    check(status == 200, f"GET {web['healthCheckPath']} → 200", f"got {status}")
    check(json.loads(body or b"{}").get("database") == "ok", "it reports the database ok")

    section("HTTPS")
    status, headers, _ = get(port, "/", https=False)
    check(
        status == 301 and headers.get("location", "").startswith("https://"),
        "plain http:// is redirected to https://",
        f"got {status} {headers.get('location')}",
    )

    section("Pages (X-Forwarded-Proto: https, as Render's proxy sends)")
    status, headers, body = get(port, "/")
    html = body.decode()
    check(status == 200, "GET / (catalogue) → 200", f"got {status}")
    products = re.findall(r'href="(/products/[^"/]+/)"', html)
    check(bool(products), "the catalogue lists products (seed_demo)")
    # Production offers no demo gateway (it takes no money), so no page says "demo shop".
    check('data-testid="demo-banner"' not in html, "no demo-payments banner (demo gateway off)")
    csp = headers.get("content-security-policy", "")
    script_src = next((d for d in csp.split(";") if d.strip().startswith("script-src")), "")
    check("'self'" in script_src, "Content-Security-Policy has script-src 'self'", csp)
    check("unsafe-inline" not in csp, "the policy allows no 'unsafe-inline'", csp)
    check(
        "report-uri http://" in csp and "/api/1/security/?sentry_key=smoke" in csp,
        "CSP violations are reported to Sentry's security endpoint",
        csp,
    )
    hsts = headers.get("strict-transport-security", "")
    check("max-age=31536000" in hsts and "includeSubDomains" in hsts, "HSTS header", hsts)
    check(headers.get("x-frame-options") == "DENY", "X-Frame-Options: DENY")
    check(headers.get("x-content-type-options") == "nosniff", "X-Content-Type-Options: nosniff")
    check(headers.get("referrer-policy") == "same-origin", "Referrer-Policy: same-origin")

    pages = [("/", html)]
    if products:
        status, _, body = get(port, products[0])
        check(status == 200, f"GET {products[0]} (product page) → 200", f"got {status}")
        pages.append((products[0], body.decode()))
    status, _, body = get(port, "/blog/")
    check(status == 200, "GET /blog/ → 200", f"got {status}")
    pages.append(("/blog/", body.decode()))
    for path, page in pages:
        found = inline_code(page)
        check(
            not found,
            f"{path} has no inline script or style (the CSP would block it)",
            ", ".join(found),
        )

    section("Static files (whitenoise, after collectstatic)")
    match = re.search(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    check(bool(match), "the page links a hashed stylesheet /static/css/site.<hash>.css")
    if match:
        status, headers, _ = get(port, match.group(1), headers={"Accept-Encoding": "gzip, br"})
        check(status == 200, f"GET {match.group(1)} → 200", f"got {status}")
        encoding = headers.get("content-encoding")
        check(encoding in ("br", "gzip"), "served compressed", f"Content-Encoding: {encoding}")
        cache = headers.get("cache-control", "")
        check("immutable" in cache, "cached for ever (hashed name)", f"Cache-Control: {cache}")

    # A password-reset link with a query token: served (or refused), and never logged in full.
    get(port, f"/accounts/reset/MQ/{RESET_TOKEN}/?token={SECRET_IN_URL}")
    # A shopper who pastes a card number into the search box, however the URL encodes it.
    for query in CARD_QUERIES:
        get(port, f"/?q={query}")

    section("Search, on the migrated database (stored search document, pg_trgm)")
    for query, what in [
        ("%D0%BA%D0%B0%D0%B2%D0%B0", "a Ukrainian word (кава)"),
        ("coffee", "a category's name (Coffee & Tea)"),
        ("cofee", "a typo (cofee)"),
    ]:
        status, _, body = get(port, f"/?q={query}")
        count = re.search(r'data-testid="result-count">\s*(\d+)', body.decode())
        results = int(count[1]) if count else 0
        check(status == 200 and results > 0, f"/?q={query}: {what} finds products", f"{status}")
    status = get(port, "/?q=%27%22%5C%20%26%20%7C%20%21%20%3A%2A%20%3C-%3E")[0]
    check(status == 200, "a query of quotes and tsquery operators → 200", f"got {status}")

    section("Hostile input: a clear 4xx, never a 500 (PostgreSQL refuses NUL bytes)")
    for method, path, expected in [
        ("GET", "/?q=%00", 400),
        ("GET", "/orders/SS-2026-%00/", 400),
        ("GET", "/pay/demo/%00/", 400),
        ("GET", "/?q=%FF", 400),
        ("PUT", "/", 405),
        ("TRACE", "/", 405),
        ("POST", "/blog/feed/rss/", 405),
    ]:
        status = get(port, path, method=method)[0]
        check(status == expected, f"{method} {path} → {expected}", f"got {status}")

    section("E-mail without EMAIL_URL: not sent, and not printed to the log")
    status = password_reset(port, "admin@smartshop.local")
    check(status == 302, "a password reset for the demo admin is accepted", f"got {status}")


def main() -> int:
    # Stopped from outside (CI timeout, Ctrl-C): still run the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    blueprint = yaml.safe_load((ROOT / "render.yaml").read_text())
    web = web_service(blueprint)
    port = free_port()
    receiver = Receiver()
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
    env |= {
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "SENTRY_DSN": f"http://smoke@{HOST}:{receiver.port}/1",
        "SENTRY_ENVIRONMENT": "smoke",
        "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
        # A shop in trade publishes its seller (set in Render's dashboard; docs/legal.md).
        "SHOP_SELLER_NAME": "ФОП Петренко Олена Іванівна",
        "SHOP_SELLER_CODE": "1234567890",
        "SHOP_SELLER_ADDRESS": "вул. Хрещатик, 22, м. Київ, 01001",
    }
    staticfiles = ROOT / "staticfiles"
    had_staticfiles = staticfiles.exists()
    log = tempfile.NamedTemporaryFile(prefix="smoke-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    server = None
    completed = False
    print(f"Smoke test of render.yaml's web service on {HOST}:{port}, database {DATABASE}")
    try:
        section("Fresh PostgreSQL database")
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        psql(f"CREATE DATABASE {DATABASE}")
        check(True, f"created {DATABASE}")

        section("Render's steps, from render.yaml")
        if not (
            run(web["buildCommand"], env, "build")
            and run(web["preDeployCommand"], env, "pre-deploy")
            and run("python manage.py seed_demo", env, "demo data")
        ):
            return 1
        run("python manage.py check --deploy --fail-level WARNING", env, "no deploy warnings")

        section(f"Start: `{web['startCommand']}`")
        server = subprocess.Popen(
            web["startCommand"].split(),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        if not check(wait_until_up(port, server), "gunicorn answers within 30 s"):
            return 1
        check_site(port, web)

        section("Shutdown")
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            code = None
        took = time.monotonic() - started
        check(
            code == 0 and took < 10,
            f"SIGTERM stops gunicorn cleanly: exit 0 within 10 s (took {took:.1f} s)",
            f"exit {code}",
        )

        section("Access log")
        text = Path(log.name).read_text(errors="replace")
        check('"GET / HTTP/1.1" 200' in text, "one line per request on stdout")
        check(
            SECRET_IN_URL not in text and RESET_TOKEN not in text and "[Filtered]" in text,
            "reset tokens and ?token= values are scrubbed from it",
        )
        digits = re.sub(r"%20|[ +_-]", "", text)
        check(
            CARD_NUMBER not in digits and "q=visa+[Filtered]" in text,
            "card numbers in a query string (after +, %20, _) are scrubbed from it",
        )
        check(
            "not sent: EMAIL_URL unset" in text,
            "the unsent reset e-mail is logged as one line naming EMAIL_URL",
        )
        check(
            "Reset your SmartShop AI password" not in text and "choose a new password" not in text,
            "the e-mail itself (subject, body, reset link) is not in the log",
        )
        completed = True
        return 1 if failures else 0
    except Exception as error:  # a broken step is a failed check, never a traceback only
        check(False, "smoke test ran to the end", repr(error))
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the clean-up finish
        if server is not None and server.poll() is None:
            # Same process group as this script, so a CI that kills the group kills it too.
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()  # its workers notice the lost parent and exit
                server.wait()
        receiver.stop()
        if failures and server is not None:
            print("\n--- gunicorn output (last 60 lines)")
            print("\n".join(Path(log.name).read_text(errors="replace").splitlines()[-60:]))
        Path(log.name).unlink(missing_ok=True)
        if not had_staticfiles:
            shutil.rmtree(staticfiles, ignore_errors=True)
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        if failures:
            print(f"\n{len(failures)} check(s) failed.")
        else:
            print("\nSmoke test passed." if completed else "\nSmoke test stopped before the end.")


if __name__ == "__main__":
    sys.exit(main())
