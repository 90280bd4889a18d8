"""Scale-out proof: the shop as Render runs it with two web instances, on this machine.

    make cluster          (or .venv/bin/python scripts/cluster.py)

Two gunicorn instances of the production settings (render.yaml's start command, DEBUG off)
behind HAProxy (Debian's package: round robin, health checks on /healthz, X-Forwarded-For,
`option redispatch` and `retry-on`), so TRUSTED_PROXY_COUNT=1. They share one PostgreSQL
database, one Redis (Render's Key Value), one S3 server (moto, in this process) and two
`manage.py db_worker` processes, which send e-mail to a local SMTP sink. Each instance has a
MEDIA_ROOT of its own, as each Render instance has its own disk: nothing may depend on it.

Shows, through the load balancer, with requests alternating between the instances:
session, cart, log-in and checkout continuing; rate limits and log-in lock-outs counted once
for the cluster; a price change made through one instance on the other's cached pages at once;
a picture uploaded through one instance linked and served from the bucket by the other, also
after both restart; a rolling restart under a steady checkout load (failed requests, lost or
duplicate orders, confirmation e-mails); and SIGTERM while Sentry's ingest hangs or refuses.
Prints one line per check and the measured numbers; exits 1 if any check failed. Leaves no
process behind. HAProxy runs in the foreground with a generated config on free ports.

Environment: SMOKE_POSTGRES (server URL, as for smoke_production.py), CLUSTER_DATABASE (default
smartshop_cluster), CLUSTER_REDIS_URL (default redis://127.0.0.1:6379/14; emptied first),
CLUSTER_SHOPPERS (concurrent shoppers during the rolling restart, default 3).
"""

import contextlib
import html.parser
import importlib
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
import redis
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import smoke_production as smoke  # noqa: E402 (the same helpers, not copies)
from scripts.smoke_production import check, free_port, psql, run, section  # noqa: E402
from tests.support.s3_server import S3Server  # noqa: E402
from tests.support.smtp_sink import SmtpSink  # noqa: E402

DATABASE = os.environ.get("CLUSTER_DATABASE", "smartshop_cluster")
DATABASE_URL = f"{smoke.POSTGRES}/{DATABASE}"
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/14")
SHOPPERS = int(os.environ.get("CLUSTER_SHOPPERS", "3"))
HOST = smoke.HOST
ADMIN_EMAIL = "admin@cluster.local"
SHOPPER_EMAIL = "olena@cluster.local"
PASSWORD = secrets.token_urlsafe(12)
ADDRESS = {
    "full_name": "Olena Petrenko",
    "phone": "+380 44 123 4567",
    "address_line1": "1 Khreshchatyk St",
    "address_line2": "",
    "city": "Kyiv",
    "postcode": "01001",
    "country": "UA",  # an ISO code: checkout offers a choice of countries
}
# Sentry's ingest must be quick to give up: a worker stopping while it hangs may take this long.
SIGTERM_LIMIT = 5.0


# --- the parts ------------------------------------------------------------------------------


class Instance:
    """One Render web instance: render.yaml's start command with its own port and disk."""

    def __init__(self, name: str, env: dict, start: str) -> None:
        self.name, self.start_command = name, start
        self.port = free_port()
        self.media = Path(tempfile.mkdtemp(prefix=f"cluster-media-{name}-"))
        self.env = env | {"PORT": str(self.port), "MEDIA_ROOT": str(self.media)}
        self.log = tempfile.NamedTemporaryFile(prefix=f"cluster-{name}-", suffix=".log")  # noqa: SIM115
        self.process: subprocess.Popen | None = None

    def launch(self) -> None:
        self.process = subprocess.Popen(
            self.start_command.split(),
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def up(self) -> bool:
        """Whether it answers /healthz within 90 s of its launch."""
        return self.process is not None and smoke.wait_until_up(self.port, self.process, 90)

    def start(self) -> bool:
        self.launch()
        return self.up()

    def stop(self, timeout: float = 40) -> tuple[float, int | None]:
        """SIGTERM, as Render sends on a deploy; (seconds until gunicorn exited, exit code)."""
        if self.process is None:
            return 0.0, 0
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = None
        return time.monotonic() - started, code

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.media, ignore_errors=True)

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")


class Balancer:
    """HAProxy in the foreground (-db) with a generated configuration, as Render's own load
    balancer: round robin over the instances that pass /healthz, X-Forwarded-For appended,
    X-Forwarded-Proto https set (TLS ends here on Render), and a request that found an
    instance gone (refused, or closed without an answer) sent to the other one."""

    def __init__(self, instances: list[Instance]) -> None:
        self.port = free_port()
        servers = "\n".join(f"    server {i.name} {HOST}:{i.port}" for i in instances)
        # Should the checks take every instance out at once (a machine too busy to answer in
        # time), HAProxy still tries them, retries included, instead of answering 503 itself.
        servers += "".join(
            f"\n    server {i.name}-last-resort {HOST}:{i.port} backup no-check" for i in instances
        )
        config = f"""
global
    maxconn 512
    log stderr format raw local0 info
defaults
    mode http
    log global
    option httplog
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    timeout http-request 10s
    timeout check 3s
    option forwardfor
    # The whole request is read before an instance is chosen, so it can be sent again.
    option http-buffer-request
    # A request that found an instance gone (refused, or closed without an answer) goes to
    # another one: up to 10 tries, each to the next instance.
    retries 10
    option redispatch 1
    retry-on conn-failure empty-response 503
frontend shop
    bind {HOST}:{self.port}
    http-request set-header X-Forwarded-Proto https
    default_backend web
backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz
    http-check expect status 200
    # Health checks every 500 ms; three failed in a row take an instance out (3 s to answer
    # each: a busy instance is not a dead one). A connection refused by real traffic takes it
    # out at once.
    default-server check inter 500ms fall 3 rise 1 observe layer4 error-limit 1 on-error mark-down
    http-response set-header X-Served-By %[srv_name]
{servers}
"""
        self.config = tempfile.NamedTemporaryFile("w", prefix="cluster-haproxy-", suffix=".cfg")  # noqa: SIM115
        self.config.write(config)
        self.config.flush()
        self.log = tempfile.NamedTemporaryFile(prefix="cluster-haproxy-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["haproxy", "-db", "-f", self.config.name],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection((HOST, self.port), 1):
                break
            time.sleep(0.1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.config.close()
        self.log.close()

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def retried(self) -> list[str]:
        """Log lines of requests that were retried or redispatched, or got a 5xx, and of
        instances going down or up."""
        lines = []
        for line in self.output().splitlines():
            # httplog: ... status bytes cookies cookies flags conns/.../retries queues "request"
            found = re.search(r" (-?\d+) \d+ \S+ \S+ \S{4} \d+/\d+/\d+/\d+/(\+?\d+) \d+/\d+ ", line)
            failed = found and (not found[1].startswith(("2", "3", "4")) or found[2] != "0")
            if failed or "Server web/" in line or "no server available" in line:
                lines.append(line)
        return lines


class FormParser(html.parser.HTMLParser):
    """The fields a browser would send back from the form with id `form_id`."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside = form_id, False
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a: dict[str, str] = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in self.fields:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name", "")
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data) -> None:
        if self._textarea:
            self.fields[self._textarea] += data.removeprefix("\n")


def form_fields(page: str, form_id: str) -> dict:
    parser = FormParser(form_id)
    parser.feed(page)
    return parser.fields


# --- a browser ------------------------------------------------------------------------------


@dataclass
class Stats:
    """Every request the shoppers sent through the load balancer, during the restart or not."""

    sent: int = 0
    failed: list[str] = field(default_factory=list)
    timings: list[tuple[float, float]] = field(default_factory=list)  # (start, seconds)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, took: float, failure: str | None) -> None:
        with self.lock:
            self.sent += 1
            self.timings.append((started, took))
            if failure:
                self.failed.append(failure)


class Browser:
    """A shopper's browser through the load balancer, from its own address on the loopback
    network (127.0.0.0/8), so HAProxy's X-Forwarded-For tells the shop who is asking. Keeps
    cookies itself (they are Secure: the shop is HTTPS behind the proxy) and sends the Origin
    and Referer a browser would, so CSRF checks pass as they would for a real browser."""

    def __init__(self, port: int, address: str = "127.0.0.1", stats: Stats | None = None):
        self.origin = f"https://{HOST}:{port}"
        self.http = httpx.Client(
            base_url=f"http://{HOST}:{port}",
            transport=httpx.HTTPTransport(local_address=address),
            follow_redirects=False,
            timeout=60,
            headers={"Accept-Language": "uk"},
        )
        self.cookies: dict[str, str] = {}
        self.stats = stats
        self.served_by: list[str] = []

    def request(self, method: str, path: str, expect=(200, 302), **kwargs) -> httpx.Response:
        headers = {"Referer": self.origin + path}
        if method == "POST":
            headers["Origin"] = self.origin
            if "csrftoken" not in self.cookies:
                self.request("GET", "/accounts/login/")
            kwargs["data"] = {"csrfmiddlewaretoken": self.cookies["csrftoken"]} | kwargs.get(
                "data", {}
            )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        failure = None
        try:
            response = self.http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            failure = f"{method} {path}: {error!r}"
            raise
        else:
            if response.status_code not in expect:
                failure = f"{method} {path}: {response.status_code}"
            for header in response.headers.get_list("set-cookie"):
                cookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            self.served_by.append(response.headers.get("x-served-by", "?"))
            return response
        finally:
            if self.stats is not None:
                self.stats.record(started, time.monotonic() - started, failure)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> httpx.Response:
        return self.request("POST", path, data=data, **kwargs)

    def log_in(self, email: str, password: str, path: str = "/accounts/login/") -> int:
        return self.post(path, {"username": email, "password": password}, expect=(302,)).status_code

    def checkout(self, product_id: int, email: str) -> str | None:
        """Cart, details, delivery, review, place a cash-on-delivery order: its number."""
        self.post(f"/cart/add/{product_id}/", {"quantity": "1"})
        self.post("/checkout/", {**ADDRESS, "email": email})
        self.post("/checkout/delivery/", {"method": "standard"})
        review = self.get("/checkout/review/").text
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', review))
        hidden.pop("csrfmiddlewaretoken", None)
        placed = self.post("/checkout/review/", {**hidden, "payment_method": "cod"})
        found = re.search(r"/orders/(SS-\d{4}-[A-Z0-9]+)/", placed.headers.get("location", ""))
        return found[1] if found else None

    def close(self) -> None:
        self.http.close()


# --- the checks -----------------------------------------------------------------------------


class Cluster:
    def __init__(self, env: dict, start: str, sink: SmtpSink) -> None:
        self.sink = sink
        self.s3 = S3Server()
        self.env = env | self.s3.env()
        self.start_command = start
        self.instances = [Instance(name, self.env, start) for name in ("web-a", "web-b")]
        self.workers: list[subprocess.Popen] = []
        self.balancer: Balancer | None = None

    def db(self, sql: str, *args) -> list[tuple]:
        with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
            cursor = connection.execute(sql, args)
            return cursor.fetchall() if cursor.description else []

    def worker(self) -> subprocess.Popen:
        process = subprocess.Popen(
            ["python", "manage.py", "db_worker"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(process)
        return process

    def browser(self, address: str = "127.0.0.1", stats: Stats | None = None) -> Browser:
        if self.balancer is None:
            raise RuntimeError("the load balancer is not running")
        return Browser(self.balancer.port, address, stats)

    def close(self) -> None:
        if self.balancer is not None:
            self.balancer.close()
        for process in self.workers:
            if process.poll() is None:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
        for instance in self.instances:
            instance.close()
        self.s3.stop()


def product(cluster: Cluster) -> tuple[int, str]:
    [(pk, slug)] = cluster.db(
        "SELECT id, slug FROM shop_product WHERE is_active ORDER BY id LIMIT 1"
    )
    return pk, slug


def check_sessions(cluster: Cluster) -> None:
    section("A shopper's session, cart, log-in and checkout across both instances")
    pk, slug = product(cluster)
    newcomer = cluster.browser("127.0.0.10")
    form = {"email": SHOPPER_EMAIL, "password1": PASSWORD, "password2": PASSWORD}
    check(newcomer.post("/accounts/signup/", form).status_code == 302, "a shopper signs up")
    newcomer.close()
    shopper = cluster.browser("127.0.0.11")
    shopper.get(f"/products/{slug}/")
    shopper.post(f"/cart/add/{pk}/", {"quantity": "2"})
    cart = shopper.get("/cart/").text
    check(f'href="/products/{slug}/"' in cart, "the cart, read by the next instance, has it")
    check(shopper.log_in(SHOPPER_EMAIL, PASSWORD) == 302, "log-in accepted")
    cart = shopper.get("/cart/").text
    check(f'href="/products/{slug}/"' in cart, "the cart survives the log-in")
    number = shopper.checkout(pk, SHOPPER_EMAIL)
    check(number is not None, "checkout places an order")
    if number:
        page = shopper.get(f"/orders/{number}/")
        check(page.status_code == 200 and number in page.text, "the order page is the owner's")
        mine = shopper.get("/orders/").text
        check(number in mine, "it is listed in the account's orders")
    served = set(shopper.served_by)
    alternating = all(a != b for a, b in itertools.pairwise(shopper.served_by))
    check(
        served == {"web-a", "web-b"} and alternating,
        f"requests alternated between the instances ({len(shopper.served_by)} requests)",
        " ".join(shopper.served_by),
    )
    shopper.close()


def check_limits(cluster: Cluster) -> None:
    section("Rate limits and log-in lock-outs: one count for the cluster")
    # "Find my order": 3 requests an hour per e-mail address typed (settings.RATE_LIMITS).
    asker = cluster.browser("127.0.0.21")
    statuses = [
        asker.post(
            "/orders/find/",
            {"number": "SS-2026-NOSUCH", "email": "limit@cluster.local"},
            expect=(302, 429),
        ).status_code
        for _ in range(6)
    ]
    check(
        statuses == [302, 302, 302, 429, 429, 429],
        "3 find-my-order requests per address, then 429, whichever instance answers",
        str(statuses),
    )
    check(set(asker.served_by) == {"web-a", "web-b"}, "both instances counted")
    # Log-in lock-out (django-axes): 10 failures from one client lock it out.
    attacker = cluster.browser("127.0.0.31")
    wrong = [
        attacker.post(
            "/accounts/login/",
            {"username": f"nobody{n}@cluster.local", "password": "wrong"},
            expect=(200, 429),
        ).status_code
        for n in range(11)
    ]
    check(
        wrong == [200] * 9 + [429] * 2,
        "the 10th failed log-in from one client locks it out (429), whichever instance",
        str(wrong),
    )
    right = attacker.post(
        "/accounts/login/", {"username": SHOPPER_EMAIL, "password": PASSWORD}, expect=(429,)
    )
    check(right.status_code == 429, "even with the right password, on either instance")
    # Another client (another X-Forwarded-For address) is not locked out.
    other = cluster.browser("127.0.0.32")
    check(other.log_in(SHOPPER_EMAIL, PASSWORD) == 302, "another client logs in (X-Forwarded-For)")
    for browser in (asker, attacker, other):
        browser.close()


# Staff give a second factor where the project asks for one (django-otp): an authenticator app
# with this key, made for the admin at set-up (STAFF_SECOND_FACTOR).
TOTP_KEY = secrets.token_hex(20)
STAFF_SECOND_FACTOR = f"""
from django.conf import settings
if "django_otp.plugins.otp_totp" in settings.INSTALLED_APPS:
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from accounts.models import User
    staff = User.objects.get(email="{ADMIN_EMAIL}")
    TOTPDevice.objects.create(user=staff, name="cluster", confirmed=True, key="{TOTP_KEY}")
"""


def admin(cluster: Cluster) -> Browser:
    """Staff sign in as a browser would: the password on the admin's log-in page, then, where
    the project asks for a second factor, the code page the redirects lead to. Ends verified on
    the admin's index (200), or fails here, saying where the redirects went."""
    staff = cluster.browser("127.0.0.41")
    staff.get("/admin/login/")
    answer = staff.post(
        "/admin/login/?next=/admin/", {"username": ADMIN_EMAIL, "password": PASSWORD}
    )
    trail = [f"POST /admin/login/ → {answer.status_code} {location(answer)}"]
    coded = False
    for _ in range(5):  # the password's redirect, then /admin/ → the code page, at most
        where = location(answer)
        if answer.status_code != 302 or not where:
            break
        if "/two-factor/verify/" in where and not coded:
            # django-otp: installed only where the project asks for a second factor.
            totp = importlib.import_module("django_otp.oath").totp
            code = f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
            answer = staff.post(where, {"otp_code": code, "next": "/admin/"})
            coded = True
            trail.append(f"POST {where} (code) → {answer.status_code} {location(answer)}")
        else:
            answer = staff.get(where)
            trail.append(f"GET {where} → {answer.status_code} {location(answer)}")
    index = staff.get("/admin/")
    trail.append(f"GET /admin/ → {index.status_code} {location(index)}")
    check(
        index.status_code == 200,
        "staff log in to the admin through the load balancer (second factor included)",
        "; ".join(trail),
    )
    return staff


def location(response: httpx.Response) -> str:
    return response.headers.get("location", "")


def admin_change(staff: Browser, pk: int, what: str, **changes) -> httpx.Response | None:
    """Open a product's change form and save it with `changes` (and `files`), as the admin page
    would. The form must open (200) and the save must end on the product list (the admin's
    redirect after a save): any other redirect (log-in, second factor, sudo) or a page with
    errors fails, saying which."""
    files = changes.pop("files", None)
    change = f"/admin/shop/product/{pk}/change/"
    page = staff.get(change)
    if not check(
        page.status_code == 200,
        f"the product's change form opens through {page.headers.get('x-served-by')}",
        f"GET {change} → {page.status_code} {location(page)}",
    ):
        return None
    form = form_fields(page.text, "product_form")
    form.pop("csrfmiddlewaretoken", None)
    saved = staff.post(change, form | changes, files=files, expect=(302,))
    where = location(saved)
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
    check(
        saved.status_code == 302 and urlsplit(where).path == "/admin/shop/product/",
        f"{what} through {saved.headers.get('x-served-by')}",
        f"POST {change} → {saved.status_code} {where or ''}"
        + (f" errors: {[re.sub(r'<[^>]+>', ' ', e).strip() for e in errors]}" if errors else "")
        + ("" if where else " (a save redirects to /admin/shop/product/)"),
    )
    return saved


def check_fresh_prices(cluster: Cluster, staff: Browser) -> None:
    section("A price and stock change through one instance, on both instances' cached pages")
    pk, slug = product(cluster)
    viewer = cluster.browser("127.0.0.51")
    for _ in range(4):  # both instances render and cache the page
        viewer.get(f"/products/{slug}/")
    admin_change(staff, pk, "saved", price="777.77", stock="4321")
    seen = {}
    for _ in range(4):
        page = viewer.get(f"/products/{slug}/")
        seen[page.headers.get("x-served-by")] = bool(re.search(r"777[.,]77", page.text))
    check(seen == {"web-a": True, "web-b": True}, "the new price on both, at once", str(seen))
    viewer.close()


def check_pictures(cluster: Cluster, staff: Browser) -> tuple[str, bytes] | None:
    section("A picture uploaded through one instance, served through the other")
    pk, slug = product(cluster)
    picture = (ROOT / "static" / "img" / "og-default.png").read_bytes()
    files = {"image": ("kettle.png", picture, "image/png")}
    saved = admin_change(staff, pk, "uploaded in the admin", files=files)
    uploader = saved.headers.get("x-served-by") if saved is not None else None
    check(len(cluster.s3.keys()) == 1, "the picture is in the bucket", str(cluster.s3.keys()))
    local = [p for i in cluster.instances for p in i.media.rglob("*") if p.is_file()]
    check(not local, "and on no instance's own disk", str(local))
    src = picture_served(cluster, slug, picture, f"uploaded through {uploader}", avoid=uploader)
    return (src, picture) if src else None


def picture_served(
    cluster: Cluster, slug: str, picture: bytes, what: str, avoid: str | None = None
) -> str | None:
    viewer = cluster.browser("127.0.0.52")
    for _ in range(2):
        page = viewer.get(f"/products/{slug}/")
        if page.headers.get("x-served-by") != avoid:
            break
    what = f"{what}, page from {page.headers.get('x-served-by')}"
    found = re.search(r'<img src="(http[^"]+)"', page.text)
    src = found[1] if found else ""
    policy = page.headers.get("content-security-policy", "")
    fetched = httpx.get(src, timeout=10) if src else None
    check(
        bool(src)
        and src.startswith(cluster.s3.endpoint)
        and fetched is not None
        and fetched.status_code == 200
        and fetched.content == picture,
        f"the product page links to the bucket and the picture loads, {what}",
        f"src={src} status={fetched and fetched.status_code}",
    )
    check(cluster.s3.endpoint in policy, "the page's Content-Security-Policy allows the bucket")
    viewer.close()
    return src or None


@dataclass
class Load:
    """Shoppers placing cash-on-delivery orders in a loop until told to stop (or `limit`)."""

    cluster: Cluster
    product_id: int
    stats: Stats = field(default_factory=Stats)
    placed: dict[str, str] = field(default_factory=dict)  # e-mail → order number
    attempted: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    limit: int = 400

    def shopper(self, n: int) -> None:
        i = 0
        while not self.stop.is_set() and len(self.attempted) < self.limit:
            email = f"load{n}-{i}@cluster.local"
            i += 1
            self.attempted.append(email)
            browser = self.cluster.browser(f"127.0.1.{n + 1}", self.stats)
            # A failed request is already counted in the stats; the shopper gives up.
            with contextlib.suppress(httpx.HTTPError, KeyError):
                number = browser.checkout(self.product_id, email)
                if number:
                    self.placed[email] = number
            browser.close()

    def run(self, during) -> tuple[float, float]:
        """Shoppers start, `during()` runs under their load; the window it took."""
        threads = [threading.Thread(target=self.shopper, args=(n,)) for n in range(SHOPPERS)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # steady load first
        started = time.monotonic()
        try:
            during()
        finally:
            ended = time.monotonic()
            time.sleep(2)
            self.stop.set()
            for thread in threads:
                thread.join(timeout=120)
        return started, ended


def serving(cluster: Cluster, name: str, seconds: float = 20) -> bool:
    """Whether the load balancer sends requests to instance `name` again within `seconds`."""
    probe = cluster.browser("127.0.0.61")
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if probe.get("/healthz").headers.get("x-served-by") == name:
                    return True
            time.sleep(0.2)
        return False
    finally:
        probe.close()


def check_rolling_restart(cluster: Cluster) -> dict:
    section(f"Rolling restart under load ({SHOPPERS} shoppers placing orders, two db_workers)")
    pk, _ = product(cluster)
    load = Load(cluster, pk)
    restarts: list[str] = []

    def rolling() -> None:
        for instance in cluster.instances:
            took, code = instance.stop()
            restarts.append(f"{instance.name} stopped in {took:.1f} s (exit {code})")
            up = instance.start()
            # Render moves on once the new instance passes its health check: here, once the
            # load balancer sends it requests again.
            back = up and serving(cluster, instance.name)
            restarts.append(f"{instance.name} up again: {up}, taking requests: {back}")
            time.sleep(2)  # warmed up by the load before the next instance goes

    started, ended = load.run(rolling)
    for line in restarts:
        print(f"       {line}")
    during = sorted(t for s, t in load.stats.timings if started <= s <= ended)
    p95 = statistics.quantiles(during, n=20)[-1] if len(during) >= 20 else max(during or [0])
    numbers = {
        "requests sent": load.stats.sent,
        "requests during the restart": len(during),
        "failed": len(load.stats.failed),
        "p95 during the restart (s)": round(p95, 3),
        "orders placed": len(load.placed),
    }
    check(
        load.stats.sent > 0 and not load.stats.failed,
        "0 failed requests",
        "; ".join(load.stats.failed[:5]),
    )
    check(
        len(load.attempted) == len(load.placed),
        "every shopper's order was placed",
        f"{len(load.attempted)} attempted, {len(load.placed)} placed",
    )
    rows = cluster.db(
        "SELECT email, count(*) FROM shop_order WHERE email LIKE 'load%%' GROUP BY email"
    )
    in_db = dict(rows)
    duplicates = {e: c for e, c in in_db.items() if c != 1}
    lost = [e for e in load.placed if e not in in_db]
    unseen = [e for e in in_db if e not in load.placed]
    check(not duplicates, "0 duplicate orders", str(duplicates))
    check(
        not lost and not unseen,
        "0 lost orders (the database has exactly the confirmed ones)",
        f"lost {lost} unconfirmed {unseen}",
    )
    deadline = time.monotonic() + 90
    counts: dict[str, int] = {}
    while time.monotonic() < deadline:
        subjects = cluster.sink.subjects()
        counts = {n: sum(n in s for s in subjects) for n in load.placed.values()}
        if all(counts.values()):
            break
        time.sleep(0.5)
    time.sleep(1)  # a duplicate sent late would show now
    subjects = cluster.sink.subjects()
    counts = {n: sum(n in s for s in subjects) for n in load.placed.values()}
    check(
        bool(counts) and set(counts.values()) == {1},
        f"each confirmation e-mail sent once ({len(counts)} orders, two db_workers)",
        str({n: c for n, c in counts.items() if c != 1}),
    )
    return numbers


class Hanging:
    """A Sentry ingest that accepts connections and never answers."""

    def __init__(self) -> None:
        self.server = socket.create_server((HOST, 0))
        self.port = self.server.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                self.held.append(self.server.accept()[0])

    def close(self) -> None:
        for connection in self.held:
            connection.close()
        self.server.close()


def check_sigterm(cluster: Cluster, env: dict) -> dict:
    section(
        f"SIGTERM while Sentry's ingest hangs or refuses: each stops within {SIGTERM_LIMIT:g} s"
    )
    hanging = Hanging()
    seconds = {}
    instances = {
        what: Instance(
            f"sentry-{what}",
            env | {"SENTRY_DSN": f"http://key@{HOST}:{port}/1", "SENTRY_TRACES_SAMPLE_RATE": "1.0"},
            cluster.start_command,
        )
        for what, port in (("hanging", hanging.port), ("refusing", free_port()))
    }
    for instance in instances.values():
        cluster.instances.append(instance)  # closed with the cluster
        instance.launch()  # both boot at once
    for what, instance in instances.items():
        started_up = instance.up()
        process = instance.process
        if not check(started_up, f"an instance with Sentry {what} starts") or process is None:
            continue
        # Every request is traced: each worker's Sentry queue has envelopes to send.
        for _ in range(6):
            smoke.get(instance.port, "/")
        # A request in flight when SIGTERM arrives: its request line sent, its headers not done.
        connection = socket.create_connection((HOST, instance.port), timeout=15)
        connection.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n".encode())
        time.sleep(0.3)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        connection.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := connection.recv(65536):
                answer += chunk
        connection.close()
        try:
            code = process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            code = None
        took = time.monotonic() - started
        seconds[what] = round(took, 1)
        check(
            answer.startswith(b"HTTP/1.1 200"),
            "the request in flight is answered (200)",
            answer[:40].decode(errors="replace"),
        )
        check(
            code == 0 and took <= SIGTERM_LIMIT,
            f"gunicorn and its workers exited in {took:.1f} s (exit {code})",
        )
    hanging.close()
    return seconds


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    if shutil.which("haproxy") is None:
        print("HAProxy is not installed: apt-get install -y haproxy (.ci/run does).")
        return 1
    blueprint = yaml.safe_load((ROOT / "render.yaml").read_text())
    web = smoke.web_service(blueprint)
    receiver = smoke.Receiver()
    sink = SmtpSink()
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
    env |= {
        "PATH": f"{smoke.VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": "2",
        # One proxy in front (HAProxy); the client is the address it appends.
        "TRUSTED_PROXY_COUNT": "1",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": sink.url,
        "SENTRY_DSN": f"http://cluster@{HOST}:{receiver.port}/1",
        "SENTRY_ENVIRONMENT": "cluster",
        "DJANGO_SUPERUSER_EMAIL": ADMIN_EMAIL,
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    staticfiles = ROOT / "staticfiles"
    had_staticfiles = staticfiles.exists()
    cluster = None
    numbers: dict = {}
    print(f"Two web instances behind HAProxy, database {DATABASE}, Redis {REDIS_URL}")
    try:
        section("Shared services: PostgreSQL, Redis, the S3 server, the SMTP sink")
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        redis.Redis.from_url(REDIS_URL).flushdb()
        cluster = Cluster(env, web["startCommand"], sink)
        env = cluster.env
        check(True, f"moto's S3 server at {cluster.s3.endpoint}, bucket {cluster.s3.bucket}")
        # The build's collectstatic alongside preDeploy's migrate and the demo data.
        built: list[bool] = []
        build = threading.Thread(
            target=lambda: built.append(
                run("python manage.py collectstatic --noinput", env, "build")
            )
        )
        build.start()
        migrated = run(web["preDeployCommand"], env, "pre-deploy") and run(
            "python manage.py seed_demo", env, "demo data"
        )
        build.join()
        if not (migrated and all(built)):
            return 1
        with tempfile.NamedTemporaryFile("w", suffix=".py") as code:
            code.write(STAFF_SECOND_FACTOR)
            code.flush()
            run(f"python manage.py shell < {code.name}", env, "staff second factor, if any")
        cluster.db("UPDATE shop_product SET stock = 100000")

        section("Start: two instances, two db_workers, HAProxy")
        for instance in cluster.instances:
            check(instance.start(), f"{instance.name} answers on {HOST}:{instance.port}")
        cluster.worker()
        cluster.worker()
        cluster.balancer = Balancer(cluster.instances)
        check(cluster.balancer.process.poll() is None, f"HAProxy on {HOST}:{cluster.balancer.port}")
        time.sleep(1)  # both pass their first health checks

        phases = {"set-up": time.monotonic() - started}
        check_sessions(cluster)
        check_limits(cluster)
        staff = admin(cluster)
        check_fresh_prices(cluster, staff)
        result = check_pictures(cluster, staff)
        staff.close()
        phases["sessions, limits, prices, pictures"] = time.monotonic() - started
        numbers = check_rolling_restart(cluster)
        phases["rolling restart"] = time.monotonic() - started
        if result:
            section("The picture after both instances restarted")
            _, slug = product(cluster)
            picture_served(cluster, slug, result[1], "after the rolling restart")
        sigterm = check_sigterm(cluster, env)
        numbers |= {f"SIGTERM seconds, Sentry {k}": v for k, v in sigterm.items()}
        phases["SIGTERM checks"] = time.monotonic() - started
        numbers |= {f"elapsed (s) after {k}": round(v) for k, v in phases.items()}
        return 1 if smoke.failures else 0
    except Exception as error:  # a broken step is a failed check, never a traceback only
        check(False, "the cluster ran to the end", repr(error))
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if cluster is not None:
            if cluster.balancer is not None:
                lines = cluster.balancer.retried()
                numbers["requests HAProxy retried or redispatched"] = len(lines)
                if smoke.failures:
                    print("\n--- HAProxy: requests retried, redispatched or failed")
                    print("\n".join(lines[-40:]))
            if smoke.failures:
                for instance in cluster.instances:
                    print(f"\n--- {instance.name} output (last 30 lines)")
                    print("\n".join(instance.output().splitlines()[-30:]))
            cluster.close()
        receiver.stop()
        sink.stop()
        if not had_staticfiles:
            shutil.rmtree(staticfiles, ignore_errors=True)
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if numbers:
            print("\n--- Measured")
            for name, value in numbers.items():
                print(f"  {name}: {value}")
        print(f"  wall time: {time.monotonic() - started:.0f} s")
        print(
            f"\n{len(smoke.failures)} check(s) failed." if smoke.failures else "\nCluster passed."
        )


if __name__ == "__main__":
    sys.exit(main())
